import { formatNumber } from '$lib/format';
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

// A box is as wide as its usual numbers need (−9.9999 and anything narrower, at full size), so the
// chapter's network reads from the back of a room. A wider number (−1.462e−8, −123456.7000, the
// widest any value can print) is condensed into the same room rather than widening every box:
// nothing spills, and the layout never depends on the values, so a drag never re-lays out.
const USUAL_NUMBER = `\u22129.9999`;
const NUMBERS_WIDTH = Math.ceil(
	textWidth(USUAL_NUMBER, BOX_TEXT.valueSize) + 2 * BOX_TEXT.valueInset
);

/** The width of a node's box: room for its usual numbers, and for its name. */
export function nodeWidth(node: DrawnNode): number {
	const name =
		BOX_TEXT.symbolX + textWidth(symbolText(node), BOX_TEXT.symbolSize) + BOX_TEXT.valueInset;
	return Math.max(NODE_WIDTH, NUMBERS_WIDTH, Math.ceil(name));
}

/**
 * The length a box's number must be condensed to (SVG textLength), or undefined when it fits as
 * set. The width estimate errs wide, so a number it passes never spills.
 */
export function condensedLength(text: string, boxWidth: number): number | undefined {
	const room = boxWidth - 2 * BOX_TEXT.valueInset;
	return textWidth(text, BOX_TEXT.valueSize) > room ? room : undefined;
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
