/** What the layout needs to know about a graph: box sizes and who feeds whom. */
export interface LayoutInput {
	nodes: { id: string; width: number; height: number }[];
	/** Ordered; several edges may join the same pair (`a + a` draws two edges). */
	edges: { id: string; source: string; target: string }[];
	/** How the drawing flows and how tight it is; the scalar graph's defaults when absent. */
	style?: LayoutStyle;
}

/** What a kind of drawing needs from the layout, in layout units. */
export interface LayoutStyle {
	/** which way the edges run from inputs to the output (default: 'right') */
	direction?: 'right' | 'down';
	/** space between consecutive layers (default 70: an arrowhead and an edge label) */
	layerGap?: number;
	/** space between boxes in one layer (default 20) */
	nodeGap?: number;
	/** wrap the layers into rows, as near as they come to this width : height (default: one row) */
	aspectRatio?: number;
}

export interface Point {
	x: number;
	y: number;
}

/** `x`, `y` are the top-left corner. */
export interface PlacedNode {
	id: string;
	x: number;
	y: number;
	width: number;
	height: number;
}

/** `points` run from the source's border through the bends to the target's border. */
export interface PlacedEdge {
	id: string;
	source: string;
	target: string;
	points: Point[];
}

/** Positions in one coordinate system whose origin is the drawing's top-left corner. */
export interface Layout {
	width: number;
	height: number;
	nodes: Record<string, PlacedNode>;
	edges: Record<string, PlacedEdge>;
}

/**
 * A string that is equal for equal structures (ids, sizes, edges, and their order, which the
 * layout respects), used as a cache key. Values never enter it: dragging a slider keeps the key.
 */
export function structureKey(input: LayoutInput): string {
	return JSON.stringify([
		input.nodes.map((n) => [n.id, n.width, n.height]),
		input.edges.map((e) => [e.id, e.source, e.target]),
		// absent for scalar graphs, so their keys (and the prerendered layout's) stay as they were
		...(input.style ? [input.style] : [])
	]);
}
