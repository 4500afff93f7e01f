import { describe, expect, it } from 'vitest';
import * as T from '$lib/tensor';

const f = (x: T.NestedNumbers) => T.tensor(x, { dtype: 'float64', requiresGrad: true });
const list = (a: Float64Array | null) => Array.from(a!);

describe('extremes', () => {
	it('sigmoid of ±1000 is 1 and 0 with zero gradients', () => {
		const z = f([1000, -1000]);
		const s = T.sigmoid(z);
		T.backward(T.sum(s));
		expect(s.tolist()).toEqual([1, 0]);
		expect(list(z.grad)).toEqual([0, 0]);
	});

	it('softmax and log_softmax of ±1000 stay finite', () => {
		const z = f([1000, -1000, 0]);
		const p = T.softmax(z, 0);
		const lp = T.logSoftmax(z, 0);
		expect(p.tolist()).toEqual([1, 0, 0]);
		expect(lp.tolist()).toEqual([0, -2000, -1000]);
		T.backward(T.add(T.sum(T.mul(p, T.tensor([1.0, 2.0, 3.0], { dtype: 'float64' }))), T.sum(lp)));
		expect(list(z.grad).every(Number.isFinite)).toBe(true);
		// d/dz Σ log_softmax = 1 − 3·softmax: [−2, 1, 1]; the softmax term adds nothing at saturation
		expect(list(z.grad)).toEqual([-2, 1, 1]);
	});

	it('cross_entropy of ±1000 logits is PyTorch’s 2000 with finite gradients', () => {
		const z = f([[1000, -1000]]);
		const loss = T.crossEntropy(z, T.tensor([1]));
		T.backward(loss);
		expect(loss.item()).toBe(2000);
		expect(list(z.grad)).toEqual([1, -1]);
	});

	it('log(0) is -Infinity, its gradient +Infinity (-Infinity at -0), as torch', () => {
		const x = f([0, -0]);
		const y = T.log(x);
		T.backward(T.sum(y));
		expect(y.tolist()).toEqual([-Infinity, -Infinity]);
		expect(list(x.grad)).toEqual([Infinity, -Infinity]);
		expect(Number.isNaN(T.log(T.tensor([-1.0], { dtype: 'float64' })).item())).toBe(true);
	});

	it('kinks have PyTorch’s one-sided choices at 0', () => {
		const grad = (build: (x: T.Tensor) => T.Tensor) => {
			const x = f([0]);
			T.backward(T.sum(build(x)));
			return x.grad![0];
		};
		expect(grad(T.sqrt)).toBe(Infinity);
		expect(grad((x) => T.pow(x, 0.5))).toBe(Infinity);
		expect(grad((x) => T.pow(x, 0))).toBe(0);
		expect(grad((x) => T.pow(x, 2))).toBe(0);
		expect(grad(T.relu)).toBe(0);
		expect(grad(T.abs)).toBe(0);
	});
});
