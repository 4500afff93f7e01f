import type { Layout, Point } from '$lib/layout/types';

// Sign of the turn a -> b -> c: 1 left, -1 right, 0 straight.
const turn = (a: Point, b: Point, c: Point) =>
	Math.sign((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x));

const within = (a: number, b: number, v: number) => Math.min(a, b) <= v && v <= Math.max(a, b);
const onSegment = (a: Point, b: Point, p: Point) =>
	turn(a, b, p) === 0 && within(a.x, b.x, p.x) && within(a.y, b.y, p.y);

/** True if the closed segments ab and cd share any point (crossing, touching or overlapping). */
export function segmentsMeet(a: Point, b: Point, c: Point, d: Point): boolean {
	const d1 = turn(a, b, c);
	const d2 = turn(a, b, d);
	const d3 = turn(c, d, a);
	const d4 = turn(c, d, b);
	if (d1 * d2 < 0 && d3 * d4 < 0) return true;
	return onSegment(a, b, c) || onSegment(a, b, d) || onSegment(c, d, a) || onSegment(c, d, b);
}

/** Pairs of edges whose polylines share a point: crossings, but also touches and overlaps. */
export function meetingEdges(layout: Layout): [string, string][] {
	const edges = Object.values(layout.edges);
	const found: [string, string][] = [];
	for (let i = 0; i < edges.length; i++) {
		for (let j = i + 1; j < edges.length; j++) {
			const p = edges[i].points;
			const q = edges[j].points;
			let meet = false;
			for (let s = 1; s < p.length && !meet; s++) {
				for (let t = 1; t < q.length && !meet; t++) {
					meet = segmentsMeet(p[s - 1], p[s], q[t - 1], q[t]);
				}
			}
			if (meet) found.push([edges[i].id, edges[j].id]);
		}
	}
	return found;
}
