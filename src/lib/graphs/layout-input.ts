import type { LayoutInput } from '$lib/layout/types';
import type { DrawnGraph } from './fold';

/** Box size of a drawn node, in layout units (the SVG scales to fit the screen). */
export const NODE_WIDTH = 156;
export const NODE_HEIGHT = 110;

export function layoutInputOf(graph: DrawnGraph): LayoutInput {
	return {
		nodes: graph.nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
		edges: graph.edges.map((e) => ({
			id: e.id,
			source: graph.nodes[e.source].id,
			target: graph.nodes[e.target].id
		}))
	};
}
