export {
	FUNCTIONS,
	INFIX_OPS,
	isFunctionName,
	shownFunction,
	OPS,
	OP_CODES,
	sigmoid,
	type Cost,
	type FunctionName,
	type Infix,
	type InfixName,
	type OpName,
	type OpSpec
} from './ops';
export { Value } from './value';
export { Tape } from './tape';
export { topoOrder } from './topo';
export { Probe } from './probe';
