import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFormula, parseProgram, tokenize } from '$lib/formula/parse';
import type { Formula } from '$lib/formula/ast';

function parsed(source: string): Formula {
	const result = parseFormula(source);
	if (!result.ok) throw new Error(result.error.message);
	return result.value;
}

/** Fully parenthesized, to see exactly how the parser grouped things. */
function lisp(f: Formula): string {
	switch (f.kind) {
		case 'sym':
			return f.name;
		case 'num':
			return String(f.value);
		case 'binary':
			return `(${f.op} ${lisp(f.left)} ${lisp(f.right)})`;
		case 'neg':
			return `(neg ${lisp(f.arg)})`;
		case 'pow':
			return `(^ ${lisp(f.base)} ${lisp(f.exponent)})`;
		case 'call':
			return `(${f.fn} ${lisp(f.arg)})`;
		case 'indicator':
			return `[${lisp(f.arg)} > 0]`;
		case 'derivative':
			return `d${f.of}/d${f.wrt}`;
	}
}

function errorOf(result: ReturnType<typeof parseProgram> | ReturnType<typeof parseFormula>) {
	if (result.ok) throw new Error('expected an error');
	return result.error;
}

describe('parseFormula', () => {
	it('groups by precedence and associativity', () => {
		const cases: [string, string][] = [
			['a + b * c', '(+ a (* b c))'],
			['a - b - c', '(- (- a b) c)'],
			['a / b / c', '(/ (/ a b) c)'],
			['a * b + c * d', '(+ (* a b) (* c d))'],
			['(a + b) * c', '(* (+ a b) c)'],
			['a ^ b ^ c', '(^ a (^ b c))'],
			['-a^2', '(neg (^ a 2))'],
			['a^-1', '(^ a (neg 1))'],
			['-a * b', '(* (neg a) b)'],
			['a * -b', '(* a (neg b))'],
			['- - a', '(neg (neg a))'],
			['+a', 'a'],
			['2 ** 3', '(^ 2 3)'],
			['sigmoid(w1*x1 + b)', '(sigmoid (+ (* w1 x1) b))'],
			['[a > 0] * g', '(* [a > 0] g)'],
			['1.5e3 + .25 + 2.', '(+ (+ 1500 0.25) 2)']
		];
		for (const [source, expected] of cases) expect(lisp(parsed(source)), source).toBe(expected);
	});

	it('reads characters pasted from slides as what they mean', () => {
		expect(lisp(parsed('a \u2212 b \u00d7 c \u00b7 d \u22c5 e \u2013 f'))).toBe(
			'(- (- a (* (* (* b c) d) e)) f)'
		);
	});

	it('parses the engine’s derivative templates', () => {
		expect(lisp(parsed('k*a^(k-1)'))).toBe('(* k (^ a (- k 1)))');
		expect(lisp(parsed('-a/b^2'))).toBe('(/ (neg a) (^ b 2))');
		expect(lisp(parsed('out*(1 - out)'))).toBe('(* out (- 1 out))');
	});

	it('reports problems with their column', () => {
		const cases: [string, string, number][] = [
			['a + ', 'unexpected end of input at column 5', 5],
			['(a + b', "missing ')' for '(' at column 1", 1],
			['a + b)', "unexpected ')' at column 6", 6],
			['a $ b', "unexpected '$' at column 3", 3],
			['a\u200bb', "unexpected 'U+200B' at column 2", 2],
			['2a', "missing operator or ';' before 'a' at column 2", 2],
			['1e999', 'number too large at column 1', 1],
			['a ** ', 'unexpected end of input at column 6', 6],
			['[a > 1]', "unexpected '1' at column 6", 6]
		];
		for (const [source, message, column] of cases) {
			const error = errorOf(parseFormula(source));
			expect(error.message, source).toBe(message);
			expect(error.column, source).toBe(column);
			expect(error.line, source).toBe(1);
		}
	});

	it('reports nesting deeper than the stack instead of throwing', () => {
		const deep = '('.repeat(20000) + 'a' + ')'.repeat(20000);
		expect(errorOf(parseFormula(deep)).message).toMatch(
			/^expression nested too deeply at column \d+$/
		);
	});
});

describe('tokenize', () => {
	it('turns new lines into separators and counts lines and columns', () => {
		const result = tokenize('a = 1\n  b = 2');
		if (!result.ok) throw new Error(result.error.message);
		const b = result.value.find((t) => t.text === 'b')!;
		expect([b.line, b.column, b.where]).toEqual([2, 3, 'line 2, column 3']);
		expect(result.value.filter((t) => t.text === ';')).toHaveLength(1);
	});
});

describe('parseProgram', () => {
	const FUNCTIONS = ['exp', 'log', 'tanh', 'relu', 'sigmoid'];

	it('splits statements on ; and new lines, with where each starts', () => {
		const result = parseProgram('z = w*x + b; h = tanh(z)\n\nL = (h - y)^2\nL');
		if (!result.ok) throw new Error(result.error.message);
		expect(result.value.map((s) => [s.name, lisp(s.expression), s.line, s.column])).toEqual([
			['z', '(+ (* w x) b)', 1, 1],
			['h', '(tanh z)', 1, 14],
			['L', '(^ (- h y) 2)', 3, 1],
			[undefined, 'L', 4, 1]
		]);
		expect(result.value[2].where).toBe('line 3, column 1');
	});

	it('gives an empty list for an empty program', () => {
		expect(parseProgram(' ;\n ; ')).toEqual({ ok: true, value: [] });
	});

	it('names unknown functions where they are called', () => {
		const error = errorOf(parseProgram('z = sigmoidd(x)', { functions: FUNCTIONS }));
		expect(error).toEqual({
			message: "unknown function 'sigmoidd' at column 5 (known: exp, log, tanh, relu, sigmoid)",
			line: 1,
			column: 5
		});
		// Without a list, any name may be called (formulas use this for templates).
		expect(parseProgram('z = f(x)').ok).toBe(true);
	});

	it('accepts constant exponents only', () => {
		expect(parseProgram('z = x^2 + x^-1 + x^(1/2) + x^exp(1)').ok).toBe(true);
		const error = errorOf(parseProgram('z = x^y'));
		expect(error.message).toBe('the exponent at column 7 must be a number, as in x^2');
		expect(errorOf(parseProgram('z = x ** (2*k)')).message).toBe(
			'the exponent at column 10 must be a number, as in x^2'
		);
	});

	it('has no indicator brackets', () => {
		expect(errorOf(parseProgram('z = [x > 0]')).message).toBe("unexpected '[' at column 5");
	});

	it('says which line a problem is on in a program of several lines', () => {
		expect(errorOf(parseProgram('z = x*y\nL = (z - 1))')).message).toBe(
			"unexpected ')' at line 2, column 12"
		);
		expect(errorOf(parseProgram('z = x +\nL = z')).message).toBe(
			'unexpected end of line at line 1, column 8'
		);
		expect(errorOf(parseProgram('x1 = 1 x2 = 2')).message).toBe(
			"missing operator or ';' before 'x2' at column 8"
		);
	});

	it('never throws, whatever the text', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 60 }), (text) => {
				const result = parseProgram(text, { functions: FUNCTIONS });
				if (!result.ok) {
					expect(result.error.message).toMatch(/at (line \d+, )?column \d+/);
				}
			}),
			{ numRuns: 2000 }
		);
		const alphabet = fc.constantFrom(...'xy12.+-*/^()=;\n e'.split(''), 'tanh(', '**');
		fc.assert(
			fc.property(fc.array(alphabet, { maxLength: 40 }), (parts) => {
				parseProgram(parts.join(''), { functions: FUNCTIONS });
			}),
			{ numRuns: 2000 }
		);
	});
});
