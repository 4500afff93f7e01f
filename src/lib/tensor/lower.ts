import { Value } from '../engine';
import { TENSOR_OPS, type TensorOpName } from './ops';
import { tensorTopoOrder } from './tape';
import type { Tensor } from './tensor';

/** One op node drawn as scalars, for the drill-down view. */
export interface ScalarLowering {
	/** per input of the node, one leaf Value per element, labelled `w[0]`, `W1[0,1]` */
	inputs: readonly (readonly Value[])[];
	/** one Value per output element, labelled `(w * x)[1]` */
	outputs: readonly Value[];
	/** scalar ops between inputs and outputs */
	ops: number;
}

/** Scalar graphs larger than this are not drawn. */
export const LOWERING_LIMIT = 64;

/** The name a tensor goes by in labels: its Python name, or the call that made it in brackets. */
export function displayName(t: Tensor): string {
	if (t.label !== undefined) return t.label;
	if (t.isConstant) return String(t.data[0]);
	if (t.op === 'leaf') return `t${t.id}`;
	const spec = TENSOR_OPS[t.op as TensorOpName];
	return `(${spec.python(t.inputs.map(displayName), t.attrs)})`;
}

/** `w[0]`, `W1[0,1]`, or plain `v` for a 0-d tensor */
export function elementLabel(name: string, shape: readonly number[], flat: number): string {
	if (shape.length === 0) return name;
	const index = new Array<number>(shape.length);
	for (let d = shape.length - 1; d >= 0; d--) {
		index[d] = flat % shape[d];
		flat = Math.floor(flat / shape[d]);
	}
	return `${name}[${index.join(',')}]`;
}

/** elementLabel of every element, in order: the prefix (`W1[3,`) is written once per row, not
 *  worked out again for each of a big tensor's elements (W1 has 32,768 sliders). */
export function elementLabels(name: string, shape: readonly number[]): string[] {
	if (shape.length === 0) return [name];
	const size = shape.reduce((a, b) => a * b, 1);
	const labels = new Array<string>(size);
	const last = shape.length - 1;
	const index = new Array<number>(last).fill(0);
	let flat = 0;
	while (flat < size) {
		const prefix = `${name}[${index.map((i) => `${i},`).join('')}`;
		for (let k = 0; k < shape[last]; k++) labels[flat++] = `${prefix}${k}]`;
		// the next row: count up the leading indices like an odometer
		for (let d = last - 1; d >= 0; d--) {
			if (++index[d] < shape[d]) break;
			index[d] = 0;
		}
	}
	return labels;
}

function leavesOf(t: Tensor): Value[] {
	const name = displayName(t);
	return Array.from(t.data, (x, k) =>
		t.isConstant ? Value.constant(x) : new Value(x, elementLabel(name, t.shape, k))
	);
}

/**
 * `node = op(inputs)` as scalar Values of the engine, from the tensors' current values; null
 * for a leaf, an op with no scalar form (sin, cos, abs, integer ops), or a node that stands for
 * more than `limit` scalar ops.
 */
export function lowerToScalars(node: Tensor, limit = LOWERING_LIMIT): ScalarLowering | null {
	if (node.op === 'leaf') return null;
	const spec = TENSOR_OPS[node.op as TensorOpName];
	if (!spec.lower) return null;
	const ops = spec.cost(
		node.inputs.map((x) => x.shape),
		node.shape
	);
	if (ops > limit) return null;
	const inputs = node.inputs.map(leavesOf);
	const name = displayName(node);
	const outputs = spec.lower(inputs, node).map((v, k) =>
		// A view's elements are its input's own Values: label only what the op made.
		inputs.some((vs) => vs.includes(v)) ? v : v.named(elementLabel(name, node.shape, k))
	);
	return { inputs, outputs, ops };
}

/** A whole (small) program as one scalar graph, the tape's graph: the scalar Values of every
 *  tensor in it, leaves as leaf Values. */
export function lowerProgram(root: Tensor): { root: Value; values: Map<Tensor, readonly Value[]> } {
	const values = new Map<Tensor, readonly Value[]>();
	for (const t of tensorTopoOrder(root, (x) => !x.isLeaf)) {
		if (t.isLeaf) {
			values.set(t, leavesOf(t));
			continue;
		}
		const spec = TENSOR_OPS[t.op as TensorOpName];
		if (!spec.lower) throw new Error(`${t.op} has no scalar form`);
		values.set(
			t,
			spec.lower(
				t.inputs.map((x) => values.get(x)!),
				t
			)
		);
	}
	return { root: values.get(root)![0], values };
}
