export type OpName =
	| 'leaf'
	| 'add'
	| 'sub'
	| 'mul'
	| 'div'
	| 'pow'
	| 'neg'
	| 'exp'
	| 'log'
	| 'tanh'
	| 'relu'
	| 'sigmoid';

export interface OpSpec {
	name: OpName;
	arity: 0 | 1 | 2;
	/** forward value from input values a, b (b unused for unary) and the constant exponent k (pow only) */
	forward(a: number, b: number, k: number): number;
	/** local derivative d(out)/d(input i), from the input values, the output value and k */
	partial(i: number, a: number, b: number, out: number, k: number): number;
	/** per input, the local derivative as a formula template for display. Placeholders are the
	 *  single words a, b, out, k (e.g. mul: ['b', 'a'], sigmoid: ['out*(1 - out)'],
	 *  tanh: ['1 - out^2'], pow: ['k*a^(k-1)'], div: ['1/b', '-a/b^2'], relu: ['[a > 0]'],
	 *  exp: ['out'], log: ['1/a'], add: ['1', '1'], sub: ['1', '-1'], neg: ['-1']). */
	partialFormula: readonly string[];
}

// The Tape in graph.ts inlines these same expressions in its evaluate() switch; the tests check
// that both give bit-identical values and gradients, so change them together.
export const OPS: Record<OpName, OpSpec> = {
	// A leaf's value is set, not computed; identity keeps the table total.
	leaf: { name: 'leaf', arity: 0, forward: (a) => a, partial: () => 0, partialFormula: [] },
	add: {
		name: 'add',
		arity: 2,
		forward: (a, b) => a + b,
		partial: () => 1,
		partialFormula: ['1', '1']
	},
	sub: {
		name: 'sub',
		arity: 2,
		forward: (a, b) => a - b,
		partial: (i) => (i === 0 ? 1 : -1),
		partialFormula: ['1', '-1']
	},
	mul: {
		name: 'mul',
		arity: 2,
		forward: (a, b) => a * b,
		partial: (i, a, b) => (i === 0 ? b : a),
		partialFormula: ['b', 'a']
	},
	div: {
		name: 'div',
		arity: 2,
		forward: (a, b) => a / b,
		partial: (i, a, b) => (i === 0 ? 1 / b : -a / (b * b)),
		partialFormula: ['1/b', '-a/b^2']
	},
	// `**`, never exp(k*log a): 2**3 must be exactly 8 and negative bases must work.
	pow: {
		name: 'pow',
		arity: 1,
		forward: (a, _b, k) => a ** k,
		partial: (_i, a, _b, _out, k) => k * a ** (k - 1),
		partialFormula: ['k*a^(k-1)']
	},
	neg: { name: 'neg', arity: 1, forward: (a) => -a, partial: () => -1, partialFormula: ['-1'] },
	exp: {
		name: 'exp',
		arity: 1,
		forward: (a) => Math.exp(a),
		partial: (_i, _a, _b, out) => out,
		partialFormula: ['out']
	},
	// log(0) = -Infinity and log(-1) = NaN, as Math.log gives: no throwing.
	log: {
		name: 'log',
		arity: 1,
		forward: (a) => Math.log(a),
		partial: (_i, a) => 1 / a,
		partialFormula: ['1/a']
	},
	tanh: {
		name: 'tanh',
		arity: 1,
		forward: (a) => Math.tanh(a),
		partial: (_i, _a, _b, out) => 1 - out * out,
		partialFormula: ['1 - out^2']
	},
	// relu'(0) = 0, as in PyTorch. Math.max keeps NaN as NaN.
	relu: {
		name: 'relu',
		arity: 1,
		forward: (a) => Math.max(0, a),
		partial: (_i, a) => (a > 0 ? 1 : 0),
		partialFormula: ['[a > 0]']
	},
	sigmoid: {
		name: 'sigmoid',
		arity: 1,
		forward: (a) => sigmoid(a),
		partial: (_i, _a, _b, out) => out * (1 - out),
		partialFormula: ['out*(1 - out)']
	}
};

/** numeric op codes for the flat tape, index = code */
export const OP_CODES: readonly OpName[] = [
	'leaf',
	'add',
	'sub',
	'mul',
	'div',
	'pow',
	'neg',
	'exp',
	'log',
	'tanh',
	'relu',
	'sigmoid'
];

/** Logistic function that never computes exp of a large positive number, so ±1000 give 1 and 0. */
export function sigmoid(x: number): number {
	if (x >= 0) return 1 / (1 + Math.exp(-x));
	const e = Math.exp(x);
	return e / (1 + e);
}
