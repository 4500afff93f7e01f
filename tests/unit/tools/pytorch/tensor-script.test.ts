import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tensorGraph } from '$lib/graphs/tensor-graph';
import { elementLabel, TensorTape } from '$lib/tensor';
import { errorText, runProgram } from '$lib/torch';
import {
	pythonIndex,
	pythonList,
	sampleIndices,
	tensorCheckScript,
	type TensorCheckInput
} from '$lib/tools/pytorch/tensor-script';
import { hasPython, hasTorch, noTorchReason, runScripts, syntaxErrors } from '../../support/python';
import { programFiles } from '../../../support/programs';

if (!hasTorch) console.warn(`Skipping the PyTorch runs of the tensor check: ${noTorchReason}.`);

const programs = programFiles().map((f) => ({
	name: f.name,
	source: readFileSync(f.path, 'utf8')
}));
const chapter = programs.find((p) => p.name === 'chapter.py')!.source;

/** A program as the page holds it, with some slider elements moved (`w[0]`: 0.9), as the
 *  tensor view does: one element set, the tape evaluated again. */
function checkInput(source: string, sliders: Record<string, number> = {}): TensorCheckInput {
	const result = runProgram(source);
	if (!result.ok) throw new Error(errorText(result));
	const tape = result.tape ?? TensorTape.of(result.root);
	if (!result.tape) tape.evaluate();
	const graph = tensorGraph(tape, result.tensors);
	const changes: TensorCheckInput['changes'][number][] = [];
	for (const node of graph.nodes.filter((n) => n.isParameter)) {
		for (let flat = 0; flat < node.tensor.size; flat++) {
			const value = sliders[elementLabel(node.name, node.shape, flat)];
			if (value === undefined) continue;
			tape.setElement(node.tensor, flat, value);
			changes.push({ tensor: node.tensor, flat, value });
		}
	}
	if (changes.length > 0) tape.evaluate();
	return {
		program: result.program,
		root: result.root,
		backwardCalled: result.backwardCalled,
		graph,
		tape,
		changes
	};
}

describe('tensorCheckScript', () => {
	it('is the program itself, then the checks', () => {
		const script = tensorCheckScript(checkInput(chapter));
		expect(script).toContain(`# ---- your program ----\n${chapter}# ---- end of your program ----`);
		expect(script).toContain('torch.set_default_dtype(torch.float64)\n');
	});

	it('lists the autograd nodes the page drew, in its backward order, with their edges', () => {
		const script = tensorCheckScript(checkInput(chapter));
		expect(script).toContain(
			[
				'GRAPH = [',
				'    ("PowBackward0", "loss", [1]),',
				'    ("SubBackward0", "y_hat - y", [2]),',
				'    ("MulBackward0", "y_hat", [3, 4]),',
				'    ("AccumulateGrad", "v", []),',
				'    ("SigmoidBackward0", "h", [5]),',
				'    ("SumBackward0", "z", [6]),',
				'    ("MulBackward0", "w * x", [7]),',
				'    ("AccumulateGrad", "w", []),',
				']'
			].join('\n')
		);
	});

	it('writes every value and gradient at full precision', () => {
		const script = tensorCheckScript(checkInput(chapter));
		expect(script).toContain(
			'{"name": "x", "tensor": x, "shape": [2], "value": [1.0, 0.5], "grad": None},'
		);
		expect(script).toContain(
			'{"name": "w", "tensor": w, "node": 7, "shape": [2], "value": [0.4, 0.6], "grad": [-0.16511393375956593, -0.08255696687978296]},'
		);
		// An unnamed tensor is found through the graph.
		expect(script).toMatch(
			/\{"name": "w \* x", "node": 6, "shape": \[2\], "value": \[0\.4, 0\.3\]/
		);
	});

	it('writes a large tensor as its norm and a sample of its elements', () => {
		const big = programs.find((p) => p.name === 'big_classifier.py')!.source;
		const script = tensorCheckScript(checkInput(big));
		expect(script).toMatch(
			/\{"name": "W1", "tensor": W1, "node": \d+, "shape": \[256, 128\], "value": \{"norm": 12\.7765406672464\d*, "at": \{0: 0\.1, /
		);
		expect(script.length).toBeLessThan(30_000);
	});

	it('writes the sliders’ values in after the statement that makes the leaf', () => {
		const script = tensorCheckScript(checkInput(chapter, { 'w[1]': -0.25, v: 1.5 }));
		expect(script).toContain(
			'w = torch.tensor([0.4, 0.6], requires_grad=True)\n' +
				'with torch.no_grad():  # the sliders on the page\n' +
				'    w[1] = -0.25\n' +
				'v = torch.tensor(0.8, requires_grad=True)\n' +
				'with torch.no_grad():  # the sliders on the page\n' +
				'    v.fill_(1.5)\n'
		);
	});

	it('says so where a slider moved a leaf no assignment names', () => {
		const source =
			'import torch\nloss = (torch.tensor([1.0, 2.0], requires_grad=True) * 3.0).sum()\n';
		const leaf = 'torch.tensor([1.0, 2.0], requires_grad=True)';
		const script = tensorCheckScript(checkInput(source, { [`${leaf}[1]`]: 0.5 }));
		expect(script).toContain(
			`# The sliders moved ${leaf}, which no assignment names: it keeps the program's values here.\n`
		);
		expect(script).not.toContain('with torch.no_grad()');
	});

	it('writes numbers and indices as Python reads them', () => {
		expect(pythonList([1, 0.1, -0, NaN], [2, 2])).toBe('[[1.0, 0.1], [-0.0, float("nan")]]');
		expect(pythonList([2.5], [])).toBe('2.5');
		expect(pythonIndex([256, 128], 129)).toBe('[1, 1]');
		expect(sampleIndices(5)).toEqual([0, 1, 2, 3, 4]);
		expect(sampleIndices(1000, 4)).toEqual([0, 333, 666, 999]);
	});
});

describe.skipIf(!hasPython)('the tensor check scripts are valid Python', () => {
	it('compiles for every reference program', () => {
		const scripts = programs.map((p) => tensorCheckScript(checkInput(p.source)));
		expect(syntaxErrors(scripts)).toBe('');
	});
});

describe.skipIf(!hasTorch)('running the tensor check scripts with PyTorch', () => {
	it('passes for every reference program, and with sliders moved', () => {
		const cases = [
			...programs.map((p) => ({ name: p.name, input: checkInput(p.source) })),
			// (The chapter's own asserts hold its hand-derived numbers: moved, they fail, as on the page.)
			{
				name: 'XOR batch, sliders moved',
				input: checkInput(programs.find((p) => p.name === 'mlp_batch.py')!.source, {
					'W1[1,0]': -1.5,
					'b2[0]': 0.4
				})
			},
			{
				// float32 as the program asks: PyTorch rounds where the page does not.
				name: 'float32, no backward() call',
				input: checkInput(
					'import torch\nw = torch.tensor([0.4, 0.6], dtype=torch.float32, requires_grad=True)\n' +
						'x = torch.tensor([1.0, 0.5], dtype=torch.float32)\nloss = torch.tanh((w * x).sum()) ** 2\n'
				)
			},
			{
				name: 'big classifier, sliders moved',
				input: checkInput(programs.find((p) => p.name === 'big_classifier.py')!.source, {
					'W1[0,1]': 0.9,
					'b2[3]': -0.5
				})
			}
		];
		const outcomes = runScripts(
			cases.map((c) => tensorCheckScript(c.input)),
			180_000
		);
		expect(outcomes).toHaveLength(cases.length);
		cases.forEach((c, i) => {
			expect(outcomes[i].out, c.name).toMatch(/^OK: PyTorch agrees on the \d+ autograd nodes/m);
			expect(outcomes[i].out, c.name).not.toContain('not compared');
			expect(outcomes[i].status, c.name).toBe(0);
		});
	}, 180_000);

	it('fails, naming what differs, for a tampered value, gradient or node name', () => {
		const script = tensorCheckScript(checkInput(chapter));
		const tampered = [
			script.replace('"value": [0.4, 0.3]', '"value": [0.4, 0.3000001]'),
			script.replace('-0.08255696687978296]}', '-0.0825]}'),
			script.replace('("SumBackward0", "z", [6])', '("SumBackward1", "z", [6])'),
			script.replace('("MulBackward0", "y_hat", [3, 4])', '("MulBackward0", "y_hat", [3])')
		];
		tampered.forEach((t) => expect(t).not.toBe(script));
		const [value, grad, name, edges] = runScripts(tampered, 180_000);
		expect(value.out).toMatch(
			/MISMATCH value of w \* x, element 1: PyTorch 0\.3, backprop-explorer 0\.3000001\n/
		);
		expect(grad.out).toMatch(
			/MISMATCH gradient of w, element 1: PyTorch -0\.0825569668797\d+, backprop-explorer -0\.0825\n/
		);
		expect(name.out).toContain(
			'MISMATCH node 5 (z): PyTorch has SumBackward0, the page drew SumBackward1'
		);
		expect(edges.out).toContain(
			'MISMATCH MulBackward0 (y_hat): PyTorch sends gradients to 2 nodes, the page to 1'
		);
		for (const outcome of [value, grad, name, edges]) {
			expect(outcome.out).toMatch(/FAILED: \d+ differences? between PyTorch and backprop-explorer/);
			expect(outcome.status).toBe(1);
		}
	}, 120_000);
});
