import { formatNumber, WIDEST_NUMBERS } from '$lib/format';
import { symbolBox, toText } from '$lib/formula/render';
import { textWidth } from '$lib/geometry/text-width';
import type { LayoutInput } from '$lib/layout/types';
import type { DrawnGraph, DrawnNode } from './fold';

/** Box size of a drawn node, in layout units (the SVG scales to fit the screen): at least this. */
export const NODE_WIDTH = 156;
export const NODE_HEIGHT = 110;

/** How a box sets its text (NodeBox reads these): the symbol top left, the numbers right-aligned. */
export const BOX_TEXT = {
	symbolSize: 22.5,
	symbolX: 10,
	valueSize: 30.5,
	/** from the right edge to the numbers' end, and the least room left of them */
	valueInset: 6
} as const;

/** What a node's box shows as its name: the symbol, or the number for a constant. */
export function symbolText(node: DrawnNode): string {
	return node.symbol.kind === 'num'
		? formatNumber(node.symbol.value)
		: toText([symbolBox(node.id)]);
}

// Every box fits the widest text the formatter can print, so no value a drag reaches (−1.462e−8,
// −123456.7000, NaN) spills, and a drag never needs a new layout.
const NUMBERS_WIDTH = Math.ceil(
	Math.max(...WIDEST_NUMBERS.map((t) => textWidth(t, BOX_TEXT.valueSize))) + 2 * BOX_TEXT.valueInset
);

/** The width of a node's box: room for any number, and for its name. */
export function nodeWidth(node: DrawnNode): number {
	const name =
		BOX_TEXT.symbolX + textWidth(symbolText(node), BOX_TEXT.symbolSize) + BOX_TEXT.valueInset;
	return Math.max(NODE_WIDTH, NUMBERS_WIDTH, Math.ceil(name));
}

export function layoutInputOf(graph: DrawnGraph): LayoutInput {
	return {
		nodes: graph.nodes.map((n) => ({ id: n.id, width: nodeWidth(n), height: NODE_HEIGHT })),
		edges: graph.edges.map((e) => ({
			id: e.id,
			source: graph.nodes[e.source].id,
			target: graph.nodes[e.target].id
		}))
	};
}
