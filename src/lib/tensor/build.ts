import { TENSOR_OPS, outputRequiresGrad, type TensorOpName } from './ops';
import { TensorError, inferShape, viewStrides, type Shape } from './shape';
import { Tensor, constant, isFloating, type OpAttrs } from './tensor';

/** A tensor, or a Python number (a 0-d constant, as `x * 2` has). */
export type Operand = Tensor | number;

/**
 * Builds one node: the shape rule (throwing in PyTorch's words), then the forward, eagerly, as
 * PyTorch does, so printing works before backward.
 */
export function apply(op: TensorOpName, inputs: readonly Tensor[], attrs: OpAttrs = {}): Tensor {
	const spec = TENSOR_OPS[op];
	const { shape, dtype, plan, strides } = spec.prepare(inputs, attrs);
	const requiresGrad = isFloating(dtype) && outputRequiresGrad(spec, inputs);
	const out = new Tensor({
		shape,
		dtype,
		data: new Float64Array(shape.reduce((n, d) => n * d, 1)),
		op,
		inputs,
		attrs,
		plan,
		strides,
		nodeName: spec.nodeName(attrs, inputs),
		requiresGrad
	});
	spec.forward(
		out.data,
		inputs.map((x) => x.data),
		out.plan,
		attrs
	);
	return out;
}

const lift = (x: Operand): Tensor => (typeof x === 'number' ? constant(x) : x);

export const add = (a: Operand, b: Operand) => apply('add', [lift(a), lift(b)]);
/** `a - b`; `2 - x` (a number first) is PyTorch's rsub */
export const sub = (a: Operand, b: Operand) => apply('sub', [lift(a), lift(b)]);
export const mul = (a: Operand, b: Operand) => apply('mul', [lift(a), lift(b)]);

/** `a / b`; `2 / x` is, as in PyTorch, reciprocal(x) * 2 */
export function div(a: Operand, b: Operand): Tensor {
	if (typeof a === 'number' && typeof b !== 'number') return mul(reciprocal(b), a);
	return apply('div', [lift(a), lift(b)]);
}

/** `a ** k`: a number exponent is PowBackward0, a tensor exponent (or a number base) PowBackward1 */
export function pow(a: Operand, k: Operand): Tensor {
	if (typeof a !== 'number' && typeof k === 'number') return apply('pow', [a], { exponent: k });
	return apply('powTensor', [lift(a), lift(k)]);
}

export const neg = (a: Tensor) => apply('neg', [a]);
export const reciprocal = (a: Tensor) => apply('reciprocal', [a]);
export const exp = (a: Tensor) => apply('exp', [a]);
export const log = (a: Tensor) => apply('log', [a]);
export const tanh = (a: Tensor) => apply('tanh', [a]);
export const sigmoid = (a: Tensor) => apply('sigmoid', [a]);
export const relu = (a: Tensor) => apply('relu', [a]);
export const sin = (a: Tensor) => apply('sin', [a]);
export const cos = (a: Tensor) => apply('cos', [a]);
export const abs = (a: Tensor) => apply('abs', [a]);
export const sqrt = (a: Tensor) => apply('sqrt', [a]);

/** `a.sum()` (SumBackward0) or `a.sum(dim, keepdim)` (SumBackward1) */
export const sum = (a: Tensor, dim?: number, keepdim = false) =>
	apply('sum', [a], dim === undefined ? {} : { dim, keepdim });
export const mean = (a: Tensor, dim?: number, keepdim = false) =>
	apply('mean', [a], dim === undefined ? {} : { dim, keepdim });
export const softmax = (a: Tensor, dim: number) => apply('softmax', [a], { dim });
export const logSoftmax = (a: Tensor, dim: number) => apply('logSoftmax', [a], { dim });

export const mm = (a: Tensor, b: Tensor) => apply('mm', [a, b]);
export const mv = (a: Tensor, b: Tensor) => apply('mv', [a, b]);
export const dot = (a: Tensor, b: Tensor) => apply('dot', [a, b]);

/** `a @ b` as torch.matmul dispatches it for 1-D and 2-D operands, node for node. */
export function matmul(a: Tensor, b: Tensor): Tensor {
	if (a.ndim === 0 || b.ndim === 0) {
		throw new TensorError(
			`both arguments to matmul need to be at least 1D, but they are ${a.ndim}D and ${b.ndim}D`
		);
	}
	if (a.ndim > 2 || b.ndim > 2) {
		throw new TensorError('matmul of tensors with more than 2 dimensions is not supported here');
	}
	if (a.ndim === 1 && b.ndim === 1) return dot(a, b);
	if (a.ndim === 2 && b.ndim === 1) return mv(a, b);
	if (a.ndim === 2) return mm(a, b);
	// 1-D @ 2-D: PyTorch unsqueezes, multiplies, and squeezes in place.
	if (a.shape[0] !== b.shape[0]) {
		throw new TensorError(
			`mat1 and mat2 shapes cannot be multiplied (1x${a.shape[0]} and ${b.shape.join('x')})`
		);
	}
	return apply('squeeze', [mm(unsqueeze(a, 0), b)], { dim: 0, inPlace: true });
}

/** `a.t()` */
export const t = (a: Tensor) => apply('t', [a]);
/** `a.T`: all dims reversed, a permute in PyTorch */
export const T = (a: Tensor) =>
	apply('permute', [a], { dims: a.shape.map((_, d) => a.ndim - 1 - d) });
export const transpose = (a: Tensor, d0: number, d1: number) =>
	apply('transpose', [a], { dims: [d0, d1] });
export const permute = (a: Tensor, dims: readonly number[]) => apply('permute', [a], { dims });

/** `a[i]` is select(a, 0, i); `a[i, j]` is two selects, as PyTorch records it */
export const select = (a: Tensor, dim: number, index: number) =>
	apply('select', [a], { dim, index });

export const view = (a: Tensor, shape: Shape) => apply('view', [a], { shape });

/** `a.reshape(shape)`: a view where PyTorch can make one, else a clone and an unsafe view. */
export function reshape(a: Tensor, shape: Shape): Tensor {
	const target = inferShape(shape, a.size); // PyTorch's error for a shape that does not fit
	if (viewStrides(a.shape, a.strides, target)) return apply('reshape', [a], { shape });
	return apply('unsafeView', [apply('clone', [a])], { shape });
}

export const unsqueeze = (a: Tensor, dim: number) => apply('unsqueeze', [a], { dim });
export const squeeze = (a: Tensor, dim?: number) =>
	apply('squeeze', [a], dim === undefined ? {} : { dim });

/** `F.mse_loss(a, b)` (reduction mean) */
export const mseLoss = (a: Tensor, b: Tensor) => apply('mseLoss', [a, b]);
/** `F.nll_loss(logProbs, target)` (reduction mean) */
export const nllLoss = (logProbs: Tensor, target: Tensor) => apply('nllLoss', [logProbs, target]);

/** `F.cross_entropy(logits, target)` with class indices: as PyTorch, log_softmax then nll_loss. */
export function crossEntropy(logits: Tensor, target: Tensor): Tensor {
	if (target.dtype !== 'int64' && target.ndim === logits.ndim) {
		throw new TensorError('cross_entropy with class probabilities as target is not supported here');
	}
	return nllLoss(logSoftmax(logits, logits.ndim === 1 ? 0 : 1), target);
}

/** `a % b`, Python's sign convention */
export const remainder = (a: Operand, b: Operand) => apply('remainder', [lift(a), lift(b)]);
/** `a // b` */
export const floorDivide = (a: Operand, b: Operand) => apply('floorDivide', [lift(a), lift(b)]);
