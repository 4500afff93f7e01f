/**
 * Reading a number someone typed. Lookalikes (− U+2212, full-width digits, other scripts'
 * digits, a decimal comma, invisible marks pasted along) are read as what they mean; anything
 * else that is not a finite number is refused with a short reason.
 */
export type NumberReading =
	{ ok: true; value: number; clamped: boolean; note?: string } | { ok: false; message: string };

// Zero-width characters and direction marks come along when a number is copied from a web page.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\u061c\ufeff]/g;

/** The value of a decimal digit of any script: Unicode encodes each script's 0–9 in a row. */
function digitValue(digit: string): number {
	const cp = digit.codePointAt(0)!;
	let zero = cp;
	while (/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
	return (cp - zero) % 10;
}

export function normalizeNumberText(text: string): string {
	return text
		.replace(INVISIBLE, '')
		.trim()
		.replace(/(?![0-9])\p{Nd}/gu, (d) => String(digitValue(d)))
		.replace(/[\u2212\u2013\u2012\ufe63\uff0d]/g, '-')
		.replace(/\uff0b/g, '+')
		.replace(/[\uff0e\u066b]/g, '.')
		.replace(/^([+-]?\d*),(\d+)$/, '$1.$2');
}

/** True while the text may still become a number by typing more ("", "-", "0.", "1e"). */
export function isNumberPrefix(text: string): boolean {
	return /^[+-]?(\d+\.?\d*|\.\d*)?([eE][+-]?\d*)?$/.test(normalizeNumberText(text));
}

export function readNumber(text: string, min: number, max: number): NumberReading {
	const t = normalizeNumberText(text);
	if (t === '') return { ok: false, message: 'Enter a number.' };
	if (t.length > 40) return { ok: false, message: 'That is too long to be a number.' };
	if (/^[+-]?(inf(inity)?|∞)$/i.test(t)) return { ok: false, message: 'Enter a finite number.' };
	if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
		return { ok: false, message: `“${shorten(text)}” is not a number.` };
	}
	const value = Number(t);
	if (!Number.isFinite(value)) return { ok: false, message: 'That number is too large.' };
	if (value < min)
		return { ok: true, value: min, clamped: true, note: `Clamped to ${min} (the lowest allowed).` };
	if (value > max)
		return {
			ok: true,
			value: max,
			clamped: true,
			note: `Clamped to ${max} (the highest allowed).`
		};
	return { ok: true, value: value === 0 ? 0 : value, clamped: false };
}

// The message quotes what was typed: whole characters, invisible marks left out, anything else
// unprintable as '?'.
function shorten(text: string): string {
	const chars = [...text.replace(INVISIBLE, '').trim()].map((c) =>
		/[\p{L}\p{N}\p{P}\p{S} ]/u.test(c) ? c : '?'
	);
	return chars.length > 16 ? `${chars.slice(0, 15).join('')}…` : chars.join('');
}
