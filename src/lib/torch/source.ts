/**
 * Positions in the program text. Everything inside the tokenizer, parser and interpreter works
 * with character offsets; a message is turned into a 1-based line and column only at the end.
 */

/** A problem found in the program, thrown inside this module and caught by runProgram. */
export class Problem {
	constructor(
		readonly message: string,
		/** offset of the place it is about, in the program text */
		readonly offset: number
	) {}
}

export interface Position {
	line: number;
	column: number;
}

export class SourceText {
	private readonly lineStarts: number[] = [0];

	constructor(readonly text: string) {
		for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
	}

	position(offset: number): Position {
		const at = Math.max(0, Math.min(offset, this.text.length));
		let lo = 0;
		let hi = this.lineStarts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (this.lineStarts[mid] <= at) lo = mid;
			else hi = mid - 1;
		}
		return { line: lo + 1, column: at - this.lineStarts[lo] + 1 };
	}

	line(offset: number): number {
		return this.position(offset).line;
	}
}

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}]|(?![ ])\p{Zs}/u;
const NON_PRINTABLE_ALL = new RegExp(NON_PRINTABLE.source, 'gu');

/** Whether a character is invisible or a control (shown as its code point in messages). */
export function isNonPrintable(char: string): boolean {
	return NON_PRINTABLE.test(char);
}

/** User text as a message quotes it: invisible characters as \uXXXX, at most `max` characters. */
export function shown(text: string, max = 40): string {
	const visible = text.replace(
		NON_PRINTABLE_ALL,
		(c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`
	);
	const chars = Array.from(visible);
	return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : visible;
}
