import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { textWidth } from '$lib/geometry/text-width';
import {
	BOX,
	boxLayout,
	numbersAttribute,
	toList,
	metaText,
	noGradReason,
	opCaption,
	tensorGraph,
	tensorLayoutInput,
	wrapPieces
} from '$lib/graphs/tensor-graph';
import { runProgram } from '$lib/torch';
import { programSource } from '../../support/programs';

function graphOf(source: string) {
	const result = runProgram(source);
	if (!result.ok) throw new Error(result.message);
	return tensorGraph(result.tape!, result.tensors);
}

const chapter = graphOf(programSource('chapter.py'));
const byName = (name: string) => chapter.nodes.find((n) => n.name === name)!;

describe('tensor graph captions and meta lines', () => {
	it('brackets an unnamed operand inside another expression', () => {
		expect(opCaption(byName('loss'), chapter)).toBe('(y_hat - y) ** 2');
		expect(opCaption(byName('z'), chapter)).toBe('(w * x).sum()');
		expect(opCaption(byName('y_hat'), chapter)).toBe('v * h');
		expect(opCaption(byName('w'), chapter)).toBe('');
		const mlp = graphOf(programSource('mlp_batch.py'));
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

describe('tensor boxes', () => {
	const big = graphOf(readFileSync('src/lib/torch/examples/big_classifier.py', 'utf8'));
	const bigNode = (name: string) => big.nodes.find((n) => n.name === name)!;

	it('wraps pieces into as few lines as fit, keeping room on the first line', () => {
		const w = (t: string) => textWidth(t, 20);
		expect(wrapPieces(['ab', 'cd', 'ef'], ' · ', 20, w('ab · cd · ef'))).toEqual(['ab · cd · ef']);
		expect(wrapPieces(['ab', 'cd', 'ef'], ' · ', 20, w('ab · cd'))).toEqual(['ab · cd', 'ef']);
		expect(wrapPieces(['ab', 'cd', 'ef'], ' · ', 20, w('ab · cd'), 1)).toEqual(['ab', 'cd · ef']);
		expect(wrapPieces(['a very long piece', 'b'], ' ', 20, w('b'))).toEqual([
			'a very long piece',
			'b'
		]);
		expect(wrapPieces(['X ', '@ ', 'W1'], '', 20, 1000)).toEqual(['X @ W1']);
	});

	it('keeps every line of text inside its box', () => {
		for (const node of [...big.nodes, ...chapter.nodes]) {
			const box = boxLayout(node);
			const inner = box.width - 2 * BOX.padding;
			box.nameLines.forEach((line, i) =>
				expect(
					textWidth(line, BOX.nameSize) + (i === 0 ? BOX.opener : 0),
					line
				).toBeLessThanOrEqual(inner)
			);
			for (const line of box.metaLines)
				expect(textWidth(line, BOX.metaSize), line).toBeLessThanOrEqual(inner);
			if (box.heat) expect(box.heat.cols * box.heat.cellWidth).toBeLessThanOrEqual(inner);
		}
	});

	it('breaks only a long name, after a bracket or a space, and the meta line where it must', () => {
		expect(boxLayout(byName('y_hat')).nameLines).toEqual(['y_hat']);
		expect(boxLayout(bigNode('X @ W1 + b1')).nameLines).toEqual(['X @ W1 + b1']);
		expect(boxLayout(bigNode('F.cross_entropy(logits, labels)')).nameLines).toEqual([
			'F.cross_entropy(',
			'logits, labels)'
		]);
		expect(boxLayout(byName('x')).metaLines).toEqual(['[2] · no grad']);
		expect(boxLayout(bigNode('W1')).metaLines).toEqual([
			'[256, 128]',
			'AccumulateGrad',
			'.grad kept'
		]);
	});

	it('draws a big matrix as a heatmap of at most ten rows, as many columns as the box holds', () => {
		const W1 = boxLayout(bigNode('W1'));
		expect(W1.heat).toMatchObject({ rows: 10, cellWidth: 10, cellHeight: 10 });
		expect(W1.heat!.cols).toBe(Math.floor((W1.width - 2 * BOX.padding) / 10));
		// a vector is one row, drawn twice as tall; a matrix with few columns keeps them all
		expect(boxLayout(bigNode('b1')).heat).toMatchObject({ rows: 1, cellHeight: 20 });
		expect(boxLayout(bigNode('logits')).heat).toMatchObject({ rows: 10, cols: 10 });
		expect(boxLayout(byName('w')).heat).toBeNull();
	});

	it('lays the boxes out with the tensor view’s own spacing', () => {
		const input = tensorLayoutInput(big);
		expect(input.style).toEqual({ direction: 'right', layerGap: 44, nodeGap: 24 });
		expect(input.nodes.find((n) => n.id === 'W1')).toMatchObject({
			width: boxLayout(bigNode('W1')).width,
			height: boxLayout(bigNode('W1')).height
		});
	});
});

describe('numbers in attributes', () => {
	it('writes what JSON.stringify writes of tolist(), with non-finite numbers as strings', () => {
		const data = Float64Array.from([0.1, -2, 1e21, -0, 5e-324, 1 / 3, NaN, Infinity, -Infinity]);
		const json = (shape: number[]) =>
			JSON.stringify(toList(data, shape), (_k, x) =>
				typeof x === 'number' && !Number.isFinite(x) ? String(x) : x
			);
		for (const shape of [[9], [3, 3], [1, 3, 3], [9, 1]]) {
			expect(numbersAttribute(data, shape)).toBe(json(shape));
		}
		expect(numbersAttribute(data, [])).toBe('0.1');
		expect(numbersAttribute(data, [0])).toBe('[]');
		expect(numbersAttribute(data.subarray(6), [3])).toBe('["NaN","Infinity","-Infinity"]');
	});
});
