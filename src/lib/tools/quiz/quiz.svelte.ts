import { formatNumber } from '$lib/format';
import type { Formula } from '$lib/formula/ast';
import type { ViewMode } from '$lib/graphs/fold';
import { seededRandom } from '$lib/graphs/random';
import type { GraphSource } from '$lib/graphs/source';
import type { Explorer } from '$lib/state/explorer.svelte';
import type { Player } from '$lib/state/player.svelte';
import { localStore, type LocalStore } from '$lib/state/storage.svelte';
import type { Explanation } from '$lib/timeline/explain';
import type { Frame } from '$lib/timeline/timeline';
import { diagnose, readAnswer, type MistakeCode } from './diagnose';
import { drawValues, MAX_DRAWS, newSeed, readable } from './numbers';
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
import { emptyRound, outcomeOf, parseRound, summarize, type Round, type Summary } from './score';

/** What the quiz reads from the page's session. */
export interface QuizHost {
	readonly explorer: Explorer;
	readonly player: Player;
	readonly source: GraphSource;
	readonly mode: ViewMode;
	/** the current step's equations, as stepping shows them */
	readonly equations: Explanation[];
}

/** What the last check, hint or reveal said; shown while the timeline stays where it was. */
export interface Feedback {
	position: number;
	/** right / wrong carry data-verdict; unread: the text was not a number; revealed: given up */
	kind: 'right' | 'wrong' | 'unread' | 'revealed';
	code?: MistakeCode;
	message: string;
}

interface Attempt {
	key: string;
	hints: number;
	mistakes: MistakeCode[];
}

/** How many hints a question has: the rule, the rule with numbers, the answer. */
export const HINTS = 3;

/**
 * Predict, then reveal. While on, each number a step reveals stays hidden (not on the page at
 * all) until the learner's prediction is right or they reveal it; stepping forward with a
 * question open reveals it, so a clicker alone runs a class quiz. Outcomes are kept per graph
 * in localStorage.
 */
export class Quiz {
	on = $state(false);
	/** the seed of the last new numbers, for the link */
	seed: number | undefined = $state();
	feedback: Feedback | null = $state.raw(null);
	/** Only the steps after `from`, up to `to`, ask (the lesson's backward pass); null: all. */
	within: { from: number; to: number } | null = $state.raw(null);
	#attempt: Attempt | null = $state.raw(null);
	/** bumped when a round changes; rounds are cached here after their first read */
	#version = $state(0);
	// Not reactive on purpose: #version says when a round changed.
	#rounds: Record<string, Round> = Object.create(null);
	#host: QuizHost;
	#store: LocalStore;

	constructor(host: QuizHost, store: LocalStore = localStore) {
		this.#host = host;
		this.#store = store;
	}

	readonly graph: QuizGraph = $derived.by(() => {
		const { graph, tape, steps } = this.#host.explorer;
		return quizGraph(graph, tape, steps);
	});

	/** Which graph the round belongs to: its source and view. */
	readonly #key: string = $derived.by(() => {
		const s = this.#host.source;
		return `quiz:${this.#host.mode}:${s.kind === 'preset' ? `preset:${s.id}` : `expr:${s.text}`}`;
	});

	get round(): Round {
		void this.#version;
		const key = this.#key;
		return (this.#rounds[key] ??= parseRound(this.#store.get(key)));
	}

	/** The questions this quiz asks: every one, or those of its stretch of the timeline. */
	readonly questions: Question[] = $derived.by(() => {
		const within = this.within;
		return within
			? this.graph.questions.filter((q) => q.position > within.from && q.position <= within.to)
			: this.graph.questions;
	});

	/** The questions of the step just taken that are still open, in the order they are asked. */
	readonly pending: Question[] = $derived.by(() => {
		if (!this.on) return [];
		const position = this.#host.player.position;
		const round = this.round;
		return this.questions.filter((q) => q.position === position && !round[q.key]);
	});

	/** The question being asked now. */
	readonly current: Question | undefined = $derived(this.pending[0]);

	/** True while numbers the step computed are hidden: markers and edge labels stay off too. */
	get hidesNumbers(): boolean {
		return this.pending.length > 0;
	}

	/** The node box that shows "?" (value or gradient). */
	get asking(): { node: number; what: 'value' | 'grad' } | undefined {
		const q = this.current;
		return q && { node: q.node, what: q.what };
	}

	get label(): Formula | undefined {
		return this.current && labelOf(this.graph.graph, this.current);
	}

	get labelText(): string {
		return this.current ? labelText(this.graph.graph, this.current) : '';
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

	get attempt(): Attempt {
		const key = this.current?.key ?? '';
		const a = this.#attempt;
		return a && a.key === key ? a : { key, hints: 0, mistakes: [] };
	}

	/** The hints asked for so far on the current question. */
	get hints(): Explanation[][] {
		const q = this.current;
		if (!q) return [];
		void this.#host.explorer.version;
		return hintsFor(this.graph, this.#host.explorer.numbers, q).slice(0, this.attempt.hints);
	}

	/** The feedback that belongs to where the timeline is now. */
	get shownFeedback(): Feedback | null {
		const f = this.feedback;
		return f && f.position === this.#host.player.position ? f : null;
	}

	readonly summary: Summary = $derived.by(() => {
		const { graph } = this.graph;
		const questions = this.questions;
		return summarize(
			questions.map((q) => ({
				key: q.key,
				name: q.what === 'grad' ? nameOf(graph, q.node) : `the value of ${nameOf(graph, q.node)}`
			})),
			this.round
		);
	});

	/** Every question has an outcome, or the timeline (the lesson's stretch) is at its end. */
	get finished(): boolean {
		const position = this.#host.player.position;
		const end = this.within?.to ?? this.#host.player.length;
		return this.summary.answered === this.summary.total || (this.on && position >= end);
	}

	toggle(): void {
		this.on = !this.on;
		this.within = null;
		if (this.on) {
			this.#host.player.pause();
			// The page opens at the end with every number shown: a quiz starts from the beginning.
			if (this.#host.player.atEnd) this.#host.player.reset();
		}
		this.feedback = null;
	}

	/** "Try it yourself first": the quiz over one stretch of the timeline, from its start. */
	tryStretch(from: number, to: number): void {
		this.on = true;
		this.within = { from, to };
		this.feedback = null;
		this.#host.player.pause();
		this.#host.player.seek(from);
	}

	/** Check the learner's prediction for the current question. */
	check(text: string): void {
		const q = this.current;
		if (!q) return;
		const position = this.#host.player.position;
		const reading = readAnswer(text);
		if (!reading.ok) {
			this.feedback = { position, kind: 'unread', message: reading.message };
			return;
		}
		const { numbers } = this.#host.explorer;
		const expected = expectedOf(this.graph, numbers, q);
		const label = labelText(this.graph.graph, q);
		const verdict = diagnose(reading.value, expected, label, candidatesFor(this.graph, numbers, q));
		const attempt = this.attempt;
		if (verdict.verdict === 'right') {
			this.#record(q, outcomeOf(true, attempt.hints, attempt.mistakes));
			this.feedback = {
				position,
				kind: 'right',
				message: `Right: ${label} = ${formatNumber(expected)}.`
			};
			return;
		}
		this.#attempt = { ...attempt, mistakes: [...attempt.mistakes, verdict.code] };
		this.feedback = { position, kind: 'wrong', code: verdict.code, message: verdict.message };
	}

	/** One more hint on the current question (the third is the answer). */
	hint(): void {
		if (!this.current) return;
		const attempt = this.attempt;
		this.#attempt = { ...attempt, hints: Math.min(HINTS, attempt.hints + 1) };
	}

	/** Show the current question's number without an answer. */
	reveal(): void {
		const q = this.current;
		if (!q) return;
		const attempt = this.attempt;
		this.#record(q, outcomeOf(false, attempt.hints, attempt.mistakes));
		const expected = expectedOf(this.graph, this.#host.explorer.numbers, q);
		this.feedback = {
			position: this.#host.player.position,
			kind: 'revealed',
			message: `${labelText(this.graph.graph, q)} = ${formatNumber(expected)}.`
		};
	}

	/**
	 * The player asks before each step forward. With a question open the press reveals it (Page
	 * Down on a clicker: first the question, then the answer) and playback stops at it.
	 * True when the quiz took the press.
	 */
	intercept(): boolean {
		if (!this.current) return false;
		if (this.#host.player.playing) this.#host.player.pause();
		else this.reveal();
		return true;
	}

	/** A step forward, as Page Down takes it (reveals an open question first). */
	next(): void {
		this.#host.player.next();
	}

	/** Forget this graph's outcomes and go back to the start. */
	startOver(): void {
		this.#rounds[this.#key] = emptyRound();
		this.#store.set(this.#key, '{}');
		this.#version++;
		this.#attempt = null;
		this.feedback = null;
		this.#host.player.pause();
		this.#host.player.seek(this.within?.from ?? 0);
	}

	/** Fresh slider values from `seed` (a new one if none), then a fresh round. */
	newNumbers(seed: number = newSeed()): void {
		this.useSeed(seed);
		this.startOver();
	}

	/** Draw the values `seed` gives, keeping the round (a link's seed, read on load). */
	useSeed(seed: number): void {
		const explorer = this.#host.explorer;
		const random = seededRandom(seed);
		for (let draw = 0; draw < MAX_DRAWS; draw++) {
			explorer.setMany(drawValues(explorer.parameters, random));
			if (readable(explorer.numbers)) break;
		}
		this.seed = seed;
	}

	#record(q: Question, outcome: ReturnType<typeof outcomeOf>): void {
		const round = Object.assign(emptyRound(), this.round, { [q.key]: outcome });
		this.#rounds[this.#key] = round;
		this.#store.set(this.#key, JSON.stringify(round));
		this.#version++;
		this.#attempt = null;
	}
}
