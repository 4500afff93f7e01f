import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { presetById } from '$lib/graphs/presets';
import { textbookNetwork } from '$lib/graphs/textbook';
import { diagnose, readAnswer, type Verdict } from '$lib/tools/quiz/diagnose';
import { candidatesFor, expectedOf, labelText } from '$lib/tools/quiz/scalar';
import { setup } from './support';

function judge(graph: ReturnType<typeof setup>, key: string, answer: number): Verdict {
	const q = graph.question(key);
	return diagnose(
		answer,
		expectedOf(graph.qg, graph.numbers, q),
		labelText(graph.qg.graph, q),
		candidatesFor(graph.qg, graph.numbers, q)
	);
}

const code = (v: Verdict) => (v.verdict === 'right' ? 'right' : v.code);

describe('diagnose on the textbook network', () => {
	const t = setup(textbookNetwork());

	it('asks the ten numbers of the chapter and the inputs’ gradients, not the seed', () => {
		expect(t.qg.questions.map((q) => labelText(t.qg.graph, q))).toEqual([
			'z',
			'h',
			'ŷ',
			'L',
			'∂L/∂ŷ',
			'∂L/∂y',
			'∂L/∂v',
			'∂L/∂h',
			'∂L/∂z',
			'∂L/∂w₁',
			'∂L/∂x₁',
			'∂L/∂w₂',
			'∂L/∂x₂'
		]);
	});

	it('takes the number shown, and answers within rounding, as right', () => {
		expect(code(judge(t, 'value:z', 0.7))).toBe('right');
		expect(code(judge(t, 'grad:z@8', -0.1651))).toBe('right');
		expect(code(judge(t, 'grad:w2@9', -0.0826))).toBe('right');
		expect(code(judge(t, 'grad:w2@9', -0.082557))).toBe('right');
		expect(code(judge(t, 'grad:h@7', -0.9309 * 0.8))).toBe('right');
	});

	it('names each mistake of the issue', () => {
		expect(code(judge(t, 'value:z', 0.9))).toBe('other');
		expect(code(judge(t, 'grad:yhat@6', 0.9309))).toBe('sign');
		expect(code(judge(t, 'grad:yhat@6', -0.4654))).toBe('missing-factor');
		expect(code(judge(t, 'grad:z@8', -0.7447))).toBe('local-derivative');
		expect(code(judge(t, 'grad:z@8', -0.4976))).toBe('local-derivative');
		expect(code(judge(t, 'grad:z@8', -0.165))).toBe('rounding');
		expect(code(judge(t, 'grad:z@8', -0.17))).toBe('rounding');
		expect(code(judge(t, 'grad:z@8', 0.7))).toBe('value-for-gradient');
		expect(code(judge(t, 'value:h', -0.7447))).toBe('value-for-gradient');
		expect(code(judge(t, 'grad:z@8', 3.5))).toBe('other');
	});

	it('names the wrong factor of a product and the input’s value', () => {
		// ∂L/∂w₁ = ∂L/∂z · x₁: using w₁ itself, or the other product's factor.
		expect(code(judge(t, 'grad:w1@9', -0.1651 * 0.4))).toBe('local-derivative');
		expect(code(judge(t, 'grad:v@7', -0.9309 * 0.8))).toBe('local-derivative');
	});

	it('says what to fix, in words that name the graph', () => {
		const v = judge(t, 'grad:z@8', -0.4976);
		expect(v).toMatchObject({ verdict: 'wrong', code: 'local-derivative' });
		if (v.verdict === 'wrong') expect(v.message).toContain('∂h/∂z = h(1 − h)');
		const m = judge(t, 'grad:yhat@6', -0.4654);
		if (m.verdict === 'wrong') expect(m.message).toContain('factor of 2');
	});

	it('reads what comes back from carried, rounded numbers as the mistake it is', () => {
		// σ(z) from the rounded ∂L/∂h and h: off in the 4th decimal, still a local derivative.
		expect(code(judge(t, 'grad:z@8', -0.7447 * 0.668))).toBe('local-derivative');
	});
});

describe('diagnose where a node feeds several others', () => {
	it('finds one path’s contribution to the weight used twice', () => {
		const s = setup(presetById('shared')!.build());
		const q = s.question('grad:w@9');
		const v = judge(s, 'grad:w@9', -2.0439);
		expect(v).toMatchObject({ verdict: 'wrong', code: 'fan-out' });
		if (v.verdict === 'wrong') {
			expect(v.message).toContain('comes back through h₁; add what comes back through h₂');
		}
		expect(code(judge(s, 'grad:w@9', 2.183))).toBe('fan-out');
		expect(code(judge(s, q.key, expectedOf(s.qg, s.numbers, q)))).toBe('right');
	});

	it('finds partial sums in the diamond', () => {
		const d = setup(presetById('diamond')!.build());
		for (const partial of [0.9, -0.1811, 0.7189, 0.6393, 1.5393, 0.4582]) {
			expect(code(judge(d, 'grad:a@10', partial))).toBe('fan-out');
		}
		expect(code(judge(d, 'grad:a@10', 1.3582))).toBe('right');
		expect(code(judge(d, 'grad:x@11', -0.4712))).toBe('fan-out');
	});
});

describe('right answers are never diagnosed as mistakes', () => {
	const graphs = [
		setup(textbookNetwork()),
		setup(presetById('shared')!.build()),
		setup(presetById('diamond')!.build()),
		setup(presetById('mlp')!.build())
	];
	const all = graphs.flatMap((g) => g.qg.questions.map((q) => ({ g, q })));

	it('the exact number and anything within half a unit of the 4th decimal', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: all.length - 1 }),
				fc.double({ min: -0.99, max: 0.99, noNaN: true }),
				(i, fraction) => {
					const { g, q } = all[i];
					const expected = expectedOf(g.qg, g.numbers, q);
					const candidates = candidatesFor(g.qg, g.numbers, q);
					const label = labelText(g.qg.graph, q);
					expect(diagnose(expected, expected, label, candidates)).toEqual({ verdict: 'right' });
					const near = expected + fraction * 0.5e-4;
					expect(diagnose(near, expected, label, candidates)).toEqual({ verdict: 'right' });
				}
			)
		);
	});

	it('the number as the graph prints it', () => {
		for (const { g, q } of all) {
			const expected = expectedOf(g.qg, g.numbers, q);
			const printed = Number(expected.toFixed(4));
			expect(
				diagnose(printed, expected, labelText(g.qg.graph, q), candidatesFor(g.qg, g.numbers, q))
			).toEqual({ verdict: 'right' });
		}
	});
});

describe('diagnose alone', () => {
	it('prefers rounding to a candidate lying within rounding of the answer', () => {
		const v = diagnose(0.5004, 0.5, 'x', [{ code: 'fan-out', value: 0.5004, message: '' }]);
		expect(code(v)).toBe('rounding');
	});

	it('skips a candidate equal to the right answer and tries the list in order', () => {
		const candidates = [
			{ code: 'fan-out' as const, value: 1, message: '' },
			{ code: 'missing-factor' as const, value: 2, message: 'a' },
			{ code: 'local-derivative' as const, value: 2, message: 'b' }
		];
		expect(diagnose(2, 1, 'x', candidates)).toEqual({
			verdict: 'wrong',
			code: 'missing-factor',
			message: 'a'
		});
	});

	it('does not call a flipped zero a sign mistake', () => {
		expect(code(diagnose(0, 0, 'x', []))).toBe('right');
		expect(code(diagnose(-0.5, 0.5, 'x', []))).toBe('sign');
	});

	it('gives other for a number that is not finite', () => {
		expect(code(diagnose(1, NaN, 'x', []))).toBe('other');
	});
});

describe('readAnswer', () => {
	it('reads numbers and small expressions, never names', () => {
		expect(readAnswer('-0.9309*0.8')).toEqual({ ok: true, value: -0.9309 * 0.8 });
		expect(readAnswer(' −0.1651 ')).toEqual({ ok: true, value: -0.1651 });
		expect(readAnswer('2*(0.5346 - 1)')).toEqual({ ok: true, value: 2 * (0.5346 - 1) });
		expect(readAnswer('sigmoid(0.7)*(1-sigmoid(0.7))').ok).toBe(true);
		expect(readAnswer('h*2').ok).toBe(false);
		expect(readAnswer('alert(1)').ok).toBe(false);
		expect(readAnswer('constructor(1)').ok).toBe(false);
		expect(readAnswer('x = 3').ok).toBe(false);
		expect(readAnswer('1; 2').ok).toBe(false);
		expect(readAnswer('').ok).toBe(false);
		expect(readAnswer('1/0').ok).toBe(false);
		expect(readAnswer('1'.repeat(200)).ok).toBe(false);
	});
});
