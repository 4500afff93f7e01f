import { untrack } from 'svelte';
import { TEXTBOOK_VALUES } from '$lib/graphs/textbook';
import type { Explorer } from '$lib/state/explorer.svelte';
import type { NodeCheck, Session } from '$lib/state/session.svelte';
import { localStore } from '$lib/state/storage.svelte';
import { createExerciseWorker } from './browser';
import {
	exerciseSolution,
	exerciseTemplate,
	INPUTS,
	READ_NAMES,
	TARGETS,
	withValues,
	type Inputs
} from './exercise';
import { chainTerms, firstOpen, firstWrong, gradeRun, mismatchText, type Report } from './grade';
import { ExerciseRunner, type RunOutcome } from './runner';

/** The learner's code survives a reload (where the browser keeps storage). */
const CODE_KEY = 'chain-rule-exercise';
/** Rewriting the editor costs a few milliseconds: during a drag, once the slider rests. */
const SYNC_DELAY_MS = 120;

/** One run: what it ran, on which numbers, and what came of it. */
interface Outcome {
	code: string;
	explorer: Explorer;
	version: number;
	result: RunOutcome;
	report: Report | null;
}

/** The graph's marks for a graded run: a line right only given the learner's earlier numbers
 *  gets none, so the graph points at the lines to fix. */
export function checkMarks(report: Report): Record<string, NodeCheck> {
	const out: Record<string, NodeCheck> = {};
	for (const g of report.graded) {
		if (g.status === 'right' || g.status === 'wrong')
			out[g.node] = { status: g.status, ...mismatchText(g.expectedGiven ?? g.expected, g.got) };
	}
	return out;
}

/**
 * "Write the chain rule yourself": the learner's code, kept equal to the sliders in its input
 * lines; Run executes it in a worker and checks each gradient against the engine's, on the graph.
 */
export class ChainRuleCell {
	readonly #session: Session;
	code = $state('');
	running = $state(false);
	showHint = $state(false);
	showSolution = $state(false);
	#loaded = false;
	#last: Outcome | null = $state.raw(null);
	#runner: ExerciseRunner | null = null;
	// "Start over" replaces the learner's work at once; Undo brings it back until they edit again.
	#reset: { before: string; after: string } | null = $state.raw(null);

	constructor(session: Session) {
		this.#session = session;
		this.code = exerciseTemplate(this.fits ? this.sliders() : { ...TEXTBOOK_VALUES });
	}

	get explorer(): Explorer {
		return this.#session.explorer;
	}

	/** The exercise is written for the textbook network's names. */
	get fits(): boolean {
		const { explorer } = this;
		return (
			TARGETS.every((t) => explorer.graph.byId.has(t.node)) &&
			INPUTS.every((name) => explorer.parameters.some((p) => p.id === name))
		);
	}

	sliders(): Inputs {
		return Object.fromEntries(INPUTS.map((n) => [n, this.explorer.parameterValue(n)])) as Inputs;
	}

	/** The last run, while it speaks for the code and values on screen (edit either: it goes). */
	get outcome(): Outcome | null {
		const last = this.#last;
		const { explorer } = this;
		return last &&
			last.code === this.code &&
			last.explorer === explorer &&
			last.version === explorer.version
			? last
			: null;
	}

	get report(): Report | null {
		return this.outcome?.report ?? null;
	}
	/** the first line to fix */
	get toFix() {
		const report = this.report;
		return report ? firstWrong(report.graded) : undefined;
	}
	get missing() {
		return this.report?.graded.filter((g) => g.status === 'missing') ?? [];
	}
	get hint() {
		return firstOpen(TARGETS, this.report?.graded ?? null);
	}
	get undoable(): boolean {
		const reset = this.#reset;
		return reset !== null && reset.after === this.code && reset.before !== this.code;
	}

	startOver(): void {
		const before = this.code;
		this.code = exerciseTemplate(this.sliders());
		this.#reset = { before, after: this.code };
	}

	undoReset(): void {
		if (this.#reset) this.code = this.#reset.before;
		this.#reset = null;
	}

	putSolution(): void {
		this.code = exerciseSolution(this.sliders());
	}

	async run(): Promise<void> {
		const { explorer } = this;
		if (this.fits) this.code = withValues(this.code, this.sliders());
		const ran = { code: this.code, explorer, version: explorer.version, values: this.sliders() };
		const expected = Object.fromEntries(
			TARGETS.map((t) => [t.name, explorer.grad(explorer.graph.byId.get(t.node)!)])
		);
		const terms = chainTerms(explorer.graph, explorer.numbers, TARGETS);
		this.running = true;
		this.#runner ??= new ExerciseRunner(createExerciseWorker);
		const result = await this.#runner.run(ran.code, READ_NAMES);
		if (result.kind === 'cancelled') return;
		this.running = false;
		const report =
			result.kind === 'done' ? gradeRun(result.values, TARGETS, expected, ran.values, terms) : null;
		this.#last = { ...ran, result, report };
		const current = this.explorer;
		if (
			report &&
			current === ran.explorer &&
			current.version === ran.version &&
			this.code === ran.code
		)
			this.#session.setChecks(checkMarks(report));
	}

	/** Call on mount, in the browser: the saved code comes back (so the prerendered page and
	 *  the first paint agree). */
	restore(): void {
		const saved = localStore.get(CODE_KEY);
		if (saved !== null) this.code = this.fits ? withValues(saved, this.sliders()) : saved;
		this.#loaded = true;
	}

	destroy(): void {
		this.#runner?.dispose();
		this.#session.clearChecks();
	}

	/** The cell's effects; call during component initialisation. */
	follow(): void {
		// Keep the program's input lines equal to the sliders (Run syncs at once).
		$effect(() => {
			if (!this.fits) return;
			const values = this.sliders();
			const timer = setTimeout(
				() => untrack(() => (this.code = withValues(this.code, values))),
				SYNC_DELAY_MS
			);
			return () => clearTimeout(timer);
		});
		// Saved as typed; marks on the graph go as soon as the code is not what ran.
		$effect(() => {
			const text = this.code;
			untrack(() => {
				if (this.#loaded) localStore.set(CODE_KEY, text);
				if (text !== this.#last?.code) this.#session.clearChecks();
			});
		});
	}
}
