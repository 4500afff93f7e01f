import type { MistakeCode } from './diagnose';

/**
 * The quiz's score: per question, right first time, right after hints or tries, or revealed.
 * A round is kept per graph as JSON; reading it back trusts nothing.
 */
export type Result = 'first' | 'after' | 'revealed';

export interface Outcome {
	result: Result;
	/** hints shown before the answer */
	hints: number;
	/** the mistakes diagnosed on the way, in order */
	mistakes: MistakeCode[];
}

/** Outcomes by question key; no prototype, so any key is a plain entry. */
export type Round = Record<string, Outcome>;

export function emptyRound(): Round {
	return Object.create(null) as Round;
}

/** Right with no hint and no wrong try counts as first time; anything else right is "after". */
export function outcomeOf(right: boolean, hints: number, mistakes: MistakeCode[]): Outcome {
	const result: Result = !right
		? 'revealed'
		: hints === 0 && mistakes.length === 0
			? 'first'
			: 'after';
	return { result, hints, mistakes };
}

const RESULTS = new Set<string>(['first', 'after', 'revealed']);
const CODES = new Set<string>([
	'sign',
	'local-derivative',
	'missing-factor',
	'fan-out',
	'value-for-gradient',
	'rounding',
	'other'
]);
const MAX_KEYS = 10_000;

export function parseRound(text: string | null): Round {
	const round = emptyRound();
	if (!text) return round;
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return round;
	}
	if (typeof data !== 'object' || data === null || Array.isArray(data)) return round;
	for (const [key, value] of Object.entries(data).slice(0, MAX_KEYS)) {
		if (typeof value !== 'object' || value === null) continue;
		const { result, hints, mistakes } = value as Record<string, unknown>;
		if (typeof result !== 'string' || !RESULTS.has(result)) continue;
		round[key] = {
			result: result as Result,
			hints: Number.isInteger(hints) && (hints as number) >= 0 ? (hints as number) : 0,
			mistakes: Array.isArray(mistakes)
				? mistakes.filter((m): m is MistakeCode => typeof m === 'string' && CODES.has(m))
				: []
		};
	}
	return round;
}

export interface ScoredQuestion {
	key: string;
	/** where it is asked, for the summary: "w", "∂L/∂w" reads "at w" */
	name: string;
}

export interface Summary {
	total: number;
	answered: number;
	first: number;
	after: number;
	revealed: number;
	/** "fan-out at w", one per question missed first time with a diagnosed mistake */
	missed: string[];
	text: string;
}

export function summarize(questions: readonly ScoredQuestion[], round: Round): Summary {
	let first = 0;
	let after = 0;
	let revealed = 0;
	const missed: string[] = [];
	for (const q of questions) {
		const outcome = round[q.key];
		if (!outcome) continue;
		if (outcome.result === 'first') first++;
		else if (outcome.result === 'after') after++;
		else revealed++;
		const mistake = outcome.mistakes[0];
		if (outcome.result !== 'first' && mistake) missed.push(`${mistake} at ${q.name}`);
	}
	const total = questions.length;
	const parts = [`${first} of ${total} right first time`];
	if (after > 0) parts.push(`${after} after hints or tries`);
	if (revealed > 0) parts.push(`${revealed} revealed`);
	const text = `${parts.join(', ')}${missed.length > 0 ? `; missed: ${missed.join(', ')}` : ''}`;
	return { total, answered: first + after + revealed, first, after, revealed, missed, text };
}
