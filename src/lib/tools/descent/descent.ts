/**
 * Gradient descent on the sliders: which leaves it moves and where one step takes them.
 */

/**
 * The data are the inputs (names starting with x) and the targets (names starting with y);
 * every other leaf is a weight that a step moves. For the textbook network: w1, w2 and v.
 */
export function isWeight(id: string): boolean {
	return !/^[xy]/.test(id);
}

/** θ ← θ − η·∂L/∂θ for each weight. */
export function gradientStep(
	weights: readonly { id: string; value: number; grad: number }[],
	learningRate: number
): Record<string, number> {
	return Object.fromEntries(weights.map((w) => [w.id, w.value - learningRate * w.grad]));
}

/** Each value a fraction t of the way from `from` to `to` (ids missing in `to` stay put). */
export function interpolateValues(
	from: Record<string, number>,
	to: Record<string, number>,
	t: number
): Record<string, number> {
	return Object.fromEntries(
		Object.entries(from).map(([id, a]) => [id, id in to ? a + (to[id] - a) * t : a])
	);
}

/** Slow at both ends, so the sliders visibly start and settle. */
export function easeInOutCubic(t: number): number {
	return t < 0.5 ? 4 * t * t * t : 1 - (-2 * t + 2) ** 3 / 2;
}

export const LEARNING_RATE = { initial: 0.5, min: 0, max: 10 } as const;
