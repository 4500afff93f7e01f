import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as T from '$lib/tensor';
import { TensorError, displayName, lowerProgram, lowerToScalars, type Tensor } from '$lib/tensor';

const f = (x: T.NestedNumbers, requiresGrad = false) =>
	T.tensor(x, { dtype: 'float64', requiresGrad });

describe('lowerToScalars', () => {
	it('draws w * x as one leaf per input element and one mul per output element', () => {
		const w = f([0.4, 0.6], true);
		const x = f([1, 0.5]);
		w.label = 'w';
		x.label = 'x';
		const wx = T.mul(w, x);
		const lowered = lowerToScalars(wx)!;
		expect(lowered.inputs.map((vs) => vs.map((v) => v.label))).toEqual([
			['w[0]', 'w[1]'],
			['x[0]', 'x[1]']
		]);
		expect(lowered.outputs.map((v) => [v.label, v.op, v.data])).toEqual([
			['(w * x)[0]', 'mul', 0.4],
			['(w * x)[1]', 'mul', 0.3]
		]);
		expect(lowered.ops).toBe(2);
	});

	it('labels matrix elements W1[0,1] and reuses a named result’s name', () => {
		const W1 = f(
			[
				[0.5, -0.4],
				[0.3, 0.8]
			],
			true
		);
		W1.label = 'W1';
		const b1 = f([0.1, -0.2], true);
		b1.label = 'b1';
		const A = T.add(W1, b1);
		A.label = 'A';
		const lowered = lowerToScalars(A)!;
		expect(lowered.inputs[0].map((v) => v.label)).toEqual([
			'W1[0,0]',
			'W1[0,1]',
			'W1[1,0]',
			'W1[1,1]'
		]);
		expect(lowered.outputs.map((v) => v.label)).toEqual(['A[0,0]', 'A[0,1]', 'A[1,0]', 'A[1,1]']);
		// the broadcast bias: b1[1] feeds A[0,1] and A[1,1]
		expect(lowered.outputs[3].inputs.map((v) => v.label)).toEqual(['W1[1,1]', 'b1[1]']);
	});

	it('gives the chain rule’s numbers: the scalar gradients are the tensor gradients', () => {
		const x = f([
			[1, 2, 0.5],
			[0.2, -1, 0.3]
		]);
		const W = f(
			[
				[0.2, -0.1],
				[0.4, 0.3],
				[-0.5, 0.6]
			],
			true
		);
		const logits = T.matmul(x, W);
		const lowered = lowerToScalars(logits)!;
		expect(lowered.ops).toBe(2 * 2 * 5);
		lowered.outputs.reduce((s, v) => s.add(v)).backward();
		T.backward(T.sum(logits));
		expect(lowered.inputs[1].map((v) => v.grad)).toEqual(Array.from(W.grad!));
	});

	it('declines what is too big, a leaf, and ops the scalar engine has no op for', () => {
		const big = T.matmul(T.ones([8, 8]), T.ones([8, 8]));
		expect(lowerToScalars(big)).toBeNull();
		expect(lowerToScalars(big, 10_000)).not.toBeNull();
		expect(lowerToScalars(T.ones([2]))).toBeNull();
		expect(lowerToScalars(T.sin(T.ones([2])))).toBeNull();
	});
});

// ---- random programs: tensor engine against the same program lowered to scalar Values ----

interface Step {
	recipe: number;
	a: number;
	b: number;
}

// Each recipe keeps its op in a safe domain (log and division of x² + 1) and throws TensorError
// where shapes do not fit; such a step is skipped.
const sq1 = (x: Tensor) => T.add(T.mul(x, x), 1);
const recipes: ((a: Tensor, b: Tensor) => Tensor)[] = [
	(a, b) => T.add(a, b),
	(a, b) => T.sub(a, b),
	(a, b) => T.mul(a, b),
	(a, b) => T.div(a, sq1(b)),
	(a) => T.sub(2, a),
	(a) => T.div(3, sq1(a)),
	(a) => T.pow(a, 2),
	(a) => T.pow(sq1(a), -1.5),
	(a) => T.neg(a),
	(a) => T.exp(T.tanh(a)),
	(a) => T.log(sq1(a)),
	(a) => T.sqrt(sq1(a)),
	(a) => T.tanh(a),
	(a) => T.sigmoid(a),
	(a) => T.relu(a),
	(a) => T.sum(a),
	(a) => T.sum(a, 0, true),
	(a) => T.mean(a, -1),
	(a) => T.mean(a),
	(a) => T.softmax(a, -1),
	(a) => T.logSoftmax(a, 0),
	(a, b) => T.matmul(a, b),
	(a) => T.t(a),
	(a) => T.T(a),
	(a) => T.select(a, 0, -1),
	(a) => T.reshape(a, [-1]),
	(a) => T.unsqueeze(a, 0),
	(a) => T.squeeze(T.unsqueeze(a, -1)),
	(a, b) => T.mseLoss(a, b),
	(a) => T.crossEntropy(T.reshape(a, [1, -1]), T.tensor([0]))
];

const SHAPES = [[2, 3], [3], [2, 1], [3, 2], []];

function run(leafValues: number[][], steps: Step[]): Tensor {
	const pool: Tensor[] = SHAPES.map((shape, i) =>
		T.fromArray(leafValues[i].slice(0, T.numel(shape)), shape, { requiresGrad: i !== 2 })
	);
	for (const s of steps) {
		const a = pool[s.a % pool.length];
		const b = pool[s.b % pool.length];
		try {
			pool.push(recipes[s.recipe % recipes.length](a, b));
		} catch (error) {
			if (!(error instanceof TensorError)) throw error;
		}
	}
	return T.add(T.sum(pool[pool.length - 1]), T.mul(T.sum(pool[0]), 0.5));
}

const close = (x: number, y: number) => Math.abs(x - y) <= 1e-12 * (1 + Math.abs(y));

describe('random programs', () => {
	it('agree with their scalar lowering to 1e-12, values and grads', () => {
		const value = fc.double({ min: -2, max: 2, noNaN: true });
		fc.assert(
			fc.property(
				fc.array(fc.array(value, { minLength: 6, maxLength: 6 }), { minLength: 5, maxLength: 5 }),
				fc.array(fc.record({ recipe: fc.nat(), a: fc.nat(), b: fc.nat() }), {
					minLength: 1,
					maxLength: 6
				}),
				(leafValues, steps) => {
					const root = run(leafValues, steps);
					const tape = T.backward(root);
					const { root: scalarRoot, values } = lowerProgram(root);
					scalarRoot.backward();
					for (const t of tape.order) {
						const vs = values.get(t)!;
						for (let k = 0; k < t.size; k++) {
							if (!close(t.data[k], vs[k].data)) return false;
						}
						// A view's scalars (and a sum over one element) are its input's own Values,
						// whose grads are the input's.
						const ownValues =
							t.isLeaf || !t.inputs.some((x) => values.get(x)!.some((v) => vs.includes(v)));
						if (!t.requiresGrad || !ownValues || t.isConstant) continue;
						for (let k = 0; k < t.size; k++) {
							if (!close(t.grad![k], vs[k].grad)) return false;
						}
					}
					return true;
				}
			),
			{ numRuns: 300 }
		);
	});
});

describe('displayName', () => {
	it('writes an unnamed result as the Python that made it', () => {
		const a = f([1, 2], true);
		a.label = 'a';
		const b = f([3, 4]);
		b.label = 'b';
		const names = [
			T.sub(a, b),
			T.mul(a, 2),
			T.neg(a),
			T.sum(a, 0, true),
			T.sigmoid(a),
			T.matmul(a, b)
		].map(displayName);
		expect(names).toEqual([
			'(a - b)',
			'(a * 2)',
			'(-a)',
			'(a.sum(0, keepdim=True))',
			'(torch.sigmoid(a))',
			'(a @ b)'
		]);
	});
});

describe('elementLabels', () => {
	it('names every element as elementLabel does, in order', () => {
		for (const shape of [[], [3], [2, 3], [2, 1, 3], [3, 2, 2], [0], [2, 0]]) {
			const size = shape.reduce((a, b) => a * b, 1);
			expect(T.elementLabels('W1', shape)).toEqual(
				Array.from({ length: size }, (_, k) => T.elementLabel('W1', shape, k))
			);
		}
		expect(T.elementLabels('W', [2, 2])).toEqual(['W[0,0]', 'W[0,1]', 'W[1,0]', 'W[1,1]']);
	});
});
