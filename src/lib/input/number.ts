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
	const limited = clampToRange(value, { min, max });
	return limited.note
		? { ok: true, value: limited.value, clamped: true, note: limited.note }
		: { ok: true, value: value === 0 ? 0 : value, clamped: false };
}

/**
 * Limits: one rule wherever a value comes from.
 * - A graph's own starting value is always allowed: a slider's range is ±3, grown to the next
 *   whole number when the starting value lies beyond (`x = 10` gives −10 to 10). See `sliderRange`.
 * - Any other value (typed into a field, read from a link) that lies outside the range is
 *   clamped to the nearer end, and the note says so (`clampToRange`): never silently, never
 *   dropped. A value that is not a finite number is refused, with its reason.
 */
export const SLIDER_REACH = 3;

export interface Range {
	min: number;
	max: number;
}

/** The slider range of a value that starts at `initial`. */
export function sliderRange(initial: number): Range {
	const reach = Number.isFinite(initial)
		? Math.max(SLIDER_REACH, Math.ceil(Math.abs(initial)))
		: SLIDER_REACH;
	return { min: -reach, max: reach };
}

/** `x` brought into `range`; `note` says what happened when it had to be moved. */
export function clampToRange(x: number, range: Range): { value: number; note?: string } {
	if (x < range.min)
		return { value: range.min, note: `Clamped to ${range.min} (the lowest allowed).` };
	if (x > range.max)
		return { value: range.max, note: `Clamped to ${range.max} (the highest allowed).` };
	return { value: x };
}

// The message quotes what was typed: whole characters, invisible marks left out, anything else
// unprintable as '?'.
function shorten(text: string): string {
	const chars = [...text.replace(INVISIBLE, '').trim()].map((c) =>
		/[\p{L}\p{N}\p{P}\p{S} ]/u.test(c) ? c : '?'
	);
	return chars.length > 16 ? `${chars.slice(0, 15).join('')}…` : chars.join('');
}
