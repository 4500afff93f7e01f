import { describe, expect, it } from 'vitest';
import { midpoint, pointAlong, polylineLength, trimEnd } from '$lib/geometry/polyline';

const p = (x: number, y: number) => ({ x, y });
// An L: 30 right, then 40 down. Total length 70.
const bend = [p(0, 0), p(30, 0), p(30, 40)];

describe('polylineLength', () => {
	it('adds up the segments', () => {
		expect(polylineLength(bend)).toBe(70);
		expect(polylineLength([p(0, 0), p(3, 4)])).toBe(5);
	});

	it('is 0 for fewer than two points', () => {
		expect(polylineLength([])).toBe(0);
		expect(polylineLength([p(5, 5)])).toBe(0);
	});
});

describe('pointAlong', () => {
	it('measures by length across bends', () => {
		expect(pointAlong(bend, 0)).toEqual(p(0, 0));
		expect(pointAlong(bend, 3 / 7)).toEqual(p(30, 0));
		expect(pointAlong(bend, 0.5)).toEqual(p(30, 5));
		expect(pointAlong(bend, 1)).toEqual(p(30, 40));
	});

	it('clamps t to [0, 1] and reads NaN as 0', () => {
		expect(pointAlong(bend, -1)).toEqual(p(0, 0));
		expect(pointAlong(bend, 2)).toEqual(p(30, 40));
		expect(pointAlong(bend, NaN)).toEqual(p(0, 0));
	});

	it('skips zero-length segments', () => {
		expect(pointAlong([p(0, 0), p(0, 0), p(10, 0), p(10, 0)], 0.5)).toEqual(p(5, 0));
		expect(pointAlong([p(0, 0), p(0, 0), p(10, 0), p(10, 0)], 1)).toEqual(p(10, 0));
	});

	it('returns a new point, never one of the inputs', () => {
		const points = [p(2, 3)];
		const found = pointAlong(points, 0.5);
		expect(found).toEqual(p(2, 3));
		expect(found).not.toBe(points[0]);
	});

	it('throws for no points', () => {
		expect(() => pointAlong([], 0)).toThrow(RangeError);
	});
});

describe('midpoint', () => {
	it('is halfway by length', () => {
		expect(midpoint(bend)).toEqual(p(30, 5));
		expect(midpoint([p(0, 0), p(10, 20)])).toEqual(p(5, 10));
	});
});

describe('trimEnd', () => {
	it('pulls the end back along the last segment', () => {
		expect(trimEnd(bend, 10)).toEqual([p(0, 0), p(30, 0), p(30, 30)]);
	});

	it('drops bends that fall inside the trimmed part', () => {
		expect(trimEnd(bend, 50)).toEqual([p(0, 0), p(20, 0)]);
		expect(trimEnd(bend, 40)).toEqual([p(0, 0), p(30, 0)]);
	});

	it('keeps only the start when trimming the whole length, and copies for 0', () => {
		expect(trimEnd(bend, 70)).toEqual([p(0, 0)]);
		const same = trimEnd(bend, 0);
		expect(same).toEqual(bend);
		expect(same[0]).not.toBe(bend[0]);
	});
});
