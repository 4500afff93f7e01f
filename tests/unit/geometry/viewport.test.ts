import { describe, expect, it } from 'vitest';
import {
	cssTransform,
	detailedBoxes,
	IDENTITY,
	maxZoom,
	revealShift,
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
});
