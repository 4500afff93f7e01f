import type { Point } from '$lib/layout/types';

/** Total length of the polyline through `points`; 0 for fewer than two points. */
export function polylineLength(points: readonly Point[]): number {
	let length = 0;
	for (let i = 1; i < points.length; i++) {
		length += Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
	}
	return length;
}

/**
 * The point a fraction `t` of the way along the polyline, measured by length (so a marker moves
 * at constant speed across bends). `t` is clamped to [0, 1]; NaN counts as 0.
 */
export function pointAlong(points: readonly Point[], t: number): Point {
	if (points.length === 0) throw new RangeError('pointAlong: no points');
	const fraction = t > 0 ? Math.min(t, 1) : 0;
	let remaining = fraction * polylineLength(points);
	for (let i = 1; i < points.length; i++) {
		const a = points[i - 1];
		const b = points[i];
		const length = Math.hypot(b.x - a.x, b.y - a.y);
		if (length > 0 && remaining <= length) {
			const k = remaining / length;
			return { x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k };
		}
		remaining -= length;
	}
	// Reached only at t = 1 with rounding left over, or when every point coincides.
	const last = fraction > 0 ? points[points.length - 1] : points[0];
	return { x: last.x, y: last.y };
}

/** Halfway along the polyline by length: where an edge's label goes. */
export function midpoint(points: readonly Point[]): Point {
	return pointAlong(points, 0.5);
}

/**
 * The polyline shortened by `distance` at its end, e.g. so a stroke stops at the base of its
 * arrowhead instead of poking through the tip. Keeps at least the first point.
 */
export function trimEnd(points: readonly Point[], distance: number): Point[] {
	const length = polylineLength(points);
	if (points.length < 2 || !(distance > 0)) return points.map(({ x, y }) => ({ x, y }));
	if (distance >= length) return [{ x: points[0].x, y: points[0].y }];
	const end = pointAlong(points, (length - distance) / length);
	const kept: Point[] = [];
	let walked = 0;
	kept.push({ x: points[0].x, y: points[0].y });
	for (let i = 1; i < points.length; i++) {
		walked += Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
		if (walked >= length - distance) break;
		kept.push({ x: points[i].x, y: points[i].y });
	}
	kept.push(end);
	return kept;
}
