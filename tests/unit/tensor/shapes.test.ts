import { describe, expect, it } from 'vitest';
import * as T from '$lib/tensor';
import { TensorError, broadcastShapes, type Tensor } from '$lib/tensor';

const ones = (...shape: number[]) => T.ones(shape);

describe('broadcasting', () => {
	// shapes in -> shape out, or PyTorch's message (checked against torch 1.13)
	const table: [number[], number[], number[] | string][] = [
		[[], [], []],
		[[3], [], [3]],
		[[], [2, 3], [2, 3]],
		[[2, 3], [3], [2, 3]],
		[
			[2, 3],
			[2, 1],
			[2, 3]
		],
		[[3, 1], [4], [3, 4]],
		[
			[4, 1, 3],
			[2, 1],
			[4, 2, 3]
		],
		[[1], [5], [5]],
		[[64, 128], [128], [64, 128]],
		[
			[3],
			[2],
			'The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0'
		],
		[
			[2, 3],
			[3, 2],
			'The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1'
		],
		[
			[4, 2],
			[3, 1, 3],
			'The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 2'
		]
	];

	it.each(table)('%j with %j', (a, b, expected) => {
		if (typeof expected === 'string') {
			expect(() => broadcastShapes(a, b)).toThrow(new TensorError(expected));
			expect(() => T.add(ones(...a), ones(...b))).toThrow(expected);
			expect(() => T.mseLoss(ones(...a), ones(...b))).toThrow(expected);
		} else {
			expect(broadcastShapes(a, b)).toEqual(expected);
			expect(T.mul(ones(...a), ones(...b)).shape).toEqual(expected);
		}
	});

	it('reads each input element where broadcasting puts it, and sums gradients back', () => {
		const a = T.tensor([[1.0], [2.0]], { dtype: 'float64', requiresGrad: true });
		const b = T.tensor([10.0, 20.0, 30.0], { dtype: 'float64', requiresGrad: true });
		const c = T.add(a, b);
		expect(c.tolist()).toEqual([
			[11, 21, 31],
			[12, 22, 32]
		]);
		T.backward(
			T.sum(
				T.mul(
					c,
					T.tensor([
						[1.0, 2.0, 3.0],
						[4.0, 5.0, 6.0]
					])
				)
			)
		);
		expect(Array.from(a.grad!)).toEqual([6, 15]);
		expect(Array.from(b.grad!)).toEqual([5, 7, 9]);
	});
});

describe("shape errors, in PyTorch's words", () => {
	const cases: [string, () => Tensor, string][] = [
		[
			'mm',
			() => T.matmul(ones(4, 2), ones(3, 1)),
			'mat1 and mat2 shapes cannot be multiplied (4x2 and 3x1)'
		],
		['mm of a vector', () => T.mm(ones(4, 2), ones(2)), 'mat2 must be a matrix'],
		['mv', () => T.matmul(ones(2, 3), ones(2)), 'size mismatch, got 2, 2x3,2'],
		[
			'dot',
			() => T.matmul(ones(3), ones(2)),
			'inconsistent tensor size, expected tensor [3] and src [2] to have the same number of elements, but got 3 and 2 elements respectively'
		],
		[
			'1-D @ 2-D',
			() => T.matmul(ones(3), ones(2, 4)),
			'mat1 and mat2 shapes cannot be multiplied (1x3 and 2x4)'
		],
		[
			'0-d @',
			() => T.matmul(T.tensor(1.0), ones(2)),
			'both arguments to matmul need to be at least 1D, but they are 0D and 1D'
		],
		[
			'int @ float',
			() => T.matmul(T.tensor([[1, 2]]), ones(2, 1)),
			'expected scalar type Long but found Double'
		],
		[
			'sum dim',
			() => T.sum(ones(2, 3), 2),
			'Dimension out of range (expected to be in range of [-2, 1], but got 2)'
		],
		[
			'sum dim of 0-d',
			() => T.sum(T.tensor(1.0), 1),
			'Dimension out of range (expected to be in range of [-1, 0], but got 1)'
		],
		[
			'softmax dim',
			() => T.softmax(ones(2, 3), -3),
			'Dimension out of range (expected to be in range of [-2, 1], but got -3)'
		],
		[
			'unsqueeze dim',
			() => T.unsqueeze(ones(2), 3),
			'Dimension out of range (expected to be in range of [-2, 1], but got 3)'
		],
		[
			't[2]',
			() => T.select(ones(2, 3), 0, 2),
			'index 2 is out of bounds for dimension 0 with size 2'
		],
		[
			't[-3]',
			() => T.select(ones(2, 3), 0, -3),
			'index -3 is out of bounds for dimension 0 with size 2'
		],
		[
			't.select(1, 5)',
			() => T.select(ones(2, 3), 1, 5),
			'select(): index 5 out of range for tensor of size [2, 3] at dimension 1'
		],
		[
			'index a 0-d',
			() => T.select(T.tensor(1.0), 0, 0),
			'invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number'
		],
		['view size', () => T.view(ones(2, 3), [4]), "shape '[4]' is invalid for input of size 6"],
		['view two -1', () => T.view(ones(2, 3), [-1, -1]), 'only one dimension can be inferred'],
		[
			'view -1',
			() => T.reshape(ones(2, 3), [4, -1]),
			"shape '[4, -1]' is invalid for input of size 6"
		],
		[
			'view of a transpose',
			() => T.view(T.t(ones(2, 3)), [6]),
			"view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead."
		],
		[
			't of 3-D',
			() => T.t(ones(2, 2, 2)),
			't() expects a tensor with <= 2 dimensions, but self is 3D'
		],
		[
			'mean of int',
			() => T.mean(T.tensor([1, 2])),
			'mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long'
		],
		[
			'cross_entropy batch',
			() => T.crossEntropy(ones(4, 3), T.tensor([0, 1, 2])),
			'Expected input batch_size (4) to match target batch_size (3).'
		],
		[
			'cross_entropy target',
			() => T.crossEntropy(ones(2, 3), T.tensor([0, 3])),
			'Target 3 is out of bounds.'
		],
		[
			'nll float target',
			() => T.nllLoss(ones(2, 3), T.tensor([0.5, 1.5])),
			'expected scalar type Long but found Double'
		],
		[
			'arange',
			() => T.arange(0, 5, -1),
			'upper bound and larger bound inconsistent with step sign'
		],
		[
			'int requires grad',
			() => T.tensor([1, 2], { requiresGrad: true }),
			'Only Tensors of floating point and complex dtype can require gradients'
		],
		[
			'int requires_grad_()',
			() => T.tensor([1, 2]).requiresGrad_(),
			'only Tensors of floating point dtype can require gradients'
		],
		[
			'retain_grad',
			() => ones(2).retainGrad(),
			"can't retain_grad on Tensor that has requires_grad=False"
		],
		[
			'requires_grad_(False) of a result',
			() => T.mul(T.ones([2], { requiresGrad: true }), 2).requiresGrad_(false),
			"you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach()."
		],
		[
			'backward of a vector',
			() => T.backward(T.mul(T.ones([2], { requiresGrad: true }), 2)).root,
			'grad can be implicitly created only for scalar outputs'
		],
		[
			'backward without grad',
			() => T.backward(T.sum(ones(1))).root,
			'element 0 of tensors does not require grad and does not have a grad_fn'
		]
	];

	it.each(cases)('%s', (_name, build, message) => {
		expect(build).toThrow(new TensorError(message));
	});

	it('item() of several elements', () => {
		expect(() => ones(2).item()).toThrow(
			'only one element tensors can be converted to Python scalars'
		);
	});
});

describe('reshape', () => {
	it('is a view where PyTorch can make one, else a clone and an unsafe view', () => {
		const A = T.ones([2, 3], { requiresGrad: true });
		expect(T.reshape(A, [3, 2]).gradFn).toBe('ReshapeAliasBackward0');
		expect(T.reshape(T.t(A), [3, 2]).gradFn).toBe('ReshapeAliasBackward0');
		const flat = T.reshape(T.t(A), [6]);
		expect(flat.gradFn).toBe('UnsafeViewBackward0');
		expect(flat.inputs[0].gradFn).toBe('CloneBackward0');
		expect(T.view(T.select(T.ones([2, 3, 4]), 0, 1), [12]).shape).toEqual([12]);
		expect(() => T.view(T.select(T.ones([2, 3, 4]), 1, 0), [8])).toThrow(
			'view size is not compatible'
		);
		expect(T.reshape(T.select(T.ones([2, 3, 4], { requiresGrad: true }), 1, 0), [8]).gradFn).toBe(
			'UnsafeViewBackward0'
		);
	});
});

describe('dtypes', () => {
	it('promote as PyTorch does', () => {
		const int = T.tensor([1, 2]);
		const float32 = T.tensor([1, 2], { dtype: 'float32' });
		expect(T.mul(int, 2).dtype).toBe('int64');
		expect(T.mul(int, 2.5).dtype).toBe('float64');
		expect(T.div(int, 2).dtype).toBe('float64');
		expect(T.exp(int).dtype).toBe('float64');
		expect(T.pow(int, 2).dtype).toBe('int64');
		expect(T.pow(int, 0.5).dtype).toBe('float64');
		expect(T.sum(T.tensor([true, false])).dtype).toBe('int64');
		expect(T.add(T.tensor([true]), 1).dtype).toBe('int64');
		expect(T.mul(float32, T.tensor(2.0)).dtype).toBe('float32');
		expect(T.mul(float32, T.tensor([2.0], { dtype: 'float64' })).dtype).toBe('float64');
		expect(T.remainder(T.arange(5), 3).tolist()).toEqual([0, 1, 2, 0, 1]);
		expect(T.floorDivide(T.tensor([5, -7]), 2).tolist()).toEqual([2, -4]);
		expect(T.remainder(T.tensor([5, -7]), 3).tolist()).toEqual([2, 2]);
	});

	it('make tensors like the factories', () => {
		expect(T.arange(5).dtype).toBe('int64');
		expect(T.arange(0, 1, 0.25).tolist()).toEqual([0, 0.25, 0.5, 0.75]);
		expect(T.linspace(0, 1, 5).tolist()).toEqual([0, 0.25, 0.5, 0.75, 1]);
		expect(T.eye(2, 3).tolist()).toEqual([
			[1, 0, 0],
			[0, 1, 0]
		]);
		expect(T.full([2], 7).tolist()).toEqual([7, 7]);
		expect(T.tensor(3.5).shape).toEqual([]);
		expect(
			T.tensor([
				[1, 2],
				[3, 4]
			]).shape
		).toEqual([2, 2]);
		expect(() => T.tensor([[1, 2], [3]])).toThrow('expected sequence of length 2 at dim 1 (got 1)');
	});
});
