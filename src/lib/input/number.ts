/**
 * Reading a number someone typed. Lookalikes (− U+2212, full-width digits, a decimal comma)
 * are read as what they mean; anything else that is not a finite number is refused with a
 * short reason.
 */
export type NumberReading =
	{ ok: true; value: number; clamped: boolean; note?: string } | { ok: false; message: string };

const FULL_WIDTH_ZERO = 0xff10;

export function normalizeNumberText(text: string): string {
	return text
		.trim()
		.replace(/[\uff10-\uff19]/g, (d) => String(d.charCodeAt(0) - FULL_WIDTH_ZERO))
		.replace(/[\u2212\u2013\u2012\ufe63\uff0d]/g, '-')
		.replace(/\uff0e/g, '.')
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

function shorten(text: string): string {
	const t = text.trim();
	return t.length > 16 ? `${t.slice(0, 15)}…` : t;
}
