import { describe, expect, it } from 'vitest';
import { line } from 'd3-shape';
import { curveRoundedCorners } from '$lib/geometry/corners';
import { arrowHead, edgePath } from '$lib/geometry/path';

const p = (x: number, y: number) => ({ x, y });

describe('edgePath', () => {
	it('draws a straight edge as one line', () => {
		expect(edgePath([p(0, 1), p(2, 3)])).toBe('M0,1L2,3');
	});

	it('rounds every number to two decimals', () => {
		expect(edgePath([p(1 / 3, 2 / 3), p(5.555, 7.777)])).toBe('M0.33,0.67L5.56,7.78');
	});

	it('rounds the bends of an orthogonal route with arcs of the default radius', () => {
		expect(edgePath([p(0, 0), p(20, 0), p(20, 40), p(60, 40)])).toBe(
			'M0,0L12,0A8,8,0,0,1,20,8L20,32A8,8,0,0,0,28,40L60,40'
		);
	});

	it('shrinks an arc to half of a short segment so bends never overlap', () => {
		expect(edgePath([p(0, 0), p(6, 0), p(6, 40), p(60, 40)])).toBe(
			'M0,0L3,0A3,3,0,0,1,6,3L6,32A8,8,0,0,0,14,40L60,40'
		);
	});

	it('rounds a bend that is not a right angle where the arc touches both segments', () => {
		// 45° turn: the arc starts 8·tan(22.5°) ≈ 3.31 before the bend.
		expect(edgePath([p(0, 0), p(20, 0), p(40, 20)])).toBe(
			'M0,0L16.69,0A8,8,0,0,1,22.34,2.34L40,20'
		);
	});

	it('draws straight through collinear points and sharp where it turns back', () => {
		expect(edgePath([p(0, 0), p(10, 0), p(20, 0)])).toBe('M0,0L10,0L20,0');
		expect(edgePath([p(0, 0), p(20, 0), p(0, 0)])).toBe('M0,0L20,0L0,0');
		expect(edgePath([p(0, 0), p(0, 0), p(20, 0)])).toBe('M0,0L0,0L20,0');
	});

	it('takes another radius, 0 for sharp corners', () => {
		expect(edgePath([p(0, 0), p(20, 0), p(20, 40), p(60, 40)], 0)).toBe('M0,0L20,0L20,40L60,40');
		expect(edgePath([p(0, 0), p(20, 0), p(20, 40)], 4)).toBe('M0,0L16,0A4,4,0,0,1,20,4L20,40');
	});

	it('is empty for no points and a bare move for one', () => {
		expect(edgePath([])).toBe('');
		expect(edgePath([p(0, 1)])).toBe('M0,1');
	});
});

describe('curveRoundedCorners', () => {
	it('works as a curve for any d3 line', () => {
		const path = line().curve(curveRoundedCorners(5)).digits(1);
		expect(
			path([
				[0, 0],
				[10, 0],
				[10, 10]
			])
		).toBe('M0,0L5,0A5,5,0,0,1,10,5L10,10');
	});
});

describe('arrowHead', () => {
	it('puts the tip on the last point, pointing along the last segment', () => {
		expect(arrowHead([p(0, 0), p(100, 0)])).toBe('M100,0L90,4L90,-4Z');
		expect(arrowHead([p(0, 0), p(50, 0), p(50, 80)])).toBe('M50,80L46,70L54,70Z');
	});

	it('follows a diagonal last segment and takes a size', () => {
		// Direction (3, 4) / 5; base centred 5 back from the tip, 2 wide.
		expect(arrowHead([p(0, 0), p(3, 4)], 5, 2)).toBe('M3,4L-0.8,0.6L0.8,-0.6Z');
	});

	it('looks past repeated end points for the direction', () => {
		expect(arrowHead([p(0, 0), p(100, 0), p(100, 0)])).toBe('M100,0L90,4L90,-4Z');
	});

	it('is empty when there is no direction', () => {
		expect(arrowHead([])).toBe('');
		expect(arrowHead([p(1, 1)])).toBe('');
		expect(arrowHead([p(1, 1), p(1, 1)])).toBe('');
	});
});
