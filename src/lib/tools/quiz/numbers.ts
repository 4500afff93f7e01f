import type { Numbers } from '$lib/timeline/explain';

/**
 * Practice with new numbers: fresh slider values drawn from a seed (so a class given the same
 * link gets the same numbers), kept where every value and gradient stays readable to 4 decimals.
 */
export interface Drawable {
	id: string;
	min: number;
	max: number;
}

/** Values are drawn in ±RANGE on a 0.1 grid: numbers a learner can work with by hand. */
const RANGE = 2;
/** Larger numbers, or nonzero ones smaller than this, are hard to read or to compute with. */
const LARGEST = 10;
const SMALLEST = 1e-3;
export const MAX_DRAWS = 40;

/** One draw: a nonzero multiple of 0.1 in ±2 (within the slider's range) for each parameter. */
export function drawValues(
	parameters: readonly Drawable[],
	random: () => number
): Record<string, number> {
	const values: Record<string, number> = Object.create(null);
	for (const p of parameters) {
		const low = Math.max(p.min, -RANGE);
		const high = Math.min(p.max, RANGE);
		let x = 0;
		for (let tries = 0; x === 0 && tries < 10; tries++) {
			x = Math.round((low + random() * (high - low)) * 10) / 10;
		}
		values[p.id] = x === 0 ? Math.min(high, 0.1) : x;
	}
	return values;
}

/** Finite, at most 10 in size, and zero or at least 0.001. */
export function readableNumber(x: number): boolean {
	return Number.isFinite(x) && Math.abs(x) <= LARGEST && (x === 0 || Math.abs(x) >= SMALLEST);
}

/** Every value and gradient readable. */
export function readable(numbers: Numbers): boolean {
	for (let i = 0; i < numbers.values.length; i++) {
		if (!readableNumber(numbers.values[i]) || !readableNumber(numbers.grads[i])) return false;
	}
	return true;
}

/** A seed for a link: a positive whole number below a million, short to type. */
export function newSeed(random: () => number = Math.random): number {
	return 1 + Math.floor(random() * 999_999);
}
