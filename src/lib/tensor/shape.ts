/** Shapes, broadcasting and strides: everything about where an element lives, in one place. */

export type Shape = readonly number[];

/** An error PyTorch would raise for the same call, in PyTorch's words. */
export class TensorError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'TensorError';
	}
}

export function numel(shape: Shape): number {
	let n = 1;
	for (const d of shape) n *= d;
	return n;
}

/** Row-major strides of a contiguous tensor of this shape. */
export function contiguousStrides(shape: Shape): number[] {
	const strides = new Array<number>(shape.length);
	let s = 1;
	for (let d = shape.length - 1; d >= 0; d--) {
		strides[d] = s;
		s *= shape[d];
	}
	return strides;
}

/** `[2, 3]` as PyTorch prints it in messages: `[2, 3]`. */
export function formatShape(shape: Shape): string {
	return `[${shape.join(', ')}]`;
}

/** A dim that may be negative, checked against ndim as PyTorch does (a 0-d tensor takes -1 and 0). */
export function normalizeDim(dim: number, ndim: number): number {
	const n = Math.max(ndim, 1);
	if (!Number.isInteger(dim) || dim < -n || dim >= n) {
		throw new TensorError(
			`Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`
		);
	}
	return dim < 0 ? dim + n : dim;
}

/** NumPy broadcasting of two shapes, or PyTorch's error naming the first mismatch. */
export function broadcastShapes(a: Shape, b: Shape): number[] {
	const n = Math.max(a.length, b.length);
	const out = new Array<number>(n);
	for (let i = 1; i <= n; i++) {
		const da = i <= a.length ? a[a.length - i] : 1;
		const db = i <= b.length ? b[b.length - i] : 1;
		if (da !== db && da !== 1 && db !== 1) {
			throw new TensorError(
				`The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${n - i}`
			);
		}
		out[n - i] = da === 1 ? db : da;
	}
	return out;
}

/**
 * For each element of a tensor of shape `out`, the flat index of the element of `input` it reads
 * when `input` is broadcast to `out`; null when the shapes are equal (the identity). Gradients
 * flow back through the same map, and adding into `map[k]` is what sums a broadcast gradient
 * back to the input's shape.
 */
export function broadcastIndex(input: Shape, out: Shape): Int32Array | null {
	if (input.length === out.length && input.every((d, i) => d === out[i])) return null;
	const n = numel(out);
	const map = new Int32Array(n);
	const offset = out.length - input.length;
	const inStrides = contiguousStrides(input);
	// Stride 0 along a broadcast dim, so the same input element is read again.
	const strides = out.map((_, d) =>
		d < offset || input[d - offset] === 1 ? 0 : inStrides[d - offset]
	);
	const index = new Array<number>(out.length).fill(0);
	let at = 0;
	for (let k = 0; k < n; k++) {
		map[k] = at;
		for (let d = out.length - 1; d >= 0; d--) {
			index[d]++;
			at += strides[d];
			if (index[d] < out[d]) break;
			at -= strides[d] * index[d];
			index[d] = 0;
		}
	}
	return map;
}

/**
 * For each element of the result of reading `shape` through `strides` from `offset`, the flat
 * index it reads: the gather map of a view (select, t, transpose, permute) over a contiguous input.
 */
export function gatherIndex(shape: Shape, strides: readonly number[], offset: number): Int32Array {
	const n = numel(shape);
	const map = new Int32Array(n);
	const index = new Array<number>(shape.length).fill(0);
	let at = offset;
	for (let k = 0; k < n; k++) {
		map[k] = at;
		for (let d = shape.length - 1; d >= 0; d--) {
			index[d]++;
			at += strides[d];
			if (index[d] < shape[d]) break;
			at -= strides[d] * index[d];
			index[d] = 0;
		}
	}
	return map;
}

/** A reduction or softmax along one dim, as three loop extents: outer × size × inner. */
export interface AlongDim {
	outer: number;
	size: number;
	inner: number;
}

export function alongDim(shape: Shape, dim: number): AlongDim {
	let outer = 1;
	let inner = 1;
	for (let d = 0; d < dim; d++) outer *= shape[d];
	for (let d = dim + 1; d < shape.length; d++) inner *= shape[d];
	return { outer, size: shape.length === 0 ? 1 : shape[dim], inner };
}

/** The shape a view or reshape asks for, with one -1 inferred, or PyTorch's error. */
export function inferShape(requested: Shape, size: number): number[] {
	const out = [...requested];
	let infer = -1;
	let known = 1;
	for (let d = 0; d < out.length; d++) {
		if (out[d] === -1) {
			if (infer >= 0) throw new TensorError('only one dimension can be inferred');
			infer = d;
		} else if (!Number.isInteger(out[d]) || out[d] < 0) {
			throw new TensorError(`invalid shape dimension ${out[d]}`);
		} else known *= out[d];
	}
	const fail = () =>
		new TensorError(`shape '${formatShape(requested)}' is invalid for input of size ${size}`);
	if (infer >= 0) {
		if (known === 0 || size % known !== 0) throw fail();
		out[infer] = size / known;
	} else if (known !== size) throw fail();
	return out;
}

/**
 * Strides that let a tensor with `oldShape`/`oldStrides` be viewed as `newShape` without copying,
 * or null when no such strides exist (PyTorch's computeStride, at::detail::computeStride).
 */
export function viewStrides(
	oldShape: Shape,
	oldStrides: readonly number[],
	newShape: Shape
): number[] | null {
	if (oldShape.length === 0) return new Array<number>(newShape.length).fill(1);
	const size = numel(oldShape);
	if (size === 0) return contiguousStrides(newShape);
	const newStrides = new Array<number>(newShape.length).fill(0);
	let viewD = newShape.length - 1;
	let chunkBase = oldStrides[oldStrides.length - 1];
	let tensorNumel = 1;
	let viewNumel = 1;
	for (let d = oldShape.length - 1; d >= 0; d--) {
		tensorNumel *= oldShape[d];
		if (d === 0 || (oldShape[d - 1] !== 1 && oldStrides[d - 1] !== tensorNumel * chunkBase)) {
			while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
				newStrides[viewD] = viewNumel * chunkBase;
				viewNumel *= newShape[viewD];
				viewD--;
			}
			if (viewNumel !== tensorNumel) return null;
			if (d > 0) {
				chunkBase = oldStrides[d - 1];
				tensorNumel = 1;
				viewNumel = 1;
			}
		}
	}
	if (viewD !== -1) return null;
	return newStrides;
}
