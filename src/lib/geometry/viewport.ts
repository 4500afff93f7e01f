/**
 * Pan and zoom as numbers. A transform maps a point p of the drawing to k·p + (x, y) in the
 * SVG's viewBox coordinates (as d3-zoom's transforms do); the identity shows the whole drawing,
 * because the viewBox is the drawing's bounds.
 */
export interface Transform {
	x: number;
	y: number;
	k: number;
}

export interface Rect {
	x: number;
	y: number;
	width: number;
	height: number;
}

export const IDENTITY: Transform = { x: 0, y: 0, k: 1 };

/** t as a CSS transform; on SVG content, px are user units and the origin is 0 0. */
export function cssTransform(t: Transform): string {
	return `translate(${t.x}px, ${t.y}px) scale(${t.k})`;
}

/**
 * The part of viewBox coordinates an SVG element of `pxWidth` × `pxHeight` shows when its viewBox
 * is `view`: the default preserveAspectRatio (xMidYMid meet) fits the view and centres it, so the
 * screen reaches past the view on the two sides of the roomier axis.
 */
export function screenRect(view: Rect, pxWidth: number, pxHeight: number): Rect {
	if (!(pxWidth > 0 && pxHeight > 0)) return view;
	const scale = Math.min(pxWidth / view.width, pxHeight / view.height);
	const width = pxWidth / scale;
	const height = pxHeight / scale;
	return {
		x: view.x - (width - view.width) / 2,
		y: view.y - (height - view.height) / 2,
		width,
		height
	};
}

/** The part of the drawing on `screen` (viewBox coordinates) under t, in drawing coordinates. */
export function visibleRect(t: Transform, screen: Rect): Rect {
	return {
		x: (screen.x - t.x) / t.k,
		y: (screen.y - t.y) / t.k,
		width: screen.width / t.k,
		height: screen.height / t.k
	};
}

/**
 * How far (in drawing coordinates) the visible part must move so that `box` and `margin` (in
 * viewBox units) around it are on `screen`: the least movement, or centring a box too big to
 * fit. Null when the box is in view already.
 */
export function revealShift(
	t: Transform,
	box: Rect,
	screen: Rect,
	margin = 0
): { dx: number; dy: number } | null {
	const seen = visibleRect(t, screen);
	const m = margin / t.k;
	const shift = (lo: number, size: number, seenLo: number, seenSize: number): number => {
		if (size + 2 * m > seenSize) return lo + size / 2 - (seenLo + seenSize / 2);
		if (lo - m < seenLo) return lo - m - seenLo;
		if (lo + size + m > seenLo + seenSize) return lo + size + m - (seenLo + seenSize);
		return 0;
	};
	const dx = shift(box.x, box.width, seen.x, seen.width);
	const dy = shift(box.y, box.height, seen.y, seen.height);
	return dx === 0 && dy === 0 ? null : { dx, dy };
}

/**
 * The deepest zoom worth allowing: about four node widths across the screen, and never less
 * than 4× (small graphs need no zoom, but a learner may still want a closer look).
 */
export function maxZoom(view: Rect, nodeWidth: number): number {
	return Math.max(4, Math.max(view.width, view.height) / (4 * nodeWidth));
}

/**
 * Which boxes (drawing coordinates) are on `screen` under t, or within `margin` drawing units
 * of it: what a zoomed-in view needs to draw at all.
 */
export function onScreenBoxes(
	boxes: readonly Rect[],
	t: Transform,
	screen: Rect,
	margin = 200
): boolean[] {
	const seen = visibleRect(t, screen);
	const left = seen.x - margin;
	const top = seen.y - margin;
	const right = seen.x + seen.width + margin;
	const bottom = seen.y + seen.height + margin;
	return boxes.map(
		(b) => b.x < right && b.x + b.width > left && b.y < bottom && b.y + b.height > top
	);
}

/**
 * Level of detail: which boxes are worth writing text into. Text that would be under
 * `minTextPx` on screen is unreadable, and laying it out is what makes a drag slow on a big
 * graph, so it is left out; so is text of boxes off `screen` (with a margin of `margin` drawing
 * units). `pxPerUnit` is screen pixels per drawing unit at zoom 1.
 */
export function detailedBoxes(
	boxes: readonly Rect[],
	t: Transform,
	screen: Rect,
	pxPerUnit: number,
	textUnits: number,
	minTextPx = 6,
	margin = 200
): boolean[] {
	if (textUnits * pxPerUnit * t.k < minTextPx) return boxes.map(() => false);
	return onScreenBoxes(boxes, t, screen, margin);
}

/** The smallest rectangle holding every point. */
export function boundsOf(points: readonly { x: number; y: number }[]): Rect {
	const xs = points.map((p) => p.x);
	const ys = points.map((p) => p.y);
	const x = Math.min(...xs);
	const y = Math.min(...ys);
	return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/**
 * The zoom at which text of `textUnits` (drawing units) is at least `minPx` on screen, for a
 * drawing `view` fitted into pxWidth × pxHeight; 1 when it already is.
 */
export function readableZoom(
	view: Rect,
	pxWidth: number,
	pxHeight: number,
	textUnits: number,
	minPx: number
): number {
	const fit = Math.min(pxWidth / view.width, pxHeight / view.height);
	return Math.max(1, minPx / (textUnits * fit));
}

/** Zoomed in by k, the drawing's left edge at the screen's left, its middle at the middle. */
export function leftEdgeAt(k: number, view: Rect, screen: Rect): Transform {
	const middle = view.y + view.height / 2;
	return { x: screen.x - k * view.x, y: middle - k * middle, k };
}
