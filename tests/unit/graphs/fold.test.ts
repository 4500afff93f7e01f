import { describe, expect, it } from 'vitest';
import { Tape, Value } from '$lib/engine';
import { formulaText } from '$lib/formula/render';
import { edgePartials, foldGraph } from '$lib/graphs/fold';
import { textbookNetwork } from '$lib/graphs/textbook';

function textbook() {
	const tape = Tape.of(textbookNetwork());
	tape.evaluate();
	return { tape, graph: foldGraph(tape) };
}

describe('foldGraph, named view', () => {
	it('draws the ten textbook nodes in topological order', () => {
		const { graph } = textbook();
		expect(graph.nodes.map((n) => n.id).sort()).toEqual(
			['L', 'h', 'v', 'w1', 'w2', 'x1', 'x2', 'y', 'yhat', 'z'].sort()
		);
		expect(graph.nodes[graph.output].id).toBe('L');
		const order = graph.nodes.map((n) => n.id);
		expect(order.indexOf('z')).toBeLessThan(order.indexOf('h'));
		expect(order.indexOf('h')).toBeLessThan(order.indexOf('yhat'));
	});

	it('writes each node as a formula of the drawn nodes', () => {
		const { graph } = textbook();
		const text = (id: string) => formulaText(graph.nodes[graph.byId.get(id)!].expression!);
		expect(text('z')).toBe('w₁x₁ + w₂x₂');
		expect(text('h')).toBe('σ(z)');
		expect(text('yhat')).toBe('vh');
		expect(text('L')).toBe('(ŷ − y)²');
	});

	it('folds the local partials through unnamed ops', () => {
		const { graph, tape } = textbook();
		const partials = new Float64Array(graph.edges.length);
		edgePartials(graph, tape, partials);
		const edge = (id: string) => graph.edges.findIndex((e) => e.id === id);
		const text = (id: string) => formulaText(graph.edges[edge(id)].partial);
		expect(text('w1->z')).toBe('x₁');
		expect(text('x2->z')).toBe('w₂');
		expect(text('z->h')).toBe('h(1 − h)');
		expect(text('v->yhat')).toBe('h');
		expect(text('yhat->L')).toBe('2(ŷ − y)');
		expect(text('y->L')).toBe('−2(ŷ − y)');
		expect(partials[edge('w1->z')]).toBe(1);
		expect(partials[edge('yhat->L')]).toBeCloseTo(2 * (0.5345502177345329 - 1), 12);
		expect(partials[edge('y->L')]).toBeCloseTo(-2 * (0.5345502177345329 - 1), 12);
	});

	it('gives a + a two edges and a shared unnamed op its own node', () => {
		const a = new Value(3, 'a');
		const twice = a.add(a).named('s');
		const g = foldGraph(Tape.of(twice));
		expect(g.edges.map((e) => e.id)).toEqual(['a->s', 'a->s#1']);

		const b = new Value(2, 'b');
		const shared = a.mul(b);
		const out = shared.add(shared.tanh()).named('out');
		const g2 = foldGraph(Tape.of(out));
		expect(g2.nodes.map((n) => n.id)).toContain('mul2');
	});

	it('op view draws every primitive op', () => {
		const tape = Tape.of(textbookNetwork());
		const g = foldGraph(tape, 'ops');
		expect(g.nodes.length).toBe(tape.size);
	});
});
