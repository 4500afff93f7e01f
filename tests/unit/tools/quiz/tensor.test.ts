import { describe, expect, it } from 'vitest';
import { tensorGraph } from '$lib/graphs/tensor-graph';
import { buildTensorTimeline } from '$lib/timeline/tensor-timeline';
import { diagnose, isRight, type Verdict } from '$lib/tools/quiz/diagnose';
import {
	tensorCandidates,
	tensorDetail,
	tensorExpected,
	tensorHints,
	tensorLabel,
	tensorQuestions,
	type TensorQuestion
} from '$lib/tools/quiz/tensor';
import { runProgram } from '$lib/torch';
import { programSource } from '../../../support/programs';

const CHAPTER = programSource('chapter.py');

/** A program's graph with its questions, each found by its label. */
function quizOf(source: string) {
	const result = runProgram(source);
	if (!result.ok) throw new Error(result.message);
	const graph = tensorGraph(result.tape!, result.tensors);
	const steps = buildTensorTimeline(graph, result.tape!);
	const questions = tensorQuestions(graph, steps);
	const question = (label: string): TensorQuestion => {
		const q = questions.find((x) => tensorLabel(graph, x) === label);
		if (!q)
			throw new Error(`no ${label}: ${questions.map((x) => tensorLabel(graph, x)).join(' ')}`);
		return q;
	};
	const judge = (label: string, answer: number): Verdict => {
		const q = question(label);
		return diagnose(answer, tensorExpected(graph, q), label, tensorCandidates(graph, q));
	};
	const code = (label: string, answer: number) => {
		const v = judge(label, answer);
		return v.verdict === 'right' ? 'right' : v.code;
	};
	return { graph, steps, questions, question, judge, code };
}

const program = (...lines: string[]) => ['import torch', ...lines].join('\n');

describe('tensor quiz questions', () => {
	const chapter = quizOf(CHAPTER);

	it('ask each element a step computes, in timeline order, but not the seed or AccumulateGrad', () => {
		expect(chapter.questions.map((q) => tensorLabel(chapter.graph, q))).toEqual([
			'(w * x)[0]',
			'(w * x)[1]',
			'z',
			'h',
			'y_hat',
			'y_hat - y',
			'loss',
			'∂loss/∂(y_hat - y)',
			'∂loss/∂y_hat',
			'∂loss/∂v',
			'∂loss/∂h',
			'∂loss/∂z',
			'∂loss/∂(w * x)[0]',
			'∂loss/∂(w * x)[1]',
			'∂loss/∂w[0]',
			'∂loss/∂w[1]'
		]);
		const steps = chapter.questions.map((q) => chapter.steps[q.position - 1]);
		expect(steps.every((s) => s.kind === 'forward' || s.kind === 'backward')).toBe(true);
		expect(steps.some((s) => s.kind === 'backward' && s.name === 'AccumulateGrad')).toBe(false);
	});

	it('expect the numbers PyTorch gives', () => {
		const expected = (label: string) => tensorExpected(chapter.graph, chapter.question(label));
		expect(expected('z')).toBeCloseTo(0.7, 12);
		expect(expected('∂loss/∂(y_hat - y)')).toBeCloseTo(2 * (0.8 / (1 + Math.exp(-0.7)) - 1), 12);
		expect(expected('∂loss/∂w[1]')).toBeCloseTo(-0.082557, 6);
	});

	it('ask one element of a large tensor, and say which', () => {
		const big = quizOf(
			program(
				'W = torch.arange(12.0).reshape(3, 4).requires_grad_()',
				'loss = (W * 0.1).sum()',
				'loss.backward()'
			)
		);
		const asked = big.questions.filter(
			(q) => q.what === 'grad' && big.graph.nodes[q.node].name === 'W'
		);
		expect(asked.map((q) => tensorLabel(big.graph, q))).toEqual(['∂loss/∂W[1,1]']);
		expect(tensorDetail(big.graph, asked[0])).toBe('W has 12 elements: predict this one, W[1,1].');
	});

	it('ask an input used twice where its last use sends its share, for the sum', () => {
		const reuse = quizOf(
			program(
				'w = torch.tensor([0.5, -0.3], requires_grad=True)',
				'h = torch.tanh(w)',
				'loss = (h * w).sum()',
				'loss.backward()'
			)
		);
		const asked = reuse.questions.filter((q) => tensorLabel(reuse.graph, q) === '∂loss/∂w[0]');
		expect(asked).toHaveLength(1);
		expect(reuse.steps[asked[0].position - 1]).toMatchObject({ name: 'TanhBackward0' });
	});
});

describe('the tensor candidate builder', () => {
	it('names each mistake on the chapter’s script', () => {
		const { code } = quizOf(CHAPTER);
		expect(code('∂loss/∂(y_hat - y)', -0.9309)).toBe('right');
		expect(code('∂loss/∂(y_hat - y)', 0.9309)).toBe('sign');
		expect(code('∂loss/∂(y_hat - y)', -0.4654)).toBe('missing-factor');
		expect(code('∂loss/∂(y_hat - y)', -0.931)).toBe('rounding');
		expect(code('∂loss/∂z', -0.7447)).toBe('local-derivative');
		expect(code('∂loss/∂z', -0.4976)).toBe('local-derivative');
		expect(code('∂loss/∂h', -0.9309)).toBe('local-derivative');
		expect(code('∂loss/∂w[0]', 0.4)).toBe('value-for-gradient');
		expect(code('h', -0.7447)).toBe('value-for-gradient');
		expect(code('h', 0.7)).toBe('other');
		expect(code('∂loss/∂w[0]', 3.5)).toBe('other');
	});

	it('says the factor 2 is missing in words that point at the power rule', () => {
		const v = quizOf(CHAPTER).judge('∂loss/∂(y_hat - y)', -0.4654);
		expect(v).toMatchObject({ verdict: 'wrong', code: 'missing-factor' });
		if (v.verdict === 'wrong')
			expect(v.message).toMatch(/^Off by a factor of 2: the power rule brings the exponent down/);
	});

	it('finds one term of a broadcast sum, and their mean', () => {
		// loss = Σ (X + b)²: ∂loss/∂b[j] = Σ_i 2 (X[i,j] + b[j]), one term per row.
		const X = [
			[1, 2],
			[3, 4],
			[5, 6]
		];
		const b = [0.1, -0.2];
		const { code } = quizOf(
			program(
				'X = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])',
				'b = torch.tensor([0.1, -0.2], requires_grad=True)',
				'loss = ((X + b) ** 2).sum()',
				'loss.backward()'
			)
		);
		const terms = X.map((row) => 2 * (row[1] + b[1]));
		const sum = terms.reduce((s, t) => s + t);
		expect(code('∂loss/∂b[1]', sum)).toBe('right');
		expect(code('∂loss/∂b[1]', terms[0])).toBe('fan-out');
		expect(code('∂loss/∂b[1]', sum / 3)).toBe('fan-out');
		expect(code('∂loss/∂b[1]', -sum)).toBe('sign');
	});

	it('finds the transpose left out in MmBackward0', () => {
		// loss = Σ (A·B) ⊙ C: ∂loss/∂A = C·Bᵀ, ∂loss/∂B = Aᵀ·C.
		const A = [
			[1, 2],
			[3, 4]
		];
		const B = [
			[0.5, -1],
			[2, 1.5]
		];
		const C = [
			[1, -2],
			[0.5, 3]
		];
		const { code, judge } = quizOf(
			program(
				'A = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)',
				'B = torch.tensor([[0.5, -1.0], [2.0, 1.5]], requires_grad=True)',
				'C = torch.tensor([[1.0, -2.0], [0.5, 3.0]])',
				'loss = ((A @ B) * C).sum()',
				'loss.backward()'
			)
		);
		const dot = (f: (k: number) => number) => f(0) + f(1);
		const dA = (i: number, j: number) => dot((k) => C[i][k] * B[j][k]);
		const noTransposeA = (i: number, j: number) => dot((k) => C[i][k] * B[k][j]);
		const dB = (i: number, j: number) => dot((k) => A[k][i] * C[k][j]);
		const noTransposeB = (i: number, j: number) => dot((k) => A[i][k] * C[k][j]);
		expect(code('∂loss/∂A[0,1]', dA(0, 1))).toBe('right');
		expect(code('∂loss/∂A[0,1]', noTransposeA(0, 1))).toBe('local-derivative');
		expect(code('∂loss/∂B[1,0]', dB(1, 0))).toBe('right');
		expect(code('∂loss/∂B[1,0]', noTransposeB(1, 0))).toBe('local-derivative');
		const v = judge('∂loss/∂A[0,1]', noTransposeA(0, 1));
		expect(v.verdict).toBe('wrong');
		if (v.verdict === 'wrong') expect(v.message).toContain('transpose');
	});

	it('finds one use’s share of an input used twice', () => {
		// loss = Σ tanh(w) ⊙ w: ∂loss/∂w = tanh(w) + w (1 − tanh²(w)).
		const w = 0.5;
		const h = Math.tanh(w);
		const { code } = quizOf(
			program(
				'w = torch.tensor([0.5, -0.3], requires_grad=True)',
				'h = torch.tanh(w)',
				'loss = (h * w).sum()',
				'loss.backward()'
			)
		);
		expect(code('∂loss/∂w[0]', h + w * (1 - h * h))).toBe('right');
		expect(code('∂loss/∂w[0]', h)).toBe('fan-out');
		expect(code('∂loss/∂w[0]', w * (1 - h * h))).toBe('fan-out');
	});

	it('finds a mean’s 1/n and mse’s 2 dropped', () => {
		const mean = quizOf(
			program(
				'w = torch.tensor([0.4, 0.6], requires_grad=True)',
				'x = torch.tensor([1.0, 0.5])',
				'loss = (w * x).mean()',
				'loss.backward()'
			)
		);
		expect(mean.code('∂loss/∂(w * x)[1]', 0.5)).toBe('right');
		expect(mean.code('∂loss/∂(w * x)[1]', 1)).toBe('missing-factor');
		expect(mean.code('loss', 0.4 + 0.3)).toBe('missing-factor');
		const mse = quizOf(
			program(
				'import torch.nn.functional as F',
				'p = torch.tensor([0.2, 0.9, 0.4], requires_grad=True)',
				't = torch.tensor([0.0, 1.0, 1.0])',
				'loss = F.mse_loss(p, t)',
				'loss.backward()'
			)
		);
		// ∂loss/∂p[2] = 2 (0.4 − 1) / 3 = −0.4
		expect(mse.code('∂loss/∂p[2]', -0.4)).toBe('right');
		expect(mse.code('∂loss/∂p[2]', -0.2)).toBe('missing-factor');
		expect(mse.code('∂loss/∂p[2]', -1.2)).toBe('missing-factor');
	});

	it('never calls the right answer, or one within rounding, a mistake', () => {
		const sources = [
			CHAPTER,
			...[
				'mlp_batch.py',
				'cross_entropy.py',
				'broadcast_bias.py',
				'reuse.py',
				'softmax_rows.py'
			].map(programSource)
		];
		for (const source of sources) {
			const { graph, questions } = quizOf(source);
			for (const q of questions) {
				const expected = tensorExpected(graph, q);
				const label = tensorLabel(graph, q);
				const candidates = tensorCandidates(graph, q);
				for (const answer of [expected, expected + 4e-5, expected - 4e-5])
					expect(diagnose(answer, expected, label, candidates)).toEqual({ verdict: 'right' });
				// And every candidate that is not the answer is a mistake, of a code that says which.
				for (const c of candidates) {
					if (isRight(c.value, expected) || !Number.isFinite(c.value)) continue;
					expect(diagnose(c.value, expected, label, candidates).verdict).toBe('wrong');
				}
			}
		}
	});

	it('hints the rule, then the numbers, then the answer', () => {
		const chapter = quizOf(CHAPTER);
		const hints = tensorHints(chapter.graph, chapter.question('∂loss/∂w[1]'));
		expect(hints).toHaveLength(3);
		expect(hints[0][0]).toBe('MulBackward0: ∂loss/∂w = ∂loss/∂(w * x) ⊙ x');
		expect(hints[1]).toContain('∂loss/∂(w * x) = [−0.1651, −0.1651]');
		expect(hints[1]).toContain('x = [1.0000, 0.5000]');
		expect(hints[2]).toEqual(['∂loss/∂w[1] = −0.0826']);
		// A result with a name is written as the program computes it, one without by its op.
		expect(tensorHints(chapter.graph, chapter.question('z'))[0]).toEqual(['z = (w * x).sum()']);
		expect(tensorHints(chapter.graph, chapter.question('(w * x)[1]'))[1]).toEqual([
			'w * x = w ⊙ x',
			'w = [0.4000, 0.6000]',
			'x = [1.0000, 0.5000]'
		]);
		// A power's exponent is written in, not k.
		expect(tensorHints(chapter.graph, chapter.question('∂loss/∂(y_hat - y)'))[0]).toEqual([
			'PowBackward0: ∂loss/∂(y_hat - y) = ∂loss/∂loss ⊙ 2·(y_hat - y)'
		]);
		// No hint before the last gives the answer away.
		expect(hints.slice(0, 2).flat().join(' ')).not.toContain('−0.0826');
	});
});
