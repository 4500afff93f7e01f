import type { Formula } from './ast';

/**
 * A small tokenizer and Pratt-style recursive-descent parser for arithmetic: + - * / ^ (also **),
 * unary minus, parentheses, function calls, number literals and `[a > 0]` indicator brackets.
 * It never throws: every problem comes back as a message with a 1-based line and column (the
 * message says "at column 7" for one-line sources and "at line 2, column 7" otherwise).
 */

export interface ParseError {
	message: string;
	line: number;
	column: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ParseError };

type TokenKind = 'number' | 'name' | 'op' | 'end';
interface Token {
	kind: TokenKind;
	text: string;
	value: number;
	line: number;
	column: number;
	/** how the message names this place: "column 7" or "line 2, column 7" */
	where: string;
	/** how the message names this token, when not by its text: a new line, `**` read as `^` */
	shown?: string;
}

// Characters people paste from slides or type on other keyboards, read as what they mean.
const LOOKALIKES: Record<string, string> = {
	'\u2212': '-', // minus sign
	'\u2013': '-', // en dash
	'\u00d7': '*', // multiplication sign
	'\u00b7': '*', // middle dot
	'\u22c5': '*' // dot operator
};
const OPERATORS = ['**', '+', '-', '*', '/', '^', '(', ')', '[', ']', '>', '=', ';', ','];
/** Longer names would not fit on a node or beside a slider. */
export const MAX_NAME = 24;
/** How much of a long number a message quotes. */
const QUOTED = 16;

export function tokenize(source: string): Parsed<Token[]> {
	const tokens: Token[] = [];
	const multiline = source.includes('\n');
	let line = 1;
	let lineStart = 0;
	let i = 0;
	const at = (offset: number) => {
		const column = offset - lineStart + 1;
		return {
			line,
			column,
			where: multiline ? `line ${line}, column ${column}` : `column ${column}`
		};
	};
	const push = (kind: TokenKind, text: string, value: number, offset: number, shown?: string) =>
		tokens.push({ kind, text, value, ...at(offset), shown });
	while (i < source.length) {
		const ch = LOOKALIKES[source[i]] ?? source[i];
		if (ch === ' ' || ch === '\t' || ch === '\r') {
			i++;
		} else if (ch === '\n') {
			push('op', ';', 0, i, 'end of line');
			i++;
			line++;
			lineStart = i;
		} else if (/[0-9.]/.test(ch)) {
			const match = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(source.slice(i));
			if (!match) return fail(`unexpected '${ch}' at`, at(i));
			const value = Number(match[0]);
			if (!Number.isFinite(value)) return fail('number too large at', at(i));
			push('number', match[0], value, i);
			i += match[0].length;
		} else if (/[A-Za-z_]/.test(ch)) {
			const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i, i + MAX_NAME + 1))!;
			if (match[0].length > MAX_NAME)
				return fail(`a name longer than ${MAX_NAME} characters at`, at(i));
			push('name', match[0], 0, i);
			i += match[0].length;
		} else {
			const rest = ch + source.slice(i + 1, i + 2);
			const op = OPERATORS.find((o) => rest.startsWith(o));
			if (!op) return fail(`unexpected '${printable(source, i)}' at`, at(i));
			push('op', op === '**' ? '^' : op, 0, i, op === '**' ? "'**'" : undefined);
			i += op.length;
		}
	}
	push('end', '', 0, i);
	return { ok: true, value: tokens };
}

/** A statement of a program: `name = expression` or a bare expression. */
export interface Statement {
	name: string | undefined;
	expression: Formula;
	/** where the statement starts (its name, when it has one) */
	line: number;
	column: number;
	where: string;
}

/**
 * Programs are stricter than formulas: only the listed functions may be called (others are
 * reported where they are written), an exponent must be a constant (x^2, x^(1/2); never x^y),
 * and there are no `[a > 0]` brackets.
 */
export interface ProgramOptions {
	functions?: readonly string[];
}

export function parseFormula(source: string): Parsed<Formula> {
	const tokens = tokenize(source);
	if (!tokens.ok) return tokens;
	const parser = new Parser(tokens.value);
	return parser.run(() => {
		const f = parser.expression();
		parser.expectEnd();
		return f;
	});
}

export function parseProgram(source: string, options: ProgramOptions = {}): Parsed<Statement[]> {
	const tokens = tokenize(source);
	if (!tokens.ok) return tokens;
	const parser = new Parser(tokens.value, options);
	return parser.run(() => parser.statements());
}

class SyntaxProblem {
	constructor(readonly error: ParseError) {}
}

class Parser {
	private pos = 0;
	constructor(
		private readonly tokens: Token[],
		/** undefined for formulas, set for programs */
		private readonly program?: ProgramOptions
	) {}

	run<T>(body: () => T): Parsed<T> {
		try {
			return { ok: true, value: body() };
		} catch (e) {
			if (e instanceof SyntaxProblem) return { ok: false, error: e.error };
			// Deep nesting is the only other way in: report it rather than crash the caller.
			if (e instanceof RangeError) return fail('expression nested too deeply at', this.peek());
			throw e;
		}
	}

	statements(): Statement[] {
		const statements: Statement[] = [];
		for (;;) {
			while (this.at(';')) this.pos++;
			if (this.peek().kind === 'end') return statements;
			const start = this.peek();
			let name: string | undefined;
			if (start.kind === 'name' && this.tokens[this.pos + 1]?.text === '=') {
				name = start.text;
				this.pos += 2;
			}
			const expression = this.expression();
			const { line, column, where } = start;
			statements.push({ name, expression, line, column, where });
			if (!this.at(';') && this.peek().kind !== 'end') this.missingOperator();
		}
	}

	expression(): Formula {
		return this.binary(0);
	}

	expectEnd(): void {
		if (this.peek().kind !== 'end') this.missingOperator();
	}

	private static readonly BINARY: Record<string, [number, '+' | '-' | '*' | '/']> = {
		'+': [1, '+'],
		'-': [1, '-'],
		'*': [2, '*'],
		'/': [2, '/']
	};

	// Left-associative binary operators by precedence climbing.
	private binary(minLevel: number): Formula {
		let left = this.unary();
		for (;;) {
			const entry = Parser.BINARY[this.peek().kind === 'op' ? this.peek().text : ''];
			if (!entry || entry[0] <= minLevel) return left;
			this.pos++;
			const right = this.binary(entry[0]);
			left = { kind: 'binary', op: entry[1], left, right };
		}
	}

	private unary(): Formula {
		if (this.at('-')) {
			this.pos++;
			return { kind: 'neg', arg: this.unary() };
		}
		if (this.at('+')) {
			this.pos++;
			return this.unary();
		}
		return this.power();
	}

	// Right-associative, binding tighter than unary minus on its left: -a^2 = -(a^2).
	private power(): Formula {
		const base = this.primary();
		if (!this.at('^')) return base;
		this.pos++;
		const start = this.peek();
		const exponent = this.unary();
		if (this.program && usesNames(exponent)) {
			this.problem(`the exponent at ${start.where} must be a number, as in x^2`, start);
		}
		return { kind: 'pow', base, exponent };
	}

	private primary(): Formula {
		const token = this.peek();
		if (token.kind === 'number') {
			this.pos++;
			return { kind: 'num', value: token.value };
		}
		if (token.kind === 'name') {
			this.pos++;
			if (!this.at('(')) return { kind: 'sym', name: token.text };
			const known = this.program?.functions;
			if (known && !known.includes(token.text)) {
				this.problem(
					`unknown function '${token.text}' at ${token.where} (known: ${known.join(', ')})`,
					token
				);
			}
			this.pos++;
			const arg = this.expression();
			this.expect(')', token);
			return { kind: 'call', fn: token.text, arg };
		}
		if (this.at('(')) {
			this.pos++;
			const inner = this.expression();
			this.expect(')', token);
			return inner;
		}
		if (this.at('[') && !this.program) {
			this.pos++;
			const arg = this.expression();
			this.expect('>');
			const zero = this.peek();
			if (zero.kind !== 'number' || zero.value !== 0) this.unexpected();
			this.pos++;
			this.expect(']', token);
			return { kind: 'indicator', arg };
		}
		return this.unexpected();
	}

	private peek(): Token {
		return this.tokens[this.pos];
	}

	private at(text: string): boolean {
		const t = this.peek();
		return t.kind === 'op' && t.text === text;
	}

	private expect(text: string, opener?: Token): void {
		if (this.at(text)) {
			this.pos++;
			return;
		}
		if (this.peek().kind === 'end' && opener) {
			this.problem(`missing '${text}' for '${opener.text}' at ${opener.where}`, opener);
		}
		this.unexpected();
	}

	private unexpected(): never {
		const t = this.peek();
		const what = t.kind === 'end' ? 'end of input' : (t.shown ?? `'${quoted(t.text)}'`);
		this.problem(`unexpected ${what} at ${t.where}`, t);
	}

	// Two operands side by side (2x, a b, x1 = 1 x2 = 2) most often lack a '*' or a ';'.
	private missingOperator(): never {
		const t = this.peek();
		if (t.kind === 'name' || t.kind === 'number' || (t.kind === 'op' && t.text === '(')) {
			this.problem(`missing operator or ';' before '${quoted(t.text)}' at ${t.where}`, t);
		}
		this.unexpected();
	}

	private problem(message: string, at: { line: number; column: number }): never {
		throw new SyntaxProblem({ message, line: at.line, column: at.column });
	}
}

/** `message` ends with "at"; the place is appended. */
function fail<T>(message: string, at: { line: number; column: number; where: string }): Parsed<T> {
	return {
		ok: false,
		error: { message: `${message} ${at.where}`, line: at.line, column: at.column }
	};
}

function usesNames(f: Formula): boolean {
	switch (f.kind) {
		case 'sym':
			return true;
		case 'num':
			return false;
		case 'binary':
			return usesNames(f.left) || usesNames(f.right);
		case 'neg':
		case 'call':
		case 'indicator':
			return usesNames(f.arg);
		case 'pow':
			return usesNames(f.base) || usesNames(f.exponent);
		case 'derivative':
			return true;
	}
}

// A number may be hundreds of digits long: messages quote its start.
function quoted(text: string): string {
	return text.length > QUOTED ? `${text.slice(0, QUOTED - 1)}…` : text;
}

// Show an invisible or odd character by its code point so the message can be read.
function printable(source: string, i: number): string {
	const cp = source.codePointAt(i)!;
	const ch = String.fromCodePoint(cp);
	return /\p{L}|\p{N}|\p{P}|\p{S}/u.test(ch)
		? ch
		: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}
