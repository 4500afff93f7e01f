import { afterEach, describe, expect, it } from 'vitest';
import { formatNumber } from '$lib/format';
import { numbersAttribute } from '$lib/graphs/tensor-graph';
import { TensorProgram } from '$lib/state/tensor-session.svelte';
import { programSource } from '../../../support/programs';

const CHAPTER = programSource('chapter.py');

const built: TensorProgram[] = [];
function build(source = CHAPTER): TensorProgram {
	const result = TensorProgram.build(source);
	if (!result.ok) throw new Error(result.message);
	built.push(result.program);
	return result.program;
}
afterEach(() => built.splice(0).forEach((p) => p.destroy()));

const nodeOf = (p: TensorProgram, name: string) => p.graph.nodes.findIndex((n) => n.name === name);

/** Every number the page would show at this step: the boxes' attributes and the sentences. */
function shown(p: TensorProgram): string {
	const frame = p.frame;
	const boxes = p.graph.nodes.flatMap((n, i) => [
		frame.valueKnown[i] ? numbersAttribute(p.values(i), n.shape) : '',
		frame.gradKnown[i] && p.grad(i) ? numbersAttribute(p.grad(i)!, n.shape) : ''
	]);
	return [...boxes, ...p.explanation].join(' ');
}

describe('the quiz on a PyTorch program', () => {
	it('starts from the beginning and asks each element of the first result before showing it', () => {
		const p = build();
		p.quiz.toggle();
		expect(p.player.position).toBe(0);
		p.player.next();
		const wx = nodeOf(p, 'w * x');
		expect(p.quiz.pending.map((q) => p.quiz.labelOf(q))).toEqual(['(w * x)[0]', '(w * x)[1]']);
		expect(p.quiz.asking).toEqual({ node: wx, what: 'value', element: 0 });
		expect(p.frame.valueKnown[wx]).toBe(false);
		expect(p.explanation).toEqual([]);
		expect(p.quiz.hidesOutput).toBe(true);
		p.quiz.check('0.4');
		expect(p.quiz.feedback).toMatchObject({ kind: 'right' });
		expect(p.quiz.current && p.quiz.labelOf(p.quiz.current)).toBe('(w * x)[1]');
		expect(p.frame.valueKnown[wx]).toBe(false);
		p.quiz.check('0.3');
		expect(p.quiz.current).toBeUndefined();
		expect(p.frame.valueKnown[wx]).toBe(true);
		expect(p.explanation).toHaveLength(1);
	});

	it('asks the first backward step, names the missing factor 2, and reveals on Reveal', () => {
		const p = build();
		p.quiz.toggle();
		const first = p.steps.findIndex((s) => s.kind === 'backward');
		p.player.seek(first);
		p.player.next();
		expect(p.quiz.labelText).toBe('∂loss/∂(y_hat - y)');
		// -0.9309 is the answer: nowhere yet.
		expect(shown(p)).not.toMatch(/-0\.93|−0\.93/);
		p.quiz.check('-0.4654');
		expect(p.quiz.feedback).toMatchObject({ kind: 'wrong', code: 'missing-factor' });
		p.quiz.reveal();
		expect(p.quiz.feedback).toMatchObject({
			kind: 'revealed',
			message: '∂loss/∂(y_hat - y) = −0.9309.'
		});
		expect(p.explanation.join(' ')).toContain('−0.9309');
		const key = `grad:${p.graph.nodes[nodeOf(p, 'y_hat - y')].id}:0`;
		expect(p.quiz.round[key]).toMatchObject({ result: 'revealed', mistakes: ['missing-factor'] });
	});

	it('stepping on with a question open reveals it, so a clicker alone runs the quiz', () => {
		const p = build();
		p.quiz.toggle();
		while (p.player.position < p.steps.length) {
			p.player.next();
			// An open question's numbers are never on the page.
			for (const q of p.quiz.pending) {
				const expected =
					q.what === 'value' ? p.values(q.node)[q.element] : p.grad(q.node)![q.element];
				if (q.what === 'value') expect(p.frame.valueKnown[q.node]).toBe(false);
				else expect(p.frame.gradKnown[q.node]).toBe(false);
				expect(shown(p)).not.toContain(formatNumber(expected));
			}
		}
		expect(p.quiz.summary.revealed).toBe(p.quiz.summary.total);
		expect(p.quiz.finished).toBe(true);
		expect(p.quiz.hidesOutput).toBe(false);
	});

	it('keeps the sentence of an input used again later hidden until its sum is asked', () => {
		const p = build(
			[
				'import torch',
				'w = torch.tensor([0.5, -0.3], requires_grad=True)',
				'h = torch.tanh(w)',
				'loss = (h * w).sum()',
				'loss.backward()'
			].join('\n')
		);
		p.quiz.toggle();
		const mul = p.steps.findIndex((s) => s.kind === 'backward' && s.name === 'MulBackward0');
		p.player.seek(mul + 1);
		// MulBackward0 sends to h (asked now) and to w (asked at TanhBackward0, for the sum).
		expect(p.quiz.pending.map((q) => p.quiz.labelOf(q))).toEqual(['∂loss/∂h[0]', '∂loss/∂h[1]']);
		p.quiz.reveal();
		p.quiz.reveal();
		expect(p.explanation).toHaveLength(1);
		expect(p.explanation[0]).toMatch(/^MulBackward0: ∂loss\/∂h = /);
	});

	it('New numbers draws readable values from a seed, the same for everyone', () => {
		const a = build();
		const b = build();
		a.quiz.newNumbers(7);
		b.quiz.newNumbers(7);
		const values = (p: TensorProgram) => p.parameters.map((_, i) => p.sliderValue(i));
		expect(values(a)).toEqual(values(b));
		expect(values(a)).not.toEqual([0.8, 0.4, 0.6]);
		expect(a.quiz.seeded).toEqual(
			Object.fromEntries(a.parameters.map((s, i) => [s.id, a.sliderValue(i)]))
		);
	});
});
