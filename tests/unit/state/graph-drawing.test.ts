import { describe, expect, it } from 'vitest';
import { labelBoxAt, overlaps } from '$lib/geometry/edge-labels';
import { edgePath } from '$lib/geometry/path';
import { textbookNetwork } from '$lib/graphs/textbook';
import type { Layout } from '$lib/layout/types';
import { Explorer } from '$lib/state/explorer.svelte';
import {
	edgeGeometry,
	edgeLabels,
	MARKER_TEXT,
	nodeKind,
	travellingMarkers,
	wrongChecks
} from '$lib/state/graph-drawing.svelte';
import { frameAt } from '$lib/timeline/timeline';

const explorer = new Explorer(textbookNetwork());
const { graph, steps } = explorer;
const id = (name: string) => graph.byId.get(name)!;

// Boxes in a row, 200 apart; each edge a straight line from its source's right to its target.
const layout: Layout = {
	width: 200 * graph.nodes.length,
	height: 100,
	nodes: Object.fromEntries(
		graph.nodes.map((n, i) => [n.id, { x: 200 * i, y: 0, width: 120, height: 60 }])
	),
	edges: Object.fromEntries(
		graph.edges.map((e) => [
			e.id,
			{
				points: [
					{ x: 200 * e.source + 120, y: 30 },
					{ x: 200 * e.target, y: 30 }
				]
			}
		])
	)
} as unknown as Layout;
const geometry = edgeGeometry(graph, layout);
const p = (x: number, y: number) => ({ x, y });
const boxes = graph.nodes.map((n) => layout.nodes[n.id]);
const bounds = { x: 0, y: 0, width: layout.width, height: layout.height };

/** The position right after the step for `node` of the given kind. */
function positionOf(kind: 'forward' | 'backward', node: number): number {
	return steps.findIndex((s) => s.kind === kind && s.node === node) + 1;
}

describe('graph drawing', () => {
	it('draws each edge along its layout points, with a head', () => {
		const e = graph.edges[0];
		expect(geometry[0].d).toBe(edgePath(layout.edges[e.id].points));
		expect(geometry[0].head).toMatch(/^M/);
		expect(geometry).toHaveLength(graph.edges.length);
	});

	it('tells outputs, parameters and ops apart', () => {
		expect(nodeKind(graph.nodes[id('L')])).toBe('output');
		expect(nodeKind(graph.nodes[id('w1')])).toBe('parameter');
		expect(nodeKind(graph.nodes[id('z')])).toBe('op');
	});

	it('sends values forward along the active edges, halfway at half progress', () => {
		const frame = frameAt(graph, steps, positionOf('forward', id('z')));
		const markers = travellingMarkers(graph, frame, 0.5, geometry, explorer, boxes);
		expect(markers.map((m) => m.e)).toEqual(frame.activeEdges);
		const first = graph.edges[markers[0].e];
		const [from, to] = layout.edges[first.id].points;
		expect(markers[0].x).toBeCloseTo((from.x + to.x) / 2);
		expect(markers.map((m) => m.text).sort()).toEqual(['0.4000', '0.5000', '0.6000', '1.0000']);
	});

	it('draws a converging number only while it clears the boxes and the numbers before it', () => {
		// Four sources stacked 80 apart on the left, their edges converging on z's left side.
		const frame = frameAt(graph, steps, positionOf('forward', id('z')));
		const z = { x: 300, y: 120, width: 120, height: 60 };
		const stacked = geometry.slice();
		frame.activeEdges.forEach((e, i) => {
			stacked[e] = { ...geometry[e], points: [p(120, 80 * i + 30), p(300, 150)] };
		});
		const sources = frame.activeEdges.map((_, i) => ({ x: 0, y: 80 * i, width: 120, height: 60 }));
		const at = (progress: number) =>
			travellingMarkers(graph, frame, progress, stacked, explorer, [...sources, z]);
		// Early on the numbers ride apart, clear of every box: all four are drawn.
		expect(at(0.4).map((m) => m.showText)).toEqual([true, true, true, true]);
		// Arriving, they meet on z's edge: none is drawn on z.
		expect(at(0.97).map((m) => m.showText)).toEqual([false, false, false, false]);
		// In between, the ones drawn never overlap each other.
		for (const progress of [0.6, 0.7, 0.8, 0.9]) {
			const drawn = at(progress)
				.filter((m) => m.showText)
				.map((m) => labelBoxAt(m.text, MARKER_TEXT.size, m.x, m.y - MARKER_TEXT.above));
			for (const [i, a] of drawn.entries())
				for (const b of drawn.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
		}
	});

	it('sends gradients back, times the local derivative, from the target’s end', () => {
		const frame = frameAt(graph, steps, positionOf('backward', id('yhat')));
		const [marker] = travellingMarkers(graph, frame, 0.25, geometry, explorer, boxes);
		const edge = graph.edges[marker.e];
		const [from, to] = layout.edges[edge.id].points;
		expect(marker.x).toBeCloseTo(from.x + 0.75 * (to.x - from.x));
		const carried = explorer.grad(edge.target) * explorer.partial(marker.e);
		expect(marker.text).toBe(carried < 0 ? `−${Math.abs(carried).toFixed(4)}` : carried.toFixed(4));
	});

	it('has no markers once a step has arrived, nor for the seed and the end', () => {
		const frame = frameAt(graph, steps, positionOf('forward', id('z')));
		expect(travellingMarkers(graph, frame, 1, geometry, explorer, boxes)).toEqual([]);
		const seed = frameAt(graph, steps, steps.findIndex((s) => s.kind === 'seed') + 1);
		expect(travellingMarkers(graph, seed, 0.5, geometry, explorer, boxes)).toEqual([]);
		const done = frameAt(graph, steps, steps.length);
		expect(travellingMarkers(graph, done, 0.5, geometry, explorer, boxes)).toEqual([]);
	});

	it('labels the backward pass’s edges with their local derivatives, never the forward pass', () => {
		const partial = (e: number) => explorer.partial(e);
		const forward = frameAt(graph, steps, positionOf('forward', id('z')));
		expect(edgeLabels(forward, geometry, boxes, bounds, partial)).toEqual([]);
		const frame = frameAt(graph, steps, positionOf('backward', id('z')));
		const labels = edgeLabels(frame, geometry, boxes, bounds, partial);
		expect(labels.map((l) => l.e)).toEqual(frame.activeEdges);
		expect(labels.map((l) => l.text).sort()).toEqual(['×0.4000', '×0.5000', '×0.6000', '×1.0000']);
		// Off every box.
		for (const l of labels)
			for (const box of boxes)
				expect(
					l.y < box.y || l.y > box.y + box.height || l.x < box.x || l.x > box.x + box.width
				).toBe(true);
	});

	it('notes only the wrong answers, in graph order', () => {
		const wrong = { status: 'wrong', expected: '1', got: '2' } as const;
		const right = { status: 'right', expected: '1', got: '1' } as const;
		const notes = wrongChecks(graph, { z: wrong, w1: right, v: wrong });
		expect(notes.map(([name]) => name)).toEqual(
			graph.nodes.map((n) => n.id).filter((name) => name === 'v' || name === 'z')
		);
		expect(notes.every(([, check]) => check === wrong)).toBe(true);
	});
});
