import { formatNumber } from '$lib/format';
import type { Got, RunResult } from './protocol';

/** How one gradient the learner wrote compares with the engine's. */
export interface Graded {
	name: string;
	node: string;
	status: 'right' | 'wrong' | 'missing';
	expected: number;
	got: Got;
}

/** An input of the learner's program that is not what the slider says. */
export interface InputMismatch {
	name: string;
	slider: number;
	got: Got;
}

export interface Report {
	graded: Graded[];
	inputs: InputMismatch[];
}

export const RELATIVE_TOLERANCE = 1e-6;
// Below this a difference is rounding, even where the exact gradient is 0 (x2 = 0 gives ∂L/∂w₂ = 0).
const ABSOLUTE_TOLERANCE = 1e-12;

export function isClose(got: number, expected: number): boolean {
	if (Number.isNaN(expected) || !Number.isFinite(expected)) return Object.is(got, expected);
	return Math.abs(got - expected) <= RELATIVE_TOLERANCE * Math.abs(expected) + ABSOLUTE_TOLERANCE;
}

/**
 * Grades a finished run: each target against the engine's gradient (`expected`, by name), and
 * the program's inputs against the sliders (`sliders`, by name).
 */
export function gradeRun(
	values: Record<string, Got>,
	targets: readonly { name: string; node: string }[],
	expected: Record<string, number>,
	sliders: Record<string, number>
): Report {
	const missing: Got = { kind: 'missing' };
	const graded = targets.map(({ name, node }): Graded => {
		const got = values[name] ?? missing;
		const status =
			got.kind === 'missing'
				? 'missing'
				: got.kind === 'number' && isClose(got.value, expected[name])
					? 'right'
					: 'wrong';
		return { name, node, status, expected: expected[name], got };
	});
	const inputs = Object.entries(sliders)
		.map(([name, slider]) => ({ name, slider, got: values[name] ?? missing }))
		.filter(({ got, slider }) => got.kind !== 'number' || got.value !== slider);
	return { graded, inputs };
}

/**
 * Both numbers as text for "expected … got …": 4 decimals like the graph, or more digits when
 * those would look the same although the numbers differ.
 */
export function mismatchText(expected: number, got: Got): { expected: string; got: string } {
	if (got.kind === 'missing') return { expected: formatNumber(expected), got: 'nothing' };
	if (got.kind === 'other') return { expected: formatNumber(expected), got: got.text };
	const short = { expected: formatNumber(expected), got: formatNumber(got.value) };
	if (short.expected !== short.got) return short;
	const precise = (x: number) => x.toPrecision(10).replace('e+', 'e').replaceAll('-', '\u2212');
	return { expected: precise(expected), got: precise(got.value) };
}

/** The hint for the first gradient that is not right yet (all of them before any run). */
export function firstOpen<T extends { name: string }>(
	targets: readonly T[],
	graded: readonly Graded[] | null
): T | undefined {
	if (!graded) return targets[0];
	const open = new Set(graded.filter((g) => g.status !== 'right').map((g) => g.name));
	return targets.find((t) => open.has(t.name));
}

/** One sentence per outcome that is not a graded run. */
export function problemText(result: Exclude<RunResult, { kind: 'done' }>): string {
	const where = result.line === undefined ? '' : ` on line ${result.line}`;
	return result.kind === 'syntax-error'
		? `The code cannot be read${where}: ${result.message}`
		: `The code stopped with an error${where}: ${result.message}`;
}
