import { describe, expect, it } from 'vitest';
import { presetById } from '$lib/graphs/presets';
import { seededRandom } from '$lib/graphs/random';
import { textbookNetwork } from '$lib/graphs/textbook';
import { formulaText } from '$lib/formula/render';
import { drawValues, newSeed, readable } from '$lib/tools/quiz/numbers';
import { hintsFor } from '$lib/tools/quiz/scalar';
import { emptyRound, outcomeOf, parseRound, summarize } from '$lib/tools/quiz/score';
import { explanationText } from '$lib/timeline/explain';
import { setup } from './support';

describe('score', () => {
	const questions = ['a', 'b', 'c', 'd'].map((key) => ({ key, name: key.toUpperCase() }));

	it('counts right first time, after hints or tries, revealed, and names what was missed', () => {
		const round = emptyRound();
		round.a = outcomeOf(true, 0, []);
		round.b = outcomeOf(true, 1, []);
		round.c = outcomeOf(false, 0, ['fan-out', 'other']);
		const s = summarize(questions, round);
		expect(s).toMatchObject({ total: 4, answered: 3, first: 1, after: 1, revealed: 1 });
		expect(s.text).toBe(
			'1 of 4 right first time, 1 after hints or tries, 1 revealed; missed: fan-out at C'
		);
	});

	it('a wrong try before the right answer is not right first time', () => {
		expect(outcomeOf(true, 0, ['sign']).result).toBe('after');
		expect(outcomeOf(true, 0, []).result).toBe('first');
	});

	it('reads back what it wrote, and nothing it did not', () => {
		const round = emptyRound();
		round.a = outcomeOf(false, 2, ['sign']);
		expect(parseRound(JSON.stringify(round))).toEqual({ ...round });
		expect(Object.keys(parseRound('{"__proto__":{"result":"first"}}'))).toEqual(['__proto__']);
		expect(Object.keys(parseRound('not json'))).toEqual([]);
		expect(Object.keys(parseRound('[1]'))).toEqual([]);
		expect(parseRound('{"a":{"result":"first","hints":-1,"mistakes":["x","sign"]}}').a).toEqual({
			result: 'first',
			hints: 0,
			mistakes: ['sign']
		});
		expect(Object.keys(parseRound('{"a":{"result":"won"}}'))).toEqual([]);
	});
});

describe('new numbers', () => {
	const params = [
		{ id: 'a', min: -3, max: 3 },
		{ id: 'b', min: -3, max: 3 }
	];

	it('draws the same values from the same seed, on a 0.1 grid in ±2, never zero', () => {
		const first = drawValues(params, seededRandom(42));
		expect(drawValues(params, seededRandom(42))).toEqual(first);
		expect(drawValues(params, seededRandom(43))).not.toEqual(first);
		for (let seed = 1; seed < 200; seed++) {
			for (const x of Object.values(drawValues(params, seededRandom(seed)))) {
				expect(Math.abs(x)).toBeLessThanOrEqual(2);
				expect(x).not.toBe(0);
				expect(Math.round(x * 10) / 10).toBe(x);
			}
		}
	});

	it('calls numbers readable only when finite, not huge, and zero or not tiny', () => {
		const numbers = (values: number[]) => ({ values, grads: values.map(() => 0), partials: [] });
		expect(readable(numbers([0.5, -3, 0]))).toBe(true);
		expect(readable(numbers([11]))).toBe(false);
		expect(readable(numbers([1e-5]))).toBe(false);
		expect(readable(numbers([NaN]))).toBe(false);
	});

	it('makes seeds short enough to type', () => {
		expect(newSeed(() => 0)).toBe(1);
		expect(newSeed(() => 0.999999999)).toBeLessThan(1_000_000);
	});
});

describe('hints', () => {
	it('give the rule, then the numbers, then the answer', () => {
		const t = setup(textbookNetwork());
		const q = t.question('grad:z@8');
		const hints = hintsFor(t.qg, t.numbers, q).map(explanationText);
		// The numbers' exact look belongs to the formula renderer; the hints' content is checked here.
		expect(hints[0]).toBe('∂L/∂z = ∂L/∂h · ∂h/∂z. ∂h/∂z = h(1 − h)');
		expect(hints[1]).toMatch(
			/^∂L\/∂z = ∂L\/∂h · ∂h\/∂z = \(?−0\.7447\)?\(0\.2217\)\. ∂h\/∂z = h\(1 − h\) = .*0\.6682.* = 0\.2217$/
		);
		expect(hints[2]).toBe('∂L/∂z = −0.1651');
		expect(hintsFor(t.qg, t.numbers, t.question('value:h')).map(explanationText)).toEqual([
			'h = σ(z)',
			'h = σ(z) = σ(0.7)',
			'h = 0.6682'
		]);
	});

	it('write out every path where a node feeds several', () => {
		const s = setup(presetById('shared')!.build());
		const [rule] = hintsFor(s.qg, s.numbers, s.question('grad:w@9'));
		expect(formulaText(...rule[0].sides)).toBe('∂L/∂w = ∂L/∂h₂ · ∂h₂/∂w + ∂L/∂h₁ · ∂h₁/∂w');
	});
});
