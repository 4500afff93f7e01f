import { describe, expect, it } from 'vitest';
import {
	cssTransform,
	detailedBoxes,
	boundsOf,
	IDENTITY,
	leftEdgeAt,
	maxZoom,
	onScreenBoxes,
	readableZoom,
	revealShift,
	screenRect,
	visibleRect
} from '$lib/geometry/viewport';

const VIEW = { x: -10, y: -10, width: 1000, height: 500 };
const box = (x: number, y: number, width = 100, height = 50) => ({ x, y, width, height });

describe('visibleRect', () => {
	it('is the view itself at the identity', () => {
		expect(visibleRect(IDENTITY, VIEW)).toEqual(VIEW);
	});

	it('shrinks with zoom and moves against the pan', () => {
		expect(visibleRect({ x: -200, y: 100, k: 2 }, VIEW)).toEqual({
			x: 95,
			y: -55,
			width: 500,
			height: 250
		});
	});
});

describe('screenRect', () => {
	it('is the view when the element has its aspect ratio (or no size yet)', () => {
		expect(screenRect(VIEW, 800, 400)).toEqual(VIEW);
		expect(screenRect(VIEW, 0, 0)).toEqual(VIEW);
	});

	it('reaches past a tall drawing on both sides of a wide element', () => {
		// 1000 × 500 shown in 400 × 100 px: 0.2 px per unit, so 2000 units across, centred.
		expect(screenRect(VIEW, 400, 100)).toEqual({ x: -510, y: -10, width: 2000, height: 500 });
		expect(screenRect(VIEW, 100, 100)).toEqual({ x: -10, y: -260, width: 1000, height: 1000 });
	});
});

describe('revealShift', () => {
	const t = { x: 0, y: 0, k: 4 }; // shows x 0…250 minus 2.5, y −2.5…122.5

	it('is null for a box already in view', () => {
		expect(revealShift(IDENTITY, box(200, 200), VIEW)).toBeNull();
		expect(revealShift(t, box(10, 10, 50, 20), VIEW, 20)).toBeNull();
	});

	it('moves the least that brings the box and its margin into view', () => {
		// Right edge 400 + margin 40/4 = 410; visible right edge 247.5.
		expect(revealShift(t, box(300, 10, 100, 20), VIEW, 40)).toEqual({ dx: 162.5, dy: 0 });
		// Above the top: top −50 − 10 = −60; visible top −2.5.
		expect(revealShift(t, box(10, -50, 50, 20), VIEW, 40)).toEqual({ dx: 0, dy: -57.5 });
	});

	it('centres a box too big to fit', () => {
		const shift = revealShift(t, box(0, 0, 600, 20), VIEW)!;
		const after = visibleRect({ ...t, x: t.x - shift.dx * t.k }, VIEW);
		expect(after.x + after.width / 2).toBeCloseTo(300, 9);
	});
});

describe('maxZoom', () => {
	it('allows about four node widths across, at least 4×', () => {
		expect(maxZoom({ x: 0, y: 0, width: 1000, height: 500 }, 150)).toBe(4);
		expect(maxZoom({ x: 0, y: 0, width: 9950, height: 21400 }, 150)).toBeCloseTo(35.67, 2);
	});
});

describe('cssTransform', () => {
	it('translates then scales', () => {
		expect(cssTransform({ x: -20.5, y: 3, k: 2.5 })).toBe('translate(-20.5px, 3px) scale(2.5)');
	});
});

describe('detailedBoxes', () => {
	const view = { x: 0, y: 0, width: 10_000, height: 10_000 };
	const near = { x: 100, y: 100, width: 150, height: 110 };
	const far = { x: 9_000, y: 9_000, width: 150, height: 110 };

	it('writes no text when it would be too small to read', () => {
		// 0.05 px per unit: 30-unit text is 1.5 px on screen.
		expect(detailedBoxes([near, far], IDENTITY, view, 0.05, 30)).toEqual([false, false]);
	});

	it('writes text only into boxes on screen once zoomed in', () => {
		const t = { x: 0, y: 0, k: 10 }; // shows the drawing's top-left 1,000 × 1,000
		expect(detailedBoxes([near, far], t, view, 0.05, 30)).toEqual([true, false]);
	});

	it('writes every box of a small graph that fits the screen', () => {
		const small = { x: 0, y: 0, width: 1000, height: 500 };
		expect(detailedBoxes([near, { ...near, x: 800 }], IDENTITY, small, 0.9, 30)).toEqual([
			true,
			true
		]);
	});

	it('writes the boxes at the sides of a tall drawing in a wide element once zoomed in', () => {
		// A drawing 1,000 wide and 10,000 tall in a 1,000 × 100 px element: 0.01 px per unit at
		// fit, so the element shows x −49,500…50,500. At 100×, panned to the top, it shows the
		// drawing's x 0…1,000 and y 0…100: its whole width, though the drawing is only 1/100 of
		// what the element shows across at fit.
		const tall = { x: 0, y: 0, width: 1000, height: 10_000 };
		const screen = screenRect(tall, 1000, 100);
		const t = { x: -49_500, y: 0, k: 100 };
		expect(visibleRect(t, screen)).toEqual({ x: 0, y: 0, width: 1000, height: 100 });
		const left = { x: 0, y: 0, width: 150, height: 50 };
		const right = { x: 850, y: 0, width: 150, height: 50 };
		const below = { x: 0, y: 2000, width: 150, height: 50 };
		expect(detailedBoxes([left, right, below], t, screen, 0.01, 30)).toEqual([true, true, false]);
	});
});

describe('onScreenBoxes', () => {
	const view = { x: 0, y: 0, width: 10_000, height: 10_000 };
	const t = { x: 0, y: 0, k: 10 }; // shows the drawing's top-left 1,000 × 1,000

	it('keeps what is on screen or within the margin, at any zoom', () => {
		const boxes = [box(100, 100), box(1150, 100), box(1300, 100), box(100, 9000)];
		expect(onScreenBoxes(boxes, t, view)).toEqual([true, true, false, false]);
		expect(onScreenBoxes(boxes, t, view, 0)).toEqual([true, false, false, false]);
		expect(onScreenBoxes(boxes, IDENTITY, view)).toEqual([true, true, true, true]);
	});

	it('takes a straight edge’s flat bounds', () => {
		const flat = boundsOf([
			{ x: 50, y: 500 },
			{ x: 5000, y: 500 }
		]);
		expect(flat).toEqual({ x: 50, y: 500, width: 4950, height: 0 });
		expect(onScreenBoxes([flat], t, view, 0)).toEqual([true]);
		expect(onScreenBoxes([flat], { x: 0, y: -6000, k: 10 }, view, 0)).toEqual([false]);
	});
});

describe('readableZoom', () => {
	const view = { x: -12, y: -12, width: 1024, height: 512 };
	it('is 1 when the text is big enough seen whole', () => {
		expect(readableZoom(view, 1024, 512, 30, 14)).toBe(1);
	});
	it('zooms until the text is minPx on screen', () => {
		// fitted at 360 / 1024 px per unit, 30 units show as 10.55 px: 14 px needs k = 1.327…
		expect(readableZoom(view, 360, 600, 30, 14)).toBeCloseTo((14 * 1024) / (30 * 360), 9);
	});
});

describe('leftEdgeAt', () => {
	it('puts the drawing’s left edge at the screen’s left and keeps its middle', () => {
		const view = { x: -12, y: -12, width: 1024, height: 512 };
		const t = leftEdgeAt(2, view, view);
		expect(2 * view.x + t.x).toBe(view.x);
		const middle = view.y + view.height / 2;
		expect(2 * middle + t.y).toBe(middle);
	});
});
