import type { Formula } from './ast';

/**
 * A small tokenizer and Pratt-style recursive-descent parser for arithmetic: + - * / ^ (also **),
 * unary minus, parentheses, function calls, number literals and `[a > 0]` indicator brackets.
 * It never throws: every problem comes back as a message with a 1-based column.
 */

export interface ParseError {
	message: string;
	column: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ParseError };

type TokenKind = 'number' | 'name' | 'op' | 'end';
interface Token {
	kind: TokenKind;
	text: string;
	value: number;
	column: number;
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

export function tokenize(source: string): Parsed<Token[]> {
	const tokens: Token[] = [];
	let i = 0;
	while (i < source.length) {
		const column = i + 1;
		const ch = LOOKALIKES[source[i]] ?? source[i];
		if (ch === ' ' || ch === '\t' || ch === '\r') {
			i++;
		} else if (ch === '\n') {
			tokens.push({ kind: 'op', text: ';', value: 0, column });
			i++;
		} else if (/[0-9.]/.test(ch)) {
			const match = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(source.slice(i));
			if (!match) return fail(`unexpected '${ch}' at column ${column}`, column);
			const value = Number(match[0]);
			if (!Number.isFinite(value)) return fail(`number too large at column ${column}`, column);
			tokens.push({ kind: 'number', text: match[0], value, column });
			i += match[0].length;
		} else if (/[A-Za-z_]/.test(ch)) {
			const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))!;
			tokens.push({ kind: 'name', text: match[0], value: 0, column });
			i += match[0].length;
		} else {
			const rest = ch + source.slice(i + 1, i + 2);
			const op = OPERATORS.find((o) => rest.startsWith(o));
			if (!op) return fail(`unexpected '${printable(source, i)}' at column ${column}`, column);
			tokens.push({ kind: 'op', text: op === '**' ? '^' : op, value: 0, column });
			i += op.length;
		}
	}
	tokens.push({ kind: 'end', text: '', value: 0, column: source.length + 1 });
	return { ok: true, value: tokens };
}

/** A statement of a program: `name = expression` or a bare expression. */
export interface Statement {
	name: string | undefined;
	expression: Formula;
	column: number;
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

export function parseProgram(source: string): Parsed<Statement[]> {
	const tokens = tokenize(source);
	if (!tokens.ok) return tokens;
	const parser = new Parser(tokens.value);
	return parser.run(() => parser.program());
}

class SyntaxProblem {
	constructor(readonly error: ParseError) {}
}

class Parser {
	private pos = 0;
	constructor(private readonly tokens: Token[]) {}

	run<T>(body: () => T): Parsed<T> {
		try {
			return { ok: true, value: body() };
		} catch (e) {
			if (e instanceof SyntaxProblem) return { ok: false, error: e.error };
			// Deep nesting is the only other way in: report it rather than crash the caller.
			if (e instanceof RangeError) {
				const column = this.peek().column;
				return fail(`expression nested too deeply at column ${column}`, column);
			}
			throw e;
		}
	}

	program(): Statement[] {
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
			statements.push({ name, expression: this.expression(), column: start.column });
			if (!this.at(';') && this.peek().kind !== 'end') this.unexpected();
		}
	}

	expression(): Formula {
		return this.binary(0);
	}

	expectEnd(): void {
		if (this.peek().kind !== 'end') this.unexpected();
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
		return { kind: 'pow', base, exponent: this.unary() };
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
		if (this.at('[')) {
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
			throw new SyntaxProblem({
				message: `missing '${text}' for '${opener.text}' at column ${opener.column}`,
				column: opener.column
			});
		}
		this.unexpected();
	}

	private unexpected(): never {
		const t = this.peek();
		const what = t.kind === 'end' ? 'end of input' : `'${t.text}'`;
		throw new SyntaxProblem({
			message: `unexpected ${what} at column ${t.column}`,
			column: t.column
		});
	}
}

function fail<T>(message: string, column: number): Parsed<T> {
	return { ok: false, error: { message, column } };
}

// Show an invisible or odd character by its code point so the message can be read.
function printable(source: string, i: number): string {
	const cp = source.codePointAt(i)!;
	const ch = String.fromCodePoint(cp);
	return /\p{L}|\p{N}|\p{P}|\p{S}/u.test(ch)
		? ch
		: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}
