import { describe, expect, it } from 'vitest';
import { Tape, Value } from '$lib/engine';
import { formulaText } from '$lib/formula/render';
import { edgePartials, foldGraph, type DrawnGraph } from '$lib/graphs/fold';
import { textbookNetwork } from '$lib/graphs/textbook';
import { explainEdge, explainStep, shownGrad, type Numbers } from '$lib/timeline/explain';
import { buildTimeline, frameAt } from '$lib/timeline/timeline';

function evaluated(root: Value): { graph: DrawnGraph; numbers: Numbers } {
	const tape = Tape.of(root);
	tape.evaluate();
	const graph = foldGraph(tape);
	const partials = new Float64Array(graph.edges.length);
	edgePartials(graph, tape, partials);
	return {
		graph,
		numbers: {
			values: graph.nodes.map((n) => tape.values[n.tape]),
			grads: graph.nodes.map((n) => tape.grads[n.tape]),
			partials
		}
	};
}

const ids = (graph: DrawnGraph, nodes: number[]) => nodes.map((i) => graph.nodes[i].id);

describe('timeline on the textbook network', () => {
	const { graph, numbers } = evaluated(textbookNetwork());
	const steps = buildTimeline(graph);

	it('goes forward through z, h, yhat, L, seeds L, then back from L, yhat, h, z', () => {
		const describeStep = steps.map((s) =>
			s.kind === 'done' ? 'done' : `${s.kind}:${graph.nodes[s.node].id}`
		);
		expect(describeStep).toEqual([
			'forward:z',
			'forward:h',
			'forward:yhat',
			'forward:L',
			'seed:L',
			'backward:L',
			'backward:yhat',
			'backward:h',
			'backward:z',
			'done'
		]);
	});

	it('says what each position shows', () => {
		const idle = frameAt(graph, steps, 0);
		expect(idle.phase).toBe('idle');
		expect(
			ids(
				graph,
				graph.nodes.map((_, i) => i).filter((i) => idle.valueKnown[i])
			).sort()
		).toEqual(['v', 'w1', 'w2', 'x1', 'x2', 'y']);
		expect(idle.gradKnown.some(Boolean)).toBe(false);

		const afterH = frameAt(graph, steps, 2);
		expect(afterH.phase).toBe('forward');
		expect(graph.nodes[afterH.activeNode].id).toBe('h');
		expect(afterH.activeEdges.map((e) => graph.edges[e].id)).toEqual(['z->h']);

		expect(frameAt(graph, steps, 4).label).toBe('Loss');
		expect(frameAt(graph, steps, 5).label).toBe('Loss');

		// Backward: yhat (and y) first, then v and h, then z, then w1, x1, w2, x2.
		const known = (p: number) =>
			ids(
				graph,
				graph.nodes.map((_, i) => i).filter((i) => frameAt(graph, steps, p).gradKnown[i])
			).sort();
		expect(known(6)).toEqual(['L', 'y', 'yhat']);
		expect(known(7)).toEqual(['L', 'h', 'v', 'y', 'yhat']);
		expect(known(8)).toEqual(['L', 'h', 'v', 'y', 'yhat', 'z']);
		expect(known(9)).toHaveLength(10);
		expect(frameAt(graph, steps, 10).phase).toBe('done');
		expect(frameAt(graph, steps, 99).position).toBe(10);
	});

	it('writes out each step with the numbers plugged in', () => {
		const text = (p: number) =>
			explainStep(graph, frameAt(graph, steps, p).step, numbers).map((eq) =>
				formulaText(...eq.sides)
			);
		expect(text(1)).toEqual(['z = w₁x₁ + w₂x₂ = (0.4000)(1.0000) + (0.6000)(0.5000) = 0.7000']);
		expect(text(2)).toEqual(['h = σ(z) = σ(0.7000) = 0.6682']);
		expect(text(4)).toEqual(['L = (ŷ − y)² = (0.5346 − 1.0000)² = 0.2166']);
		expect(text(5)).toEqual(['∂L/∂L = 1']);
		expect(text(7)).toEqual([
			'∂L/∂v = ∂L/∂ŷ · ∂ŷ/∂v = (−0.9309)(0.6682) = −0.6220',
			'∂L/∂h = ∂L/∂ŷ · ∂ŷ/∂h = (−0.9309)(0.8000) = −0.7447'
		]);
		expect(text(9)[0]).toBe('∂L/∂w₁ = ∂L/∂z · ∂z/∂w₁ = (−0.1651)(1.0000) = −0.1651');
		const edge = graph.edges.findIndex((e) => e.id === 'z->h');
		expect(formulaText(...explainEdge(graph, edge, numbers))).toBe(
			'∂h/∂z = h(1 − h) = (0.6682)(1 − 0.6682) = 0.2217'
		);
	});
});

describe('timeline at a saturated sigmoid', () => {
	// x₁ = x₂ = w₁ = w₂ = 3: z = 18, h = 1 − 1.523e−8, so gradients through h vanish (issue 11).
	const values = { x1: 3, x2: 3, w1: 3, w2: 3, v: 0.8, y: 1 };
	const { graph, numbers } = evaluated(textbookNetwork(values));
	const steps = buildTimeline(graph);
	const text = (p: number) =>
		explainStep(graph, frameAt(graph, steps, p).step, numbers).map((eq) =>
			formulaText(...eq.sides)
		);

	it('writes the vanished gradients with their size, as factors and as results', () => {
		expect(text(8)).toEqual(['∂L/∂z = ∂L/∂h · ∂h/∂z = (−0.3200)(1.523e−8) = −4.874e−9']);
		expect(text(9)[0]).toBe('∂L/∂w₁ = ∂L/∂z · ∂z/∂w₁ = (−4.874e−9)(3.0000) = −1.462e−8');
		const edge = graph.edges.findIndex((e) => e.id === 'z->h');
		expect(formulaText(...explainEdge(graph, edge, numbers))).toBe(
			'∂h/∂z = h(1 − h) = (1.0000)(1 − 1.0000) = 1.523e−8'
		);
	});
});

describe('timeline with fan-out', () => {
	// a feeds b and c; both feed out: the backward pass shows a's two contributions adding up.
	const a = new Value(2, 'a');
	const b = a.mul(3).named('b');
	const c = a.pow(2).named('c');
	const out = b.add(c).named('out');
	const { graph, numbers } = evaluated(out);
	const steps = buildTimeline(graph);
	const A = graph.byId.get('a')!;

	it('shows the running sum, then the total', () => {
		const backC =
			steps.findIndex((s) => s.kind === 'backward' && graph.nodes[s.node].id === 'c') + 1;
		const backB =
			steps.findIndex((s) => s.kind === 'backward' && graph.nodes[s.node].id === 'b') + 1;
		expect(backC).toBeLessThan(backB);
		const first = frameAt(graph, steps, backC);
		expect(first.gradKnown[A]).toBe(true);
		expect(first.gradComplete[A]).toBe(false);
		expect(shownGrad(graph, first, numbers, A)).toBe(4);
		const second = frameAt(graph, steps, backB);
		expect(second.gradComplete[A]).toBe(true);
		expect(shownGrad(graph, second, numbers, A)).toBe(7);
		const text = explainStep(graph, second.step, numbers).map((eq) => formulaText(...eq.sides));
		expect(text).toEqual([
			'∂out/∂a = 4.0000 + ∂out/∂b · ∂b/∂a = 4.0000 + (1.0000)(3.0000) = 7.0000'
		]);
		expect(shownGrad(graph, frameAt(graph, steps, 0), numbers, A)).toBeUndefined();
	});
});
