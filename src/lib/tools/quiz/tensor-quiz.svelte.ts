import type { TensorGraph } from '$lib/graphs/tensor-graph';
import { seededRandom } from '$lib/graphs/random';
import type { Player } from '$lib/state/player.svelte';
import { localStore, type LocalStore } from '$lib/state/storage.svelte';
import type { TensorFrame, TensorStep } from '$lib/timeline/tensor-timeline';
import { QuizCore, type HintLine } from './core.svelte';
import type { Candidate } from './diagnose';
import { drawValues, MAX_DRAWS, readableNumber, type Drawable } from './numbers';
import {
	elementName,
	tensorCandidates,
	tensorDetail,
	tensorExpected,
	tensorHints,
	tensorLabel,
	tensorQuestions,
	type TensorQuestion
} from './tensor';

/** What the quiz reads from the PyTorch program on screen. */
export interface TensorQuizHost {
	readonly source: string;
	readonly graph: TensorGraph;
	readonly steps: readonly TensorStep[];
	readonly player: Player;
	readonly parameters: readonly Drawable[];
	/** bumped when the numbers change */
	readonly version: number;
	setMany(values: Record<string, number>): void;
}

/**
 * The quiz on a PyTorch program (see QuizCore for the asking and scoring): each element of
 * what a step computes, or one chosen element of a large tensor. A tensor with an open
 * question shows no numbers at all, nor the step's sentence, nor the printed lines.
 */
export class TensorQuiz extends QuizCore<TensorQuestion> {
	#host: TensorQuizHost;
	/** the values the last seed drew (a link writes only what differs from them) */
	seeded: Record<string, number> | null = $state.raw(null);

	constructor(host: TensorQuizHost, store: LocalStore = localStore) {
		super(() => host.player, store);
		this.#host = host;
	}

	readonly #questions: TensorQuestion[] = $derived.by(() =>
		tensorQuestions(this.#host.graph, this.#host.steps)
	);

	get allQuestions(): TensorQuestion[] {
		return this.#questions;
	}

	/** A program's round is kept under a hash of its code (the code itself may be 50 kB). */
	protected get roundKey(): string {
		return `quiz:code:${hash(this.#host.source)}`;
	}

	/** The box cell that shows "?". */
	get asking(): { node: number; what: 'value' | 'grad'; element: number } | undefined {
		const q = this.current;
		return q && { node: q.node, what: q.what, element: q.element };
	}

	/** Which element of a large tensor is asked, or ''. */
	override get detail(): string {
		return this.current ? tensorDetail(this.#host.graph, this.current) : '';
	}

	/** What the boxes may show: `frame` without the tensors that have an open question. */
	mask(frame: TensorFrame): TensorFrame {
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

	/**
	 * The step's sentences without those that show a number still to be asked: now, or (for an
	 * input used again later, whose sentence gives the sum) at a later step.
	 */
	visibleLines(lines: readonly string[]): string[] {
		if (!this.on) return [...lines];
		const position = this.#host.player.position;
		const step = this.#host.steps[position - 1];
		const round = this.round;
		const open = (what: 'value' | 'grad', node: number) =>
			this.questions.some(
				(q) => q.what === what && q.node === node && q.position >= position && !round[q.key]
			);
		if (step?.kind === 'forward') return open('value', step.node) ? [] : [...lines];
		if (step?.kind !== 'backward' || step.edges.length !== lines.length) return [...lines];
		return lines.filter((_, i) => !open('grad', this.#host.graph.edges[step.edges[i].edge].source));
	}

	/** The printed lines give every number away: hidden until the quiz is through. */
	get hidesOutput(): boolean {
		return this.on && !this.finished;
	}

	labelOf(q: TensorQuestion): string {
		return tensorLabel(this.#host.graph, q);
	}

	protected expectedOf(q: TensorQuestion): number {
		void this.#host.version;
		return tensorExpected(this.#host.graph, q);
	}

	protected candidatesOf(q: TensorQuestion): Candidate[] {
		return tensorCandidates(this.#host.graph, q);
	}

	protected summaryName(q: TensorQuestion): string {
		const name = elementName(this.#host.graph, q.node, q.element);
		return q.what === 'grad' ? name : `the value of ${name}`;
	}

	protected hintsOf(q: TensorQuestion): HintLine[][] {
		void this.#host.version;
		return tensorHints(this.#host.graph, q);
	}

	protected drawNumbers(seed: number): void {
		const random = seededRandom(seed);
		let values: Record<string, number> = {};
		for (let draw = 0; draw < MAX_DRAWS; draw++) {
			values = drawValues(this.#host.parameters, random);
			this.#host.setMany(values);
			if (this.#readable()) break;
		}
		this.seeded = values;
	}

	/** Every value and gradient readable by hand, as for new numbers on scalar graphs. */
	#readable(): boolean {
		return this.#host.graph.nodes.every(
			({ tensor }) =>
				tensor.data.every(readableNumber) && (tensor.grad?.every(readableNumber) ?? true)
		);
	}
}

/** FNV-1a, 32 bits, as hex: a short stable name for a program. */
function hash(text: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return (h >>> 0).toString(16).padStart(8, '0');
}
