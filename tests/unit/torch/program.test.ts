import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	MAX_ELEMENTS,
	MAX_OPS,
	MAX_SOURCE,
	errorText,
	parseProgram,
	rerun,
	runProgram,
	type ProgramResult
} from '$lib/torch';
import { programSource } from '../../support/programs';

const program = (name: string) => programSource(`${name}.py`);
const reference = JSON.parse(readFileSync('tests/reference/torch-printing.json', 'utf8')) as {
	programs: { name: string; loss: number; grads: Record<string, unknown> }[];
};

function run(source: string): ProgramResult {
	const result = runProgram(source);
	if (!result.ok) throw new Error(errorText(result));
	return result;
}

function close(a: unknown, b: unknown): void {
	if (Array.isArray(a) && Array.isArray(b)) {
		expect(a.length).toBe(b.length);
		a.forEach((x, i) => close(x, b[i]));
	} else {
		expect(a as number).toBeCloseTo(b as number, 12);
	}
}

describe('the chapter’s script', () => {
	const result = run(program('chapter'));

	it('names every tensor it made, in creation order', () => {
		const forward = result.tensors.filter((t) => !t.fromGrad);
		expect(forward.map((t) => [t.id, t.name, t.tensor.gradFn ?? null])).toEqual([
			['x', 'x', null],
			['y', 'y', null],
			['w', 'w', 'AccumulateGrad'],
			['v', 'v', 'AccumulateGrad'],
			['mul#4', 'w * x', 'MulBackward0'],
			['z', 'z', 'SumBackward0'],
			['h', 'h', 'SigmoidBackward0'],
			['y_hat', 'y_hat', 'MulBackward0'],
			['sub#8', 'y_hat - y', 'SubBackward0'],
			['loss', 'loss', 'PowBackward0']
		]);
		expect(forward.find((t) => t.id === 'z')).toMatchObject({ named: true, line: 11, column: 5 });
	});

	it('keeps the gradients it read apart from the graph', () => {
		const grads = result.tensors.filter((t) => t.fromGrad);
		expect(grads.map((t) => t.name)).toEqual([
			'w.grad',
			'w.grad[0]',
			'w.grad[1]',
			'v.grad',
			'w.grad[0]',
			'w.grad[1]'
		]);
		expect(new Set(result.tensors.map((t) => t.id)).size).toBe(result.tensors.length);
	});

	it('roots the graph at loss.backward() and lists the leaves that require grad', () => {
		expect(result.root.label).toBe('loss');
		expect(result.backwardCalled).toBe(true);
		expect(result.leaves.map((l) => l.name)).toEqual(['w', 'v']);
		const chapter = reference.programs.find((p) => p.name === 'chapter')!;
		expect(result.root.item()).toBeCloseTo(chapter.loss, 15);
	});

	it('prints the chapter’s lines and reports each assert', () => {
		expect(result.printed.map((l) => `${l.kind} ${l.line} ${l.text}`)).toEqual([
			'print 18 forward: z=0.7000 h=0.6682 y_hat=0.5346 loss=0.2166',
			'print 19 grads: w1=-0.1651 w2=-0.0826 v=-0.6220',
			'assert-pass 22 ✓ line 22: assert passed',
			'assert-pass 23 ✓ line 23: assert passed',
			'assert-pass 24 ✓ line 24: assert passed',
			'print 25 ✓ hand-derived gradients match PyTorch'
		]);
		expect(result.asserts.map((a) => [a.line, a.passed])).toEqual([
			[22, true],
			[23, true],
			[24, true]
		]);
		expect(result.asserts[0].source).toBe(
			'assert math.isclose(w.grad[0].item(), expected["w1"], abs_tol=1e-3)'
		);
	});

	it('says it computes in float64', () => {
		expect(result.dtypeNotes[0]).toMatch(/^computed in float64/);
	});
});

describe('the reference programs’ gradients are PyTorch’s', () => {
	it.each(reference.programs.map((p) => [p.name, p] as const))(
		'%s',
		(name, p) => {
			const result = run(program(name));
			expect(result.root.item()).toBeCloseTo(p.loss, 12);
			expect(result.leaves.map((l) => l.name).sort()).toEqual(Object.keys(p.grads).sort());
			for (const leaf of result.leaves) {
				const grad = leaf.tensor.grad;
				const nested =
					leaf.tensor.ndim === 0 ? grad![0] : reshape(Array.from(grad!), leaf.tensor.shape);
				close(nested, p.grads[leaf.name]);
			}
		},
		30_000
	);
});

function reshape(flat: number[], shape: readonly number[]): unknown {
	if (shape.length === 1) return flat;
	const size = flat.length / shape[0];
	return Array.from({ length: shape[0] }, (_, i) =>
		reshape(flat.slice(i * size, (i + 1) * size), shape.slice(1))
	);
}

describe('names', () => {
	it('give a name assigned again its plain name on the last assignment', () => {
		const result = run(
			'import torch\nh = torch.tensor(1.0, requires_grad=True)\nh = torch.sigmoid(3.0 * h)\nh = torch.sigmoid(3.0 * h)\nh.backward()'
		);
		expect(result.tensors.map((t) => [t.id, t.name])).toEqual([
			['h₁', 'h₁'],
			['mul#1', '3.0 * h'],
			['h₂', 'h₂'],
			['mul#3', '3.0 * h'],
			['h', 'h']
		]);
		expect(result.leaves.map((l) => l.name)).toEqual(['h₁']);
		expect(result.tensors[0].tensor.label).toBe('h₁');
	});

	it('name a tensor by the last name it was bound to', () => {
		const result = run('import torch\na = torch.tensor(2.0)\nb = a');
		expect(result.tensors.map((t) => t.name)).toEqual(['b']);
	});

	it('name the nodes an op builds inside with its expression', () => {
		const result = run(
			'import torch\nv = torch.tensor([1.0, 2.0], requires_grad=True)\nA = torch.tensor([[1.0], [2.0]])\nL = (v @ A).sum()'
		);
		expect(result.tensors.map((t) => [t.name, t.tensor.gradFn ?? null])).toEqual([
			['v', 'AccumulateGrad'],
			['A', null],
			['v @ A', 'UnsqueezeBackward0'],
			['v @ A', 'MmBackward0'],
			['v @ A', 'SqueezeBackward3'],
			['L', 'SumBackward0']
		]);
	});
});

describe('the root', () => {
	it('is the last 0-d tensor bound to a name when backward() is not called', () => {
		const result = run(
			'import torch\nw = torch.tensor(2.0, requires_grad=True)\na = w * 3\nb = (w * torch.ones(2)).sum()\nc = w * torch.ones(2)'
		);
		expect(result.root.label).toBe('b');
		expect(result.backwardCalled).toBe(false);
		expect(result.tape).toBeNull();
	});

	it('is what backward() was called on, even if later tensors are made', () => {
		const result = run(
			'import torch\nw = torch.tensor(2.0, requires_grad=True)\nL = w * w\nL.backward()\nM = w * 3'
		);
		expect(result.root.label).toBe('L');
		expect(result.root.grad).not.toBeNull();
	});

	it('is required', () => {
		const result = runProgram('import torch\nx = torch.zeros(3)\nprint(x)');
		expect(result.ok).toBe(false);
		expect(!result.ok && result.message).toMatch(/^there is no loss to draw/);
		expect(!result.ok && result.printed[0]).toEqual({
			text: 'tensor([0., 0., 0.])',
			kind: 'print',
			line: 3
		});
	});
});

describe('asserts', () => {
	const source =
		'import torch\nimport math\nw = torch.tensor(0.5, requires_grad=True)\nL = w * w\nL.backward()\nprint("one")\nassert math.isclose(w.grad.item(), 1.0)\nassert w.grad.item() > 2, f"grad is {w.grad.item()}"\nprint("never")';

	it('a failing one ends the run as Python does, and the graph is still returned', () => {
		const result = run(source);
		expect(result.printed.map((l) => [l.kind, l.text])).toEqual([
			['print', 'one'],
			['assert-pass', '✓ line 7: assert passed'],
			['assert-fail', '✗ line 8: AssertionError: grad is 1.0']
		]);
		expect(result.asserts.map((a) => [a.line, a.passed, a.message ?? null])).toEqual([
			[7, true, null],
			[8, false, 'grad is 1.0']
		]);
		expect(result.root.label).toBe('L');
	});

	it('compare numbers, tensors and allclose', () => {
		const result = run(
			'import torch\nx = torch.tensor([1.0, 2.0])\nL = x.sum()\nassert L == 3\nassert 0 < L.item() < 4\nassert torch.allclose(x * 2, x + x)\nassert x.shape == (2,)\nassert (x > 0)[1]'
		);
		expect(result.asserts.every((a) => a.passed)).toBe(true);
	});
});

describe('limits', () => {
	it('refuse a huge tensor before allocating it', () => {
		const result = runProgram('import torch\nx = torch.zeros(10**9, 10**9)');
		expect(!result.ok && result.message).toBe(
			'this makes 1.00e+18 tensor elements; the limit here is 2,000,000 across all tensors'
		);
		expect(MAX_ELEMENTS).toBe(2_000_000);
	});

	it('refuse a broadcast or a matmul that would be too big', () => {
		const broadcast = runProgram(
			'import torch\na = torch.zeros(2000, 1)\nb = torch.zeros(1, 2000)\nc = a + b'
		);
		expect(!broadcast.ok && [broadcast.line, broadcast.column]).toEqual([4, 7]);
		const matmul = runProgram(
			'import torch\na = torch.zeros(2000, 1)\nb = torch.zeros(1, 2000)\nc = a @ b'
		);
		expect(!matmul.ok && matmul.message).toMatch(/^this makes 4,000,000 more tensor elements/);
	});

	it(`stop at ${MAX_OPS} tensor operations`, () => {
		const lines = ['import torch', 'a = torch.tensor(1.0, requires_grad=True)'];
		for (let i = 0; i < MAX_OPS; i++) lines.push('a = a * 1.0');
		const result = runProgram(lines.join('\n'));
		expect(!result.ok && [result.message, result.line]).toEqual([
			`the program makes more than ${MAX_OPS} tensors; that is the limit here`,
			MAX_OPS + 2
		]);
	});

	it(`refuse programs over ${MAX_SOURCE} characters`, () => {
		const result = runProgram(`x = 1\n${'#'.repeat(MAX_SOURCE)}`);
		expect(!result.ok && result.message).toBe(
			'the program is 50,006 characters long; the limit here is 50,000'
		);
	});

	it('refuse huge integers and sequences', () => {
		expect(runProgram('x = 10 ** 10 ** 8').ok).toBe(false);
		expect(runProgram('x = [0.0] * 10 ** 8').ok).toBe(false);
	});
});

describe('dtypes', () => {
	it('note a float32 program and print dtype= as PyTorch would with float64 default', () => {
		const result = run(
			'import torch\nx = torch.tensor([1.0, 2.0], dtype=torch.float32, requires_grad=True)\nprint(x)\nL = x.sum()'
		);
		expect(result.printed[0].text).toBe(
			'tensor([1., 2.], dtype=torch.float32, requires_grad=True)'
		);
		expect(result.dtypeNotes.some((n) => n.includes('float32'))).toBe(true);
	});

	it('treat integer class indices and % and // on integer tensors as PyTorch does', () => {
		const result = run(
			'import torch\ni = torch.arange(6)\nprint(i % 4, i // 4, (i - 7) % 4)\nL = (i * 1.0).sum()'
		);
		expect(result.printed[0].text).toBe(
			'tensor([0, 1, 2, 3, 0, 1]) tensor([0, 0, 0, 0, 1, 1]) tensor([1, 2, 3, 0, 1, 2])'
		);
	});
});

describe('rerun', () => {
	const parsed = parseProgram(program('chapter'));
	if ('ok' in parsed) throw new Error(parsed.message);

	it('runs the parsed program again with a leaf’s values replaced', () => {
		const result = rerun(parsed, new Map([['w', Float64Array.of(0.5, 0.6)]]));
		const direct = run(program('chapter').replace('[0.4, 0.6]', '[0.5, 0.6]'));
		if (!result.ok) throw new Error(errorText(result));
		expect(result.printed).toEqual(direct.printed);
		expect(result.root.item()).toBe(direct.root.item());
		expect(result.printed.some((l) => l.kind === 'assert-fail')).toBe(true);
	});

	it('reuses what a first run learnt about the leaves', () => {
		const first = run(program('chapter'));
		expect(first.program.leafIndex).toEqual(
			new Map([
				['w', 2],
				['v', 3]
			])
		);
		const again = rerun(first.program, new Map([['v', Float64Array.of(0.8)]]));
		expect(again.ok && again.printed).toEqual(first.printed);
	});

	it('refuses a name that is no leaf, and values of the wrong size', () => {
		const unknown = rerun(parsed, new Map([['q', Float64Array.of(1)]]));
		expect(!unknown.ok && unknown.message).toBe("there is no leaf tensor named 'q'");
		const size = rerun(parsed, new Map([['w', Float64Array.of(1)]]));
		expect(!size.ok && size.message).toBe('the new value has 1 numbers but this tensor holds 2');
	});
});
