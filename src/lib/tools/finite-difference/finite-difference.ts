import type { Tape } from '$lib/engine';
import { probeOf } from '$lib/engine/probe';

export interface GradientCheck {
	/** the leaf's name */
	id: string;
	/** dL/d(leaf) from backprop, as on the graph */
	autograd: number;
	/** (L(θ + ε) − L(θ − ε)) / 2ε */
	central: number;
	/** |autograd − central| / max(|autograd|, |central|); 0 when both are 0 */
	relativeError: number;
}

/** Step sizes the table offers; 1e-5 balances truncation error (ε²) against rounding (1e-16/ε). */
export const EPSILONS = [1e-1, 1e-3, 1e-5, 1e-7, 1e-9, 1e-11] as const;
export const DEFAULT_EPSILON = 1e-5;

/** Relative error at or below which the two gradients count as agreeing. */
export const AGREEMENT = 1e-6;

export function relativeError(a: number, b: number): number {
	if (a === b) return 0;
	return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Central differences of the output for each leaf, computed on a copy of the tape (the tape on
 * screen is not touched), next to the gradients backprop put on `tape`.
 */
export function checkGradients(
	tape: Tape,
	leaves: readonly { id: string; tape: number }[],
	epsilon = DEFAULT_EPSILON
): GradientCheck[] {
	const probe = probeOf(tape);
	return leaves.map(({ id, tape: i }) => {
		const x = tape.values[i];
		const up = x + epsilon;
		const down = x - epsilon;
		// Divide by the step actually taken: x + ε is rounded, so (x + ε) − (x − ε) is not always 2ε.
		const central = (probe.outputAt(i, up) - probe.outputAt(i, down)) / (up - down);
		const autograd = tape.grads[i];
		return { id, autograd, central, relativeError: relativeError(autograd, central) };
	});
}
