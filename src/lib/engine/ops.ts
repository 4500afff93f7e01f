/**
 * Every scalar op, once. Each entry says how to compute the op, its local derivatives (as
 * functions and as formula templates the view typesets), how it is written (on the graph, in
 * formulas, in PyTorch) and what it costs. The Tape, the drawn graph, the op count, the
 * non-finite explanations and the PyTorch script all read this table; adding an op is one entry
 * here plus its case in Tape.evaluate, and the compiler points at anything else that is missing.
 */

/** The formula language's infix operators. */
export type Infix = '+' | '-' | '*' | '/';

/** How an op is written. */
export type Syntax =
	/** a value that is set, not computed */
	| { kind: 'leaf' }
	/** `a + b`: the formula operator, the symbol on the page, PyTorch's operator */
	| { kind: 'infix'; symbol: Infix; shown: string; python: string }
	/** `f(a)`: the formula language's name is the op's name; `shown` on the page; PyTorch's function */
	| { kind: 'call'; shown: string; python: string }
	/** `a ** k` with a constant exponent */
	| { kind: 'pow' }
	/** `−a` */
	| { kind: 'neg' };

/** Arithmetic operations of one node, counted as in graphs/opcount.ts. */
export interface Cost {
	forward: number;
	/** per input slot: operations to compute the local derivative */
	partial: readonly number[];
	/** per input slot: the local derivative is the constant 1, so no multiplication is needed */
	unit?: readonly boolean[];
}

/** One op's entry in the table; OpSpec adds its name. */
export interface OpEntry {
	arity: 0 | 1 | 2;
	/** forward value from input values a, b (b unused for unary) and the constant exponent k (pow only) */
	forward(a: number, b: number, k: number): number;
	/** local derivative d(out)/d(input i), from the input values, the output value and k */
	partial(i: number, a: number, b: number, out: number, k: number): number;
	/** per input, the local derivative as a formula template for display. Placeholders are the
	 *  single words a, b, out, k (e.g. mul: ['b', 'a'], sigmoid: ['out*(1 - out)']). */
	partialFormula: readonly string[];
	syntax: Syntax;
	cost: Cost;
	/** Whether an exact 0 out of these finite, nonzero-making inputs means float64 underflowed
	 *  (exp(−1000) is not really 0); absent for ops whose 0 is exact. */
	underflows?(a: number, b: number): boolean;
}

/** Logistic function that never computes exp of a large positive number, so ±1000 give 1 and 0. */
export function sigmoid(x: number): number {
	if (x >= 0) return 1 / (1 + Math.exp(-x));
	const e = Math.exp(x);
	return e / (1 + e);
}

// The Tape in tape.ts inlines these same expressions in its evaluate() switch; the tests check
// that both give bit-identical values and gradients, so change them together.
const TABLE = {
	// A leaf's value is set, not computed; identity keeps the table total.
	leaf: {
		arity: 0,
		forward: (a) => a,
		partial: () => 0,
		partialFormula: [],
		syntax: { kind: 'leaf' },
		cost: { forward: 0, partial: [] }
	},
	add: {
		arity: 2,
		forward: (a, b) => a + b,
		partial: () => 1,
		partialFormula: ['1', '1'],
		syntax: { kind: 'infix', symbol: '+', shown: '+', python: '+' },
		cost: { forward: 1, partial: [0, 0], unit: [true, true] }
	},
	sub: {
		arity: 2,
		forward: (a, b) => a - b,
		partial: (i) => (i === 0 ? 1 : -1),
		partialFormula: ['1', '-1'],
		syntax: { kind: 'infix', symbol: '-', shown: '−', python: '-' },
		cost: { forward: 1, partial: [0, 0], unit: [true, false] } // −1 × g
	},
	mul: {
		arity: 2,
		forward: (a, b) => a * b,
		partial: (i, a, b) => (i === 0 ? b : a),
		partialFormula: ['b', 'a'],
		syntax: { kind: 'infix', symbol: '*', shown: '×', python: '*' },
		cost: { forward: 1, partial: [0, 0] }, // b, a
		underflows: (a, b) => a !== 0 && b !== 0
	},
	div: {
		arity: 2,
		forward: (a, b) => a / b,
		partial: (i, a, b) => (i === 0 ? 1 / b : -a / (b * b)),
		partialFormula: ['1/b', '-a/b^2'],
		syntax: { kind: 'infix', symbol: '/', shown: '/', python: '/' },
		cost: { forward: 1, partial: [1, 3] }, // 1/b, −a/(b·b)
		underflows: (a, b) => a !== 0 && Number.isFinite(b)
	},
	// `**`, never exp(k*log a): 2**3 must be exactly 8 and negative bases must work.
	pow: {
		arity: 1,
		forward: (a, _b, k) => a ** k,
		partial: (_i, a, _b, _out, k) => k * a ** (k - 1),
		partialFormula: ['k*a^(k-1)'],
		syntax: { kind: 'pow' },
		cost: { forward: 1, partial: [3] }, // k·a^(k−1)
		underflows: (a) => a !== 0
	},
	neg: {
		arity: 1,
		forward: (a) => -a,
		partial: () => -1,
		partialFormula: ['-1'],
		syntax: { kind: 'neg' },
		cost: { forward: 1, partial: [0] } // −1 × g
	},
	exp: {
		arity: 1,
		forward: (a) => Math.exp(a),
		partial: (_i, _a, _b, out) => out,
		partialFormula: ['out'],
		syntax: { kind: 'call', shown: 'exp', python: 'torch.exp' },
		cost: { forward: 1, partial: [0] }, // out
		underflows: (a) => Number.isFinite(a)
	},
	// log(0) = -Infinity and log(-1) = NaN, as Math.log gives: no throwing.
	log: {
		arity: 1,
		forward: (a) => Math.log(a),
		partial: (_i, a) => 1 / a,
		partialFormula: ['1/a'],
		syntax: { kind: 'call', shown: 'log', python: 'torch.log' },
		cost: { forward: 1, partial: [1] } // 1/a
	},
	tanh: {
		arity: 1,
		forward: (a) => Math.tanh(a),
		partial: (_i, _a, _b, out) => 1 - out * out,
		partialFormula: ['1 - out^2'],
		syntax: { kind: 'call', shown: 'tanh', python: 'torch.tanh' },
		cost: { forward: 1, partial: [2] } // 1 − out·out
	},
	// relu'(0) = 0, as in PyTorch. Math.max keeps NaN as NaN.
	relu: {
		arity: 1,
		forward: (a) => Math.max(0, a),
		partial: (_i, a) => (a > 0 ? 1 : 0),
		partialFormula: ['[a > 0]'],
		syntax: { kind: 'call', shown: 'ReLU', python: 'torch.relu' },
		cost: { forward: 1, partial: [1] } // a > 0
	},
	sigmoid: {
		arity: 1,
		forward: (a) => sigmoid(a),
		partial: (_i, _a, _b, out) => out * (1 - out),
		partialFormula: ['out*(1 - out)'],
		syntax: { kind: 'call', shown: 'σ', python: 'torch.sigmoid' },
		cost: { forward: 4, partial: [2] }, // 1/(1 + e^(−x)); out·(1 − out)
		underflows: (a) => Number.isFinite(a)
	}
} as const satisfies Record<string, OpEntry>;

export type OpName = keyof typeof TABLE;

export interface OpSpec extends OpEntry {
	name: OpName;
}

/** numeric op codes for the flat tape, index = code */
export const OP_CODES: readonly OpName[] = Object.keys(TABLE) as OpName[];

export const OPS: Readonly<Record<OpName, OpSpec>> = Object.fromEntries(
	OP_CODES.map((name): [OpName, OpSpec] => [name, { ...(TABLE[name] as OpEntry), name }])
) as Record<OpName, OpSpec>;

/** Ops written as a function call, `f(a)`, in the order of the table. */
export type FunctionName = {
	[K in OpName]: (typeof TABLE)[K]['syntax']['kind'] extends 'call' ? K : never;
}[OpName];

export const FUNCTIONS: readonly FunctionName[] = OP_CODES.filter(
	(op) => OPS[op].syntax.kind === 'call'
) as FunctionName[];

/** Ops written between their two operands, `a + b`. */
export type InfixName = {
	[K in OpName]: (typeof TABLE)[K]['syntax']['kind'] extends 'infix' ? K : never;
}[OpName];

/** The op a formula's infix operator stands for. */
export const INFIX_OPS: Readonly<Record<Infix, InfixName>> = Object.fromEntries(
	OP_CODES.flatMap((op) => {
		const s = OPS[op].syntax;
		return s.kind === 'infix' ? [[s.symbol, op]] : [];
	})
) as Record<Infix, InfixName>;

export function isFunctionName(name: string): name is FunctionName {
	return (FUNCTIONS as readonly string[]).includes(name);
}

/** How a function reads on the page: σ for sigmoid, ReLU for relu; any other name as it is. */
export function shownFunction(name: string): string {
	const syntax = isFunctionName(name) ? OPS[name].syntax : undefined;
	return syntax?.kind === 'call' ? syntax.shown : name;
}
