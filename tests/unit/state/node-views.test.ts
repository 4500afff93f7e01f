import { describe, expect, it } from 'vitest';
import { findNonFinite } from '$lib/graphs/nonfinite';
import { buildProgram } from '$lib/graphs/program';
import { textbookNetwork } from '$lib/graphs/textbook';
import { Explorer } from '$lib/state/explorer.svelte';
import {
	DASH,
	nodeViews,
	refreshNodeViews,
	writeNumbers,
	type NodeViewSource
} from '$lib/state/node-views.svelte';
import { frameAt } from '$lib/timeline/timeline';

function source(explorer: Explorer, overrides: Partial<NodeViewSource> = {}): NodeViewSource {
	const { graph, steps, tape, numbers } = explorer;
	return {
		graph,
		shown: frameAt(graph, steps, steps.length),
		numbers,
		onScreen: graph.nodes.map(() => true),
		detailed: graph.nodes.map(() => true),
		activeNode: -1,
		checks: {},
		nonFinite: findNonFinite(graph, tape, numbers.partials),
		...overrides
	};
}

/** Stand-ins for the nodes' elements that remember every attribute write. */
function fakeElements(count: number) {
	const writes: string[] = [];
	const elements = Array.from({ length: count }, (_, i) => {
		const attributes = new Map<string, string>();
		return {
			attributes,
			setAttribute(name: string, value: string) {
				writes.push(`${i} ${name}`);
				attributes.set(name, value);
			},
			removeAttribute(name: string) {
				writes.push(`${i} -${name}`);
				attributes.delete(name);
			}
		};
	});
	return { elements: elements as unknown as Element[], fakes: elements, writes };
}

describe('node views', () => {
	it('show the textbook’s numbers, rounded, and carry them at full precision', () => {
		const explorer = new Explorer(textbookNetwork());
		const views = nodeViews(explorer.graph.nodes.length);
		refreshNodeViews(views, source(explorer));
		const L = views[explorer.graph.output];
		expect(L.valueText).toBe('0.2166');
		expect(L.value).toBe(explorer.value(explorer.graph.output));
		expect(L.gradText).toBe('1.0000');
		const w1 = views[explorer.graph.byId.get('w1')!];
		expect(w1.gradText).toBe('−0.1651');
		expect(w1.sign).toBe('negative');
		expect(views[explorer.graph.byId.get('y')!].sign).toBe('positive');
	});

	it('show dashes before a value or gradient is known, and no text where unreadable', () => {
		const explorer = new Explorer(textbookNetwork());
		const { graph, steps } = explorer;
		const views = nodeViews(graph.nodes.length);
		const detailed = graph.nodes.map((n) => n.id !== 'x1');
		refreshNodeViews(views, source(explorer, { shown: frameAt(graph, steps, 0), detailed }));
		const L = views[graph.output];
		expect([L.valueText, L.gradText, L.value, L.grad]).toEqual([DASH, DASH, undefined, undefined]);
		const x1 = views[graph.byId.get('x1')!];
		expect([x1.detail, x1.valueText, x1.gradText, x1.value]).toEqual([false, '', DASH, 1]);
	});

	it('mark the active node, checks, and a problem only while a NaN or ∞ is shown', () => {
		const built = buildProgram('a = exp(b); L = a * c');
		if (!built.ok) throw new Error(built.error.message);
		const explorer = new Explorer(built.root);
		const { graph, steps } = explorer;
		const a = graph.byId.get('a')!;
		explorer.set('b', 1000);
		const views = nodeViews(graph.nodes.length);
		const check = { status: 'right' as const, expected: '1', got: '1' };
		refreshNodeViews(views, source(explorer, { activeNode: a, checks: { a: check } }));
		expect(views[a].active).toBe(true);
		expect(views[a].check).toBe(check);
		expect(views[a].problem?.shown).toBe('∞');
		expect(views[graph.output].active).toBe(false);
		// Before the forward pass reaches a, it shows a dash: nothing to mark.
		refreshNodeViews(views, source(explorer, { shown: frameAt(graph, steps, 0) }));
		expect(views[a].problem).toBeUndefined();
		explorer.set('b', 1);
		refreshNodeViews(views, source(explorer));
		expect(views[a].problem).toBeUndefined();
	});

	it('write each number once, and again only when it changes', () => {
		const explorer = new Explorer(textbookNetwork());
		const { graph, steps } = explorer;
		const views = nodeViews(graph.nodes.length);
		const { elements, fakes, writes } = fakeElements(graph.nodes.length);
		refreshNodeViews(views, source(explorer));
		writeNumbers(views, elements);
		expect(writes).toHaveLength(2 * graph.nodes.length);
		const L = fakes[graph.output].attributes;
		expect(L.get('data-value')).toBe(String(explorer.value(graph.output)));
		expect(L.get('data-grad')).toBe('1');

		writes.length = 0;
		refreshNodeViews(views, source(explorer));
		writeNumbers(views, elements);
		expect(writes).toEqual([]);

		explorer.set('y', 0.25);
		refreshNodeViews(views, source(explorer));
		writeNumbers(views, elements);
		expect(fakes[graph.byId.get('y')!].attributes.get('data-value')).toBe('0.25');

		// Back at the start, only the leaves' values are known: the rest lose their attributes.
		writes.length = 0;
		refreshNodeViews(views, source(explorer, { shown: frameAt(graph, steps, 0) }));
		writeNumbers(views, elements);
		expect(L.has('data-value')).toBe(false);
		expect(L.has('data-grad')).toBe(false);
		expect(fakes[graph.byId.get('w1')!].attributes.get('data-value')).toBe('0.4');
		expect(writes).toContain(`${graph.output} -data-value`);
	});

	it('leave the elements of nodes whose numbers did not change alone', () => {
		const built = buildProgram('L = a*b + c*d');
		if (!built.ok) throw new Error(built.error.message);
		const explorer = new Explorer(built.root, 'ops');
		const { graph } = explorer;
		const views = nodeViews(graph.nodes.length);
		const { elements, writes } = fakeElements(graph.nodes.length);
		refreshNodeViews(views, source(explorer));
		writeNumbers(views, elements);
		writes.length = 0;
		// a changes a's value, a*b's value, L's value and b's gradient; c, d and c*d keep theirs.
		explorer.set('a', explorer.parameterValue('a') + 1);
		refreshNodeViews(views, source(explorer));
		writeNumbers(views, elements);
		const touched = new Set(writes.map((w) => Number(w.split(' ')[0])));
		expect(touched.size).toBe(4);
		for (const id of ['a', 'b', 'L']) expect(touched.has(graph.byId.get(id)!)).toBe(true);
		for (const id of ['c', 'd']) expect(touched.has(graph.byId.get(id)!)).toBe(false);
	});
});
