import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutWith } from '$lib/layout/elk';
import { layoutInNode } from '$lib/layout/prerender';
import type { Layout } from '$lib/layout/types';
import { meetingEdges, segmentsMeet } from './crossings';
import { textbook } from './fixtures';

/** Column index of each node, counted by distinct left edges (all boxes here share one width). */
function layers(layout: Layout): Record<string, number> {
	const xs = [...new Set(Object.values(layout.nodes).map((n) => n.x))].sort((a, b) => a - b);
	return Object.fromEntries(Object.values(layout.nodes).map((n) => [n.id, xs.indexOf(n.x)]));
}

describe('segmentsMeet', () => {
	const p = (x: number, y: number) => ({ x, y });
	it('sees crossings, touches and overlaps, and nothing else', () => {
		expect(segmentsMeet(p(0, 0), p(2, 2), p(0, 2), p(2, 0))).toBe(true);
		expect(segmentsMeet(p(0, 0), p(2, 0), p(1, 0), p(1, 5))).toBe(true);
		expect(segmentsMeet(p(0, 0), p(2, 0), p(1, 0), p(3, 0))).toBe(true);
		expect(segmentsMeet(p(0, 0), p(2, 0), p(3, 0), p(4, 0))).toBe(false);
		expect(segmentsMeet(p(0, 0), p(2, 0), p(0, 1), p(2, 1))).toBe(false);
		expect(segmentsMeet(p(0, 0), p(2, 2), p(3, 0), p(2, 1))).toBe(false);
	});
});

describe('textbook graph layout', () => {
	let layout: Layout;
	let layer: Record<string, number>;
	beforeAll(async () => {
		layout = await layoutInNode(textbook());
		layer = layers(layout);
	});

	it('draws every edge left to right, from the right side of its source', () => {
		for (const edge of Object.values(layout.edges)) {
			const source = layout.nodes[edge.source];
			const target = layout.nodes[edge.target];
			expect(source.x + source.width, edge.id).toBeLessThanOrEqual(target.x);
			expect(edge.points[0].x, edge.id).toBe(source.x + source.width);
			expect(edge.points[edge.points.length - 1].x, edge.id).toBe(target.x);
		}
	});

	it('puts the inputs and weights before z and the loss last', () => {
		for (const id of ['x1', 'x2', 'w1', 'w2']) expect(layer[id], id).toBe(0);
		expect(layer.z).toBe(1);
		expect(layer.L).toBe(Math.max(...Object.values(layer)));
	});

	it('puts each later leaf beside the node it feeds, not in the first column', () => {
		expect(layer.v).toBe(layer.yhat - 1);
		expect(layer.y).toBe(layer.L - 1);
		expect(layer.y).toBeGreaterThan(0);
	});

	it('keeps the input order top to bottom within a column', () => {
		const ys = ['x1', 'x2', 'w1', 'w2'].map((id) => layout.nodes[id].y);
		expect(ys).toEqual([...ys].sort((a, b) => a - b));
	});

	it('has no two edges crossing, touching or overlapping', () => {
		expect(meetingEdges(layout)).toEqual([]);
	});

	it('keeps every edge clear of every box it does not connect', () => {
		for (const edge of Object.values(layout.edges)) {
			for (const node of Object.values(layout.nodes)) {
				if (node.id === edge.source || node.id === edge.target) continue;
				const corners = [
					{ x: node.x, y: node.y },
					{ x: node.x + node.width, y: node.y },
					{ x: node.x + node.width, y: node.y + node.height },
					{ x: node.x, y: node.y + node.height }
				];
				for (let i = 1; i < edge.points.length; i++) {
					const [a, b] = [edge.points[i - 1], edge.points[i]];
					for (let k = 0; k < 4; k++) {
						const hit = segmentsMeet(a, b, corners[k], corners[(k + 1) % 4]);
						expect(hit, `${edge.id} meets ${node.id}`).toBe(false);
					}
				}
			}
		}
	});

	it('is the same on every run and with a fresh ELK instance', async () => {
		expect(await layoutInNode(textbook())).toEqual(layout);
		expect(await layoutWith(new ELK(), textbook())).toEqual(layout);
	});

	it('fits in the reported size', () => {
		for (const node of Object.values(layout.nodes)) {
			expect(node.x + node.width).toBeLessThanOrEqual(layout.width);
			expect(node.y + node.height).toBeLessThanOrEqual(layout.height);
		}
	});
});

describe('textbook graph in any input order', () => {
	it('still flows left to right without edges meeting, y beside the loss', async () => {
		const { nodes, edges } = textbook();
		await fc.assert(
			fc.asyncProperty(
				fc.shuffledSubarray(nodes, { minLength: nodes.length }),
				fc.shuffledSubarray(edges, { minLength: edges.length }),
				async (shuffledNodes, shuffledEdges) => {
					const shuffled = await layoutInNode({ nodes: shuffledNodes, edges: shuffledEdges });
					const column = layers(shuffled);
					expect(meetingEdges(shuffled)).toEqual([]);
					expect(column.y).toBe(column.L - 1);
					for (const edge of Object.values(shuffled.edges)) {
						const source = shuffled.nodes[edge.source];
						expect(source.x + source.width).toBeLessThanOrEqual(shuffled.nodes[edge.target].x);
					}
				}
			),
			{ numRuns: 40, seed: 1 }
		);
	});
});
