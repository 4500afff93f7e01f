import { describe, expect, it } from 'vitest';
import { placeNote, type Box } from '$lib/tools/chain-rule/note';

const box = (x: number, y: number): Box => ({ x, y, width: 100, height: 80 });
const size = { width: 160, height: 50 };
const bounds = { width: 600, height: 400 };

describe('placeNote', () => {
	it('goes under the node when that is free, centred and kept inside the bounds', () => {
		const a = box(200, 0);
		expect(placeNote(a, size, [a], bounds)).toEqual({ x: 170, y: 90 });
		const edge = box(0, 0);
		expect(placeNote(edge, size, [edge], bounds)).toEqual({ x: 0, y: 90 });
	});

	it('goes above, then right, then left when the space below is taken', () => {
		const a = box(200, 150);
		const below = box(200, 250);
		expect(placeNote(a, size, [a, below], bounds)).toEqual({ x: 170, y: 90 });
		const aboveToo = box(200, 50);
		expect(placeNote(a, size, [a, below, aboveToo], bounds)).toEqual({ x: 310, y: 165 });
		const rightToo = box(320, 150);
		expect(placeNote(a, size, [a, below, aboveToo, rightToo], bounds)).toEqual({
			x: 30,
			y: 165
		});
	});

	it('sits over the node’s own bottom edge when every side is taken', () => {
		const a = box(200, 0);
		const others = [box(200, 100), box(310, 0), box(90, 0)];
		expect(placeNote(a, size, [a, ...others], bounds)).toEqual({ x: 170, y: 55 });
	});
});
