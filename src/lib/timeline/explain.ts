import { binary, derivative, num, substitute, type Formula } from '$lib/formula/ast';
import { formulaText } from '$lib/formula/render';
import type { DrawnGraph } from '$lib/graphs/fold';
import type { Frame, Step } from './timeline';

/** The numbers of one evaluation, indexed like the drawn graph's nodes and edges. */
export interface Numbers {
	values: ArrayLike<number>;
	grads: ArrayLike<number>;
	partials: ArrayLike<number>;
}

/**
 * The gradient a node shows at this frame: nothing before any contribution has arrived, the
 * running sum while contributions are still arriving (fan-out), the engine's value once complete.
 */
export function shownGrad(
	graph: DrawnGraph,
	frame: Frame,
	numbers: Numbers,
	node: number
): number | undefined {
	if (!frame.gradKnown[node]) return undefined;
	if (frame.gradComplete[node]) return numbers.grads[node];
	let sum = 0;
	for (const e of graph.nodes[node].outEdges) {
		if (frame.gradArrived[e]) sum += numbers.grads[graph.edges[e].target] * numbers.partials[e];
	}
	return sum;
}

/** Replace every drawn symbol by its current value. */
export function plugIn(graph: DrawnGraph, f: Formula, values: ArrayLike<number>): Formula {
	return substitute(f, (name) => {
		const i = graph.byId.get(name);
		return i === undefined ? undefined : num(values[i], 'plugged');
	});
}

/** One line of explanation: an equation chain, and for a backward line the local derivative used. */
export interface Explanation {
	sides: Formula[];
	where?: Formula[];
}

/** The equations that explain one step, symbol first, then numbers, then the result. */
export function explainStep(
	graph: DrawnGraph,
	step: Step | undefined,
	numbers: Numbers
): Explanation[] {
	if (!step || step.kind === 'done') return [];
	const outputId = graph.nodes[graph.output].id;
	if (step.kind === 'seed') return [{ sides: [derivative(outputId, outputId), num(1)] }];
	const node = graph.nodes[step.node];
	if (step.kind === 'forward') {
		const expression = node.expression!;
		const sides = [
			node.symbol,
			expression,
			plugIn(graph, expression, numbers.values),
			num(numbers.values[step.node], 'result')
		];
		return [{ sides }];
	}
	// Backward: what reached each input before this step decides whether we write a sum.
	return step.edges.map((e): Explanation => {
		const edge = graph.edges[e];
		const sourceId = graph.nodes[edge.source].id;
		const upstream = numbers.grads[step.node];
		const contribution = upstream * numbers.partials[e];
		const earlier = graph.nodes[edge.source].outEdges.filter((o) => arrivesBefore(graph, o, e));
		const previous = earlier.reduce(
			(acc, o) => acc + numbers.grads[graph.edges[o].target] * numbers.partials[o],
			0
		);
		// Into the output, the upstream gradient is ∂L/∂L = 1 and the local derivative is the very
		// gradient being computed: write it once, as the chapter does (∂L/∂ŷ = 2(ŷ − y) = …), never
		// as ∂L/∂L · ∂L/∂ŷ with the same symbol on both sides.
		const intoOutput = edge.target === graph.output;
		const chain = intoOutput
			? edge.partial
			: binary('*', derivative(outputId, node.id), derivative(node.id, sourceId));
		const plugged = intoOutput
			? plugIn(graph, edge.partial, numbers.values)
			: binary('*', num(upstream, 'plugged'), num(numbers.partials[e], 'plugged'));
		const where = intoOutput ? undefined : explainEdge(graph, e, numbers);
		if (earlier.length === 0 && intoOutput) return { sides: explainEdge(graph, e, numbers) };
		if (earlier.length === 0) {
			return {
				sides: [derivative(outputId, sourceId), chain, plugged, num(contribution, 'result')],
				where
			};
		}
		return {
			sides: [
				derivative(outputId, sourceId),
				binary('+', num(previous, 'plugged'), chain),
				binary('+', num(previous, 'plugged'), plugged),
				num(previous + contribution, 'result')
			],
			where
		};
	});
}

// Backward steps run in reverse topological order of targets: an out-edge whose target comes
// later in the drawn order sent its contribution earlier; within one step, edges go in order.
function arrivesBefore(graph: DrawnGraph, other: number, edge: number): boolean {
	const a = graph.edges[other].target;
	const b = graph.edges[edge].target;
	return a > b || (a === b && other < edge);
}

/** The local derivative on an edge: ∂z/∂w₁ = x₁ = 1.0000 */
export function explainEdge(graph: DrawnGraph, edge: number, numbers: Numbers): Formula[] {
	const e = graph.edges[edge];
	const d = derivative(graph.nodes[e.target].id, graph.nodes[e.source].id);
	const sides: Formula[] = [d, e.partial];
	const plugged = plugIn(graph, e.partial, numbers.values);
	if (e.partial.kind !== 'num') {
		if (e.partial.kind !== 'sym') sides.push(plugged);
		sides.push(num(numbers.partials[edge], 'result'));
	}
	return sides;
}

/** The plain-text reading of a step, for screen readers. */
export function explanationText(lines: Explanation[]): string {
	return lines
		.map(
			(line) =>
				formulaText(...line.sides) + (line.where ? `, where ${formulaText(...line.where)}` : '')
		)
		.join('. ');
}
