export { OPS, OP_CODES, sigmoid, type OpName, type OpSpec } from './ops';
export { Value } from './value';
export { Tape } from './tape';
export { topoOrder } from './topo';
export { Probe } from './probe';
