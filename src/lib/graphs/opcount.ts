import type { OpName, Tape } from '$lib/engine';

/**
 * How many arithmetic operations one forward pass and one backward pass over a graph cost, as
 * this engine computes them (see OPS in engine/ops.ts and Tape.evaluate).
 *
 * Counting rule: every +, −, ×, ÷, negation, comparison and every call of exp, log, tanh or a
 * power counts as one operation; assignments, reads and branches count nothing.
 * - Forward: the op's formula. σ(x) = 1/(1 + e^(−x)) is the four operations it is made of.
 * - Backward, per input slot: the local derivative (e.g. 1 − out² for tanh: 2, reusing the
 *   forward output), one × to multiply it by the node's gradient (none when the local derivative
 *   is the constant 1, as for +), and one + to add the product into the input's gradient (the
 *   accumulation that makes fan-out work). Leaves cost nothing; the seed (∂L/∂L = 1) is free.
 *   Every input slot counts, constants' too: the engine computes those gradients as well.
 */
interface Cost {
	forward: number;
	/** per input slot: operations to compute the local derivative */
	partial: readonly number[];
	/** per input slot: the local derivative is the constant 1, so no multiplication is needed */
	unit?: readonly boolean[];
}

export const COSTS: Record<OpName, Cost> = {
	leaf: { forward: 0, partial: [] },
	add: { forward: 1, partial: [0, 0], unit: [true, true] },
	sub: { forward: 1, partial: [0, 0], unit: [true, false] }, // −1 × g
	mul: { forward: 1, partial: [0, 0] }, // b, a
	div: { forward: 1, partial: [1, 3] }, // 1/b, −a/(b·b)
	pow: { forward: 1, partial: [3] }, // k·a^(k−1)
	neg: { forward: 1, partial: [0] }, // −1 × g
	exp: { forward: 1, partial: [0] }, // out
	log: { forward: 1, partial: [1] }, // 1/a
	tanh: { forward: 1, partial: [2] }, // 1 − out·out
	relu: { forward: 1, partial: [1] }, // a > 0
	sigmoid: { forward: 4, partial: [2] } // out·(1 − out)
};

/** Backward operations of one node of this op. */
export function backwardCost(op: OpName): number {
	const { partial, unit } = COSTS[op];
	return partial.reduce((sum, p, slot) => sum + p + (unit?.[slot] ? 0 : 1) + 1, 0);
}

export interface OpCount {
	forward: number;
	backward: number;
	/** backward / forward (NaN for a graph without operations) */
	ratio: number;
	/** per op present in the graph: how many nodes, and their forward and backward operations */
	byOp: { op: OpName; nodes: number; forward: number; backward: number }[];
}

export function countOps(tape: Tape): OpCount {
	const nodes = new Map<OpName, number>();
	for (const v of tape.nodes) {
		if (v.op !== 'leaf') nodes.set(v.op, (nodes.get(v.op) ?? 0) + 1);
	}
	const byOp = [...nodes].map(([op, n]) => ({
		op,
		nodes: n,
		forward: n * COSTS[op].forward,
		backward: n * backwardCost(op)
	}));
	const forward = byOp.reduce((sum, o) => sum + o.forward, 0);
	const backward = byOp.reduce((sum, o) => sum + o.backward, 0);
	return { forward, backward, ratio: forward === 0 ? NaN : backward / forward, byOp };
}
