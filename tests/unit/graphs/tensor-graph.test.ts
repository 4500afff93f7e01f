import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { metaText, noGradReason, opCaption, tensorGraph } from '$lib/graphs/tensor-graph';
import { runProgram } from '$lib/torch';

function graphOf(source: string) {
	const result = runProgram(source);
	if (!result.ok) throw new Error(result.message);
	return tensorGraph(result.tape!, result.tensors);
}

const chapter = graphOf(readFileSync('tests/reference/tensor-programs/chapter.py', 'utf8'));
const byName = (name: string) => chapter.nodes.find((n) => n.name === name)!;

describe('tensor graph captions and meta lines', () => {
	it('brackets an unnamed operand inside another expression', () => {
		expect(opCaption(byName('loss'), chapter)).toBe('(y_hat - y) ** 2');
		expect(opCaption(byName('z'), chapter)).toBe('(w * x).sum()');
		expect(opCaption(byName('y_hat'), chapter)).toBe('v * h');
		expect(opCaption(byName('w'), chapter)).toBe('');
		const mlp = graphOf(readFileSync('tests/reference/tensor-programs/mlp_batch.py', 'utf8'));
		const H = mlp.nodes.find((n) => n.name === 'H')!;
		expect(opCaption(H, mlp)).toBe('torch.tanh(X @ W1 + b1)');
	});

	it('says which gradients .grad keeps and which tensors have none', () => {
		expect(metaText(byName('w'))).toBe('[2] · AccumulateGrad · .grad kept');
		expect(metaText(byName('h'))).toBe('[] · SigmoidBackward0');
		expect(metaText(byName('x'))).toBe('[2] · no grad');
	});

	it('says why a tensor has no gradient, also for a result of ops on such tensors', () => {
		expect(noGradReason(byName('x'))).toBe('no grad: x does not require grad');
		expect(noGradReason(byName('w'))).toBe('');
		const g = graphOf(
			'import torch\nx = torch.tensor([1.0, 2.0])\nw = torch.tensor(2.0, requires_grad=True)\nd = x * 3\nloss = (w * d).sum()\nloss.backward()\n'
		);
		const d = g.nodes.find((n) => n.name === 'd')!;
		expect(noGradReason(d)).toBe('no grad: d does not require grad');
	});
});
