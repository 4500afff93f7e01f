import { Problem, isNonPrintable } from './source';

/**
 * Python's tokenizer, for the subset: names, numbers (ints as bigint), strings (their body kept
 * raw for the parser to cook or to split into f-string parts), operators, and the logical-line
 * structure (NEWLINE, INDENT, DEDENT) with Python's implicit joining inside brackets and
 * backslash continuation. Problems are thrown as `Problem` with Python's own wording.
 */

export type TokenKind =
	| 'name'
	| 'int'
	| 'float'
	| 'imaginary'
	| 'string'
	| 'op'
	| 'newline'
	| 'indent'
	| 'dedent'
	| 'end';

export interface Token {
	kind: TokenKind;
	/** the source text (a name is NFKC-normalized, as Python does) */
	text: string;
	start: number;
	end: number;
	/** for 'int' */
	int?: bigint;
	/** for 'float' */
	float?: number;
	/** for 'string' */
	string?: StringToken;
}

export interface StringToken {
	/** lower-case prefix letters: '', 'f', 'r', 'rf', 'b', 'u' ... */
	prefix: string;
	quote: string;
	/** the text between the quotes, escapes not yet processed */
	body: string;
	/** offset of body[0] in the program */
	bodyStart: number;
}

export const KEYWORDS = new Set([
	'False',
	'None',
	'True',
	'and',
	'as',
	'assert',
	'async',
	'await',
	'break',
	'class',
	'continue',
	'def',
	'del',
	'elif',
	'else',
	'except',
	'finally',
	'for',
	'from',
	'global',
	'if',
	'import',
	'in',
	'is',
	'lambda',
	'nonlocal',
	'not',
	'or',
	'pass',
	'raise',
	'return',
	'try',
	'while',
	'with',
	'yield'
]);

// Longest first, so `**=` is not read as `**` then `=`.
const OPERATORS = [
	'**=',
	'//=',
	'>>=',
	'<<=',
	'...',
	'->',
	':=',
	'**',
	'//',
	'==',
	'!=',
	'<=',
	'>=',
	'<<',
	'>>',
	'+=',
	'-=',
	'*=',
	'/=',
	'%=',
	'@=',
	'&=',
	'|=',
	'^=',
	'+',
	'-',
	'*',
	'/',
	'%',
	'@',
	'<',
	'>',
	'=',
	'(',
	')',
	'[',
	']',
	'{',
	'}',
	',',
	':',
	'.',
	';',
	'&',
	'|',
	'^',
	'~'
];
const CLOSING: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

// Characters pasted from slides and word processors, with what the learner meant.
const LOOKALIKES: Record<string, string> = {
	'\u2212': '-',
	'\u2013': '-',
	'\u2014': '-',
	'\u00d7': '*',
	'\u00b7': '*',
	'\u22c5': '*',
	'\u2018': "'",
	'\u2019': "'",
	'\u201c': '"',
	'\u201d': '"',
	'\u00a0': ' ',
	'\u3000': ' '
};

const NAME_START = /[\p{ID_Start}_]/u;
const NAME_PART = /[\p{ID_Continue}_]/u;
const NUMBER =
	/^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:\d(?:_?\d)*)?\.\d(?:_?\d)*(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*\.?(?:[eE][+-]?\d(?:_?\d)*)?)/;
const STRING_START = /^([rRbBuUfF]{0,2})('''|"""|'|")/;
const TAB_SIZE = 8;

export function tokenize(source: string): Token[] {
	const tokens: Token[] = [];
	const brackets: { char: string; at: number }[] = [];
	const indents = [0];
	let i = 0;
	let atLineStart = true;

	const push = (kind: TokenKind, start: number, end: number, extra: Partial<Token> = {}) =>
		tokens.push({ kind, text: source.slice(start, end), start, end, ...extra });

	while (i < source.length) {
		if (atLineStart && brackets.length === 0) {
			// Measure the indentation of a line that holds code; blank and comment lines do not count.
			let width = 0;
			let j = i;
			while (j < source.length && (source[j] === ' ' || source[j] === '\t' || source[j] === '\f')) {
				width = source[j] === '\t' ? (Math.floor(width / TAB_SIZE) + 1) * TAB_SIZE : width + 1;
				j++;
			}
			const next = source[j];
			if (j >= source.length || next === '\n' || next === '\r' || next === '#') {
				i = j;
				atLineStart = false;
				continue;
			}
			if (width > indents[indents.length - 1]) {
				indents.push(width);
				push('indent', i, j);
			} else {
				while (width < indents[indents.length - 1]) {
					indents.pop();
					push('dedent', j, j);
				}
				if (width !== indents[indents.length - 1]) {
					throw new Problem('unindent does not match any outer indentation level', j);
				}
			}
			i = j;
			atLineStart = false;
			continue;
		}

		const ch = source[i];
		if (ch === ' ' || ch === '\t' || ch === '\f' || ch === '\r') {
			i++;
		} else if (ch === '#') {
			while (i < source.length && source[i] !== '\n') i++;
		} else if (ch === '\n') {
			const last = tokens[tokens.length - 1];
			if (brackets.length === 0 && last && last.kind !== 'newline') push('newline', i, i + 1);
			i++;
			atLineStart = true;
		} else if (ch === '\\') {
			let j = i + 1;
			if (source[j] === '\r') j++;
			if (source[j] !== '\n' && j < source.length) {
				throw new Problem('unexpected character after line continuation character', i);
			}
			if (j >= source.length) throw new Problem('unexpected end of file after a backslash', i);
			i = j + 1;
		} else if (STRING_START.test(source.slice(i, i + 5)) && isStringStart(source, i)) {
			i = readString(source, i, push);
		} else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
			i = readNumber(source, i, push);
		} else if (NAME_START.test(ch)) {
			let j = i + 1;
			while (j < source.length && NAME_PART.test(source[j])) j++;
			push('name', i, j, { text: source.slice(i, j).normalize('NFKC') });
			i = j;
		} else {
			const op = OPERATORS.find((o) => source.startsWith(o, i));
			if (!op) throw new Problem(invalidCharacter(source, i), i);
			if (op === '(' || op === '[' || op === '{') brackets.push({ char: op, at: i });
			if (op in CLOSING) {
				const open = brackets.pop();
				if (!open) throw new Problem(`unmatched '${op}'`, i);
				if (open.char !== CLOSING[op]) {
					throw new Problem(
						`closing parenthesis '${op}' does not match opening parenthesis '${open.char}'`,
						i
					);
				}
			}
			push('op', i, i + op.length);
			i += op.length;
		}
	}
	if (brackets.length > 0) {
		const open = brackets[brackets.length - 1];
		throw new Problem(`'${open.char}' was never closed`, open.at);
	}
	const last = tokens[tokens.length - 1];
	if (last && last.kind !== 'newline' && last.kind !== 'dedent') push('newline', i, i);
	while (indents.length > 1) {
		indents.pop();
		push('dedent', i, i);
	}
	push('end', i, i);
	return tokens;
}

function isStringStart(source: string, i: number): boolean {
	// `rb"..."` is a string, but `bar"` is the name `bar` followed by a quote: the prefix must
	// not continue a name.
	return i === 0 || !NAME_PART.test(source[i - 1]);
}

type Push = (kind: TokenKind, start: number, end: number, extra?: Partial<Token>) => void;

function readString(source: string, start: number, push: Push): number {
	const [, prefixText, quote] = STRING_START.exec(source.slice(start, start + 5))!;
	const prefix = prefixText.toLowerCase();
	if (!['', 'r', 'u', 'f', 'b', 'rf', 'fr', 'br', 'rb'].includes(prefix)) {
		throw new Problem('invalid string prefix', start);
	}
	const bodyStart = start + prefixText.length + quote.length;
	let j = bodyStart;
	for (;;) {
		if (j >= source.length || (quote.length === 1 && source[j] === '\n')) {
			const line = source.slice(0, j).split('\n').length;
			throw new Problem(
				quote.length === 3
					? `unterminated triple-quoted string literal (detected at line ${line})`
					: `unterminated string literal (detected at line ${line})`,
				start
			);
		}
		if (source[j] === '\\') {
			j += 2;
			continue;
		}
		if (source.startsWith(quote, j)) break;
		j++;
	}
	const body = source.slice(bodyStart, j);
	push('string', start, j + quote.length, {
		string: {
			prefix: prefix === 'fr' ? 'rf' : prefix === 'rb' ? 'br' : prefix,
			quote,
			body,
			bodyStart
		}
	});
	return j + quote.length;
}

function readNumber(source: string, start: number, push: Push): number {
	const match = NUMBER.exec(source.slice(start, start + 400))!;
	const text = match[0];
	const end = start + text.length;
	const plain = text.replace(/_/g, '');
	if (source[end] === 'j' || source[end] === 'J') {
		push('imaginary', start, end + 1);
		return end + 1;
	}
	if (end < source.length && NAME_PART.test(source[end])) {
		// `1abc`, `0x1g`, `1_`: Python stops at the number and reports the rest as part of it.
		throw new Problem(
			/^0[xX]/.test(text)
				? 'invalid hexadecimal literal'
				: /^0[oO]/.test(text)
					? 'invalid octal literal'
					: /^0[bB]/.test(text)
						? 'invalid binary literal'
						: 'invalid decimal literal',
			start
		);
	}
	if (/^[0-9_]+$/.test(text)) {
		if (/^0+[1-9]/.test(plain)) {
			throw new Problem(
				'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers',
				start
			);
		}
		push('int', start, end, { int: BigInt(plain) });
	} else if (/^0[xXoObB]/.test(text)) {
		push('int', start, end, { int: BigInt(plain) });
	} else {
		push('float', start, end, { float: Number(plain) });
	}
	return end;
}

function invalidCharacter(source: string, i: number): string {
	const code = source.codePointAt(i)!;
	const char = String.fromCodePoint(code);
	const hex = code.toString(16).toUpperCase().padStart(4, '0');
	const meant = LOOKALIKES[char];
	const hint = meant ? `; did you mean '${meant}'?` : '';
	if (char === '!') return "invalid syntax: '!' is only part of '!='";
	if (char === '$' || char === '?' || char === '`') return `invalid syntax: '${char}'`;
	if (isNonPrintable(char)) {
		return `invalid non-printable character U+${hex}${hint}`;
	}
	return `invalid character '${char}' (U+${hex})${hint}`;
}
