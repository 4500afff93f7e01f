import { Value } from '../engine';
import {
	TensorError,
	alongDim,
	broadcastIndex,
	broadcastShapes,
	contiguousStrides,
	formatShape,
	gatherIndex,
	inferShape,
	normalizeDim,
	numel,
	viewStrides,
	type Shape
} from './shape';
import { isFloating, type DType, type OpAttrs, type OpPlan, type Tensor } from './tensor';

/**
 * The one table of tensor ops, after PyTorch's tools/autograd/derivatives.yaml: per op its shape
 * rule, its forward, its vector-Jacobian product per input, PyTorch's autograd node name, its
 * formulas for display, its cost and (where small) its scalar form. Builders, the tape, the
 * lowering and the view all read it.
 */
export type TensorOpName =
	| 'add'
	| 'sub'
	| 'mul'
	| 'div'
	| 'pow'
	| 'powTensor'
	| 'neg'
	| 'reciprocal'
	| 'exp'
	| 'log'
	| 'tanh'
	| 'sigmoid'
	| 'relu'
	| 'sin'
	| 'cos'
	| 'abs'
	| 'sqrt'
	| 'sum'
	| 'mean'
	| 'softmax'
	| 'logSoftmax'
	| 'mm'
	| 'mv'
	| 'dot'
	| 't'
	| 'transpose'
	| 'permute'
	| 'select'
	| 'view'
	| 'reshape'
	| 'unsafeView'
	| 'clone'
	| 'unsqueeze'
	| 'squeeze'
	| 'mseLoss'
	| 'nllLoss'
	| 'remainder'
	| 'floorDivide';

/** Accumulates one input's vector-Jacobian product into `gin` from the output's gradient `gout`. */
export type Vjp = (
	gin: Float64Array,
	gout: Float64Array,
	ins: readonly Float64Array[],
	out: Float64Array,
	plan: OpPlan,
	attrs: OpAttrs
) => void;

/** What a shape rule gives: the output's shape and dtype, its index plan, its PyTorch strides. */
export interface Prepared {
	shape: number[];
	dtype: DType;
	plan?: OpPlan;
	strides?: number[];
}

export interface TensorOpSpec {
	name: TensorOpName;
	arity: number;
	/** what the graph writes in the node: '+', '⊙', '@', 'σ', 'Σ' */
	symbol: string;
	/** the forward as a formula over inputs a, b for display: 'a ⊙ b', 'Σ a' */
	formula: string;
	/** per input, its vector-Jacobian product for display ('grad ⊙ b', 'grad · Bᵀ'); '' where
	 *  the input gets no gradient (a target, an integer quotient) */
	vjpFormula: readonly string[];
	/** PyTorch's autograd node class for a node with these attrs and inputs */
	nodeName(attrs: OpAttrs, inputs: readonly Tensor[]): string;
	/** the call as Python writes it, from the inputs' names: `w * x`, `x.sum(1)` */
	python(names: readonly string[], attrs: OpAttrs): string;
	/** output shape, dtype and plan, or a TensorError in PyTorch's words; run once at build */
	prepare(inputs: readonly Tensor[], attrs: OpAttrs): Prepared;
	/** writes every element of `out` from the inputs' values */
	forward(out: Float64Array, ins: readonly Float64Array[], plan: OpPlan, attrs: OpAttrs): void;
	/** per input; null = not differentiable with respect to that input */
	vjp: readonly (Vjp | null)[];
	/** how many scalar ops the node stands for */
	cost(inputs: readonly Shape[], out: Shape): number;
	/** the node as scalar Values, one per output element (absent: no scalar form in the engine) */
	lower?: (ins: readonly (readonly Value[])[], node: Tensor) => Value[];
}

// ---- dtypes -----------------------------------------------------------------------------

const RANK: Record<DType, number> = { bool: 0, int64: 1, float32: 2, float64: 3 };

/**
 * PyTorch's type promotion: a tensor with dims outranks a 0-d tensor, which outranks a number
 * operand (a constant); a lower one decides only when it is of a higher kind (float over int
 * over bool), and a number then gives the default dtype of its kind.
 */
export function promote(a: Tensor, b: Tensor): DType {
	const tier = (t: Tensor) => (t.isConstant ? 0 : t.ndim === 0 ? 1 : 2);
	if (tier(a) === tier(b)) return RANK[a.dtype] >= RANK[b.dtype] ? a.dtype : b.dtype;
	const [hi, lo] = tier(a) > tier(b) ? [a, b] : [b, a];
	if (kind(lo.dtype) <= kind(hi.dtype)) return hi.dtype;
	return lo.isConstant ? (kind(lo.dtype) === 2 ? 'float64' : 'int64') : lo.dtype;
}

const kind = (d: DType) => (isFloating(d) ? 2 : d === 'int64' ? 1 : 0);

/** dtype of an op that always gives floats (exp, div, mean): float stays, else the default */
function floatOf(d: DType): DType {
	return isFloating(d) ? d : 'float64';
}

// ---- elementwise ------------------------------------------------------------------------

const same = (x: Tensor): Prepared => ({ shape: [...x.shape], dtype: floatOf(x.dtype) });

/** y = f(x) elementwise, into y */
type UnaryForward = (y: Float64Array, x: Float64Array) => void;
/** gx += g ⊙ f'(x), from x and y = f(x) */
type UnaryVjp = (gx: Float64Array, g: Float64Array, x: Float64Array, y: Float64Array) => void;

// Each op writes its own loops (rather than one loop calling a per-op function) so that V8
// inlines the arithmetic: a shared loop's call would be megamorphic, box every number it
// returns and allocate on each evaluation.
function unary(
	name: TensorOpName,
	node: string,
	symbol: string,
	fn: string,
	forward: UnaryForward,
	vjp: UnaryVjp,
	vjpFormula: string,
	lower?: (x: Value) => Value
): TensorOpSpec {
	return {
		name,
		arity: 1,
		symbol,
		formula: `${symbol}(a)`,
		vjpFormula: [vjpFormula],
		nodeName: () => node,
		python: ([a]) => `torch.${fn}(${a})`,
		prepare: ([x]) => same(x),
		forward: (out, ins) => forward(out, ins[0]),
		vjp: [(gin, g, ins, out) => vjp(gin, g, ins[0], out)],
		cost: (_i, out) => numel(out),
		lower: lower && ((ins) => ins[0].map(lower))
	};
}

const read = (map: Int32Array | null, k: number) => (map ? map[k] : k);

/** display symbols that Python spells otherwise */
const PYTHON_OPERATORS: Record<string, string> = { '⊙': '*', '−': '-' };

/** out = f(a, b) elementwise under broadcasting: a[ma[k]] (a[k] when ma is null) with b[mb[k]] */
type BinaryForward = (
	out: Float64Array,
	a: Float64Array,
	b: Float64Array,
	ma: Int32Array | null,
	mb: Int32Array | null
) => void;
/** adds one input's share: gin at that input's index (through its map) += g ⊙ ∂out/∂input */
type BinaryVjp = (
	gin: Float64Array,
	g: Float64Array,
	a: Float64Array,
	b: Float64Array,
	out: Float64Array,
	ma: Int32Array | null,
	mb: Int32Array | null
) => void;

function binary(
	name: TensorOpName,
	node: (inputs: readonly Tensor[]) => string,
	symbol: string,
	forward: BinaryForward,
	/** per input; null = not differentiable */
	vjpA: BinaryVjp | null,
	vjpB: BinaryVjp | null,
	vjpFormula: readonly string[],
	dtype: (a: Tensor, b: Tensor) => DType,
	lower?: (a: Value, b: Value) => Value
): TensorOpSpec {
	const wrap = (vjp: BinaryVjp | null): Vjp | null =>
		vjp &&
		((gin, g, ins, out, plan) => vjp(gin, g, ins[0], ins[1], out, plan.maps![0], plan.maps![1]));
	return {
		name,
		arity: 2,
		symbol,
		formula: `a ${symbol} b`,
		vjpFormula,
		nodeName: (_attrs, inputs) => node(inputs),
		python: ([a, b]) => `${a} ${PYTHON_OPERATORS[symbol] ?? symbol} ${b}`,
		prepare([a, b]) {
			const shape = broadcastShapes(a.shape, b.shape);
			const maps = [broadcastIndex(a.shape, shape), broadcastIndex(b.shape, shape)];
			return { shape, dtype: dtype(a, b), plan: { maps } };
		},
		forward: (out, ins, plan) => forward(out, ins[0], ins[1], plan.maps![0], plan.maps![1]),
		vjp: [wrap(vjpA), wrap(vjpB)],
		cost: (_i, out) => numel(out),
		lower:
			lower &&
			((ins, node) => {
				const [ma, mb] = node.plan.maps!;
				return Array.from({ length: numel(node.shape) }, (_, k) =>
					lower(ins[0][read(ma, k)], ins[1][read(mb, k)])
				);
			})
	};
}

/** PyTorch's pow backward: exponent 0 gives 0 even at a base of 0. */
function powPartial(x: number, k: number): number {
	return k === 0 ? 0 : k * x ** (k - 1);
}

/** the vjp of an input that passes the gradient through times ±1 (add, sub, remainder's a) */
const passA =
	(sign: number): BinaryVjp =>
	(ga, g, _a, _b, _out, ma) => {
		for (let k = 0; k < g.length; k++) ga[read(ma, k)] += sign * g[k];
	};
const passB =
	(sign: number): BinaryVjp =>
	(gb, g, _a, _b, _out, _ma, mb) => {
		for (let k = 0; k < g.length; k++) gb[read(mb, k)] += sign * g[k];
	};

function sigmoidOf(x: number): number {
	if (x >= 0) return 1 / (1 + Math.exp(-x));
	const e = Math.exp(x);
	return e / (1 + e);
}

// ---- reductions, softmax ----------------------------------------------------------------

/** Shape and loop extents of a reduction over `attrs.dim` (or everything). */
function prepareReduce(x: Tensor, attrs: OpAttrs, dtype: DType): Prepared {
	if (attrs.dim === undefined) {
		return { shape: [], dtype, plan: { outer: 1, size: x.size, inner: 1 } };
	}
	const dim = normalizeDim(attrs.dim, x.ndim);
	const shape = x.shape.flatMap((n, d) => (d !== dim ? [n] : attrs.keepdim ? [1] : []));
	return { shape, dtype, plan: alongDim(x.shape, dim) };
}

function reduceForward(out: Float64Array, x: Float64Array, plan: OpPlan, scale: number): void {
	const { outer, size, inner } = plan as Required<OpPlan>;
	for (let o = 0; o < outer; o++) {
		for (let i = 0; i < inner; i++) {
			let s = 0;
			for (let j = 0; j < size; j++) s += x[(o * size + j) * inner + i];
			out[o * inner + i] = s * scale;
		}
	}
}

function reduceVjp(gin: Float64Array, g: Float64Array, plan: OpPlan, scale: number): void {
	const { outer, size, inner } = plan as Required<OpPlan>;
	for (let o = 0; o < outer; o++) {
		for (let i = 0; i < inner; i++) {
			const gi = g[o * inner + i] * scale;
			for (let j = 0; j < size; j++) gin[(o * size + j) * inner + i] += gi;
		}
	}
}

/** Scalar form of a reduction: a chain of adds per output element (then a division for mean). */
function lowerReduce(x: readonly Value[], node: Tensor, mean: boolean): Value[] {
	const { outer, size, inner } = node.plan as Required<OpPlan>;
	const out: Value[] = [];
	for (let o = 0; o < outer; o++) {
		for (let i = 0; i < inner; i++) {
			let s = x[o * size * inner + i];
			for (let j = 1; j < size; j++) s = s.add(x[(o * size + j) * inner + i]);
			out.push(mean ? s.div(size) : s);
		}
	}
	return out;
}

function prepareSoftmax(x: Tensor, attrs: OpAttrs): Prepared {
	const dim = normalizeDim(attrs.dim ?? -1, x.ndim);
	return { shape: [...x.shape], dtype: floatOf(x.dtype), plan: alongDim(x.shape, dim) };
}

/** Softmax (or log-softmax) along the plan's dim, shifted by the max so ±1000 stay finite. */
function softmaxForward(out: Float64Array, x: Float64Array, plan: OpPlan, log: boolean): void {
	const { outer, size, inner } = plan as Required<OpPlan>;
	for (let o = 0; o < outer; o++) {
		for (let i = 0; i < inner; i++) {
			const base = o * size * inner + i;
			let max = -Infinity;
			for (let j = 0; j < size; j++) max = Math.max(max, x[base + j * inner]);
			let s = 0;
			for (let j = 0; j < size; j++) s += Math.exp(x[base + j * inner] - max);
			const logS = Math.log(s);
			for (let j = 0; j < size; j++) {
				const at = base + j * inner;
				out[at] = log ? x[at] - max - logS : Math.exp(x[at] - max) / s;
			}
		}
	}
}

function lowerSoftmax(x: readonly Value[], node: Tensor, log: boolean): Value[] {
	const { outer, size, inner } = node.plan as Required<OpPlan>;
	const out: Value[] = new Array(x.length);
	for (let o = 0; o < outer; o++) {
		for (let i = 0; i < inner; i++) {
			const at = (j: number) => o * size * inner + j * inner + i;
			// The max is a constant shift: softmax does not change with it, so neither do gradients.
			let max = -Infinity;
			for (let j = 0; j < size; j++) max = Math.max(max, x[at(j)].data);
			const shifted = Array.from({ length: size }, (_, j) => x[at(j)].sub(max));
			const exps = shifted.map((v) => v.exp());
			const total = exps.reduce((s, e) => s.add(e));
			const logTotal = log ? total.log() : total;
			for (let j = 0; j < size; j++) {
				out[at(j)] = log ? shifted[j].sub(logTotal) : exps[j].div(total);
			}
		}
	}
	return out;
}

// ---- matmul -----------------------------------------------------------------------------

function dims2(shape: Shape): string {
	return shape.join('x');
}

/** matmul's operands must share a dtype (PyTorch does not promote there) */
function sameDtype(a: Tensor, b: Tensor): DType {
	if (a.dtype !== b.dtype) {
		throw new TensorError(
			`expected scalar type ${scalarType(a.dtype)} but found ${scalarType(b.dtype)}`
		);
	}
	return a.dtype;
}

/** PyTorch's C++ name of a dtype, as its messages write it. */
export function scalarType(d: DType): string {
	return { float32: 'Float', float64: 'Double', int64: 'Long', bool: 'Bool' }[d];
}

/**
 * out[p, :] += Σ_q coef[p·pStride + q·qStride] · src[q, :] for p < outRows, q < srcRows, rows of
 * `cols` numbers: both big products of a matmul (A · B, and Aᵀ · g) have this form. The loop
 * works on 4 rows of out against 4 rows of src at once, so each number loaded serves four
 * multiplications: in JavaScript that is over 5× faster than a row at a time (the big
 * classifier's X @ W1: 4.1 → 0.75 ms). Each out element still adds its terms one by one in q
 * order, so the numbers are the same to the last bit.
 */
function combineRows(
	out: Float64Array,
	coef: Float64Array,
	pStride: number,
	qStride: number,
	outRows: number,
	srcRows: number,
	src: Float64Array,
	cols: number
): void {
	const at = (p: number, q: number) => coef[p * pStride + q * qStride];
	let p = 0;
	for (; p + 3 < outRows; p += 4) {
		const o0 = p * cols;
		const o1 = o0 + cols;
		const o2 = o1 + cols;
		const o3 = o2 + cols;
		let q = 0;
		for (; q + 3 < srcRows; q += 4) {
			// c<out row><src row>
			const [c00, c01, c02, c03] = [at(p, q), at(p, q + 1), at(p, q + 2), at(p, q + 3)];
			const [c10, c11, c12, c13] = [
				at(p + 1, q),
				at(p + 1, q + 1),
				at(p + 1, q + 2),
				at(p + 1, q + 3)
			];
			const [c20, c21, c22, c23] = [
				at(p + 2, q),
				at(p + 2, q + 1),
				at(p + 2, q + 2),
				at(p + 2, q + 3)
			];
			const [c30, c31, c32, c33] = [
				at(p + 3, q),
				at(p + 3, q + 1),
				at(p + 3, q + 2),
				at(p + 3, q + 3)
			];
			const s0 = q * cols;
			const s1 = s0 + cols;
			const s2 = s1 + cols;
			const s3 = s2 + cols;
			for (let j = 0; j < cols; j++) {
				const x0 = src[s0 + j];
				const x1 = src[s1 + j];
				const x2 = src[s2 + j];
				const x3 = src[s3 + j];
				out[o0 + j] = out[o0 + j] + c00 * x0 + c01 * x1 + c02 * x2 + c03 * x3;
				out[o1 + j] = out[o1 + j] + c10 * x0 + c11 * x1 + c12 * x2 + c13 * x3;
				out[o2 + j] = out[o2 + j] + c20 * x0 + c21 * x1 + c22 * x2 + c23 * x3;
				out[o3 + j] = out[o3 + j] + c30 * x0 + c31 * x1 + c32 * x2 + c33 * x3;
			}
		}
		for (; q < srcRows; q++) {
			const [c0, c1, c2, c3] = [at(p, q), at(p + 1, q), at(p + 2, q), at(p + 3, q)];
			const s = q * cols;
			for (let j = 0; j < cols; j++) {
				const x = src[s + j];
				out[o0 + j] += c0 * x;
				out[o1 + j] += c1 * x;
				out[o2 + j] += c2 * x;
				out[o3 + j] += c3 * x;
			}
		}
	}
	for (; p < outRows; p++) {
		const o = p * cols;
		for (let q = 0; q < srcRows; q++) {
			const c = at(p, q);
			const s = q * cols;
			for (let j = 0; j < cols; j++) out[o + j] += c * src[s + j];
		}
	}
}

/** out (rows × cols) = A (rows × depth) · B (depth × cols); A's cols may be 1 for mv. */
function mmForward(out: Float64Array, a: Float64Array, b: Float64Array, plan: OpPlan): void {
	const { rows, depth, cols } = plan as Required<OpPlan>;
	out.fill(0);
	combineRows(out, a, depth, 1, rows, depth, b, cols);
}

/** gA += g · Bᵀ */
function mmVjpA(gin: Float64Array, g: Float64Array, b: Float64Array, plan: OpPlan): void {
	const { rows, depth, cols } = plan as Required<OpPlan>;
	for (let i = 0; i < rows; i++) {
		for (let k = 0; k < depth; k++) {
			let s = 0;
			for (let j = 0; j < cols; j++) s += g[i * cols + j] * b[k * cols + j];
			gin[i * depth + k] += s;
		}
	}
}

/** gB += Aᵀ · g */
function mmVjpB(gin: Float64Array, g: Float64Array, a: Float64Array, plan: OpPlan): void {
	const { rows, depth, cols } = plan as Required<OpPlan>;
	combineRows(gin, a, 1, depth, depth, rows, g, cols);
}

function lowerMm(a: readonly Value[], b: readonly Value[], plan: OpPlan): Value[] {
	const { rows, depth, cols } = plan as Required<OpPlan>;
	const out: Value[] = [];
	for (let i = 0; i < rows; i++) {
		for (let j = 0; j < cols; j++) {
			let s = a[i * depth].mul(b[j]);
			for (let k = 1; k < depth; k++) s = s.add(a[i * depth + k].mul(b[k * cols + j]));
			out.push(s);
		}
	}
	return out;
}

const mmCost = (plan: { rows: number; depth: number; cols: number }) =>
	plan.rows * plan.cols * (2 * plan.depth - 1);

// ---- views and copies -------------------------------------------------------------------

function gatherSpec(
	name: TensorOpName,
	node: string,
	symbol: string,
	python: (names: readonly string[], attrs: OpAttrs) => string,
	/** output shape, PyTorch strides and gather map, from the input and the attrs */
	layout: (x: Tensor, attrs: OpAttrs) => { shape: number[]; strides: number[]; gather: Int32Array }
): TensorOpSpec {
	return {
		name,
		arity: 1,
		symbol,
		formula: symbol,
		vjpFormula: ['grad placed back where each element came from'],
		nodeName: () => node,
		python,
		prepare([x], attrs) {
			const { shape, strides, gather } = layout(x, attrs);
			return { shape, strides, dtype: x.dtype, plan: { gather } };
		},
		forward(out, [x], plan) {
			const map = plan.gather!;
			for (let k = 0; k < out.length; k++) out[k] = x[map[k]];
		},
		vjp: [
			(gin, g, _ins, _out, plan) => {
				const map = plan.gather!;
				for (let k = 0; k < g.length; k++) gin[map[k]] += g[k];
			}
		],
		cost: () => 0,
		lower: ([x], node) => Array.from(node.plan.gather!, (i) => x[i])
	};
}

/** A permutation of dims as a gather over the contiguous input, and the strides PyTorch keeps. */
function permuted(x: Tensor, order: readonly number[]) {
	const rowMajor = contiguousStrides(x.shape);
	return {
		shape: order.map((d) => x.shape[d]),
		strides: order.map((d) => x.strides[d]),
		gather: gatherIndex(
			order.map((d) => x.shape[d]),
			order.map((d) => rowMajor[d]),
			0
		)
	};
}

function copySpec(
	name: TensorOpName,
	node: (attrs: OpAttrs) => string,
	symbol: string,
	python: (names: readonly string[], attrs: OpAttrs) => string,
	layout: (x: Tensor, attrs: OpAttrs) => { shape: number[]; strides: number[] }
): TensorOpSpec {
	return {
		name,
		arity: 1,
		symbol,
		formula: symbol,
		vjpFormula: ["grad reshaped to A's shape"],
		nodeName: (attrs) => node(attrs),
		python,
		prepare([x], attrs) {
			return { ...layout(x, attrs), dtype: x.dtype };
		},
		forward(out, [x]) {
			out.set(x);
		},
		vjp: [
			(gin, g) => {
				for (let k = 0; k < g.length; k++) gin[k] += g[k];
			}
		],
		cost: () => 0,
		lower: ([x]) => [...x]
	};
}

const VIEW_ERROR =
	"view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.";

const shapeArg = (attrs: OpAttrs) => attrs.shape!.join(', ');

// ---- the table --------------------------------------------------------------------------

export const TENSOR_OPS: Record<TensorOpName, TensorOpSpec> = {
	add: binary(
		'add',
		() => 'AddBackward0',
		'+',
		(out, a, b, ma, mb) => {
			for (let k = 0; k < out.length; k++) out[k] = a[read(ma, k)] + b[read(mb, k)];
		},
		passA(1),
		passB(1),
		["grad summed to A's shape", "grad summed to B's shape"],
		promote,
		(a, b) => a.add(b)
	),
	// `2 - x` is PyTorch's rsub: RsubBackward1, its one edge to x.
	sub: binary(
		'sub',
		(inputs) => (inputs[0].isConstant && !inputs[1].isConstant ? 'RsubBackward1' : 'SubBackward0'),
		'−',
		(out, a, b, ma, mb) => {
			for (let k = 0; k < out.length; k++) out[k] = a[read(ma, k)] - b[read(mb, k)];
		},
		passA(1),
		passB(-1),
		["grad summed to A's shape", "−grad summed to B's shape"],
		promote,
		(a, b) => a.sub(b)
	),
	mul: binary(
		'mul',
		() => 'MulBackward0',
		'⊙',
		(out, a, b, ma, mb) => {
			for (let k = 0; k < out.length; k++) out[k] = a[read(ma, k)] * b[read(mb, k)];
		},
		(ga, g, _a, b, _out, ma, mb) => {
			for (let k = 0; k < g.length; k++) ga[read(ma, k)] += g[k] * b[read(mb, k)];
		},
		(gb, g, a, _b, _out, ma, mb) => {
			for (let k = 0; k < g.length; k++) gb[read(mb, k)] += g[k] * a[read(ma, k)];
		},
		['grad ⊙ b', 'grad ⊙ a'],
		promote,
		(a, b) => a.mul(b)
	),
	div: binary(
		'div',
		() => 'DivBackward0',
		'/',
		(out, a, b, ma, mb) => {
			for (let k = 0; k < out.length; k++) out[k] = a[read(ma, k)] / b[read(mb, k)];
		},
		(ga, g, _a, b, _out, ma, mb) => {
			for (let k = 0; k < g.length; k++) ga[read(ma, k)] += g[k] / b[read(mb, k)];
		},
		(gb, g, a, b, _out, ma, mb) => {
			for (let k = 0; k < g.length; k++) {
				const bk = b[read(mb, k)];
				gb[read(mb, k)] += (-g[k] * a[read(ma, k)]) / (bk * bk);
			}
		},
		['grad / b', '−grad ⊙ a / b²'],
		(a, b) => floatOf(promote(a, b)),
		(a, b) => a.div(b)
	),
	// a ** b with a tensor exponent (also `2 ** x`): PowBackward1; 0 ** b with b >= 0 has no log term.
	powTensor: binary(
		'powTensor',
		() => 'PowBackward1',
		'**',
		(out, a, b, ma, mb) => {
			for (let k = 0; k < out.length; k++) out[k] = a[read(ma, k)] ** b[read(mb, k)];
		},
		(ga, g, a, b, _out, ma, mb) => {
			for (let k = 0; k < g.length; k++) {
				ga[read(ma, k)] += g[k] * powPartial(a[read(ma, k)], b[read(mb, k)]);
			}
		},
		(gb, g, a, b, out, ma, mb) => {
			for (let k = 0; k < g.length; k++) {
				const ak = a[read(ma, k)];
				gb[read(mb, k)] += ak === 0 && b[read(mb, k)] >= 0 ? 0 : g[k] * out[k] * Math.log(ak);
			}
		},
		['grad ⊙ b ⊙ a^(b−1)', 'grad ⊙ a^b ⊙ ln a'],
		promote
	),
	pow: {
		name: 'pow',
		arity: 1,
		symbol: '^',
		formula: 'a^k',
		vjpFormula: ['grad ⊙ k·a^(k−1)'],
		nodeName: () => 'PowBackward0',
		python: ([a], attrs) => `${a} ** ${attrs.exponent}`,
		prepare: ([x], attrs) => ({
			shape: [...x.shape],
			dtype: Number.isInteger(attrs.exponent) ? x.dtype : floatOf(x.dtype)
		}),
		forward(out, ins, _plan, attrs) {
			const x = ins[0];
			const k = attrs.exponent!;
			for (let i = 0; i < out.length; i++) out[i] = x[i] ** k;
		},
		vjp: [
			(gin, g, ins, _out, _plan, attrs) => {
				const x = ins[0];
				const k = attrs.exponent!;
				for (let i = 0; i < g.length; i++) gin[i] += powPartial(x[i], k) * g[i];
			}
		],
		cost: (_i, out) => numel(out),
		lower: ([x], node) => x.map((v) => v.pow(node.attrs.exponent!))
	},
	neg: {
		...unary(
			'neg',
			'NegBackward0',
			'−',
			'neg',
			(y, x) => {
				for (let k = 0; k < y.length; k++) y[k] = -x[k];
			},
			(gx, g) => {
				for (let k = 0; k < g.length; k++) gx[k] -= g[k];
			},
			'−grad',
			(v) => v.neg()
		),
		python: ([a]) => `-${a}`
	},
	reciprocal: unary(
		'reciprocal',
		'ReciprocalBackward0',
		'1/',
		'reciprocal',
		(y, x) => {
			for (let k = 0; k < y.length; k++) y[k] = 1 / x[k];
		},
		(gx, g, _x, y) => {
			for (let k = 0; k < g.length; k++) gx[k] += -g[k] * y[k] * y[k];
		},
		'−grad ⊙ out²',
		(v) => v.pow(-1)
	),
	exp: unary(
		'exp',
		'ExpBackward0',
		'exp',
		'exp',
		(y, x) => {
			for (let k = 0; k < y.length; k++) y[k] = Math.exp(x[k]);
		},
		(gx, g, _x, y) => {
			for (let k = 0; k < g.length; k++) gx[k] += g[k] * y[k];
		},
		'grad ⊙ out',
		(v) => v.exp()
	),
	// log(0) = -Infinity, its gradient 1/0 = +Infinity (and -Infinity at -0), as PyTorch.
	log: unary(
		'log',
		'LogBackward0',
		'log',
		'log',
		(y, x) => {
			for (let k = 0; k < y.length; k++) y[k] = Math.log(x[k]);
		},
		(gx, g, x) => {
			for (let k = 0; k < g.length; k++) gx[k] += g[k] / x[k];
		},
		'grad / a',
		(v) => v.log()
	),
	tanh: unary(
		'tanh',
		'TanhBackward0',
		'tanh',
		'tanh',
		(y, x) => {
			for (let k = 0; k < y.length; k++) y[k] = Math.tanh(x[k]);
		},
		(gx, g, _x, y) => {
			for (let k = 0; k < g.length; k++) gx[k] += g[k] * (1 - y[k] * y[k]);
		},
		'grad ⊙ (1 − out²)',
		(v) => v.tanh()
	),
	sigmoid: unary(
		'sigmoid',
		'SigmoidBackward0',
		'σ',
		'sigmoid',
		(y, x) => {
			for (let k = 0; k < y.length; k++) y[k] = sigmoidOf(x[k]);
		},
		(gx, g, _x, y) => {
			for (let k = 0; k < g.length; k++) gx[k] += g[k] * y[k] * (1 - y[k]);
		},
		'grad ⊙ out ⊙ (1 − out)',
		(v) => v.sigmoid()
	),
	// relu'(0) = 0, as PyTorch (it tests the output > 0).
	relu: unary(
		'relu',
		'ReluBackward0',
		'relu',
		'relu',
		(y, x) => {
			for (let k = 0; k < y.length; k++) y[k] = Math.max(0, x[k]);
		},
		(gx, g, _x, y) => {
			for (let k = 0; k < g.length; k++) if (y[k] > 0) gx[k] += g[k];
		},
		'grad ⊙ [a > 0]',
		(v) => v.relu()
	),
	sin: unary(
		'sin',
		'SinBackward0',
		'sin',
		'sin',
		(y, x) => {
			for (let k = 0; k < y.length; k++) y[k] = Math.sin(x[k]);
		},
		(gx, g, x) => {
			for (let k = 0; k < g.length; k++) gx[k] += g[k] * Math.cos(x[k]);
		},
		'grad ⊙ cos a'
	),
	cos: unary(
		'cos',
		'CosBackward0',
		'cos',
		'cos',
		(y, x) => {
			for (let k = 0; k < y.length; k++) y[k] = Math.cos(x[k]);
		},
		(gx, g, x) => {
			for (let k = 0; k < g.length; k++) gx[k] -= g[k] * Math.sin(x[k]);
		},
		'−grad ⊙ sin a'
	),
	// abs'(0) = sign(0) = 0, as PyTorch.
	abs: unary(
		'abs',
		'AbsBackward0',
		'abs',
		'abs',
		(y, x) => {
			for (let k = 0; k < y.length; k++) y[k] = Math.abs(x[k]);
		},
		(gx, g, x) => {
			for (let k = 0; k < g.length; k++) gx[k] += g[k] * Math.sign(x[k]);
		},
		'grad ⊙ sign a'
	),
	sqrt: unary(
		'sqrt',
		'SqrtBackward0',
		'√',
		'sqrt',
		(y, x) => {
			for (let k = 0; k < y.length; k++) y[k] = Math.sqrt(x[k]);
		},
		(gx, g, _x, y) => {
			for (let k = 0; k < g.length; k++) gx[k] += g[k] / (2 * y[k]);
		},
		'grad / (2·out)',
		(v) => v.pow(0.5)
	),
	sum: {
		name: 'sum',
		arity: 1,
		symbol: 'Σ',
		formula: 'Σ a',
		vjpFormula: ["grad broadcast to A's shape"],
		nodeName: (attrs) => (attrs.dim === undefined ? 'SumBackward0' : 'SumBackward1'),
		python: ([a], attrs) => `${a}.sum(${dimArgs(attrs)})`,
		prepare: ([x], attrs) => prepareReduce(x, attrs, x.dtype === 'bool' ? 'int64' : x.dtype),
		forward: (out, [x], plan) => reduceForward(out, x, plan, 1),
		vjp: [(gin, g, _ins, _out, plan) => reduceVjp(gin, g, plan, 1)],
		cost: ([x], out) => numel(x) - numel(out),
		lower: ([x], node) => lowerReduce(x, node, false)
	},
	mean: {
		name: 'mean',
		arity: 1,
		symbol: 'mean',
		formula: 'mean a',
		vjpFormula: ["grad / n broadcast to A's shape"],
		nodeName: (attrs) => (attrs.dim === undefined ? 'MeanBackward0' : 'MeanBackward1'),
		python: ([a], attrs) => `${a}.mean(${dimArgs(attrs)})`,
		prepare([x], attrs) {
			if (!isFloating(x.dtype)) {
				throw new TensorError(
					`mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${scalarType(x.dtype)}`
				);
			}
			return prepareReduce(x, attrs, x.dtype);
		},
		forward: (out, [x], plan) => reduceForward(out, x, plan, 1 / plan.size!),
		vjp: [(gin, g, _ins, _out, plan) => reduceVjp(gin, g, plan, 1 / plan.size!)],
		cost: ([x]) => numel(x),
		lower: ([x], node) => lowerReduce(x, node, true)
	},
	softmax: {
		name: 'softmax',
		arity: 1,
		symbol: 'softmax',
		formula: 'softmax(a)',
		vjpFormula: ['out ⊙ (grad − Σ grad ⊙ out)'],
		nodeName: () => 'SoftmaxBackward0',
		python: ([a], attrs) => `torch.softmax(${a}, dim=${attrs.dim})`,
		prepare: ([x], attrs) => prepareSoftmax(x, attrs),
		forward: (out, [x], plan) => softmaxForward(out, x, plan, false),
		vjp: [
			(gin, g, _ins, y, plan) => {
				const { outer, size, inner } = plan as Required<OpPlan>;
				for (let o = 0; o < outer; o++) {
					for (let i = 0; i < inner; i++) {
						const base = o * size * inner + i;
						let dot = 0;
						for (let j = 0; j < size; j++) dot += g[base + j * inner] * y[base + j * inner];
						for (let j = 0; j < size; j++) {
							const at = base + j * inner;
							gin[at] += y[at] * (g[at] - dot);
						}
					}
				}
			}
		],
		cost: ([x]) => 4 * numel(x),
		lower: ([x], node) => lowerSoftmax(x, node, false)
	},
	logSoftmax: {
		name: 'logSoftmax',
		arity: 1,
		symbol: 'log softmax',
		formula: 'log softmax(a)',
		vjpFormula: ['grad − exp(out) ⊙ Σ grad'],
		nodeName: () => 'LogSoftmaxBackward0',
		python: ([a], attrs) => `torch.log_softmax(${a}, dim=${attrs.dim})`,
		prepare: ([x], attrs) => prepareSoftmax(x, attrs),
		forward: (out, [x], plan) => softmaxForward(out, x, plan, true),
		vjp: [
			(gin, g, _ins, y, plan) => {
				const { outer, size, inner } = plan as Required<OpPlan>;
				for (let o = 0; o < outer; o++) {
					for (let i = 0; i < inner; i++) {
						const base = o * size * inner + i;
						let total = 0;
						for (let j = 0; j < size; j++) total += g[base + j * inner];
						for (let j = 0; j < size; j++) {
							const at = base + j * inner;
							gin[at] += g[at] - Math.exp(y[at]) * total;
						}
					}
				}
			}
		],
		cost: ([x]) => 4 * numel(x),
		lower: ([x], node) => lowerSoftmax(x, node, true)
	},
	mm: {
		name: 'mm',
		arity: 2,
		symbol: '@',
		formula: 'A · B',
		vjpFormula: ['grad · Bᵀ', 'Aᵀ · grad'],
		nodeName: () => 'MmBackward0',
		python: ([a, b]) => `${a} @ ${b}`,
		prepare([a, b]) {
			if (a.ndim !== 2) throw new TensorError('self must be a matrix');
			if (b.ndim !== 2) throw new TensorError('mat2 must be a matrix');
			if (a.shape[1] !== b.shape[0]) {
				throw new TensorError(
					`mat1 and mat2 shapes cannot be multiplied (${dims2(a.shape)} and ${dims2(b.shape)})`
				);
			}
			const dtype = sameDtype(a, b);
			const plan = { rows: a.shape[0], depth: a.shape[1], cols: b.shape[1] };
			return { shape: [plan.rows, plan.cols], dtype, plan };
		},
		forward: (out, [a, b], plan) => mmForward(out, a, b, plan),
		vjp: [
			(gin, g, [, b], _out, plan) => mmVjpA(gin, g, b, plan),
			(gin, g, [a], _out, plan) => mmVjpB(gin, g, a, plan)
		],
		cost: ([a, b]) => mmCost({ rows: a[0], depth: a[1], cols: b[1] }),
		lower: ([a, b], node) => lowerMm(a, b, node.plan)
	},
	mv: {
		name: 'mv',
		arity: 2,
		symbol: '@',
		formula: 'A · v',
		vjpFormula: ['grad ⊗ v', 'Aᵀ · grad'],
		nodeName: () => 'MvBackward0',
		python: ([a, b]) => `${a} @ ${b}`,
		prepare([a, b]) {
			if (a.ndim !== 2 || b.ndim !== 1) {
				throw new TensorError(
					`vector + matrix @ vector expected, got ${b.ndim}, ${a.ndim}, ${b.ndim}`
				);
			}
			if (a.shape[1] !== b.shape[0]) {
				throw new TensorError(`size mismatch, got ${a.shape[0]}, ${dims2(a.shape)},${b.shape[0]}`);
			}
			const dtype = sameDtype(a, b);
			const plan = { rows: a.shape[0], depth: a.shape[1], cols: 1 };
			return { shape: [plan.rows], dtype, plan };
		},
		forward: (out, [a, b], plan) => mmForward(out, a, b, plan),
		vjp: [
			(gin, g, [, b], _out, plan) => mmVjpA(gin, g, b, plan),
			(gin, g, [a], _out, plan) => mmVjpB(gin, g, a, plan)
		],
		cost: ([a]) => mmCost({ rows: a[0], depth: a[1], cols: 1 }),
		lower: ([a, b], node) => lowerMm(a, b, node.plan)
	},
	dot: {
		name: 'dot',
		arity: 2,
		symbol: '·',
		formula: 'a · b',
		vjpFormula: ['grad ⊙ b', 'grad ⊙ a'],
		nodeName: () => 'DotBackward0',
		python: ([a, b]) => `${a} @ ${b}`,
		prepare([a, b]) {
			if (a.ndim !== 1 || b.ndim !== 1) {
				throw new TensorError(`1D tensors expected, but got ${a.ndim}D and ${b.ndim}D tensors`);
			}
			if (a.shape[0] !== b.shape[0]) {
				throw new TensorError(
					`inconsistent tensor size, expected tensor [${a.shape[0]}] and src [${b.shape[0]}] to have the same number of elements, but got ${a.shape[0]} and ${b.shape[0]} elements respectively`
				);
			}
			const dtype = sameDtype(a, b);
			return { shape: [], dtype, plan: { rows: 1, depth: a.shape[0], cols: 1 } };
		},
		forward: (out, [a, b], plan) => mmForward(out, a, b, plan),
		vjp: [
			(gin, g, [, b], _out, plan) => mmVjpA(gin, g, b, plan),
			(gin, g, [a], _out, plan) => mmVjpB(gin, g, a, plan)
		],
		cost: ([a]) => 2 * a[0] - 1,
		lower: ([a, b], node) => lowerMm(a, b, node.plan)
	},
	t: gatherSpec(
		't',
		'TBackward0',
		'ᵀ',
		([a]) => `${a}.t()`,
		(x) => {
			if (x.ndim > 2) {
				throw new TensorError(`t() expects a tensor with <= 2 dimensions, but self is ${x.ndim}D`);
			}
			return permuted(x, x.ndim === 2 ? [1, 0] : x.shape.map((_, d) => d));
		}
	),
	transpose: gatherSpec(
		'transpose',
		'TransposeBackward0',
		'ᵀ',
		([a], attrs) => `${a}.transpose(${attrs.dims!.join(', ')})`,
		(x, attrs) => {
			const [d0, d1] = attrs.dims!.map((d) => normalizeDim(d, x.ndim));
			const order = x.shape.map((_, d) => (d === d0 ? d1 : d === d1 ? d0 : d));
			return permuted(x, order);
		}
	),
	// `.T` of a matrix is a permute in PyTorch: PermuteBackward0.
	permute: gatherSpec(
		'permute',
		'PermuteBackward0',
		'ᵀ',
		([a], attrs) => `${a}.permute(${attrs.dims!.join(', ')})`,
		(x, attrs) => {
			const order = attrs.dims!.map((d) => normalizeDim(d, x.ndim));
			if (order.length !== x.ndim || new Set(order).size !== order.length) {
				throw new TensorError(
					`permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${x.ndim} is not equal to len(dims) = ${order.length}`
				);
			}
			return permuted(x, order);
		}
	),
	select: gatherSpec(
		'select',
		'SelectBackward0',
		'[i]',
		([a], attrs) =>
			attrs.dim === 0 ? `${a}[${attrs.index}]` : `${a}.select(${attrs.dim}, ${attrs.index})`,
		(x, attrs) => {
			if (x.ndim === 0) {
				throw new TensorError(
					'invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number'
				);
			}
			const dim = normalizeDim(attrs.dim!, x.ndim);
			const n = x.shape[dim];
			const index = attrs.index!;
			if (!Number.isInteger(index) || index < -n || index >= n) {
				// t[i] says it as indexing does, t.select(d, i) as select() does
				throw new TensorError(
					dim === 0
						? `index ${index} is out of bounds for dimension 0 with size ${n}`
						: `select(): index ${index} out of range for tensor of size ${formatShape(x.shape)} at dimension ${dim}`
				);
			}
			const at = index < 0 ? index + n : index;
			const rowMajor = contiguousStrides(x.shape);
			const keep = (s: readonly number[]) => s.filter((_, d) => d !== dim);
			const shape = keep(x.shape);
			return {
				shape,
				strides: keep(x.strides),
				gather: gatherIndex(shape, keep(rowMajor), at * rowMajor[dim])
			};
		}
	),
	view: copySpec(
		'view',
		() => 'ViewBackward0',
		'view',
		([a], attrs) => `${a}.view(${shapeArg(attrs)})`,
		(x, attrs) => {
			const shape = inferShape(attrs.shape!, x.size);
			const strides = viewStrides(x.shape, x.strides, shape);
			if (!strides) throw new TensorError(VIEW_ERROR);
			return { shape, strides };
		}
	),
	// reshape of a tensor it can view: PyTorch 1.13 records _reshape_alias.
	reshape: copySpec(
		'reshape',
		() => 'ReshapeAliasBackward0',
		'reshape',
		([a], attrs) => `${a}.reshape(${shapeArg(attrs)})`,
		(x, attrs) => {
			const shape = inferShape(attrs.shape!, x.size);
			const strides = viewStrides(x.shape, x.strides, shape);
			if (!strides) throw new TensorError(VIEW_ERROR);
			return { shape, strides };
		}
	),
	// reshape of a tensor it cannot view: a contiguous clone, then _unsafe_view.
	unsafeView: copySpec(
		'unsafeView',
		() => 'UnsafeViewBackward0',
		'reshape',
		([a], attrs) => `${a}.reshape(${shapeArg(attrs)})`,
		(x, attrs) => {
			const shape = inferShape(attrs.shape!, x.size);
			return { shape, strides: contiguousStrides(shape) };
		}
	),
	clone: copySpec(
		'clone',
		() => 'CloneBackward0',
		'clone',
		([a]) => `${a}.clone()`,
		(x) => ({ shape: [...x.shape], strides: contiguousStrides(x.shape) })
	),
	unsqueeze: copySpec(
		'unsqueeze',
		() => 'UnsqueezeBackward0',
		'unsqueeze',
		([a], attrs) => `${a}.unsqueeze(${attrs.dim})`,
		(x, attrs) => {
			const dim = normalizeDim(attrs.dim!, x.ndim + 1);
			const shape = [...x.shape];
			const strides = [...x.strides];
			shape.splice(dim, 0, 1);
			strides.splice(dim, 0, dim >= x.ndim ? 1 : x.shape[dim] * x.strides[dim]);
			return { shape, strides };
		}
	),
	squeeze: copySpec(
		'squeeze',
		(attrs) =>
			attrs.inPlace
				? 'SqueezeBackward3'
				: attrs.dim === undefined
					? 'SqueezeBackward0'
					: 'SqueezeBackward1',
		'squeeze',
		([a], attrs) => `${a}.squeeze(${attrs.dim ?? ''})`,
		(x, attrs) => {
			const dim = attrs.dim === undefined ? undefined : normalizeDim(attrs.dim, x.ndim);
			const drop = (d: number) => x.shape[d] === 1 && (dim === undefined || d === dim);
			return {
				shape: x.shape.filter((_, d) => !drop(d)),
				strides: x.strides.filter((_, d) => !drop(d))
			};
		}
	),
	mseLoss: {
		name: 'mseLoss',
		arity: 2,
		symbol: 'MSE',
		formula: 'mean (a − b)²',
		vjpFormula: ['grad ⊙ 2(a − b)/n', '−grad ⊙ 2(a − b)/n'],
		nodeName: () => 'MseLossBackward0',
		python: ([a, b]) => `F.mse_loss(${a}, ${b})`,
		prepare([a, b]) {
			const shape = broadcastShapes(a.shape, b.shape);
			const maps = [broadcastIndex(a.shape, shape), broadcastIndex(b.shape, shape)];
			return { shape: [], dtype: floatOf(promote(a, b)), plan: { maps, size: numel(shape) } };
		},
		forward(out, [a, b], plan) {
			const [ma, mb] = plan.maps!;
			let s = 0;
			for (let k = 0; k < plan.size!; k++) {
				const d = a[read(ma, k)] - b[read(mb, k)];
				s += d * d;
			}
			out[0] = s / plan.size!;
		},
		vjp: [0, 1].map((slot): Vjp => (gin, g, [a, b], _out, plan) => {
			const [ma, mb] = plan.maps!;
			const mine = plan.maps![slot];
			const scale = ((slot === 0 ? 2 : -2) * g[0]) / plan.size!;
			for (let k = 0; k < plan.size!; k++) {
				gin[read(mine, k)] += scale * (a[read(ma, k)] - b[read(mb, k)]);
			}
		}),
		cost: ([a, b]) => 3 * numel(broadcastShapes(a, b)),
		lower: ([a, b], node) => {
			const [ma, mb] = node.plan.maps!;
			let s: Value | undefined;
			for (let k = 0; k < node.plan.size!; k++) {
				const sq = a[read(ma, k)].sub(b[read(mb, k)]).pow(2);
				s = s ? s.add(sq) : sq;
			}
			return [s!.div(node.plan.size!)];
		}
	},
	// Mean of −input[i, target[i]]: log-probabilities [N, C] (or [C]) and class indices [N] (or []).
	nllLoss: {
		name: 'nllLoss',
		arity: 2,
		symbol: 'NLL',
		formula: '−mean a[i, target[i]]',
		vjpFormula: ['−grad / N at each target, 0 elsewhere', ''],
		nodeName: () => 'NllLossBackward0',
		python: ([a, b]) => `F.nll_loss(${a}, ${b})`,
		prepare([x, target]) {
			if (x.ndim < 1 || x.ndim > 2) {
				throw new TensorError(`input tensor should be 1D or 2D but got ${x.ndim}D`);
			}
			if (target.dtype !== 'int64') {
				throw new TensorError(`expected scalar type Long but found ${scalarType(target.dtype)}`);
			}
			const rows = x.ndim === 2 ? x.shape[0] : 1;
			if (target.ndim > 1 || target.size !== rows || (x.ndim === 1 && target.ndim !== 0)) {
				throw new TensorError(
					x.ndim === 2 && target.ndim === 1
						? `Expected input batch_size (${rows}) to match target batch_size (${target.size}).`
						: `0D or 1D target tensor expected, multi-target not supported`
				);
			}
			const cols = x.shape[x.ndim - 1];
			for (const t of target.data) {
				if (t < 0 || t >= cols) throw new TensorError(`Target ${t} is out of bounds.`);
			}
			return { shape: [], dtype: x.dtype, plan: { rows, cols } };
		},
		forward(out, [x, target], plan) {
			const { rows, cols } = plan as Required<OpPlan>;
			let s = 0;
			for (let i = 0; i < rows; i++) s -= x[i * cols + target[i]];
			out[0] = s / rows;
		},
		vjp: [
			(gin, g, [, target], _out, plan) => {
				const { rows, cols } = plan as Required<OpPlan>;
				for (let i = 0; i < rows; i++) gin[i * cols + target[i]] -= g[0] / rows;
			},
			null
		],
		cost: ([x]) => (x.length === 2 ? x[0] : 1),
		lower: ([x, target], node) => {
			const { rows, cols } = node.plan as Required<OpPlan>;
			let s: Value | undefined;
			for (let i = 0; i < rows; i++) {
				const pick = x[i * cols + target[i].data];
				s = s ? s.add(pick) : pick;
			}
			return [s!.div(rows).neg()];
		}
	},
	// Python's % (the sign of the divisor); d/da = 1, d/db = −floor(a/b), as PyTorch.
	remainder: binary(
		'remainder',
		(inputs) => (inputs[1].isConstant ? 'RemainderBackward0' : 'RemainderBackward1'),
		'%',
		(out, a, b, ma, mb) => {
			for (let k = 0; k < out.length; k++) {
				const ak = a[read(ma, k)];
				const bk = b[read(mb, k)];
				out[k] = ak - Math.floor(ak / bk) * bk;
			}
		},
		passA(1),
		(gb, g, a, b, _out, ma, mb) => {
			for (let k = 0; k < g.length; k++) {
				gb[read(mb, k)] -= g[k] * Math.floor(a[read(ma, k)] / b[read(mb, k)]);
			}
		},
		['grad', '−grad ⊙ ⌊a / b⌋'],
		promote
	),
	// Python's //: not differentiable, so its result never requires grad (PyTorch 1.13 says it
	// does, with a node that fails in backward).
	floorDivide: binary(
		'floorDivide',
		() => 'FloorDivideBackward0',
		'//',
		(out, a, b, ma, mb) => {
			for (let k = 0; k < out.length; k++) out[k] = Math.floor(a[read(ma, k)] / b[read(mb, k)]);
		},
		null,
		null,
		['', ''],
		promote
	)
};

function dimArgs(attrs: OpAttrs): string {
	if (attrs.dim === undefined) return '';
	return attrs.keepdim ? `${attrs.dim}, keepdim=True` : `${attrs.dim}`;
}

/** The ops in table order; the tape and tests iterate this. */
export const TENSOR_OP_NAMES = Object.keys(TENSOR_OPS) as TensorOpName[];

/** Whether any input the op differentiates through requires grad: the output then does too. */
export function outputRequiresGrad(spec: TensorOpSpec, inputs: readonly Tensor[]): boolean {
	return inputs.some((x, i) => spec.vjp[i] !== null && x.requiresGrad);
}
