import { formatNumber } from '$lib/format';
import type { Player } from '$lib/state/player.svelte';
import type { LocalStore } from '$lib/state/storage.svelte';
import type { Explanation } from '$lib/timeline/explain';
import { diagnose, readAnswer, type Candidate, type MistakeCode } from './diagnose';
import { newSeed } from './numbers';
import { emptyRound, outcomeOf, parseRound, summarize, type Round, type Summary } from './score';

/** One number the quiz asks for, at the timeline position of the step that reveals it. */
export interface Asked {
	/** stable within one graph (the round is kept by it) */
	key: string;
	/** the 1-based timeline position of the step that reveals it */
	position: number;
}

/** A hint's line: typeset equations (scalar graphs) or a tensor step's sentence. */
export type HintLine = Explanation | string;

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
 * Predict, then reveal, whatever the graph: the questions, the numbers they should be, the
 * likely mistakes and the hints come from the subclass (scalar graphs, tensor programs); the
 * asking, checking, hints, score and its storage are here. While on, each number a step
 * reveals stays hidden until the learner's prediction is right or they reveal it; stepping
 * forward with a question open reveals it, so a clicker alone runs a class quiz.
 */
export abstract class QuizCore<Q extends Asked> {
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
	#player: () => Player;
	#store: LocalStore;

	constructor(player: () => Player, store: LocalStore) {
		this.#player = player;
		this.#store = store;
	}

	/** Every question of the graph, in timeline order. */
	abstract get allQuestions(): Q[];
	/** Which graph the round belongs to (its key in localStorage). */
	protected abstract get roundKey(): string;
	/** The number the step shows for q, from the current numbers. */
	protected abstract expectedOf(q: Q): number;
	/** The wrong numbers the likely mistakes give for q, most specific first. */
	protected abstract candidatesOf(q: Q): Candidate[];
	/** What q asks for, as the page writes it: `∂L/∂h`, `∂loss/∂w[1]`. */
	abstract labelOf(q: Q): string;
	/** How q reads in the summary ("missed: fan-out at w"). */
	protected abstract summaryName(q: Q): string;
	/** The rule, the rule with numbers, the answer. */
	protected abstract hintsOf(q: Q): HintLine[][];
	/** Draws the slider values `seed` gives. */
	protected abstract drawNumbers(seed: number): void;

	get round(): Round {
		void this.#version;
		const key = this.roundKey;
		return (this.#rounds[key] ??= parseRound(this.#store.get(key)));
	}

	/** The questions this quiz asks: every one, or those of its stretch of the timeline. */
	readonly questions: Q[] = $derived.by(() => {
		const within = this.within;
		const all = this.allQuestions;
		return within ? all.filter((q) => q.position > within.from && q.position <= within.to) : all;
	});

	/** The questions of the step just taken that are still open, in the order they are asked. */
	readonly pending: Q[] = $derived.by(() => {
		if (!this.on) return [];
		const position = this.#player().position;
		const round = this.round;
		return this.questions.filter((q) => q.position === position && !round[q.key]);
	});

	/** The question being asked now. */
	readonly current: Q | undefined = $derived(this.pending[0]);

	/** True while numbers the step computed are hidden. */
	get hidesNumbers(): boolean {
		return this.pending.length > 0;
	}

	/** A note on the current question (which element of a large tensor is asked), or ''. */
	get detail(): string {
		return '';
	}

	get labelText(): string {
		return this.current ? this.labelOf(this.current) : '';
	}

	get attempt(): Attempt {
		const key = this.current?.key ?? '';
		const a = this.#attempt;
		return a && a.key === key ? a : { key, hints: 0, mistakes: [] };
	}

	/** The hints asked for so far on the current question. */
	get hints(): HintLine[][] {
		const q = this.current;
		return q ? this.hintsOf(q).slice(0, this.attempt.hints) : [];
	}

	/** The feedback that belongs to where the timeline is now. */
	get shownFeedback(): Feedback | null {
		const f = this.feedback;
		return f && f.position === this.#player().position ? f : null;
	}

	readonly summary: Summary = $derived.by(() =>
		summarize(
			this.questions.map((q) => ({ key: q.key, name: this.summaryName(q) })),
			this.round
		)
	);

	/** Every question has an outcome, or the timeline (the lesson's stretch) is at its end. */
	get finished(): boolean {
		const position = this.#player().position;
		const end = this.within?.to ?? this.#player().length;
		return this.summary.answered === this.summary.total || (this.on && position >= end);
	}

	toggle(): void {
		this.on = !this.on;
		this.within = null;
		const player = this.#player();
		if (this.on) {
			player.pause();
			// The page opens at the end with every number shown: a quiz starts from the beginning.
			if (player.atEnd) player.reset();
		}
		this.feedback = null;
	}

	/** "Try it yourself first": the quiz over one stretch of the timeline, from its start. */
	tryStretch(from: number, to: number): void {
		this.on = true;
		this.within = { from, to };
		this.feedback = null;
		this.#player().pause();
		this.#player().seek(from);
	}

	/** Check the learner's prediction for the current question. */
	check(text: string): void {
		const q = this.current;
		if (!q) return;
		const position = this.#player().position;
		const reading = readAnswer(text);
		if (!reading.ok) {
			this.feedback = { position, kind: 'unread', message: reading.message };
			return;
		}
		const expected = this.expectedOf(q);
		const label = this.labelOf(q);
		const verdict = diagnose(reading.value, expected, label, this.candidatesOf(q));
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
		this.feedback = {
			position: this.#player().position,
			kind: 'revealed',
			message: `${this.labelOf(q)} = ${formatNumber(this.expectedOf(q))}.`
		};
	}

	/**
	 * The player asks before each step forward. With a question open the press reveals it (Page
	 * Down on a clicker: first the question, then the answer) and playback stops at it.
	 * True when the quiz took the press.
	 */
	intercept(): boolean {
		if (!this.current) return false;
		if (this.#player().playing) this.#player().pause();
		else this.reveal();
		return true;
	}

	/** A step forward, as Page Down takes it (reveals an open question first). */
	next(): void {
		this.#player().next();
	}

	/** Forget this graph's outcomes and go back to the start. */
	startOver(): void {
		this.#rounds[this.roundKey] = emptyRound();
		this.#store.set(this.roundKey, '{}');
		this.#version++;
		this.#attempt = null;
		this.feedback = null;
		this.#player().pause();
		this.#player().seek(this.within?.from ?? 0);
	}

	/** Fresh slider values from `seed` (a new one if none), then a fresh round. */
	newNumbers(seed: number = newSeed()): void {
		this.useSeed(seed);
		this.startOver();
	}

	/** Draw the values `seed` gives, keeping the round (a link's seed, read on load). */
	useSeed(seed: number): void {
		this.drawNumbers(seed);
		this.seed = seed;
	}

	#record(q: Q, outcome: ReturnType<typeof outcomeOf>): void {
		const round = Object.assign(emptyRound(), this.round, { [q.key]: outcome });
		this.#rounds[this.roundKey] = round;
		this.#store.set(this.roundKey, JSON.stringify(round));
		this.#version++;
		this.#attempt = null;
	}
}
