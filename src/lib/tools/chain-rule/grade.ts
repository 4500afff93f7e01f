import { formatNumber } from '$lib/format';
import type { DrawnGraph } from '$lib/graphs/fold';
import type { Numbers } from '$lib/timeline/explain';
import type { Got, RunResult } from './protocol';

/**
 * One term of a gradient by the chain rule: the gradient arriving from one consumer, times the
 * drawn edge's local partial (∂L/∂h = ∂L/∂ŷ · ∂ŷ/∂h has one term).
 */
export interface Term {
	/** the learner's name for the arriving gradient; null when the learner writes none (∂L/∂L) */
	upstream: string | null;
	/** the engine's arriving gradient */
	grad: number;
	/** the edge's local partial, from the engine's forward values */
	partial: number;
}

/**
 * How one gradient the learner wrote compares: `right` is the engine's number (or rounds to
 * what the graph shows: `rounded`); `carried` is the right rule applied to the learner's own
 * earlier numbers (`given` names them) that were not right themselves ("error carried forward").
 */
export interface Graded {
	name: string;
	node: string;
	status: 'right' | 'carried' | 'wrong' | 'missing';
	/** the engine's gradient */
	expected: number;
	/** the right rule applied to the learner's earlier numbers, where those differ from the engine's */
	expectedGiven?: number;
	/** the learner's earlier names that differ from the engine's and went into `expectedGiven` */
	given: string[];
	/** right only once rounded as the graph shows it */
	rounded: boolean;
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

/** Equal as the graph shows numbers: the learner may type the graph's rounded −0.7447. */
export function roundsTo(got: number, expected: number): boolean {
	return (
		Number.isFinite(got) &&
		Number.isFinite(expected) &&
		formatNumber(got) === formatNumber(expected)
	);
}

/**
 * Each target's chain-rule terms, read off the drawn graph: one per out-edge of its node, with
 * the consumer's gradient named by the target that computes it (none for the output or a node
 * no target names).
 */
export function chainTerms(
	graph: DrawnGraph,
	numbers: Numbers,
	targets: readonly { name: string; node: string }[]
): Record<string, Term[]> {
	const nameAt = new Map(targets.map((t) => [graph.byId.get(t.node), t.name]));
	const out: Record<string, Term[]> = {};
	for (const { name, node } of targets) {
		const index = graph.byId.get(node);
		if (index === undefined) continue;
		out[name] = graph.nodes[index].outEdges.map((e) => {
			const consumer = graph.edges[e].target;
			return {
				upstream: nameAt.get(consumer) ?? null,
				grad: numbers.grads[consumer],
				partial: numbers.partials[e]
			};
		});
	}
	return out;
}

/**
 * Grades a finished run: each target against the engine's gradient (`expected`, by name), and
 * failing that against its chain-rule `terms` with the learner's own upstream numbers; and the
 * program's inputs against the sliders (`sliders`, by name).
 */
export function gradeRun(
	values: Record<string, Got>,
	targets: readonly { name: string; node: string }[],
	expected: Record<string, number>,
	sliders: Record<string, number>,
	terms: Record<string, readonly Term[]> = {}
): Report {
	const missing: Got = { kind: 'missing' };
	const learnerNumber = (name: string): number | undefined => {
		const got = values[name];
		return got?.kind === 'number' && Number.isFinite(got.value) ? got.value : undefined;
	};
	const graded = targets.map(({ name, node }): Graded => {
		const got = values[name] ?? missing;
		const base = { name, node, expected: expected[name], given: [], rounded: false, got };
		if (got.kind === 'missing') return { ...base, status: 'missing' };
		if (got.kind !== 'number') return { ...base, status: 'wrong' };
		if (isClose(got.value, expected[name])) return { ...base, status: 'right' };
		// Error carried forward: the right rule with the learner's own upstream numbers, where
		// those differ from the engine's.
		const given: string[] = [];
		let expectedGiven = 0;
		for (const term of terms[name] ?? []) {
			const mine = term.upstream === null ? undefined : learnerNumber(term.upstream);
			if (mine !== undefined && !isClose(mine, term.grad)) given.push(term.upstream!);
			expectedGiven += (mine ?? term.grad) * term.partial;
		}
		const exactGiven = given.length > 0 && isClose(got.value, expectedGiven);
		// Right by the graph's rounding: typed from the graph, or computed from such a number.
		if (roundsTo(got.value, expected[name]))
			return { ...base, status: 'right', rounded: !exactGiven };
		if (given.length === 0) return { ...base, status: 'wrong' };
		const carried = exactGiven || roundsTo(got.value, expectedGiven);
		return {
			...base,
			status: carried ? 'carried' : 'wrong',
			expectedGiven,
			given,
			rounded: carried && !exactGiven
		};
	});
	const inputs = Object.entries(sliders)
		.map(([name, slider]) => ({ name, slider, got: values[name] ?? missing }))
		.filter(({ got, slider }) => got.kind !== 'number' || got.value !== slider);
	return { graded, inputs };
}

/** The line to fix: the first one that is wrong (later ones may only carry its error). */
export function firstWrong(graded: readonly Graded[]): Graded | undefined {
	return graded.find((g) => g.status === 'wrong');
}

/** "2 of 6 right, 3 right given your earlier lines. Fix dL_dyhat first." */
export function summaryText(graded: readonly Graded[]): string {
	const count = (status: Graded['status']) => graded.filter((g) => g.status === status).length;
	const right = count('right');
	const carried = count('carried');
	if (right === graded.length)
		return `${right} of ${graded.length} right: every gradient is on the graph, marked ✓.`;
	const parts = [`${right} of ${graded.length} right`];
	if (carried > 0)
		parts.push(`${carried} right given your earlier ${carried === 1 ? 'line' : 'lines'}`);
	const fix = firstWrong(graded);
	if (!fix) return `${parts.join(', ')}.`;
	const why = carried > 0 ? ': the lines after it use its number' : '';
	return `${parts.join(', ')}. Fix ${fix.name} first${why}.`;
}

/** What one graded line says after its name. */
export function lineText(g: Graded): string {
	const rounded = g.rounded ? ' (taken as rounded)' : '';
	switch (g.status) {
		case 'right':
			return `= ${formatNumber(g.expected)}, right${rounded}`;
		case 'carried': {
			// The learner's own number: it differs from the graph's, and that is the point.
			const mine = g.got.kind === 'number' ? formatNumber(g.got.value) : '';
			return `= ${mine}, right, given your ${listText(g.given)}${rounded}`;
		}
		case 'missing':
			return 'missing';
		case 'wrong': {
			const text = mismatchText(g.expectedGiven ?? g.expected, g.got);
			const given = g.expectedGiven === undefined ? '' : ` from your ${listText(g.given)}`;
			return `wrong: expected ${text.expected}${given}, got ${text.got}`;
		}
	}
}

function listText(names: readonly string[]): string {
	return names.length <= 1
		? names.join('')
		: `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
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
	const precise = (x: number) => x.toPrecision(10).replace('-', '\u2212');
	return { expected: precise(expected), got: precise(got.value) };
}

/**
 * The hint for the first gradient that is wrong or not written yet (all of them before any
 * run); a line right given the learner's earlier numbers needs none.
 */
export function firstOpen<T extends { name: string }>(
	targets: readonly T[],
	graded: readonly Graded[] | null
): T | undefined {
	if (!graded) return targets[0];
	const open = new Set(
		graded.filter((g) => g.status === 'wrong' || g.status === 'missing').map((g) => g.name)
	);
	return targets.find((t) => open.has(t.name));
}

/** One sentence per outcome that is not a graded run. */
export function problemText(result: Exclude<RunResult, { kind: 'done' }>): string {
	const where = result.line === undefined ? '' : ` on line ${result.line}`;
	return result.kind === 'syntax-error'
		? `The code cannot be read${where}: ${result.message}`
		: `The code stopped with an error${where}: ${result.message}`;
}
