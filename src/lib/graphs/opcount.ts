import { OPS, OP_CODES, type Cost, type OpName, type Tape } from '$lib/engine';

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
 *   The numbers themselves are each op's `cost` in the op table.
 */
export const COSTS: Readonly<Record<OpName, Cost>> = Object.fromEntries(
	OP_CODES.map((op) => [op, OPS[op].cost])
) as Record<OpName, Cost>;

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
