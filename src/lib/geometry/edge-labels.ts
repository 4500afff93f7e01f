import type { Point } from '$lib/layout/types';
import { polylineLength } from './polyline';
import { textWidth } from './text-width';

export interface Rect {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** One label to place: the path of its edge and the size of its box (see labelSize). */
export interface LabelRequest {
	points: readonly Point[];
	width: number;
	height: number;
}

/** A placed label: its box, and where its text goes (centred, `y` is the baseline). */
export interface PlacedLabel {
	box: Rect;
	x: number;
	y: number;
}

// The font's ascent and descent in ems (DejaVu Sans; other sans fonts are within these), and the
// halo the label's stroke paints around its glyphs.
const ASCENT = 0.93;
const DESCENT = 0.24;
const HALO = 3;

/** The box a label's text takes, halo included: "×0.6682" in the edge labels' bold sans. */
export function labelSize(text: string, fontSize: number): { width: number; height: number } {
	return {
		width: textWidth(text, fontSize) + 2 * HALO,
		height: (ASCENT + DESCENT) * fontSize + 2 * HALO
	};
}

export interface PlaceOptions {
	/** room kept between a label and its edge's line, and between a label and any box */
	gap?: number;
	/** tried positions along the edge: the middle, then this many each way towards the ends */
	steps?: number;
	/** labels stay inside this (the drawing), when given */
	bounds?: Rect;
}

/**
 * Places each label beside its edge so that no two labels overlap and none overlaps a box in
 * `obstacles`: the middle of the edge first, then points further along it each way, on the
 * preferred side (above a horizontal run, right of a vertical one) then the other; then the same
 * further out from the line. Labels are placed in order, each avoiding the ones before. Where
 * every position collides, the one overlapping least wins. Deterministic; no DOM.
 */
export function placeEdgeLabels(
	labels: readonly LabelRequest[],
	obstacles: readonly Rect[],
	{ gap = 4, steps = 7, bounds }: PlaceOptions = {}
): PlacedLabel[] {
	const placed: Rect[] = [];
	return labels.map((label) => {
		let best: Rect | undefined;
		let bestOverlap = Infinity;
		for (const box of candidates(label, gap, steps)) {
			if (bounds && !inside(box, bounds)) continue;
			const overlap = overlapArea(box, obstacles, gap) + overlapArea(box, placed, gap);
			if (overlap < bestOverlap) {
				best = box;
				bestOverlap = overlap;
				if (overlap === 0) break;
			}
		}
		// Nothing fits inside the bounds: the first position, as on an unobstructed graph.
		const box = best ?? candidates(label, gap, steps).next().value!;
		placed.push(box);
		return { box, x: box.x + box.width / 2, y: baseline(box, label.height) };
	});
}

function baseline(box: Rect, height: number): number {
	const fontSize = (height - 2 * HALO) / (ASCENT + DESCENT);
	return box.y + HALO + ASCENT * fontSize;
}

// Fractions along the edge: 0.5, then 0.5 ∓ 1/(2·(steps+1)), … out to just short of the ends.
function fractions(steps: number): number[] {
	const out = [0.5];
	for (let k = 1; k <= steps; k++) {
		const d = k / (2 * (steps + 1));
		out.push(0.5 - d, 0.5 + d);
	}
	return out;
}

function* candidates(label: LabelRequest, gap: number, steps: number): Generator<Rect> {
	const { width, height } = label;
	const ts = fractions(steps);
	// Out from the line: just clear of it, then one and two label heights further.
	for (const further of [0, height + gap, 2 * (height + gap)]) {
		for (const t of ts) {
			const { at, direction } = along(label.points, t);
			const horizontal = Math.abs(direction.x) >= Math.abs(direction.y);
			// Above a horizontal run or right of a vertical one first, then the other side.
			const sides: Point[] = horizontal
				? [
						{ x: 0, y: -1 },
						{ x: 0, y: 1 }
					]
				: [
						{ x: 1, y: 0 },
						{ x: -1, y: 0 }
					];
			for (const n of sides) {
				const reach = (n.x !== 0 ? width : height) / 2 + gap + further;
				const cx = at.x + n.x * reach;
				const cy = at.y + n.y * reach;
				yield { x: cx - width / 2, y: cy - height / 2, width, height };
			}
		}
	}
}

/** The point a fraction t along the polyline by length, and the direction of its segment. */
function along(points: readonly Point[], t: number): { at: Point; direction: Point } {
	const first = points[0] ?? { x: 0, y: 0 };
	let remaining = t * polylineLength(points);
	for (let i = 1; i < points.length; i++) {
		const a = points[i - 1];
		const b = points[i];
		const length = Math.hypot(b.x - a.x, b.y - a.y);
		if (length > 0 && (remaining <= length || i === points.length - 1)) {
			const k = Math.min(remaining / length, 1);
			return {
				at: { x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k },
				direction: { x: (b.x - a.x) / length, y: (b.y - a.y) / length }
			};
		}
		remaining -= length;
	}
	return { at: { x: first.x, y: first.y }, direction: { x: 1, y: 0 } };
}

function inside(box: Rect, bounds: Rect): boolean {
	return (
		box.x >= bounds.x &&
		box.y >= bounds.y &&
		box.x + box.width <= bounds.x + bounds.width &&
		box.y + box.height <= bounds.y + bounds.height
	);
}

/** Total area of `box`, grown by `margin`, that overlaps the rectangles. */
function overlapArea(box: Rect, rects: readonly Rect[], margin: number): number {
	let area = 0;
	for (const r of rects) {
		const w = Math.min(box.x + box.width + margin, r.x + r.width) - Math.max(box.x - margin, r.x);
		const h = Math.min(box.y + box.height + margin, r.y + r.height) - Math.max(box.y - margin, r.y);
		if (w > 0 && h > 0) area += w * h;
	}
	return area;
}

/** Whether two rectangles overlap (touching edges do not). */
export function overlaps(a: Rect, b: Rect): boolean {
	return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The box of a label whose text is centred on `x` with its baseline at `y`, halo included. */
export function labelBoxAt(text: string, fontSize: number, x: number, y: number): Rect {
	const { width, height } = labelSize(text, fontSize);
	return { x: x - width / 2, y: y - ASCENT * fontSize - HALO, width, height };
}

/**
 * Which travelling labels to show in this frame: each whose box clears every box in `obstacles`
 * and every label shown before it. Markers converging on one node would otherwise pile their
 * numbers onto each other and onto the node; a label comes back as soon as its marker is clear.
 */
export function clearLabels(labels: readonly Rect[], obstacles: readonly Rect[]): boolean[] {
	const shown: Rect[] = [];
	return labels.map((label) => {
		const clear =
			!obstacles.some((r) => overlaps(label, r)) && !shown.some((r) => overlaps(label, r));
		if (clear) shown.push(label);
		return clear;
	});
}
