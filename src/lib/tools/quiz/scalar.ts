import { OPS, type OpName, type Tape } from '$lib/engine';
import { binary, derivative, num, type Formula } from '$lib/formula/ast';
import { formulaText, symbolBox, toText } from '$lib/formula/render';
import type { DrawnGraph } from '$lib/graphs/fold';
import { explainEdge, plugIn, type Explanation, type Numbers } from '$lib/timeline/explain';
import type { Step } from '$lib/timeline/timeline';
import type { Candidate } from './diagnose';

/**
 * The quiz on a scalar graph: which numbers each step reveals, the number each should be, the
 * wrong numbers the likely mistakes give, and the hints. Everything is read off the drawn graph
 * and its current numbers, so it works for every preset and expression.
 */

/** One number a step reveals: a node's value (forward) or its gradient so far (backward). */
export interface Question {
	/** stable within one graph: a fan-out node's gradient is asked at each step that adds to it */
	key: string;
	/** the 1-based timeline position of the step that reveals it */
	position: number;
	node: number;
	what: 'value' | 'grad';
	/** backward: this step's edges that carry gradient back to the node */
	edges: number[];
}

/** A graph with its timeline, read once per structure. */
export interface QuizGraph {
	graph: DrawnGraph;
	tape: Tape;
	steps: readonly Step[];
	questions: Question[];
	/** per edge: the position of the backward step that sends its contribution */
	arrival: Int32Array;
}

/**
 * Every number the timeline reveals, in order. The seed (∂L/∂L = 1) is not asked: it is a
 * definition, not a computation. A step sending gradient to the same node along two edges
 * (w used twice inside one formula) asks once, for the sum.
 */
export function quizGraph(graph: DrawnGraph, tape: Tape, steps: readonly Step[]): QuizGraph {
	const questions: Question[] = [];
	const arrival = new Int32Array(graph.edges.length);
	steps.forEach((step, j) => {
		const position = j + 1;
		if (step.kind === 'forward') {
			questions.push({
				key: `value:${graph.nodes[step.node].id}`,
				position,
				node: step.node,
				what: 'value',
				edges: []
			});
		} else if (step.kind === 'backward') {
			const bySource = new Map<number, number[]>();
			for (const e of step.edges) {
				arrival[e] = position;
				const source = graph.edges[e].source;
				bySource.set(source, [...(bySource.get(source) ?? []), e]);
			}
			for (const [node, edges] of bySource) {
				questions.push({
					key: `grad:${graph.nodes[node].id}@${position}`,
					position,
					node,
					what: 'grad',
					edges
				});
			}
		}
	});
	return { graph, tape, steps, questions, arrival };
}

/**
 * A step's equations (one line per node for forward, one per edge for backward, as explainStep
 * writes them) without the lines whose result is still a `pending` question.
 */
export function visibleLines(
	qg: QuizGraph,
	lines: Explanation[],
	pending: readonly Question[]
): Explanation[] {
	if (pending.length === 0) return lines;
	const step = qg.steps[pending[0].position - 1];
	if (step.kind !== 'backward') return [];
	const hidden = new Set(pending.map((q) => q.node));
	return lines.filter((_, i) => !hidden.has(qg.graph.edges[step.edges[i]].source));
}

/** How a node's name reads in a sentence: ŷ, w₁. */
export function nameOf(graph: DrawnGraph, node: number): string {
	const n = graph.nodes[node];
	return n.symbol.kind === 'num' ? String(n.symbol.value) : toText([symbolBox(n.id)]);
}

/** What the question asks for, as a formula: h, or ∂L/∂h. */
export function labelOf(graph: DrawnGraph, q: Question): Formula {
	return q.what === 'value'
		? graph.nodes[q.node].symbol
		: derivative(graph.nodes[graph.output].id, graph.nodes[q.node].id);
}

export function labelText(graph: DrawnGraph, q: Question): string {
	return formulaText(labelOf(graph, q));
}

/** The gradient contributions that have reached q's node once q's step is taken: earlier first. */
function contributions(
	qg: QuizGraph,
	numbers: Numbers,
	q: Question
): { edge: number; value: number; now: boolean }[] {
	const { graph, arrival } = qg;
	return graph.nodes[q.node].outEdges
		.filter((o) => arrival[o] > 0 && arrival[o] <= q.position)
		.sort((a, b) => arrival[a] - arrival[b] || a - b)
		.map((edge) => ({
			edge,
			value: numbers.grads[graph.edges[edge].target] * numbers.partials[edge],
			now: arrival[edge] === q.position
		}));
}

/** The number the step shows for q: exactly what the node box will show once revealed. */
export function expectedOf(qg: QuizGraph, numbers: Numbers, q: Question): number {
	if (q.what === 'value') return numbers.values[q.node];
	const arrived = contributions(qg, numbers, q);
	// Complete: the engine's gradient (what the box shows); otherwise the running sum.
	if (arrived.length === qg.graph.nodes[q.node].outEdges.length) return numbers.grads[q.node];
	return arrived.reduce((sum, c) => sum + c.value, 0);
}

/** A formula's value with the drawn nodes' current values for its symbols. */
export function evaluateFormula(f: Formula, valueOf: (name: string) => number | undefined): number {
	switch (f.kind) {
		case 'num':
			return f.value;
		case 'sym':
			return valueOf(f.name) ?? NaN;
		case 'neg':
			return -evaluateFormula(f.arg, valueOf);
		case 'binary': {
			const op: OpName = f.op === '+' ? 'add' : f.op === '-' ? 'sub' : f.op === '*' ? 'mul' : 'div';
			return OPS[op].forward(
				evaluateFormula(f.left, valueOf),
				evaluateFormula(f.right, valueOf),
				0
			);
		}
		case 'pow':
			return OPS.pow.forward(
				evaluateFormula(f.base, valueOf),
				0,
				evaluateFormula(f.exponent, valueOf)
			);
		case 'call':
			return Object.hasOwn(OPS, f.fn)
				? OPS[f.fn as OpName].forward(evaluateFormula(f.arg, valueOf), 0, 0)
				: NaN;
		case 'indicator':
			return evaluateFormula(f.arg, valueOf) > 0 ? 1 : 0;
		case 'derivative':
			return NaN;
	}
}

/**
 * The likely mistakes for q, most specific first (diagnose tries them in this order):
 * value-for-gradient (one number read off the wrong row), missing-factor (an exact constant
 * ratio), fan-out (sums of the graph's own contributions), local-derivative (the broadest
 * family: the upstream gradient times any of several wrong factors). Forward steps add local
 * slips (an input left out or taken as 1, the function not applied) under `other`, with a
 * sentence that names the slip.
 */
export function candidatesFor(qg: QuizGraph, numbers: Numbers, q: Question): Candidate[] {
	return q.what === 'value'
		? forwardCandidates(qg, numbers, q)
		: backwardCandidates(qg, numbers, q);
}

function forwardCandidates(qg: QuizGraph, numbers: Numbers, q: Question): Candidate[] {
	const { graph } = qg;
	const node = graph.nodes[q.node];
	const name = nameOf(graph, q.node);
	const expression = node.expression!;
	const rule = formulaText(node.symbol, expression);
	const gradLabel = formulaText(derivative(graph.nodes[graph.output].id, node.id));
	const valueOf = (id: string) => {
		const i = graph.byId.get(id);
		return i === undefined ? undefined : numbers.values[i];
	};
	const out: Candidate[] = [
		{
			code: 'value-for-gradient',
			value: numbers.grads[q.node],
			message: `That is ${gradLabel}, the gradient. The question asks for the value: ${rule}.`
		}
	];
	if (expression.kind === 'call' || expression.kind === 'pow') {
		const inner = expression.kind === 'call' ? expression.arg : expression.base;
		out.push({
			code: 'other',
			value: evaluateFormula(inner, valueOf),
			message: `That is what goes into ${name} before ${expression.kind === 'call' ? expression.fn : 'the power'} is applied: ${rule}.`
		});
	}
	for (const e of node.inEdges) {
		const source = graph.nodes[graph.edges[e].source];
		if (source.symbol.kind !== 'sym') continue;
		const sourceName = nameOf(graph, graph.edges[e].source);
		const without = (x: number) =>
			evaluateFormula(expression, (id) => (id === source.id ? x : valueOf(id)));
		out.push(
			{
				code: 'other',
				value: without(0),
				message: `That leaves ${sourceName} out. Every input counts: ${rule}.`
			},
			{
				code: 'other',
				value: without(1),
				message: `That takes ${sourceName} as 1. Use its value: ${rule}.`
			}
		);
	}
	return out;
}

function backwardCandidates(qg: QuizGraph, numbers: Numbers, q: Question): Candidate[] {
	const { graph, tape } = qg;
	const outputId = graph.nodes[graph.output].id;
	const node = graph.nodes[q.node];
	const name = nameOf(graph, q.node);
	const gradLabel = formulaText(derivative(outputId, node.id));
	const arrived = contributions(qg, numbers, q);
	const total = arrived.reduce((sum, c) => sum + c.value, 0);
	const out: Candidate[] = [
		{
			code: 'value-for-gradient',
			value: numbers.values[q.node],
			message: `That is the value of ${name}. ${gradLabel} is how much ${nameOf(graph, graph.output)} changes as ${name} changes: follow the chain rule back.`
		}
	];

	// An edge's contribution with its local derivative replaced by `factor`.
	const replaced = (c: { edge: number; value: number }, factor: number) =>
		total - c.value + numbers.grads[graph.edges[c.edge].target] * factor;
	const now = arrived.filter((c) => c.now);

	for (const c of now) {
		for (const k of constantFactors(tape, graph.edges[c.edge].paths)) {
			out.push({
				code: 'missing-factor',
				value: total - c.value + c.value / k,
				message: `Off by a factor of ${formatFactor(k)}: keep the constant that the ${k === Math.trunc(k) ? 'power rule brings down' : 'rule carries'} (${formulaText(derivative(graph.nodes[graph.edges[c.edge].target].id, node.id), graph.edges[c.edge].partial)}).`
			});
		}
	}

	if (arrived.length >= 2) {
		for (const subset of properSubsets(arrived.length)) {
			const got = subset.map((i) => arrived[i]);
			const missing = arrived.filter((_, i) => !subset.includes(i));
			out.push({
				code: 'fan-out',
				value: got.reduce((sum, c) => sum + c.value, 0),
				message: `${name} feeds ${node.outEdges.length} places. That is what comes back through ${throughText(graph, got)}; add what comes back through ${throughText(graph, missing)}.`
			});
		}
	}

	for (const c of now) {
		const edge = graph.edges[c.edge];
		const target = graph.nodes[edge.target];
		const upstream = formulaText(derivative(outputId, target.id));
		const local = formulaText(derivative(target.id, node.id), edge.partial);
		// Next to the output the upstream gradient is 1: the local derivative is the answer.
		const fix =
			edge.target === graph.output
				? `the answer is the local derivative, ${local}.`
				: `multiply ${upstream} by ${local}.`;
		const alternatives: { factor: number; lead: string }[] = [
			{ factor: 1, lead: `That is ${upstream} alone` },
			{
				factor: numbers.values[edge.target],
				lead: `That multiplies by ${nameOf(graph, edge.target)} itself`
			},
			{ factor: numbers.values[edge.source], lead: `That multiplies by ${name}’s own value` }
		];
		if (target.op === 'sigmoid' || target.op === 'tanh') {
			alternatives.push({
				factor: 1 - numbers.values[edge.target],
				lead: `That uses only part of the derivative`
			});
		}
		for (const other of target.inEdges) {
			if (graph.edges[other].source === edge.source) continue;
			const otherName = nameOf(graph, graph.edges[other].source);
			alternatives.push(
				{
					factor: numbers.values[graph.edges[other].source],
					lead: `That multiplies by ${otherName}`
				},
				{
					factor: numbers.partials[other],
					lead: `That uses the local derivative for ${otherName}`
				}
			);
		}
		for (const { factor, lead } of alternatives) {
			if (Object.is(factor, numbers.partials[c.edge])) continue;
			out.push({
				code: 'local-derivative',
				value: replaced(c, factor),
				message: `${lead}: ${fix}`
			});
		}
	}
	return out;
}

/** Constant factors folded into an edge's local derivative: a power's exponent, a constant multiplier. */
function constantFactors(tape: Tape, paths: readonly Int32Array[]): number[] {
	const factors = new Set<number>();
	for (const path of paths) {
		for (let j = 0; j < path.length; j += 2) {
			const v = tape.nodes[path[j]];
			const slot = path[j + 1];
			if (v.op === 'pow' && v.k !== 0 && v.k !== 1) factors.add(v.k);
			if (v.op === 'mul') {
				const other = tape.nodes[tape.inputIndex(path[j], 1 - slot)];
				if (other.isConstant && Math.abs(other.data) !== 1 && other.data !== 0)
					factors.add(other.data);
			}
		}
	}
	return [...factors];
}

function formatFactor(k: number): string {
	return String(Math.round(k * 1e4) / 1e4).replace('-', '−');
}

const MAX_SUBSET_TERMS = 8;

/** Index sets of every non-empty proper subset (for many terms: singles and all-but-one only). */
function properSubsets(n: number): number[][] {
	const all = Array.from({ length: n }, (_, i) => i);
	if (n > MAX_SUBSET_TERMS) {
		return [...all.map((i) => [i]), ...all.map((i) => all.filter((j) => j !== i))];
	}
	const out: number[][] = [];
	for (let mask = 1; mask < (1 << n) - 1; mask++) out.push(all.filter((i) => mask & (1 << i)));
	return out;
}

function throughText(graph: DrawnGraph, parts: { edge: number }[]): string {
	const names = [...new Set(parts.map((c) => nameOf(graph, graph.edges[c.edge].target)))];
	return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * Three hints, one at a time: the rule without numbers, the rule with the numbers plugged in,
 * then the answer. Each is a few lines of equations (rendered like the formula panel).
 */
export function hintsFor(qg: QuizGraph, numbers: Numbers, q: Question): Explanation[][] {
	const { graph } = qg;
	const label = labelOf(graph, q);
	const answer: Explanation[] = [{ sides: [label, num(expectedOf(qg, numbers, q), 'result')] }];
	if (q.what === 'value') {
		const expression = graph.nodes[q.node].expression!;
		return [
			[{ sides: [label, expression] }],
			[{ sides: [label, expression, plugIn(graph, expression, numbers.values)] }],
			answer
		];
	}
	const outputId = graph.nodes[graph.output].id;
	const sourceId = graph.nodes[q.node].id;
	const arrived = contributions(qg, numbers, q);
	const sum = (terms: Formula[]) => terms.reduce((acc, t) => binary('+', acc, t));
	const chain = sum(
		arrived.map((c) => {
			const targetId = graph.nodes[graph.edges[c.edge].target].id;
			return binary('*', derivative(outputId, targetId), derivative(targetId, sourceId));
		})
	);
	const plugged = sum(
		arrived.map((c) =>
			binary(
				'*',
				num(numbers.grads[graph.edges[c.edge].target], 'plugged'),
				num(numbers.partials[c.edge], 'plugged')
			)
		)
	);
	const rule = arrived.map((c) => ({
		sides: [edgeDerivative(graph, c.edge), graph.edges[c.edge].partial]
	}));
	return [
		[{ sides: [label, chain] }, ...rule],
		[
			{ sides: [label, chain, plugged] },
			...arrived.map((c) => ({ sides: explainEdge(graph, c.edge, numbers) }))
		],
		answer
	];
}

function edgeDerivative(graph: DrawnGraph, edge: number): Formula {
	const e = graph.edges[edge];
	return derivative(graph.nodes[e.target].id, graph.nodes[e.source].id);
}
