import type { ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';
import type { Layout, LayoutInput, LayoutStyle, PlacedEdge, PlacedNode, Point } from './types';

/** The one method of an ELK instance we use, so tests and the worker-backed ELK both fit. */
export interface ElkLayouter {
	layout(graph: ElkNode): Promise<ElkNode>;
}

/**
 * Layered left-to-right layout with orthogonal edges. Every option that shapes the result is
 * spelled out so an elkjs upgrade that changes a default shows up as a failing test, not a
 * silently different picture.
 */
export const LAYOUT_OPTIONS: Readonly<LayoutOptions> = {
	'elk.algorithm': 'layered',
	'elk.direction': 'RIGHT',
	'elk.padding': '[top=8,left=8,bottom=8,right=8]',
	// Tight enough that the chapter's graph fits a 1024×768 projector with 28 px numbers; the gap
	// between layers leaves room for an arrowhead and a local-derivative label.
	'elk.spacing.nodeNode': '20',
	'elk.layered.spacing.nodeNodeBetweenLayers': '70',
	'elk.spacing.edgeEdge': '16',
	'elk.layered.spacing.edgeEdgeBetweenLayers': '16',
	'elk.layered.spacing.edgeNodeBetweenLayers': '20',
	// Right-angle polylines: readable on a projector and easy to animate along.
	'elk.edgeRouting': 'ORTHOGONAL',
	// Network simplex minimises total edge length, so a leaf such as the target y sits in the
	// layer just before the loss instead of in the first column with the inputs.
	'elk.layered.layering.strategy': 'NETWORK_SIMPLEX',
	// Keep the graph's own order (inputs top to bottom as written) unless a crossing forces a
	// change; this also keeps layouts stable when a structure changes a little.
	'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
	'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
	'elk.layered.thoroughness': '20',
	'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
	'elk.randomSeed': '1'
};

/** LAYOUT_OPTIONS with a drawing's own direction and spacing (see LayoutStyle). */
export function layoutOptions(style: LayoutStyle = {}): LayoutOptions {
	const options: LayoutOptions = { ...LAYOUT_OPTIONS };
	if (style.direction) options['elk.direction'] = style.direction === 'down' ? 'DOWN' : 'RIGHT';
	if (style.layerGap !== undefined)
		options['elk.layered.spacing.nodeNodeBetweenLayers'] = String(style.layerGap);
	if (style.nodeGap !== undefined) options['elk.spacing.nodeNode'] = String(style.nodeGap);
	if (style.aspectRatio !== undefined) {
		// A long chain in a small frame: cut it into rows, each edge across a cut running back.
		options['elk.layered.wrapping.strategy'] = 'MULTI_EDGE';
		options['elk.aspectRatio'] = String(style.aspectRatio);
	}
	return options;
}

/** Builds a fresh ELK graph on every call: ELK writes positions into the object it is given. */
export function toElkGraph(input: LayoutInput): ElkNode {
	const ids = new Set<string>();
	for (const node of input.nodes) {
		if (ids.has(node.id)) throw new Error(`layout: duplicate node id "${node.id}"`);
		ids.add(node.id);
	}
	const edgeIds = new Set<string>();
	for (const edge of input.edges) {
		if (edgeIds.has(edge.id)) throw new Error(`layout: duplicate edge id "${edge.id}"`);
		edgeIds.add(edge.id);
		for (const end of [edge.source, edge.target]) {
			if (!ids.has(end)) throw new Error(`layout: edge "${edge.id}" names unknown node "${end}"`);
		}
	}
	return {
		id: 'root',
		layoutOptions: layoutOptions(input.style),
		children: input.nodes.map(({ id, width, height }) => ({ id, width, height })),
		edges: input.edges.map(({ id, source, target }) => ({
			id,
			sources: [source],
			targets: [target]
		}))
	};
}

// Two decimals are far below a pixel; rounding keeps snapshots and path strings stable.
// Adding 0 turns -0 into 0 so equal layouts compare equal.
const round = (v: number | undefined): number => Math.round((v ?? 0) * 100) / 100 + 0;
const roundPoint = (p: Point): Point => ({ x: round(p.x), y: round(p.y) });

function placeEdge(edge: ElkExtendedEdge): PlacedEdge {
	// A flat graph gives each edge exactly one section; more would mean hierarchy we never build.
	const [section, ...rest] = edge.sections ?? [];
	if (!section || rest.length > 0) {
		throw new Error(`layout: edge "${edge.id}" has ${edge.sections?.length ?? 0} sections`);
	}
	return {
		id: edge.id,
		source: edge.sources[0],
		target: edge.targets[0],
		points: [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(roundPoint)
	};
}

/** Reads positions out of ELK's result into our own types, rounded to 0.01. */
export function fromElk(result: ElkNode): Layout {
	// fromEntries defines own properties, so a node named __proto__ is kept like any other.
	const nodes: Record<string, PlacedNode> = Object.fromEntries(
		(result.children ?? []).map((child) => [
			child.id,
			{
				id: child.id,
				x: round(child.x),
				y: round(child.y),
				width: round(child.width),
				height: round(child.height)
			}
		])
	);
	const edges: Record<string, PlacedEdge> = Object.fromEntries(
		(result.edges ?? []).map((edge) => [edge.id, placeEdge(edge)])
	);
	return { width: round(result.width), height: round(result.height), nodes, edges };
}

export async function layoutWith(elk: ElkLayouter, input: LayoutInput): Promise<Layout> {
	return fromElk(await elk.layout(toElkGraph(input)));
}
