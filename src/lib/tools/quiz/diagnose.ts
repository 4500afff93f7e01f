import { parseProgram } from '$lib/formula/parse';
import { constantValue, FUNCTIONS } from '$lib/graphs/program';

/**
 * Checking one predicted number and naming the likely mistake. This part knows nothing of
 * graphs: the caller passes the number the step reveals and the wrong numbers a learner would
 * get by each likely mistake (scalar.ts builds them for scalar graphs, tensor.ts for one element
 * of a PyTorch program's tensor), and `diagnose` picks the one that fits.
 */
export type MistakeCode =
	| 'sign'
	| 'local-derivative'
	| 'missing-factor'
	| 'fan-out'
	| 'value-for-gradient'
	| 'rounding'
	| 'other';

/** What a learner gets by one likely mistake, and the sentence that points at the fix. */
export interface Candidate {
	code: MistakeCode;
	value: number;
	message: string;
}

export type Verdict =
	{ verdict: 'right' } | { verdict: 'wrong'; code: MistakeCode; message: string };

/** Half a unit in the last place of `decimals` decimals, with room for float noise. */
export function tolerance(decimals: number, expected: number): number {
	return 0.5 * 10 ** -decimals * (1 + 1e-9) + Math.abs(expected) * 1e-12;
}

/** Equal to `decimals` decimals: within half a unit in that place. */
export function closeTo(answer: number, expected: number, decimals: number): boolean {
	return Math.abs(answer - expected) <= tolerance(decimals, expected);
}

/** Right means equal to the number shown, to 4 decimals. */
export function isRight(answer: number, expected: number): boolean {
	return closeTo(answer, expected, 4);
}

/**
 * The verdict on `answer` for `expected` (named `label` in the sentences). Checks run in a
 * fixed order, each for a reason:
 * 1. right, to 4 decimals: a right answer is never diagnosed as a mistake;
 * 2. sign: the right magnitude with the wrong sign is unambiguous and the commonest slip;
 * 3. rounding, right to 3 then 2 decimals: the method was right, so no candidate mistake that
 *    happens to lie this close to the answer should be blamed instead;
 * 4. the candidates in the order given (most specific first), matched to 4 decimals, then the
 *    same list to 3 decimals (a learner who carries rounded numbers lands a little off);
 *    a candidate equal to the right answer is skipped: it cannot be the mistake;
 * 5. other.
 */
export function diagnose(
	answer: number,
	expected: number,
	label: string,
	candidates: readonly Candidate[]
): Verdict {
	if (!Number.isFinite(expected)) return other(label);
	if (isRight(answer, expected)) return { verdict: 'right' };
	if (!closeTo(expected, 0, 4) && isRight(-answer, expected)) {
		return {
			verdict: 'wrong',
			code: 'sign',
			message: `Right size, wrong sign: ${label} is ${expected < 0 ? 'negative' : 'positive'}. Check the sign of each factor.`
		};
	}
	for (const decimals of [3, 2]) {
		if (closeTo(answer, expected, decimals)) {
			return {
				verdict: 'wrong',
				code: 'rounding',
				message: `Close: right to ${decimals} decimals only. Carry more digits through each step (the graph shows 4).`
			};
		}
	}
	const possible = candidates.filter(
		(c) => Number.isFinite(c.value) && !isRight(c.value, expected)
	);
	for (const decimals of [4, 3]) {
		const found = possible.find((c) => closeTo(answer, c.value, decimals));
		if (found) return { verdict: 'wrong', code: found.code, message: found.message };
	}
	return other(label);
}

function other(label: string): Verdict {
	return {
		verdict: 'wrong',
		code: 'other',
		message: `Not ${label} yet. Ask for a hint to see the rule, or try again.`
	};
}

/**
 * The longest answer read: a number or a short expression such as 2*(0.5-1). (Examples on the
 * page are no graph's answer: a placeholder must not give one away.)
 */
export const MAX_ANSWER_LENGTH = 80;

export type AnswerReading = { ok: true; value: number } | { ok: false; message: string };

/**
 * What the learner typed, read by the project's expression parser (never eval): numbers,
 * + − × ÷ ^, parentheses and the graph's functions (exp, tanh, sigmoid, ...); no names.
 */
export function readAnswer(text: string): AnswerReading {
	const t = text.trim();
	if (t === '') return { ok: false, message: 'Type a number first, for example −0.25.' };
	if (t.length > MAX_ANSWER_LENGTH) return { ok: false, message: 'That is too long to read.' };
	// The program parser refuses unknown functions; one bare expression is a number to read.
	const parsed = parseProgram(t, { functions: FUNCTIONS });
	if (!parsed.ok) return { ok: false, message: `Could not read that: ${parsed.error.message}.` };
	const [statement, ...rest] = parsed.value;
	const value =
		statement && rest.length === 0 && statement.name === undefined
			? constantValue(statement.expression)
			: undefined;
	if (value === undefined)
		return { ok: false, message: 'Use numbers only, for example 2*(0.5-1).' };
	if (!Number.isFinite(value)) return { ok: false, message: 'That is not a finite number.' };
	return { ok: true, value };
}
