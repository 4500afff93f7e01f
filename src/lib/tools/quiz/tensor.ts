import { formatConstant, formatNumber } from '$lib/format';
import { opCaption, type TensorGraph } from '$lib/graphs/tensor-graph';
import { elementLabel, TENSOR_OPS, type TensorOpName } from '$lib/tensor';
import {
	backwardRule,
	bracketed,
	gradSymbol,
	numbersText,
	withOperands,
	type TensorStep
} from '$lib/timeline/tensor-timeline';
import type { Asked } from './core.svelte';
import type { Candidate } from './diagnose';

/**
 * The quiz on a PyTorch program's tensor graph: which numbers each step reveals (per element),
 * the number each should be, the wrong numbers the likely mistakes give, and the hints. The
 * mistakes are worked out from the op's own backward rule (the vjp in the op table), run again
 * with the mistake made: a term of a broadcast sum alone, the transpose left out, the power
 * rule's constant dropped, and so on.
 */

/** A tensor with more elements than this is asked for one element, not each. */
export const MAX_ASKED_ELEMENTS = 8;

/** One element a step reveals: of a node's value (forward) or of an input's gradient (backward). */
export interface TensorQuestion extends Asked {
	what: 'value' | 'grad';
	/** the tensor asked about */
	node: number;
	/** the element, as a flat index */
	element: number;
	/** backward: the node whose backward rule gives the gradient, and its edges from `node` */
	op: number;
	edges: number[];
	/** the tensor is too large to ask whole: this element was chosen */
	chosen: boolean;
}

/** The elements asked of a tensor of `size`: each, or the one in the middle. */
function askedElements(size: number): { elements: number[]; chosen: boolean } {
	if (size <= MAX_ASKED_ELEMENTS)
		return { elements: Array.from({ length: size }, (_, k) => k), chosen: false };
	return { elements: [Math.floor((size - 1) / 2)], chosen: true };
}

/**
 * Every element the timeline reveals, in order. A forward step asks for its result; a backward
 * step asks for the gradient of each input that is complete once it has run (an input used
 * twice is asked where its last use sends its share, for the sum). The seed (∂L/∂L = 1) and
 * AccumulateGrad (which only stores what the step before computed) ask nothing.
 */
export function tensorQuestions(
	graph: TensorGraph,
	steps: readonly TensorStep[]
): TensorQuestion[] {
	const last = new Map<number, number>();
	steps.forEach((step, j) => {
		if (step.kind === 'backward')
			for (const { edge } of step.edges) last.set(graph.edges[edge].source, j);
	});
	const questions: TensorQuestion[] = [];
	steps.forEach((step, j) => {
		const position = j + 1;
		if (step.kind === 'forward') {
			const { elements, chosen } = askedElements(graph.nodes[step.node].tensor.size);
			for (const element of elements)
				questions.push({
					key: `value:${graph.nodes[step.node].id}:${element}`,
					position,
					what: 'value',
					node: step.node,
					element,
					op: step.node,
					edges: [],
					chosen
				});
		} else if (step.kind === 'backward') {
			const sources = [...new Set(step.edges.map(({ edge }) => graph.edges[edge].source))];
			for (const source of sources) {
				if (last.get(source) !== j) continue;
				const edges = step.edges
					.map(({ edge }) => edge)
					.filter((e) => graph.edges[e].source === source);
				const { elements, chosen } = askedElements(graph.nodes[source].tensor.size);
				for (const element of elements)
					questions.push({
						key: `grad:${graph.nodes[source].id}:${element}`,
						position,
						what: 'grad',
						node: source,
						element,
						op: step.node,
						edges,
						chosen
					});
			}
		}
	});
	return questions;
}

/** `h`, `w[1]`, `(w * x)[0]`: one element of a tensor as the page writes it. */
export function elementName(graph: TensorGraph, node: number, element: number): string {
	const n = graph.nodes[node];
	return n.shape.length === 0 ? n.name : elementLabel(bracketed(n.name), n.shape, element);
}

/** What q asks for: `y_hat`, `∂loss/∂w[1]`. */
export function tensorLabel(graph: TensorGraph, q: TensorQuestion): string {
	if (q.what === 'value') return elementName(graph, q.node, q.element);
	const index = elementLabel('', graph.nodes[q.node].shape, q.element);
	return `${gradSymbol(graph, q.node)}${index}`;
}

/** For a large tensor, which element is asked and why. */
export function tensorDetail(graph: TensorGraph, q: TensorQuestion): string {
	if (!q.chosen) return '';
	const n = graph.nodes[q.node];
	return `${n.name} has ${n.tensor.size.toLocaleString('en-US')} elements: predict this one, ${elementName(graph, q.node, q.element)}.`;
}

/** The number the page shows for q once revealed (the gradient complete: q is asked at its last use). */
export function tensorExpected(graph: TensorGraph, q: TensorQuestion): number {
	const t = graph.nodes[q.node].tensor;
	return q.what === 'value' ? t.data[q.element] : (t.grad?.[q.element] ?? NaN);
}

const UNARY = new Set<string>([
	'neg',
	'reciprocal',
	'exp',
	'log',
	'tanh',
	'sigmoid',
	'relu',
	'sin',
	'cos',
	'abs',
	'sqrt'
]);
const ELEMENTWISE_BINARY = new Set<string>(['add', 'sub', 'mul', 'div', 'powTensor']);

/** What `edges` of op's backward rule send to their source, with `gout` for the op's gradient. */
function sent(
	graph: TensorGraph,
	op: number,
	edges: readonly number[],
	gout?: Float64Array,
	ins?: readonly Float64Array[]
): Float64Array {
	const t = graph.nodes[op].tensor;
	const spec = TENSOR_OPS[t.op as TensorOpName];
	const gin = new Float64Array(graph.nodes[graph.edges[edges[0]].source].tensor.size);
	const inputs = ins ?? t.inputs.map((x) => x.data);
	for (const e of edges)
		spec.vjp[graph.edges[e].slot]!(gin, gout ?? t.grad!, inputs, t.data, t.plan, t.attrs);
	return gin;
}

/** (rows × depth) · (depth × cols), row-major. */
function matmul(
	a: ArrayLike<number>,
	b: ArrayLike<number>,
	rows: number,
	depth: number,
	cols: number
) {
	const out = new Float64Array(rows * cols);
	for (let i = 0; i < rows; i++)
		for (let k = 0; k < depth; k++)
			for (let j = 0; j < cols; j++) out[i * cols + j] += a[i * depth + k] * b[k * cols + j];
	return out;
}

/**
 * The likely mistakes for q, most specific first (diagnose tries them in this order). Backward,
 * each is this step's share of the gradient worked out wrongly, plus what the input's other
 * uses send (which the learner is assumed to have right):
 * - sign: this step's share with its sign flipped;
 * - missing-factor: the power rule's exponent, a constant multiplier, mean's 1/n or mse's 2
 *   dropped (before the next: for a square, the base's value is exactly the answer without its
 *   2, and the power rule is the likelier slip);
 * - value-for-gradient: the input's value given for its gradient;
 * - fan-out: one term of the sum over a broadcast dim (or their mean), or one use's share of
 *   an input used several times;
 * - local-derivative: the upstream gradient passed on alone, the function's value for its
 *   derivative, a factor's own value for the other's, the transpose left out in MmBackward0.
 * Forward: the gradient given for the value, the function not applied, a sum for a mean.
 */
export function tensorCandidates(graph: TensorGraph, q: TensorQuestion): Candidate[] {
	return q.what === 'value' ? forwardCandidates(graph, q) : backwardCandidates(graph, q);
}

/** How a node is computed: `z = (w * x).sum()`; an unnamed one by its op's formula, `w * x = w ⊙ x`. */
function forwardRule(graph: TensorGraph, node: number): string {
	const n = graph.nodes[node];
	const caption = opCaption(n, graph);
	if (caption !== n.name) return `${n.name} = ${caption}`;
	const operands = n.tensor.inputs.map((input) => {
		const i = graph.indexOf.get(input);
		return i === undefined ? formatConstant(input.data[0]) : bracketed(graph.nodes[i].name);
	});
	const formula = TENSOR_OPS[n.tensor.op as TensorOpName].formula;
	return `${n.name} = ${withOperands(formula, operands, bracketed(n.name))}`;
}

function forwardCandidates(graph: TensorGraph, q: TensorQuestion): Candidate[] {
	const n = graph.nodes[q.node];
	const t = n.tensor;
	const k = q.element;
	const rule = forwardRule(graph, q.node);
	const out: Candidate[] = [];
	if (t.grad)
		out.push({
			code: 'value-for-gradient',
			value: t.grad[k],
			message: `That is ${gradSymbol(graph, q.node)}, the gradient. The question asks for the value: ${rule}.`
		});
	const input = t.inputs[0];
	if (UNARY.has(t.op) && input.size === t.size)
		out.push({
			code: 'other',
			value: input.data[k],
			message: `That is what goes into ${t.op} before it is applied: ${rule}.`
		});
	if (t.op === 'pow')
		out.push({
			code: 'other',
			value: input.data[k],
			message: `That is the base before it is raised to the power ${t.attrs.exponent}: ${rule}.`
		});
	if (t.op === 'mean' && t.plan.size)
		out.push({
			code: 'missing-factor',
			value: t.data[k] * t.plan.size,
			message: `That is the sum. A mean divides it by the number of elements, ${t.plan.size}: ${rule}.`
		});
	return out;
}

function backwardCandidates(graph: TensorGraph, q: TensorQuestion): Candidate[] {
	const op = graph.nodes[q.op];
	const t = op.tensor;
	const a = graph.nodes[q.node].tensor;
	const k = q.element;
	const g = t.grad!;
	const name = graph.nodes[q.node].name;
	const label = tensorLabel(graph, q);
	const step = t.gradFn ?? op.name;
	const upstream = gradSymbol(graph, q.op);
	const slot = graph.edges[q.edges[0]].slot;
	const formula = TENSOR_OPS[t.op as TensorOpName].vjpFormula[slot];
	const rule = `${label.replace(/\[[\d,]+\]$/, '')} = ${backwardRule(graph, q.op, formula)}`;
	const share = sent(graph, q.op, q.edges);
	const total = a.grad![k];
	const rest = total - share[k];
	const uses = graph.edges.filter((e) => e.source === q.node).length;
	const out: Candidate[] = [];
	const add = (code: Candidate['code'], shareValue: number, message: string) =>
		out.push({ code, value: rest + shareValue, message });

	add(
		'sign',
		-share[k],
		`Right size, wrong sign: check the sign of each factor in ${step}'s rule, ${rule}.`
	);
	// missing-factor: a constant the rule carries, dropped.
	const other = t.inputs.find((_, i) => i !== slot);
	const exponent = t.attrs.exponent;
	if (t.op === 'pow' && exponent !== undefined && exponent !== 0 && exponent !== 1)
		add(
			'missing-factor',
			share[k] / exponent,
			`Off by a factor of ${formatConstant(exponent)}: the power rule brings the exponent down (${rule}).`
		);
	if (t.op === 'mul' && other?.isConstant && other.data[0] !== 0 && Math.abs(other.data[0]) !== 1)
		add(
			'missing-factor',
			share[k] / other.data[0],
			`Off by a factor of ${formatConstant(other.data[0])}: keep the constant the product carries (${rule}).`
		);
	if (t.op === 'mean' && t.plan.size)
		add(
			'missing-factor',
			share[k] * t.plan.size,
			`Off by a factor of ${t.plan.size}: a mean divides by the number of elements, and so does its gradient (${rule}).`
		);
	if (t.op === 'mseLoss' && t.plan.size) {
		add(
			'missing-factor',
			share[k] / 2,
			`Off by a factor of 2: the square brings a 2 down (${rule}).`
		);
		add(
			'missing-factor',
			share[k] * t.plan.size,
			`Off by a factor of ${t.plan.size}: the mean divides by the number of elements (${rule}).`
		);
	}

	out.push({
		code: 'value-for-gradient',
		value: a.data[k],
		message: `That is the value of ${elementName(graph, q.node, k)}. ${label} is how much ${graph.nodes[graph.output].name} changes as it changes: apply ${step}'s rule, ${rule}.`
	});

	// fan-out: a broadcast input's gradient sums a term per element it was copied to.
	const map = t.plan.maps?.[slot];
	if (ELEMENTWISE_BINARY.has(t.op) && map && t.size > a.size && q.edges.length === 1) {
		const copies: number[] = [];
		for (let j = 0; j < map.length; j++) if (map[j] === k) copies.push(j);
		const one = new Float64Array(t.size);
		one[copies[0]] = g[copies[0]];
		add(
			'fan-out',
			sent(graph, q.op, q.edges, one)[k],
			`${name} was broadcast to ${t.shape.join('×')}: each of its elements is used ${copies.length} times. That is one term; sum ${upstream}'s share over the broadcast dim.`
		);
		add(
			'fan-out',
			share[k] / copies.length,
			`That is the mean over the broadcast dim. A broadcast input's gradient is the sum of its ${copies.length} terms.`
		);
	}
	if (uses > 1 && rest !== 0) {
		out.push(
			{
				code: 'fan-out',
				value: share[k],
				message: `${name} is used ${uses} times. That is what comes back through ${op.name}; add what came back through its other uses.`
			},
			{
				code: 'fan-out',
				value: rest,
				message: `${name} is used ${uses} times. That is what came back through its other uses; add ${step}'s share, ${rule}.`
			}
		);
	}

	// local-derivative: the upstream gradient times a wrong factor, or none.
	const sameShape = a.size === t.size && (map === null || map === undefined);
	if (sameShape && (UNARY.has(t.op) || ELEMENTWISE_BINARY.has(t.op)))
		add(
			'local-derivative',
			g[k],
			`That is ${upstream} alone: multiply it by the local derivative, ${rule}.`
		);
	if (UNARY.has(t.op)) {
		add(
			'local-derivative',
			g[k] * t.data[k],
			`That multiplies by ${op.name} itself, not by its derivative: ${rule}.`
		);
		if (t.op === 'sigmoid' || t.op === 'tanh')
			add(
				'local-derivative',
				g[k] * (1 - t.data[k]),
				`That uses only part of the derivative: ${rule}.`
			);
		add('local-derivative', g[k] * a.data[k], `That multiplies by ${name}'s own value: ${rule}.`);
	}
	if ((t.op === 'mul' || t.op === 'div') && sameShape && other && other.size === a.size) {
		// The factors swapped: the learner multiplied by the input's own value.
		const ins = t.inputs.map((x) => x.data);
		ins[1 - slot] = a.data;
		add(
			'local-derivative',
			sent(graph, q.op, q.edges, undefined, ins)[k],
			`That multiplies by ${name}'s own value: ${rule}.`
		);
	}
	if (t.op === 'mm' || t.op === 'mv') {
		const { rows, depth, cols } = t.plan as { rows: number; depth: number; cols: number };
		const [A, B] = t.inputs;
		// grad · B for grad · Bᵀ (B square), A · grad for Aᵀ · grad (A square).
		const unturned =
			slot === 0 && t.op === 'mm' && depth === cols
				? matmul(g, B.data, rows, cols, depth)
				: slot === 1 && rows === depth
					? matmul(A.data, g, depth, rows, cols)
					: null;
		if (unturned)
			add(
				'local-derivative',
				unturned[k],
				`That leaves out the transpose: ${step}'s rule is ${rule}.`
			);
	}
	return out;
}

/**
 * Three hints, one at a time: the rule without numbers, the rule with the numbers it takes,
 * then the answer. Each is a few of the tensor view's sentences.
 */
export function tensorHints(graph: TensorGraph, q: TensorQuestion): string[][] {
	const answer = [`${tensorLabel(graph, q)} = ${formatNumber(tensorExpected(graph, q))}`];
	const op = graph.nodes[q.op];
	const t = op.tensor;
	const operands = t.inputs.flatMap((input) => {
		const i = graph.indexOf.get(input);
		return i === undefined
			? []
			: [`${graph.nodes[i].name} = ${numbersText(input.data, input.shape)}`];
	});
	if (q.what === 'value') {
		const rule = forwardRule(graph, q.op);
		return [[rule], [rule, ...operands], answer];
	}
	const formula = TENSOR_OPS[t.op as TensorOpName].vjpFormula[graph.edges[q.edges[0]].slot];
	const rule = `${t.gradFn}: ${gradSymbol(graph, q.node)} = ${backwardRule(graph, q.op, formula)}`;
	const uses = graph.edges.filter((e) => e.source === q.node).length;
	const sum =
		uses > 1 ? [`${graph.nodes[q.node].name} is used ${uses} times: add every use's share`] : [];
	const upstream = `${gradSymbol(graph, q.op)} = ${numbersText(t.grad!, t.shape)}`;
	return [[rule, ...sum], [rule, upstream, ...operands, ...sum], answer];
}
