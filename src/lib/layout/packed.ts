import type { Layout, LayoutInput, PlacedEdge, PlacedNode, Point } from './types';

/**
 * A layout as a few flat arrays, for the trip from the layout worker to the page: typed arrays
 * are transferred, not copied, so the page's share of a 2,000-node layout is building the
 * objects below (a few ms), not deserialising ELK's whole graph in one long task. Ids are not
 * sent: both sides have the input, and the arrays follow its order.
 */
export interface PackedLayout {
	width: number;
	height: number;
	/** x, y, width, height of each node, in input order */
	boxes: Float64Array;
	/** edge e's points are the pairs (x, y) from pair starts[e] up to pair starts[e + 1] */
	starts: Uint32Array;
	points: Float64Array;
}

export function packLayout(layout: Layout, input: LayoutInput): PackedLayout {
	const boxes = new Float64Array(4 * input.nodes.length);
	input.nodes.forEach(({ id }, i) => {
		const n = layout.nodes[id];
		boxes.set([n.x, n.y, n.width, n.height], 4 * i);
	});
	const starts = new Uint32Array(input.edges.length + 1);
	input.edges.forEach(({ id }, e) => {
		starts[e + 1] = starts[e] + layout.edges[id].points.length;
	});
	const points = new Float64Array(2 * starts[input.edges.length]);
	input.edges.forEach(({ id }, e) => {
		layout.edges[id].points.forEach((p, k) => points.set([p.x, p.y], 2 * (starts[e] + k)));
	});
	return { width: layout.width, height: layout.height, boxes, starts, points };
}

/** The buffers to transfer with a packed layout. */
export function transferables(packed: PackedLayout): ArrayBuffer[] {
	return [packed.boxes, packed.starts, packed.points].map((a) => a.buffer as ArrayBuffer);
}

export function unpackLayout(packed: PackedLayout, input: LayoutInput): Layout {
	const { boxes, starts, points } = packed;
	if (boxes.length !== 4 * input.nodes.length || starts.length !== input.edges.length + 1) {
		throw new Error('layout: the packed layout does not match its graph');
	}
	// Plain indexed loops: this runs once per layout, before the JIT has warmed to it. Objects
	// without a prototype, so a node named __proto__ is stored like any other.
	const nodes: Record<string, PlacedNode> = Object.create(null);
	for (let i = 0; i < input.nodes.length; i++) {
		const id = input.nodes[i].id;
		const at = 4 * i;
		nodes[id] = { id, x: boxes[at], y: boxes[at + 1], width: boxes[at + 2], height: boxes[at + 3] };
	}
	const edges: Record<string, PlacedEdge> = Object.create(null);
	for (let e = 0; e < input.edges.length; e++) {
		const { id, source, target } = input.edges[e];
		const edgePoints: Point[] = [];
		for (let k = starts[e]; k < starts[e + 1]; k++) {
			edgePoints.push({ x: points[2 * k], y: points[2 * k + 1] });
		}
		edges[id] = { id, source, target, points: edgePoints };
	}
	return { width: packed.width, height: packed.height, nodes, edges };
}
