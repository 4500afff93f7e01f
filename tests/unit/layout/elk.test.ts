import { describe, expect, it } from 'vitest';
import type { ElkNode } from 'elkjs/lib/elk-api';
import {
	fromElk,
	LAYOUT_OPTIONS,
	layoutOptions,
	layoutWith,
	toElkGraph,
	type ElkLayouter
} from '$lib/layout/elk';
import { layoutInNode } from '$lib/layout/prerender';
import { structureKey, type LayoutInput } from '$lib/layout/types';
import { small } from './fixtures';

describe('structureKey', () => {
	it('is equal for equal structures built separately', () => {
		expect(structureKey(small())).toBe(structureKey(small()));
	});

	it('changes with a size, an id, an endpoint or the order of edges', () => {
		const key = structureKey(small());
		const resized = small();
		resized.nodes[2].width = 101;
		const renamed = small();
		renamed.edges[0].id = 'other';
		const rewired = small();
		rewired.edges[1].source = 'a';
		const reordered = small();
		reordered.edges.reverse();
		for (const input of [resized, renamed, rewired, reordered]) {
			expect(structureKey(input)).not.toBe(key);
		}
	});

	it('keeps a scalar graph’s key as it was, and tells a styled drawing apart', () => {
		const input = small();
		expect(structureKey(input)).toBe(
			JSON.stringify([
				input.nodes.map((n) => [n.id, n.width, n.height]),
				input.edges.map((e) => [e.id, e.source, e.target])
			])
		);
		expect(structureKey({ ...input, style: { layerGap: 40 } })).not.toBe(structureKey(input));
	});

	it('cannot be fooled by ids that contain separators', () => {
		const a: LayoutInput = { nodes: [{ id: 'p,1', width: 2, height: 3 }], edges: [] };
		const b: LayoutInput = { nodes: [{ id: 'p', width: 1, height: 2 }], edges: [] };
		expect(structureKey(a)).not.toBe(structureKey(b));
	});
});

describe('toElkGraph', () => {
	it('turns our edges into ELK edges with one source and one target', () => {
		const graph = toElkGraph(small());
		expect(graph.children).toEqual([
			{ id: 'a', width: 150, height: 112 },
			{ id: 'b', width: 150, height: 112 },
			{ id: 's', width: 100, height: 60 }
		]);
		expect(graph.edges).toEqual([
			{ id: 'a->s', sources: ['a'], targets: ['s'] },
			{ id: 'b->s', sources: ['b'], targets: ['s'] }
		]);
		expect(graph.layoutOptions?.['elk.direction']).toBe('RIGHT');
	});

	it('builds new objects each time, so ELK writing into them touches neither input nor options', () => {
		const input = small();
		const first = toElkGraph(input);
		first.children![0].x = 99;
		first.layoutOptions!['elk.direction'] = 'DOWN';
		expect(input.nodes[0]).toEqual({ id: 'a', width: 150, height: 112 });
		expect(toElkGraph(input).layoutOptions?.['elk.direction']).toBe('RIGHT');
	});

	it('rejects edges to unknown nodes and repeated ids with a readable message', () => {
		const unknown = small();
		unknown.edges[0].target = 'nope';
		expect(() => toElkGraph(unknown)).toThrow('edge "a->s" names unknown node "nope"');
		const twice = small();
		twice.nodes.push({ id: 'a', width: 1, height: 1 });
		expect(() => toElkGraph(twice)).toThrow('duplicate node id "a"');
		const twiceEdge = small();
		twiceEdge.edges.push({ id: 'a->s', source: 'b', target: 's' });
		expect(() => toElkGraph(twiceEdge)).toThrow('duplicate edge id "a->s"');
	});
});

describe('fromElk', () => {
	it('reads boxes and section points, rounded to 0.01 and without negative zero', () => {
		const result: ElkNode = {
			id: 'root',
			width: 300.004,
			height: 100.005,
			children: [
				{ id: 'a', x: 12.3333333, y: -0.001, width: 50, height: 40 },
				{ id: 'b', x: 200.126, y: 20, width: 50, height: 40 }
			],
			edges: [
				{
					id: 'a->b',
					sources: ['a'],
					targets: ['b'],
					sections: [
						{
							id: 's0',
							startPoint: { x: 62.3333333, y: 19.999 },
							bendPoints: [
								{ x: 100, y: 19.999 },
								{ x: 100, y: 40.6666666 }
							],
							endPoint: { x: 200.126, y: 40.6666666 }
						}
					]
				}
			]
		};
		const layout = fromElk(result);
		expect(layout).toEqual({
			width: 300,
			height: 100.01,
			nodes: {
				a: { id: 'a', x: 12.33, y: 0, width: 50, height: 40 },
				b: { id: 'b', x: 200.13, y: 20, width: 50, height: 40 }
			},
			edges: {
				'a->b': {
					id: 'a->b',
					source: 'a',
					target: 'b',
					points: [
						{ x: 62.33, y: 20 },
						{ x: 100, y: 20 },
						{ x: 100, y: 40.67 },
						{ x: 200.13, y: 40.67 }
					]
				}
			}
		});
		expect(Object.is(layout.nodes.a.y, 0)).toBe(true);
	});

	it('refuses an edge without a route rather than drawing nothing', () => {
		const result: ElkNode = { id: 'root', edges: [{ id: 'e', sources: ['a'], targets: ['b'] }] };
		expect(() => fromElk(result)).toThrow('edge "e" has 0 sections');
	});
});

describe('layoutWith', () => {
	it('hands ELK its own graph and converts what comes back', async () => {
		const seen: ElkNode[] = [];
		const fake: ElkLayouter = {
			async layout(graph) {
				seen.push(graph);
				// Mutate in place the way elkjs does.
				graph.width = 10;
				graph.height = 20;
				for (const child of graph.children ?? []) Object.assign(child, { x: 1, y: 2 });
				graph.edges = [];
				return graph;
			}
		};
		const input = small();
		const layout = await layoutWith(fake, input);
		expect(seen).toHaveLength(1);
		expect(layout.width).toBe(10);
		expect(layout.nodes.s).toEqual({ id: 's', x: 1, y: 2, width: 100, height: 60 });
		expect(input).toEqual(small());
	});
});

describe('layoutOptions', () => {
	it('is the scalar graph’s options without a style', () => {
		expect(layoutOptions()).toEqual(LAYOUT_OPTIONS);
		expect(toElkGraph(small()).layoutOptions).toEqual(LAYOUT_OPTIONS);
	});

	it('sets the direction and the gaps a style asks for, and nothing else', () => {
		const options = layoutOptions({ direction: 'down', layerGap: 44, nodeGap: 24 });
		expect(options).toEqual({
			...LAYOUT_OPTIONS,
			'elk.direction': 'DOWN',
			'elk.layered.spacing.nodeNodeBetweenLayers': '44',
			'elk.spacing.nodeNode': '24'
		});
		expect(toElkGraph({ ...small(), style: { layerGap: 44 } }).layoutOptions).toEqual({
			...LAYOUT_OPTIONS,
			'elk.layered.spacing.nodeNodeBetweenLayers': '44'
		});
	});
});

describe('wrapping a long graph into rows', () => {
	/** a chain of n boxes, each 120 × 80: one row of them is far wider than high */
	const chain = (n: number): LayoutInput => ({
		nodes: Array.from({ length: n }, (_, i) => ({ id: `n${i}`, width: 120, height: 80 })),
		edges: Array.from({ length: n - 1 }, (_, i) => ({
			id: `e${i}`,
			source: `n${i}`,
			target: `n${i + 1}`
		}))
	});

	it('asks ELK to cut the layers into rows near the width : height given', () => {
		expect(layoutOptions({ aspectRatio: 1.5 })).toEqual({
			...LAYOUT_OPTIONS,
			'elk.layered.wrapping.strategy': 'MULTI_EDGE',
			'elk.aspectRatio': '1.5'
		});
	});

	it('lays a chain of nine out in rows, every box still placed, none overlapping', async () => {
		const row = await layoutInNode(chain(9));
		const wrapped = await layoutInNode({ ...chain(9), style: { aspectRatio: 1.5 } });
		expect(row.width / row.height).toBeGreaterThan(5);
		expect(wrapped.width / wrapped.height).toBeLessThan(3);
		const boxes = Object.values(wrapped.nodes);
		expect(boxes).toHaveLength(9);
		for (const a of boxes)
			for (const b of boxes)
				if (a !== b)
					expect(
						a.x + a.width <= b.x ||
							b.x + b.width <= a.x ||
							a.y + a.height <= b.y ||
							b.y + b.height <= a.y
					).toBe(true);
	});
});

describe('layoutInNode', () => {
	it('places a small graph at exact coordinates', async () => {
		expect(await layoutInNode(small())).toEqual({
			width: 336,
			height: 260,
			nodes: {
				a: { id: 'a', x: 8, y: 8, width: 150, height: 112 },
				b: { id: 'b', x: 8, y: 140, width: 150, height: 112 },
				s: { id: 's', x: 228, y: 44, width: 100, height: 60 }
			},
			edges: {
				'a->s': {
					id: 'a->s',
					source: 'a',
					target: 's',
					points: [
						{ x: 158, y: 64 },
						{ x: 228, y: 64 }
					]
				},
				'b->s': {
					id: 'b->s',
					source: 'b',
					target: 's',
					points: [
						{ x: 158, y: 196 },
						{ x: 178, y: 196 },
						{ x: 178, y: 84 },
						{ x: 228, y: 84 }
					]
				}
			}
		});
	});

	it('runs a styled layout downwards with its own layer gap', async () => {
		const layout = await layoutInNode({ ...small(), style: { direction: 'down', layerGap: 90 } });
		const { a, b, s } = layout.nodes;
		expect(a.y).toBe(b.y);
		expect(s.y).toBe(a.y + a.height + 90);
	});

	it('gives each of two edges between the same pair (a + a) its own route', async () => {
		const layout = await layoutInNode({
			nodes: [
				{ id: 'a', width: 150, height: 112 },
				{ id: 's', width: 150, height: 112 }
			],
			edges: [
				{ id: 'a->s#0', source: 'a', target: 's' },
				{ id: 'a->s#1', source: 'a', target: 's' }
			]
		});
		const [first, second] = [layout.edges['a->s#0'], layout.edges['a->s#1']];
		expect(first.points).not.toEqual(second.points);
		for (const { points } of [first, second]) {
			expect(points[0].x).toBe(layout.nodes.a.x + layout.nodes.a.width);
			expect(points[points.length - 1].x).toBe(layout.nodes.s.x);
		}
	});

	it('lays out a graph without edges and an empty graph', async () => {
		const lone = await layoutInNode({ nodes: [{ id: 'a', width: 10, height: 20 }], edges: [] });
		expect(lone.nodes.a).toEqual({ id: 'a', x: 8, y: 8, width: 10, height: 20 });
		expect(lone.edges).toEqual({});
		const empty = await layoutInNode({ nodes: [], edges: [] });
		expect(empty.nodes).toEqual({});
	});

	it('rejects input it cannot lay out', async () => {
		const bad = small();
		bad.edges[0].source = 'ghost';
		await expect(layoutInNode(bad)).rejects.toThrow('unknown node "ghost"');
	});
});
