import { describe, expect, it } from 'vitest';
import { tensorGraph } from '$lib/graphs/tensor-graph';
import {
	buildTensorTimeline,
	explainTensorStep,
	withOperands
} from '$lib/timeline/tensor-timeline';
import { runProgram } from '$lib/torch';
import { programSource } from '../../support/programs';

const result = runProgram(programSource('chapter.py'));
if (!result.ok) throw new Error(result.message);
const graph = tensorGraph(result.tape!, result.tensors);
const steps = buildTensorTimeline(graph, result.tape!);
const lines = steps.flatMap((s) => explainTensorStep(graph, s));
const line = (start: string) => lines.filter((l) => l.startsWith(start));

describe('tensor step explanations', () => {
	it('name the operands instead of a, b and out', () => {
		expect(withOperands('grad ⊙ b', ['w', 'x'], 'z')).toBe('grad ⊙ x');
		expect(withOperands("grad · Bᵀ at A's shape", ['X', 'W1'], 'H')).toBe(
			"grad · W1ᵀ at X's shape"
		);
		expect(withOperands('grad ⊙ out ⊙ (1 − out)', [], 'h')).toBe('grad ⊙ h ⊙ (1 − h)');
	});

	it('plug the numbers into an element-wise product', () => {
		expect(line('MulBackward0: ∂loss/∂w')).toEqual([
			'MulBackward0: ∂loss/∂w = ∂loss/∂(w * x) ⊙ x = [−0.1651·1.0000, −0.1651·0.5000] = [−0.1651, −0.0826]'
		]);
		expect(line('SumBackward0')).toEqual([
			expect.stringMatching(/^SumBackward0: ∂loss\/∂\(w \* x\) = .* = \[−0\.1651, −0\.1651\]$/)
		]);
		expect(line('SigmoidBackward0')[0]).toContain('∂loss/∂h ⊙ h ⊙ (1 − h) = −0.1651');
		expect(line('AccumulateGrad: w.grad')).toEqual([
			'AccumulateGrad: w.grad = ∂loss/∂w = [−0.1651, −0.0826]'
		]);
	});
});
