import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { Probe } from '$lib/engine/probe';

/**
 * Geometry of the "what the gradient is for" plot: L as a function of one leaf around its
 * current value, the tangent whose slope is the gradient, and the loss-history sparkline.
 * Numbers in, SVG path strings out; Svelte draws them.
 */
export interface PlotPoint {
	x: number;
	y: number;
}

export interface Box {
	width: number;
	height: number;
	/** space kept free for the axes' labels */
	margin: { top: number; right: number; bottom: number; left: number };
}

/** L at n evenly spaced values of the leaf over [lo, hi]; points where L is not finite are left out. */
export function sampleOutput(
	probe: Probe,
	leaf: number,
	[lo, hi]: readonly [number, number],
	n = 81
): PlotPoint[] {
	const points: PlotPoint[] = [];
	const step = n > 1 ? (hi - lo) / (n - 1) : 0;
	for (let j = 0; j < n; j++) {
		const x = lo + step * j;
		const y = probe.outputAt(leaf, x);
		if (Number.isFinite(y)) points.push({ x, y });
	}
	return points;
}

/** The y range to show: every point, padded by a tenth; a flat curve gets a unit-wide band. */
export function outputDomain(points: readonly PlotPoint[]): [number, number] {
	if (points.length === 0) return [0, 1];
	let lo = Infinity;
	let hi = -Infinity;
	for (const p of points) {
		lo = Math.min(lo, p.y);
		hi = Math.max(hi, p.y);
	}
	const pad = hi - lo > 1e-12 ? (hi - lo) / 10 : 0.5;
	return [lo - pad, hi + pad];
}

/**
 * The part of the line through (x0, y0) with the given slope that lies inside the box
 * [xlo, xhi] × [ylo, yhi], as its two end points (left to right), or null if it misses the box.
 */
export function clipLine(
	x0: number,
	y0: number,
	slope: number,
	[xlo, xhi]: readonly [number, number],
	[ylo, yhi]: readonly [number, number]
): [PlotPoint, PlotPoint] | null {
	if (!Number.isFinite(slope) || !Number.isFinite(y0)) return null;
	let a = xlo;
	let b = xhi;
	if (slope !== 0) {
		// The x where the line crosses each horizontal edge, narrowing [a, b].
		const atLo = x0 + (ylo - y0) / slope;
		const atHi = x0 + (yhi - y0) / slope;
		a = Math.max(a, Math.min(atLo, atHi));
		b = Math.min(b, Math.max(atLo, atHi));
	} else if (y0 < ylo || y0 > yhi) return null;
	if (a > b) return null;
	const at = (x: number) => ({ x, y: y0 + slope * (x - x0) });
	return [at(a), at(b)];
}

export interface LossPlot {
	curve: string;
	tangent: string;
	/** the current point, in pixels */
	point: PlotPoint;
	xTicks: { value: number; at: number }[];
	yTicks: { value: number; at: number }[];
}

// Two decimals in every path, as elsewhere: exact strings in tests, short attributes in the page.
const path = line<PlotPoint>(
	(p) => p.x,
	(p) => p.y
).digits(2);

/** Pixel geometry of the plot: the curve, the tangent at (x0, y0) and tick positions. */
export function lossPlot(
	points: readonly PlotPoint[],
	current: PlotPoint,
	slope: number,
	xDomain: readonly [number, number],
	box: Box
): LossPlot {
	const { width, height, margin } = box;
	const yDomain = outputDomain([...points, current]);
	const x = scaleLinear()
		.domain(xDomain)
		.range([margin.left, width - margin.right]);
	const y = scaleLinear()
		.domain(yDomain)
		.range([height - margin.bottom, margin.top]);
	const pixels = (p: PlotPoint) => ({ x: x(p.x), y: y(p.y) });
	const tangent = clipLine(current.x, current.y, slope, xDomain, yDomain);
	return {
		curve: path(points.map(pixels)) ?? '',
		tangent: tangent ? (path(tangent.map(pixels)) ?? '') : '',
		point: pixels(current),
		xTicks: x.ticks(5).map((value) => ({ value, at: x(value) })),
		yTicks: y.ticks(4).map((value) => ({ value, at: y(value) }))
	};
}

const sparkPath = line<PlotPoint>(
	(p) => p.x,
	(p) => p.y
)
	.defined((p) => Number.isFinite(p.y))
	.digits(2);

/**
 * A sparkline through the losses, first at the left. The bottom is 0 (or the lowest loss if
 * that is below 0), so the line shows how far the loss still is from zero. Non-finite losses
 * leave gaps.
 */
export function sparkline(
	losses: readonly number[],
	width: number,
	height: number,
	pad = 4
): { path: string; points: PlotPoint[] } {
	const finite = losses.filter(Number.isFinite);
	if (finite.length === 0) return { path: '', points: [] };
	const lo = Math.min(...finite, 0);
	const hi = Math.max(...finite);
	const x = scaleLinear()
		.domain([0, Math.max(1, losses.length - 1)])
		.range([pad, width - pad]);
	const y = scaleLinear()
		.domain(hi > lo ? [lo, hi] : [lo - 1, hi + 1])
		.range([height - pad, pad]);
	const points = losses.map((l, i) => ({ x: x(i), y: Number.isFinite(l) ? y(l) : NaN }));
	return { path: sparkPath(points) ?? '', points };
}
