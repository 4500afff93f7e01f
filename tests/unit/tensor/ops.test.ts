import { describe, expect, it } from 'vitest';
import {
	TENSOR_OPS,
	TENSOR_OP_NAMES,
	apply,
	constant,
	fromArray,
	tensor,
	type OpAttrs,
	type Tensor,
	type TensorOpName,
	TensorTape,
	mm,
	mul,
	sum
} from '$lib/tensor';

/** Deterministic values in [lo, hi], different for each seed. */
function values(shape: number[], seed: number, lo = -1.5, hi = 1.5): Tensor {
	const n = shape.reduce((a, b) => a * b, 1);
	const data = Array.from({ length: n }, (_, k) => {
		const u = (Math.sin(12.9898 * (k + 1) + 78.233 * seed) * 43758.5453) % 1;
		return lo + (hi - lo) * Math.abs(u);
	});
	return fromArray(data, shape, { requiresGrad: true });
}

interface Sample {
	inputs: () => Tensor[];
	attrs?: OpAttrs;
	/** PyTorch's node name for it, checked against torch 1.13 */
	node: string;
}

// Every op, with inputs away from its kinks (abs, relu at 0; log, sqrt at 0; remainder's jumps).
// A Record over TensorOpName: a new op does not type-check until it has its samples here.
const SAMPLES: Record<TensorOpName, Sample[]> = {
	add: [
		{ inputs: () => [values([2, 3], 1), values([3], 2)], node: 'AddBackward0' },
		{ inputs: () => [values([2, 1], 1), constant(2)], node: 'AddBackward0' }
	],
	sub: [
		{ inputs: () => [values([3, 1], 1), values([1, 4], 2)], node: 'SubBackward0' },
		{ inputs: () => [constant(2), values([3], 2)], node: 'RsubBackward1' }
	],
	mul: [{ inputs: () => [values([2, 3], 3), values([2, 1], 4)], node: 'MulBackward0' }],
	div: [{ inputs: () => [values([2, 3], 5), values([3], 6, 0.5, 2)], node: 'DivBackward0' }],
	powTensor: [{ inputs: () => [values([3], 7, 0.5, 2), values([2, 3], 8)], node: 'PowBackward1' }],
	pow: [
		{ inputs: () => [values([4], 9)], attrs: { exponent: 3 }, node: 'PowBackward0' },
		{ inputs: () => [values([4], 10, 0.5, 2)], attrs: { exponent: -1.5 }, node: 'PowBackward0' }
	],
	neg: [{ inputs: () => [values([3], 11)], node: 'NegBackward0' }],
	reciprocal: [{ inputs: () => [values([3], 12, 0.5, 2)], node: 'ReciprocalBackward0' }],
	exp: [{ inputs: () => [values([2, 2], 13)], node: 'ExpBackward0' }],
	log: [{ inputs: () => [values([2, 2], 14, 0.2, 3)], node: 'LogBackward0' }],
	tanh: [{ inputs: () => [values([3], 15)], node: 'TanhBackward0' }],
	sigmoid: [{ inputs: () => [values([3], 16, -4, 4)], node: 'SigmoidBackward0' }],
	relu: [
		{
			inputs: () => [fromArray([-1, 0.5, 2, -0.3], [4], { requiresGrad: true })],
			node: 'ReluBackward0'
		}
	],
	sin: [{ inputs: () => [values([3], 17, -3, 3)], node: 'SinBackward0' }],
	cos: [{ inputs: () => [values([3], 18, -3, 3)], node: 'CosBackward0' }],
	abs: [
		{
			inputs: () => [fromArray([-1, 0.5, 2, -0.3], [4], { requiresGrad: true })],
			node: 'AbsBackward0'
		}
	],
	sqrt: [{ inputs: () => [values([3], 19, 0.2, 3)], node: 'SqrtBackward0' }],
	sum: [
		{ inputs: () => [values([2, 3], 20)], node: 'SumBackward0' },
		{
			inputs: () => [values([2, 3, 2], 21)],
			attrs: { dim: 1, keepdim: true },
			node: 'SumBackward1'
		},
		{ inputs: () => [values([2, 3], 22)], attrs: { dim: -1 }, node: 'SumBackward1' }
	],
	mean: [
		{ inputs: () => [values([2, 3], 23)], node: 'MeanBackward0' },
		{ inputs: () => [values([2, 3, 2], 24)], attrs: { dim: 0 }, node: 'MeanBackward1' }
	],
	softmax: [
		{ inputs: () => [values([2, 3], 25)], attrs: { dim: 1 }, node: 'SoftmaxBackward0' },
		{ inputs: () => [values([3, 2, 2], 26)], attrs: { dim: 1 }, node: 'SoftmaxBackward0' }
	],
	logSoftmax: [
		{ inputs: () => [values([2, 3], 27)], attrs: { dim: 0 }, node: 'LogSoftmaxBackward0' },
		{ inputs: () => [values([4], 28)], attrs: { dim: 0 }, node: 'LogSoftmaxBackward0' }
	],
	mm: [{ inputs: () => [values([2, 3], 29), values([3, 4], 30)], node: 'MmBackward0' }],
	mv: [{ inputs: () => [values([2, 3], 31), values([3], 32)], node: 'MvBackward0' }],
	dot: [{ inputs: () => [values([3], 33), values([3], 34)], node: 'DotBackward0' }],
	t: [{ inputs: () => [values([2, 3], 35)], node: 'TBackward0' }],
	transpose: [
		{ inputs: () => [values([2, 3, 2], 36)], attrs: { dims: [0, 2] }, node: 'TransposeBackward0' }
	],
	permute: [
		{ inputs: () => [values([2, 3, 2], 37)], attrs: { dims: [2, 0, 1] }, node: 'PermuteBackward0' }
	],
	select: [
		{ inputs: () => [values([2, 3], 38)], attrs: { dim: 1, index: -1 }, node: 'SelectBackward0' },
		{ inputs: () => [values([3], 39)], attrs: { dim: 0, index: 1 }, node: 'SelectBackward0' }
	],
	view: [{ inputs: () => [values([2, 3], 40)], attrs: { shape: [3, -1] }, node: 'ViewBackward0' }],
	reshape: [
		{ inputs: () => [values([2, 3], 41)], attrs: { shape: [6] }, node: 'ReshapeAliasBackward0' }
	],
	unsafeView: [
		{ inputs: () => [values([2, 3], 42)], attrs: { shape: [3, 2] }, node: 'UnsafeViewBackward0' }
	],
	clone: [{ inputs: () => [values([2, 3], 43)], node: 'CloneBackward0' }],
	unsqueeze: [{ inputs: () => [values([3], 44)], attrs: { dim: 0 }, node: 'UnsqueezeBackward0' }],
	squeeze: [
		{
			inputs: () => [values([1, 3], 45)],
			attrs: { dim: 0, inPlace: true },
			node: 'SqueezeBackward3'
		},
		{ inputs: () => [values([3, 1], 46)], attrs: { dim: 1 }, node: 'SqueezeBackward1' },
		{ inputs: () => [values([1, 3, 1], 47)], node: 'SqueezeBackward0' }
	],
	mseLoss: [{ inputs: () => [values([2, 3], 48), values([3], 49)], node: 'MseLossBackward0' }],
	nllLoss: [
		{ inputs: () => [values([3, 4], 50), tensor([3, 0, 1])], node: 'NllLossBackward0' },
		{ inputs: () => [values([4], 51), tensor(2)], node: 'NllLossBackward0' }
	],
	remainder: [
		{
			inputs: () => [
				fromArray([5.5, -3.2, 2.25], [3], { requiresGrad: true }),
				values([3], 52, 1, 2)
			],
			node: 'RemainderBackward1'
		},
		{ inputs: () => [values([3], 53, -3, 3), constant(0.7)], node: 'RemainderBackward0' }
	],
	floorDivide: [{ inputs: () => [tensor([7, -7, 3]), tensor([2, 2, -2])], node: '' }]
};

const weights = (n: number) =>
	Float64Array.from({ length: n }, (_, k) => 0.7 + 0.5 * Math.sin(k + 1));

/** L = Σ r ⊙ op(inputs): its value, rebuilt from the inputs' current data */
function projected(
	op: TensorOpName,
	inputs: Tensor[],
	attrs: OpAttrs | undefined,
	r: Float64Array
): number {
	const out = apply(op, inputs, attrs);
	let s = 0;
	for (let k = 0; k < out.size; k++) s += r[k] * out.data[k];
	return s;
}

describe('TENSOR_OPS', () => {
	it('has one formula per input, a symbol and a name equal to its key', () => {
		for (const name of TENSOR_OP_NAMES) {
			const spec = TENSOR_OPS[name];
			expect(spec.name).toBe(name);
			expect(spec.vjpFormula, name).toHaveLength(spec.arity);
			expect(spec.vjp, name).toHaveLength(spec.arity);
			expect(spec.symbol.length, name).toBeGreaterThan(0);
		}
	});

	describe.each(
		TENSOR_OP_NAMES.flatMap((name) =>
			SAMPLES[name].map((s, i) => [`${name} #${i}`, name, s] as const)
		)
	)('%s', (_label, op, sample) => {
		it("has PyTorch's node name", () => {
			const out = apply(op, sample.inputs(), sample.attrs);
			expect(out.gradFn ?? '').toBe(sample.node);
		});

		it('has vector-Jacobian products equal to central differences', () => {
			const inputs = sample.inputs();
			const spec = TENSOR_OPS[op];
			const node = apply(op, inputs, sample.attrs);
			const r = weights(node.size);
			const h = 1e-5;
			let checked = 0;
			inputs.forEach((x, slot) => {
				const vjp = spec.vjp[slot];
				if (!vjp || x.isConstant || x.dtype === 'int64') return;
				const gin = new Float64Array(x.size);
				vjp(
					gin,
					r,
					inputs.map((i) => i.data),
					node.data,
					node.plan,
					node.attrs
				);
				for (let j = 0; j < x.size; j++) {
					const x0 = x.data[j];
					x.data[j] = x0 + h;
					const up = projected(op, inputs, sample.attrs, r);
					x.data[j] = x0 - h;
					const down = projected(op, inputs, sample.attrs, r);
					x.data[j] = x0;
					const numeric = (up - down) / (2 * h);
					expect(Math.abs(gin[j] - numeric), `${op} input ${slot} element ${j}`).toBeLessThan(
						1e-6 * Math.max(1, Math.abs(numeric))
					);
					checked++;
				}
			});
			if (sample.node !== '') expect(checked).toBeGreaterThan(0);
		});
	});
});

describe('mm, computed four rows at a time', () => {
	/** the textbook triple loop, one term at a time in k order, as the kernel sums them */
	function naive(a: Float64Array, b: Float64Array, n: number, m: number, p: number) {
		const out = new Float64Array(n * p);
		for (let i = 0; i < n; i++)
			for (let j = 0; j < p; j++) {
				let s = 0;
				for (let k = 0; k < m; k++) s += a[i * m + k] * b[k * p + j];
				out[i * p + j] = s;
			}
		return out;
	}
	const transpose = (x: Float64Array, rows: number, cols: number) =>
		Float64Array.from(
			{ length: rows * cols },
			(_, k) => x[(k % rows) * cols + Math.floor(k / rows)]
		);

	// Every remainder of the four-row blocks, on both sides of the product.
	it.each([
		[1, 1, 1],
		[3, 2, 5],
		[4, 4, 4],
		[5, 7, 3],
		[9, 6, 2],
		[8, 13, 11],
		[64, 30, 7]
	])('A (%i×%i) · B (…×%i): values and both gradients equal the triple loop', (n, m, p) => {
		const A = values([n, m], n + 10 * m);
		const B = values([m, p], 7 + p);
		const C = values([n, p], 3, -2, 2);
		C.requiresGrad = false;
		const tape = TensorTape.of(sum(mul(mm(A, B), C)));
		tape.evaluate();
		const out = tape.order.find((t) => t.op === 'mm')!;
		expect([...out.data]).toEqual([...naive(A.data, B.data, n, m, p)]);
		// dL/dA = C · Bᵀ, dL/dB = Aᵀ · C
		const dA = naive(C.data, transpose(B.data, m, p), n, p, m);
		const dB = naive(transpose(A.data, n, m), C.data, m, n, p);
		for (let k = 0; k < dA.length; k++) expect(A.grad![k]).toBeCloseTo(dA[k], 12);
		for (let k = 0; k < dB.length; k++) expect(B.grad![k]).toBeCloseTo(dB[k], 12);
	});
});
