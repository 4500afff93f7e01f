import type { Formula } from '$lib/formula/ast';
import type { ViewMode } from '$lib/graphs/fold';
import { seededRandom } from '$lib/graphs/random';
import type { GraphSource } from '$lib/graphs/source';
import type { Explorer } from '$lib/state/explorer.svelte';
import type { Player } from '$lib/state/player.svelte';
import { localStore, type LocalStore } from '$lib/state/storage.svelte';
import type { Explanation } from '$lib/timeline/explain';
import type { Frame } from '$lib/timeline/timeline';
import { QuizCore, type HintLine } from './core.svelte';
import type { Candidate } from './diagnose';
import { drawValues, MAX_DRAWS, readable } from './numbers';
import {
	candidatesFor,
	expectedOf,
	hintsFor,
	labelOf,
	labelText,
	nameOf,
	quizGraph,
	visibleLines,
	type Question,
	type QuizGraph
} from './scalar';

export { HINTS, type Feedback } from './core.svelte';

/** What the quiz reads from the page's session. */
export interface QuizHost {
	readonly explorer: Explorer;
	readonly player: Player;
	readonly source: GraphSource;
	readonly mode: ViewMode;
	/** the current step's equations, as stepping shows them */
	readonly equations: Explanation[];
}

/**
 * The quiz on a scalar graph (see QuizCore for the asking and scoring): a node's value on a
 * forward step, its gradient so far on a backward step, read off the drawn graph.
 */
export class Quiz extends QuizCore<Question> {
	#host: QuizHost;

	constructor(host: QuizHost, store: LocalStore = localStore) {
		super(() => host.player, store);
		this.#host = host;
	}

	readonly graph: QuizGraph = $derived.by(() => {
		const { graph, tape, steps } = this.#host.explorer;
		return quizGraph(graph, tape, steps);
	});

	get allQuestions(): Question[] {
		return this.graph.questions;
	}

	/** Which graph the round belongs to: its source and view. */
	protected get roundKey(): string {
		const s = this.#host.source;
		return `quiz:${this.#host.mode}:${s.kind === 'preset' ? `preset:${s.id}` : `expr:${s.text}`}`;
	}

	/** The node box that shows "?" (value or gradient). */
	get asking(): { node: number; what: 'value' | 'grad' } | undefined {
		const q = this.current;
		return q && { node: q.node, what: q.what };
	}

	get label(): Formula | undefined {
		return this.current && labelOf(this.graph.graph, this.current);
	}

	/** What the nodes may show: `frame` with the open questions' numbers taken out. */
	mask(frame: Frame): Frame {
		const pending = this.pending;
		if (pending.length === 0) return frame;
		const valueKnown = [...frame.valueKnown];
		const gradKnown = [...frame.gradKnown];
		for (const q of pending) {
			if (q.what === 'value') valueKnown[q.node] = false;
			else gradKnown[q.node] = false;
		}
		return { ...frame, valueKnown, gradKnown };
	}

	/** The step's equations without the lines of numbers still hidden. */
	get equations(): Explanation[] {
		return visibleLines(this.graph, this.#host.equations, this.pending);
	}

	labelOf(q: Question): string {
		return labelText(this.graph.graph, q);
	}

	protected expectedOf(q: Question): number {
		return expectedOf(this.graph, this.#host.explorer.numbers, q);
	}

	protected candidatesOf(q: Question): Candidate[] {
		return candidatesFor(this.graph, this.#host.explorer.numbers, q);
	}

	protected summaryName(q: Question): string {
		const { graph } = this.graph;
		return q.what === 'grad' ? nameOf(graph, q.node) : `the value of ${nameOf(graph, q.node)}`;
	}

	protected hintsOf(q: Question): HintLine[][] {
		void this.#host.explorer.version;
		return hintsFor(this.graph, this.#host.explorer.numbers, q);
	}

	protected drawNumbers(seed: number): void {
		const explorer = this.#host.explorer;
		const random = seededRandom(seed);
		for (let draw = 0; draw < MAX_DRAWS; draw++) {
			explorer.setMany(drawValues(explorer.parameters, random));
			if (readable(explorer.numbers)) break;
		}
	}
}
