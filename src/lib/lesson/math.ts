import { binary, derivative, num, sym, type Formula } from '$lib/formula/ast';
import { formulaText } from '$lib/formula/render';
import type { DrawnGraph } from '$lib/graphs/fold';
import { explainStep, plugIn, type Numbers } from '$lib/timeline/explain';
import type { Block, MathRef } from './sections';

/**
 * The equation chain a lesson formula shows for the current numbers, e.g. `z = 0.7000`, or null
 * when the graph has no such node. Read again after every evaluation, so the text stays live.
 */
export function lessonSides(
	ref: MathRef,
	graph: DrawnGraph,
	numbers: Numbers,
	learningRate: number
): Formula[] | null {
	const output = graph.nodes[graph.output].id;
	if (ref.kind === 'rate') return [sym('eta'), num(learningRate, 'plugged')];
	if (ref.kind === 'rule')
		return [binary('-', sym('theta'), binary('*', sym('eta'), derivative(output, 'theta')))];
	const i = graph.byId.get(ref.node);
	if (i === undefined) return null;
	const node = graph.nodes[i];
	const value = numbers.values[i];
	const grad = numbers.grads[i];
	switch (ref.kind) {
		case 'symbol':
			return [node.symbol];
		case 'partial':
			return [derivative(output, node.id)];
		case 'value':
			return [node.symbol, num(value, 'result')];
		case 'define':
			return [node.symbol, node.expression ?? num(value, 'result')];
		case 'forward':
			if (!node.expression) return [node.symbol, num(value, 'result')];
			return explainStep(graph, { kind: 'forward', node: i, edges: node.inEdges }, numbers)[0]
				.sides;
		case 'grad':
			return [derivative(output, node.id), num(grad, 'result')];
		case 'chain':
			return chainRule(graph, i, numbers);
		case 'update': {
			const step = binary('*', sym('eta'), derivative(output, node.id));
			const plugged = binary('*', num(learningRate, 'plugged'), num(grad, 'plugged'));
			return [
				binary('-', node.symbol, step),
				binary('-', num(value, 'plugged'), plugged),
				num(value - learningRate * grad, 'result')
			];
		}
	}
}

/**
 * ∂L/∂node as the sum, over the edges leaving it, of the gradient at the far end times the
 * edge's local derivative; then with numbers; then the result. Next to the output, ∂L/∂L = 1
 * is left out (∂L/∂ŷ = 2(ŷ − y), not 1 · 2(ŷ − y)).
 */
function chainRule(graph: DrawnGraph, i: number, numbers: Numbers): Formula[] {
	const output = graph.nodes[graph.output].id;
	const id = graph.nodes[i].id;
	if (i === graph.output) return [derivative(output, output), num(1)];
	const terms: Formula[] = [];
	const plugged: Formula[] = [];
	for (const e of graph.nodes[i].outEdges) {
		const edge = graph.edges[e];
		if (edge.target === graph.output) {
			terms.push(edge.partial);
			plugged.push(plugIn(graph, edge.partial, numbers.values));
		} else {
			terms.push(times(derivative(output, graph.nodes[edge.target].id), edge.partial));
			plugged.push(
				binary('*', num(numbers.grads[edge.target], 'plugged'), num(numbers.partials[e], 'plugged'))
			);
		}
	}
	const sides = [derivative(output, id), sum(terms), sum(plugged), num(numbers.grads[i], 'result')];
	// A partial that is already a number (∂(a + b)/∂a = 1) would be written twice.
	return sides.filter((side, k) => k === 0 || formulaText(side) !== formulaText(sides[k - 1]));
}

/** upstream · local, associated to the left so a product reads ∂L/∂h · h(1 − h), not ∂L/∂h(h(1 − h)). */
function times(upstream: Formula, local: Formula): Formula {
	return local.kind === 'binary' && local.op === '*'
		? binary('*', times(upstream, local.left), local.right)
		: binary('*', upstream, local);
}

function sum(terms: Formula[]): Formula {
	return terms.length === 0 ? num(0) : terms.reduce((acc, t) => binary('+', acc, t));
}

/** A piece of shown text: words, or an equation chain. */
export type ShownPiece = { text: string } | { sides: Formula[] };
export type ShownBlock =
	{ kind: 'text'; pieces: ShownPiece[] } | { kind: 'display'; lines: ShownPiece[] };

/** A section's text with every formula filled in from the current numbers. */
export function lessonBlocks(
	body: readonly Block[],
	graph: DrawnGraph,
	numbers: Numbers,
	learningRate: number
): ShownBlock[] {
	const piece = (x: string | MathRef): ShownPiece => {
		if (typeof x === 'string') return { text: x };
		const sides = lessonSides(x, graph, numbers, learningRate);
		// The lesson is written for the textbook network; on another graph a name may be missing.
		return sides ? { sides } : { text: `(${'node' in x ? x.node : x.kind} is not in this graph)` };
	};
	return body.map((b) =>
		b.kind === 'text'
			? { kind: 'text', pieces: b.pieces.map(piece) }
			: { kind: 'display', lines: b.lines.map(piece) }
	);
}
