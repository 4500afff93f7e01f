import { formatConstant, formatNumber } from '$lib/format';
import { norm, opCaption, type TensorGraph } from '$lib/graphs/tensor-graph';
import { TENSOR_OPS, type Tensor, type TensorOpName, type TensorTape } from '$lib/tensor';
import type { Phase } from './timeline';

/**
 * The tensor view's timeline as data: forward one op at a time (the program's order), the seed,
 * then backward one autograd node at a time in the order PyTorch's engine runs them, each
 * AccumulateGrad included, then done. What a position shows is a pure function of it.
 */
export type TensorStep =
	| { kind: 'forward'; node: number; edges: number[] }
	| { kind: 'seed'; node: number }
	| {
			kind: 'backward';
			node: number;
			/** PyTorch's node: `MulBackward0`, `AccumulateGrad` */
			name: string;
			/** the edges this node sends a gradient along, with each input's vjp formula */
			edges: { edge: number; formula: string }[];
	  }
	| { kind: 'done' };

export function buildTensorTimeline(graph: TensorGraph, tape: TensorTape): TensorStep[] {
	const steps: TensorStep[] = [];
	graph.nodes.forEach((n, node) => {
		if (!n.isLeaf) steps.push({ kind: 'forward', node, edges: n.inEdges });
	});
	steps.push({ kind: 'seed', node: graph.output });
	for (const b of tape.backwardOrder) {
		const node = graph.indexOf.get(b.node);
		if (node === undefined) continue;
		const edges = b.edges.flatMap((e) => {
			const edge = graph.nodes[node].inEdges.find((i) => graph.edges[i].slot === e.slot);
			return edge === undefined ? [] : [{ edge, formula: e.formula }];
		});
		steps.push({ kind: 'backward', node, name: b.name, edges });
	}
	steps.push({ kind: 'done' });
	return steps;
}

export interface TensorFrame {
	position: number;
	phase: Phase;
	label: 'Ready' | 'Forward' | 'Loss' | 'Backward' | 'Done';
	step: TensorStep | undefined;
	valueKnown: boolean[];
	gradKnown: boolean[];
	activeNode: number;
	activeEdges: number[];
}

export function tensorFrameAt(
	graph: TensorGraph,
	steps: readonly TensorStep[],
	position: number
): TensorFrame {
	const p = Math.max(0, Math.min(position, steps.length));
	const valueKnown = graph.nodes.map((n) => n.isLeaf);
	const gradKnown = graph.nodes.map(() => false);
	for (let k = 0; k < p; k++) {
		const s = steps[k];
		if (s.kind === 'forward') valueKnown[s.node] = true;
		else if (s.kind === 'seed') gradKnown[s.node] = true;
		else if (s.kind === 'backward') gradKnown[s.node] = true;
	}
	const step = p > 0 ? steps[p - 1] : undefined;
	const phase: Phase = !step
		? 'idle'
		: step.kind === 'forward'
			? 'forward'
			: step.kind === 'done'
				? 'done'
				: 'backward';
	const isLastForward =
		step?.kind === 'forward' && (steps[p]?.kind === 'seed' || steps[p] === undefined);
	const label = !step
		? 'Ready'
		: step.kind === 'done'
			? 'Done'
			: isLastForward
				? 'Loss'
				: phase === 'forward'
					? 'Forward'
					: 'Backward';
	return {
		position: p,
		phase,
		label,
		step,
		valueKnown,
		gradKnown,
		activeNode: step && step.kind !== 'done' ? step.node : -1,
		activeEdges:
			step?.kind === 'forward'
				? step.edges
				: step?.kind === 'backward'
					? step.edges.map((e) => e.edge)
					: []
	};
}

/** A tensor's numbers as the narration writes them: `[−0.1651, −0.0826]`, or its norm when long. */
export function numbersText(data: ArrayLike<number>, shape: readonly number[]): string {
	if (shape.length === 0) return formatNumber(data[0]);
	if (data.length > 8) return `(${shape.join('×')}, norm ${formatNumber(norm(data))})`;
	const row = (from: number, n: number) =>
		`[${Array.from({ length: n }, (_, k) => formatNumber(data[from + k])).join(', ')}]`;
	if (shape.length === 1) return row(0, shape[0]);
	const cols = shape[shape.length - 1];
	const rows = data.length / cols;
	return `[${Array.from({ length: rows }, (_, r) => row(r * cols, cols)).join(', ')}]`;
}

/** `∂L/∂w` for a node, with the output's name on top. */
export function gradSymbol(graph: TensorGraph, node: number): string {
	const name = graph.nodes[node].name;
	const safe = /^[\p{L}\p{N}_₀-₉]+$/u.test(name) ? name : `(${name})`;
	return `∂${graph.nodes[graph.output].name}/∂${safe}`;
}

/** What a step computes, in words and numbers, one line per result. */
export function explainTensorStep(graph: TensorGraph, step: TensorStep | undefined): string[] {
	if (!step || step.kind === 'done') return [];
	const node = graph.nodes[step.node];
	const t = node.tensor;
	if (step.kind === 'forward') {
		const spec = TENSOR_OPS[t.op as TensorOpName];
		return [
			`${node.name} = ${opCaption(node, graph)} = ${numbersText(t.data, t.shape)}` +
				(spec ? ` (shape [${t.shape.join(', ')}])` : '')
		];
	}
	if (step.kind === 'seed') return [`${gradSymbol(graph, step.node)} = 1`];
	if (step.edges.length === 0) {
		// AccumulateGrad: the leaf's gradient lands in .grad.
		return [
			`${step.name}: ${node.name}.grad = ${gradSymbol(graph, step.node)} = ${numbersText(t.grad ?? [], t.shape)}`
		];
	}
	return step.edges.map(({ edge, formula }) => {
		const input = graph.edges[edge].source;
		const inputTensor = graph.nodes[input].tensor;
		const uses = graph.edges.filter((e) => e.source === input).length;
		const rule = backwardRule(graph, step.node, formula);
		const products = uses === 1 ? productsText(t, graph.edges[edge].slot) : '';
		const result = numbersText(inputTensor.grad ?? [], inputTensor.shape);
		return (
			`${step.name}: ${gradSymbol(graph, input)} = ${rule} = ${products ? `${products} = ` : ''}${result}` +
			(uses > 1 ? ` (the sum over its ${uses} uses)` : '')
		);
	});
}

/** An input's backward rule in the program's names: `∂loss/∂(w * x) ⊙ x` for `grad ⊙ b`. */
export function backwardRule(graph: TensorGraph, node: number, formula: string): string {
	const n = graph.nodes[node];
	const operands = n.tensor.inputs.map((input) => {
		const i = graph.indexOf.get(input);
		return i === undefined ? formatNumber(input.data[0]) : bracketed(graph.nodes[i].name);
	});
	// A power by a number: its exponent in place of k (`2·a`, `3·a^2`, not `k·a^(k−1)`).
	const k = n.tensor.op === 'pow' ? n.tensor.attrs.exponent : undefined;
	const rule =
		k === undefined
			? formula
			: formula
					.replace('^(k−1)', k === 2 ? '' : `^${formatConstant(k - 1)}`)
					.replace(/\bk\b/g, formatConstant(k));
	return withOperands(rule, operands, bracketed(n.name)).replaceAll(
		'grad',
		gradSymbol(graph, node)
	);
}

export const bracketed = (name: string) => (/^[\w.[\],]+$/.test(name) ? name : `(${name})`);

/** The ops' formulas name the operands a, b (A, B) and the result out: put the program's names in. */
export function withOperands(formula: string, operands: readonly string[], out: string): string {
	return formula.replace(/\b(a|A|b|B|out)\b/g, (m) =>
		m === 'out' ? out : (operands[m.toLowerCase() === 'a' ? 0 : 1] ?? m)
	);
}

/** A product's gradient with its numbers plugged in, `[−0.1651·1.0000, −0.1651·0.5000]`, when
 *  both operands have the result's shape (no broadcast) and at most four elements; else ''. */
function productsText(t: Tensor, slot: number): string {
	if (t.op !== 'mul' || t.grad === null || t.size > 4) return '';
	const other = t.inputs[1 - slot];
	if (other.size !== t.size || other.shape.length !== t.shape.length) return '';
	const g = t.grad;
	const terms = Array.from(g, (x, k) => `${formatNumber(x)}·${formatNumber(other.data[k])}`);
	return t.shape.length === 0 ? terms[0] : `[${terms.join(', ')}]`;
}
