/**
 * Formulas as data: the view writes every equation (forward values, local derivatives, chain-rule
 * products) as one of these trees, then renders it as plain text (for screen readers and tests)
 * or as MathML (for the page).
 */
export type Formula =
	| { kind: 'sym'; name: string }
	| { kind: 'num'; value: number; style?: NumberStyle }
	| { kind: 'binary'; op: BinaryOp; left: Formula; right: Formula }
	| { kind: 'neg'; arg: Formula }
	| { kind: 'pow'; base: Formula; exponent: Formula }
	| { kind: 'call'; fn: string; arg: Formula }
	| { kind: 'indicator'; arg: Formula }
	| { kind: 'derivative'; of: string; wrt: string };

export type BinaryOp = '+' | '-' | '*' | '/';

/**
 * How a number reads: a constant of the graph (the 2 in 2h) is plain; a value plugged in for a
 * symbol is parenthesized in products, as in (0.4)(1.0); a result shows 4 fixed decimals.
 */
export type NumberStyle = 'constant' | 'plugged' | 'result';

export const sym = (name: string): Formula => ({ kind: 'sym', name });
export const num = (value: number, style: NumberStyle = 'constant'): Formula => ({
	kind: 'num',
	value,
	style
});
export const binary = (op: BinaryOp, left: Formula, right: Formula): Formula => ({
	kind: 'binary',
	op,
	left,
	right
});
export const derivative = (of: string, wrt: string): Formula => ({ kind: 'derivative', of, wrt });

/** Binding strength, used to decide where parentheses go. */
export function precedence(f: Formula): number {
	switch (f.kind) {
		case 'binary':
			return f.op === '+' || f.op === '-' ? 1 : 2;
		case 'neg':
			return 3;
		case 'pow':
			return 4;
		default:
			return 5;
	}
}

/** Replace symbols by other formulas (used to fill op templates and to plug in numbers). */
export function substitute(f: Formula, env: (name: string) => Formula | undefined): Formula {
	switch (f.kind) {
		case 'sym':
			return env(f.name) ?? f;
		case 'num':
		case 'derivative':
			return f;
		case 'binary':
			return { ...f, left: substitute(f.left, env), right: substitute(f.right, env) };
		case 'neg':
			return { ...f, arg: substitute(f.arg, env) };
		case 'pow':
			return { ...f, base: substitute(f.base, env), exponent: substitute(f.exponent, env) };
		case 'call':
		case 'indicator':
			return { ...f, arg: substitute(f.arg, env) };
	}
}
