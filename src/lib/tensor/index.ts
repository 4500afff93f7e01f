// The tensor autograd engine: PyTorch's graph for a small PyTorch program, evaluated again
// without allocating, with PyTorch's node names and backward order. Imports only the scalar
// engine (for drill-down).
export {
	Tensor,
	tensor,
	fromArray,
	zeros,
	ones,
	full,
	arange,
	linspace,
	eye,
	constant,
	toNested,
	isFloating,
	type DType,
	type NestedNumbers,
	type OpAttrs,
	type OpPlan,
	type CreateOptions
} from './tensor';
export { TensorError, broadcastShapes, formatShape, numel, type Shape } from './shape';
export {
	TENSOR_OPS,
	TENSOR_OP_NAMES,
	promote,
	scalarType,
	type TensorOpName,
	type TensorOpSpec,
	type Vjp,
	type Prepared
} from './ops';
export {
	apply,
	add,
	sub,
	mul,
	div,
	pow,
	neg,
	reciprocal,
	exp,
	log,
	tanh,
	sigmoid,
	relu,
	sin,
	cos,
	abs,
	sqrt,
	sum,
	mean,
	softmax,
	logSoftmax,
	mm,
	mv,
	dot,
	matmul,
	t,
	T,
	transpose,
	permute,
	select,
	view,
	reshape,
	unsqueeze,
	squeeze,
	mseLoss,
	nllLoss,
	crossEntropy,
	remainder,
	floorDivide,
	type Operand
} from './build';
export { TensorTape, backward, tensorTopoOrder, type BackwardStep } from './tape';
export {
	lowerToScalars,
	lowerProgram,
	displayName,
	elementLabel,
	elementLabels,
	LOWERING_LIMIT,
	type ScalarLowering
} from './lower';
