import type { TensorOpName } from './ops';
import { TensorError, contiguousStrides, numel, type Shape } from './shape';

/** The dtype PyTorch would give; for display and promotion only: every value is a float64. */
export type DType = 'float32' | 'float64' | 'int64' | 'bool';

export type NestedNumbers = number | boolean | readonly NestedNumbers[];

/** What an op node needs besides its inputs: the dim of a sum, the exponent of a pow, ... */
export interface OpAttrs {
	/** sum, mean, softmax, logSoftmax, select, unsqueeze, squeeze; absent = over all dims */
	dim?: number;
	keepdim?: boolean;
	/** pow by a number */
	exponent?: number;
	/** select */
	index?: number;
	/** view, reshape, unsafeView: the shape asked for (with its -1) */
	shape?: readonly number[];
	/** transpose (two dims), permute (all dims, in their new order) */
	dims?: readonly number[];
	/** squeeze_ inside matmul (PyTorch names it SqueezeBackward3) */
	inPlace?: boolean;
}

/**
 * Precomputed index work of one op node, made once when the node is built and reused by every
 * evaluation: broadcast maps, gather maps, loop extents.
 */
export interface OpPlan {
	/** per input, output element -> input element under broadcasting; null = same shape */
	maps?: readonly (Int32Array | null)[];
	/** gather ops (select, t, transpose, permute): output element -> input element */
	gather?: Int32Array;
	/** reductions and softmax: outer × size × inner, size along the dim */
	outer?: number;
	size?: number;
	inner?: number;
	/** matmul: (rows × depth) · (depth × cols) */
	rows?: number;
	depth?: number;
	cols?: number;
}

let nextId = 0;

/** How a tensor came to be; only the builders pass it. */
export interface TensorInit {
	shape: Shape;
	dtype: DType;
	data: Float64Array;
	op?: TensorOpName | 'leaf';
	inputs?: readonly Tensor[];
	attrs?: OpAttrs;
	plan?: OpPlan;
	nodeName?: string;
	requiresGrad?: boolean;
	strides?: readonly number[];
	isConstant?: boolean;
}

/** A node of the tensor graph: its values, its gradient and the op that made it. */
export class Tensor {
	/** also PyTorch's sequence number: a node built later has a larger id */
	readonly id: number;
	readonly shape: Shape;
	readonly dtype: DType;
	/** current values, row-major; the tape rewrites them in place */
	readonly data: Float64Array;
	/** filled by a tape's backward for every tensor that requires grad, leaf or not */
	grad: Float64Array | null = null;
	/** leaf: as created or set by requiresGrad_(); op result: some differentiable input requires it */
	requiresGrad: boolean;
	#op: TensorOpName | 'leaf';
	#inputs: readonly Tensor[];
	#attrs: OpAttrs;
	#plan: OpPlan;
	/** the Python name the program gave it, for display (`w`, `W1`) */
	label: string | undefined;
	/** a number operand made into a 0-d tensor (the 2 in x * 2): no slider, no box of its own */
	readonly isConstant: boolean;
	/** the strides PyTorch's tensor would have; decides whether reshape is a view */
	readonly strides: readonly number[];
	readonly #nodeName: string | undefined;
	#retainGrad = false;

	constructor(init: TensorInit) {
		this.id = nextId++;
		this.shape = init.shape;
		this.dtype = init.dtype;
		this.data = init.data;
		this.#op = init.op ?? 'leaf';
		this.#inputs = init.inputs ?? [];
		this.#attrs = init.attrs ?? {};
		this.#plan = init.plan ?? {};
		this.#nodeName = init.nodeName;
		this.requiresGrad = init.requiresGrad ?? false;
		this.strides = init.strides ?? contiguousStrides(init.shape);
		this.isConstant = init.isConstant ?? false;
		if (this.requiresGrad && !isFloating(this.dtype)) throw notFloating();
	}

	get size(): number {
		return this.data.length;
	}

	get ndim(): number {
		return this.shape.length;
	}

	/** the op that made it (a key of TENSOR_OPS), 'leaf' for a tensor that was created, not
	 *  computed; the tape recomputes every tensor that is not 'leaf' */
	get op(): TensorOpName | 'leaf' {
		return this.#op;
	}

	/** ordered, repeats kept: a * a has two */
	get inputs(): readonly Tensor[] {
		return this.#inputs;
	}

	get attrs(): OpAttrs {
		return this.#attrs;
	}

	get plan(): OpPlan {
		return this.#plan;
	}

	/** PyTorch's is_leaf: created, or computed from tensors none of which requires grad */
	get isLeaf(): boolean {
		return this.#op === 'leaf' || !this.requiresGrad;
	}

	/** PyTorch's autograd node for this tensor: `MulBackward0`, `AccumulateGrad` for a leaf that
	 *  requires grad, undefined for a tensor that requires none. */
	get gradFn(): string | undefined {
		if (!this.requiresGrad) return undefined;
		return this.#op === 'leaf' ? 'AccumulateGrad' : this.#nodeName;
	}

	/** whether PyTorch would keep `.grad` after backward: a leaf that requires grad, or retain_grad() */
	get retainsGrad(): boolean {
		return this.requiresGrad && (this.isLeaf || this.#retainGrad);
	}

	/** `t.requires_grad_()`: leaves only, floating dtypes only, as PyTorch. */
	requiresGrad_(flag = true): this {
		if (!this.isLeaf && !flag) {
			throw new TensorError(
				"you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach()."
			);
		}
		if (flag && !isFloating(this.dtype)) {
			throw new TensorError('only Tensors of floating point dtype can require gradients');
		}
		// A computed tensor that requires no grad is a leaf to PyTorch: from now on it is a
		// parameter of its own, so its values are no longer recomputed from where they came from.
		if (flag && !this.requiresGrad && this.#op !== 'leaf') {
			this.#op = 'leaf';
			this.#inputs = [];
			this.#attrs = {};
			this.#plan = {};
		}
		this.requiresGrad = flag;
		return this;
	}

	/** `t.retain_grad()` */
	retainGrad(): this {
		if (!this.requiresGrad) {
			throw new TensorError("can't retain_grad on Tensor that has requires_grad=False");
		}
		this.#retainGrad = true;
		return this;
	}

	/** `t.item()` */
	item(): number {
		if (this.size !== 1) {
			throw new TensorError('only one element tensors can be converted to Python scalars');
		}
		return this.data[0];
	}

	/** `t.tolist()`: a plain number for a 0-d tensor; booleans for bool */
	tolist(): NestedNumbers {
		return toNested(this.data, this.shape, this.dtype === 'bool');
	}
}

export function isFloating(dtype: DType): boolean {
	return dtype === 'float32' || dtype === 'float64';
}

function notFloating(): TensorError {
	return new TensorError('Only Tensors of floating point and complex dtype can require gradients');
}

/** Row-major flat values as nested lists of this shape (a number for a 0-d shape). */
export function toNested(data: ArrayLike<number>, shape: Shape, asBool = false): NestedNumbers {
	const cell = (x: number): NestedNumbers => (asBool ? x !== 0 : x);
	if (shape.length === 0) return cell(data[0]);
	let at = 0;
	const build = (d: number): NestedNumbers[] => {
		const out: NestedNumbers[] = [];
		for (let i = 0; i < shape[d]; i++)
			out.push(d === shape.length - 1 ? cell(data[at++]) : build(d + 1));
		return out;
	};
	return build(0);
}

export interface CreateOptions {
	requiresGrad?: boolean;
	dtype?: DType;
}

/** `torch.tensor(nested)`. The dtype is inferred as PyTorch would from Python literals as far as
 *  numbers allow (all integers -> int64); pass `dtype: 'float64'` for `[1.0, 2.0]`. */
export function tensor(nested: NestedNumbers, opts: CreateOptions = {}): Tensor {
	const shape: number[] = [];
	for (let level: NestedNumbers = nested; Array.isArray(level); level = level[0]) {
		shape.push(level.length);
		if (level.length === 0) break;
	}
	const flat: number[] = [];
	let sawFloat = false;
	let sawBool = false;
	const walk = (x: NestedNumbers, d: number): void => {
		if (d === shape.length) {
			if (Array.isArray(x))
				throw new TensorError(`expected sequence of length ${shape[d - 1]} at dim ${d - 1}`);
			if (typeof x === 'boolean') sawBool = true;
			else if (!Number.isInteger(x)) sawFloat = true;
			flat.push(Number(x));
			return;
		}
		if (!Array.isArray(x) || x.length !== shape[d]) {
			const got = Array.isArray(x) ? x.length : 'a number';
			throw new TensorError(`expected sequence of length ${shape[d]} at dim ${d} (got ${got})`);
		}
		for (const y of x as readonly NestedNumbers[]) walk(y, d + 1);
	};
	walk(nested, 0);
	const inferred: DType = sawFloat ? 'float64' : sawBool && flat.length > 0 ? 'bool' : 'int64';
	const dtype = opts.dtype ?? (flat.length === 0 ? 'float64' : inferred);
	return leaf(
		Float64Array.from(flat, (x) => cast(x, dtype)),
		shape,
		dtype,
		opts.requiresGrad
	);
}

/** A leaf over a copy of existing values, e.g. a tensor's grad as a tensor (`w.grad`). */
export function fromArray(data: ArrayLike<number>, shape: Shape, opts: CreateOptions = {}): Tensor {
	if (data.length !== numel(shape)) {
		throw new TensorError(
			`shape '${JSON.stringify(shape)}' is invalid for input of size ${data.length}`
		);
	}
	const dtype = opts.dtype ?? 'float64';
	return leaf(
		Float64Array.from(data, (x) => cast(x, dtype)),
		[...shape],
		dtype,
		opts.requiresGrad
	);
}

export function zeros(shape: Shape, opts: CreateOptions = {}): Tensor {
	return full(shape, 0, opts);
}

export function ones(shape: Shape, opts: CreateOptions = {}): Tensor {
	return full(shape, 1, opts);
}

/** `torch.full(shape, value)`; float64 unless given (the caller knows whether the literal was `3` or `3.0`). */
export function full(shape: Shape, value: number, opts: CreateOptions = {}): Tensor {
	checkShape(shape);
	const dtype = opts.dtype ?? 'float64';
	return leaf(
		new Float64Array(numel(shape)).fill(cast(value, dtype)),
		[...shape],
		dtype,
		opts.requiresGrad
	);
}

/** `torch.arange(end)` or `torch.arange(start, end, step)`; int64 when all are integers. */
export function arange(start: number, end?: number, step = 1, opts: CreateOptions = {}): Tensor {
	if (end === undefined) [start, end] = [0, start];
	if (step === 0) throw new TensorError('step must be nonzero');
	if ((end - start) / step < 0) {
		throw new TensorError('upper bound and larger bound inconsistent with step sign');
	}
	const n = Math.ceil((end - start) / step);
	const ints = Number.isInteger(start) && Number.isInteger(end) && Number.isInteger(step);
	const dtype = opts.dtype ?? (ints ? 'int64' : 'float64');
	const data = new Float64Array(n);
	for (let i = 0; i < n; i++) data[i] = cast(start + i * step, dtype);
	return leaf(data, [n], dtype, opts.requiresGrad);
}

/** `torch.linspace(start, end, steps)`, computed as PyTorch does (from both ends toward the middle). */
export function linspace(
	start: number,
	end: number,
	steps: number,
	opts: CreateOptions = {}
): Tensor {
	if (!Number.isInteger(steps) || steps < 0)
		throw new TensorError('number of steps must be non-negative');
	const dtype = opts.dtype ?? 'float64';
	const data = new Float64Array(steps);
	const step = steps > 1 ? (end - start) / (steps - 1) : 0;
	const half = Math.floor(steps / 2);
	for (let i = 0; i < steps; i++) {
		data[i] = cast(i < half ? start + step * i : end - step * (steps - i - 1), dtype);
	}
	return leaf(data, [steps], dtype, opts.requiresGrad);
}

/** `torch.eye(n)` or `torch.eye(n, m)` */
export function eye(n: number, m = n, opts: CreateOptions = {}): Tensor {
	checkShape([n, m]);
	const dtype = opts.dtype ?? 'float64';
	const data = new Float64Array(n * m);
	for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
	return leaf(data, [n, m], dtype, opts.requiresGrad);
}

/** A number operand as a 0-d constant tensor (int64 for an integer, as a Python int would be). */
export function constant(x: number): Tensor {
	const dtype: DType = Number.isInteger(x) ? 'int64' : 'float64';
	return new Tensor({ shape: [], dtype, data: Float64Array.of(x), isConstant: true });
}

function leaf(data: Float64Array, shape: number[], dtype: DType, requiresGrad = false): Tensor {
	return new Tensor({ shape, dtype, data, requiresGrad });
}

function checkShape(shape: Shape): void {
	for (const d of shape) {
		if (!Number.isInteger(d) || d < 0) {
			throw new TensorError(
				`Trying to create tensor with negative dimension ${d}: ${JSON.stringify(shape)}`
			);
		}
	}
}

/** A value as the dtype stores it: int64 truncates toward zero, bool is 0 or 1. */
export function cast(x: number, dtype: DType): number {
	if (dtype === 'int64') return Math.trunc(x);
	if (dtype === 'bool') return x !== 0 ? 1 : 0;
	return x; // floats compute in float64 whatever their dtype says
}
