import { curveLinearClosed, line } from 'd3-shape';
import type { Point } from '$lib/layout/types';
import { curveRoundedCorners } from './corners';

/** Corner radius for edge bends, in layout units. */
export const EDGE_CORNER_RADIUS = 8;

const x = (p: Point) => p.x;
const y = (p: Point) => p.y;

// Two decimals in every path: exact strings in tests and short `d` attributes in the page.
const defaultEdgeLine = line<Point>(x, y).digits(2).curve(curveRoundedCorners(EDGE_CORNER_RADIUS));
const triangle = line<Point>(x, y).digits(2).curve(curveLinearClosed);

/**
 * SVG path data for an edge: straight segments through the layout's points with rounded bends.
 * Empty for no points.
 */
export function edgePath(points: readonly Point[], cornerRadius = EDGE_CORNER_RADIUS): string {
	const edgeLine =
		cornerRadius === EDGE_CORNER_RADIUS
			? defaultEdgeLine
			: line<Point>(x, y).digits(2).curve(curveRoundedCorners(cornerRadius));
	return edgeLine(points) ?? '';
}

/**
 * SVG path data for a filled triangle whose tip sits on the polyline's last point and which
 * points along its last segment. Empty if the polyline has no direction.
 */
export function arrowHead(points: readonly Point[], length = 10, width = 8): string {
	const tip = points[points.length - 1];
	// Walk back past repeated end points to find the direction the edge arrives from.
	let i = points.length - 2;
	while (i >= 0 && points[i].x === tip?.x && points[i].y === tip?.y) i--;
	if (i < 0) return '';
	const dx = tip.x - points[i].x;
	const dy = tip.y - points[i].y;
	const d = Math.hypot(dx, dy);
	const ux = dx / d;
	const uy = dy / d;
	const bx = tip.x - ux * length;
	const by = tip.y - uy * length;
	const h = width / 2;
	return (
		triangle([
			{ x: tip.x, y: tip.y },
			{ x: bx - uy * h, y: by + ux * h },
			{ x: bx + uy * h, y: by - ux * h }
		]) ?? ''
	);
}
