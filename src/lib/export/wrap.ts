/**
 * Wrapping the export's caption to the image width. The width of text is estimated from a
 * table of character widths, not measured in the browser, so the same caption wraps the same
 * way everywhere (and in tests). The table errs wide (DejaVu Sans, the widest of the usual
 * sans-serif fonts, and more for symbols), so a line that fits here fits on the image.
 */

// Widths in em, by character class.
const SPACE = 0.32;
const NARROW = 0.42;
const DIGIT = 0.64;
const LOWER = 0.62;
const UPPER = 0.78;
const OPERATOR = 0.84;
const WIDE = 1.0;
// Other Greek letters, sub- and superscripts, anything the table does not name.
const OTHER = 0.9;

function charWidth(c: string): number {
	if (c === ' ') return SPACE;
	if (/[il.,:;'|!()[\]{}·/]/.test(c)) return NARROW;
	if (/[0-9]/.test(c)) return DIGIT;
	if (/[mwMW]/.test(c)) return WIDE;
	if (/[a-z∂σŷ]/.test(c)) return LOWER;
	if (/[A-Z]/.test(c)) return UPPER;
	if (/[=+\u2212×<>±*^-]/.test(c)) return OPERATOR;
	return OTHER;
}

/** The estimated width of `text` at `fontSize` (same units as the size). */
export function textWidth(text: string, fontSize: number): number {
	let em = 0;
	for (const c of text) em += charWidth(c);
	return em * fontSize;
}

/**
 * `text` broken into lines no wider than `maxWidth`, at spaces, preferring spaces outside
 * parentheses so that h(1 − h) stays on one line; a word wider than a whole line is broken
 * between characters. Joining the lines with spaces gives the text back (with one space where
 * it had several) unless a word had to be broken.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
	const fits = (s: string) => textWidth(s, fontSize) <= maxWidth;
	const lines: string[] = [];
	let line = '';
	const place = (unit: string, whole: boolean) => {
		const joined = line === '' ? unit : `${line} ${unit}`;
		if (fits(joined)) {
			line = joined;
		} else if (fits(unit)) {
			lines.push(line);
			line = unit;
		} else if (whole) {
			// A bracketed group too wide for any line: its words fill the line as plain words.
			for (const word of unit.split(' ')) place(word, false);
		} else {
			if (line !== '') lines.push(line);
			line = '';
			for (const piece of breakWord(unit, maxWidth, fontSize)) {
				if (line !== '') lines.push(line);
				line = piece;
			}
		}
	};
	for (const group of groups(text)) place(group, true);
	if (line !== '') lines.push(line);
	return lines;
}

/** The text split at the spaces outside parentheses, runs of spaces dropped. */
function groups(text: string): string[] {
	const out: string[] = [];
	let depth = 0;
	let group = '';
	for (const c of text) {
		if (c === '(' || c === '[') depth++;
		if ((c === ')' || c === ']') && depth > 0) depth--;
		if (c === ' ' && (depth === 0 || group.endsWith(' '))) {
			if (depth === 0 && group !== '') out.push(group);
			if (depth === 0) group = '';
			continue;
		}
		group += c;
	}
	if (group.trim() !== '') out.push(group.trim());
	return out;
}

/** A word in pieces that each fit, at least one character each. */
function breakWord(word: string, maxWidth: number, fontSize: number): string[] {
	const pieces: string[] = [];
	let piece = '';
	for (const c of word) {
		if (piece !== '' && textWidth(piece + c, fontSize) > maxWidth) {
			pieces.push(piece);
			piece = '';
		}
		piece += c;
	}
	pieces.push(piece);
	return pieces;
}

export const CAPTION_LINE_HEIGHT = 1.5;

/** Where the caption's lines go under a graph: baselines from its top, and the height it takes. */
export interface CaptionLayout {
	lines: { text: string; x: number; y: number }[];
	height: number;
}

/**
 * The caption's paragraphs wrapped to `width` with a margin of one font size on each side, one
 * line after another, half a line between paragraphs, and one font size below the last line.
 */
export function layoutCaption(
	paragraphs: readonly string[],
	width: number,
	fontSize: number
): CaptionLayout {
	const step = fontSize * CAPTION_LINE_HEIGHT;
	const lines: CaptionLayout['lines'] = [];
	let y = 0;
	const wrapped = paragraphs
		.map((p) => wrapText(p, width - 2 * fontSize, fontSize))
		.filter((texts) => texts.length > 0);
	wrapped.forEach((texts, i) => {
		if (i > 0) y += step / 2;
		for (const text of texts) {
			y += step;
			lines.push({ text, x: fontSize, y });
		}
	});
	return { lines, height: lines.length > 0 ? y + fontSize : 0 };
}
