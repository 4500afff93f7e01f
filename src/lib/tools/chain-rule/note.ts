export interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}

function overlaps(a: Box, b: Box): boolean {
	return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Where to put a note of `size` about `node` so that it hides no node: below, above, right or
 * left of it, inside `bounds`. When every side is taken it straddles the node's bottom edge,
 * over the node's own gradient row (the note repeats that number) rather than over a neighbour.
 */
export function placeNote(
	node: Box,
	size: { width: number; height: number },
	nodes: readonly Box[],
	bounds: { width: number; height: number },
	gap = 10
): { x: number; y: number } {
	const { width, height } = size;
	const cx = node.x + node.width / 2 - width / 2;
	const cy = node.y + node.height / 2 - height / 2;
	const clampX = (x: number) => Math.max(0, Math.min(bounds.width - width, x));
	const candidates = [
		{ x: clampX(cx), y: node.y + node.height + gap },
		{ x: clampX(cx), y: node.y - gap - height },
		{ x: node.x + node.width + gap, y: cy },
		{ x: node.x - gap - width, y: cy }
	];
	const fits = (c: { x: number; y: number }) => {
		const box = { ...c, width, height };
		return (
			c.x >= 0 &&
			c.y >= 0 &&
			c.x + width <= bounds.width &&
			c.y + height <= bounds.height &&
			nodes.every((n) => !overlaps(box, n))
		);
	};
	return candidates.find(fits) ?? { x: clampX(cx), y: node.y + node.height - height / 2 };
}
