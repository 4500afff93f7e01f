import { describe, expect, it } from 'vitest';
import {
	clearLabels,
	labelBoxAt,
	labelSize,
	overlaps,
	placeEdgeLabels,
	type Rect
} from '$lib/geometry/edge-labels';

const p = (x: number, y: number) => ({ x, y });
// A 40 × 20 label on a straight edge from (0, 100) to (200, 100); gap 4.
const horizontal = { points: [p(0, 100), p(200, 100)], width: 40, height: 20 };

describe('labelSize', () => {
	it('is the text’s width and the font’s height, with the halo around both', () => {
		// "×3.0000" in 18 px: × 838, 3 696, . 380, four 0s 696 each, thousandths of an em.
		expect(labelSize('×3.0000', 18)).toEqual({
			width: ((838 + 696 + 380 + 4 * 696) * 18) / 1000 + 6,
			height: 1.17 * 18 + 6
		});
	});
});

describe('placeEdgeLabels', () => {
	it('puts a lone label in the middle, just above a horizontal edge', () => {
		const [label] = placeEdgeLabels([horizontal], []);
		expect(label.box).toEqual({ x: 80, y: 76, width: 40, height: 20 });
		expect(label.x).toBe(100);
	});

	it('puts a label right of a vertical edge', () => {
		const [label] = placeEdgeLabels([{ ...horizontal, points: [p(50, 0), p(50, 200)] }], []);
		expect(label.box).toEqual({ x: 54, y: 90, width: 40, height: 20 });
	});

	it('moves along the edge, away from a box in the middle', () => {
		// The box covers both sides of the line from x = 90 to 110.
		const box: Rect = { x: 90, y: 40, width: 20, height: 120 };
		const [label] = placeEdgeLabels([horizontal], [box]);
		// 0.5, 0.4375, 0.5625, 0.375 and 0.625 of the way touch it; 0.3125 (x = 62.5) is clear.
		expect(label.box).toEqual({ x: 42.5, y: 76, width: 40, height: 20 });
		expect(overlaps(label.box, box)).toBe(false);
	});

	it('keeps labels on edges that share a line apart', () => {
		const [a, b] = placeEdgeLabels([horizontal, horizontal], []);
		expect(a.box).toEqual({ x: 80, y: 76, width: 40, height: 20 });
		// Below the line at the middle, a gap clear of it.
		expect(b.box).toEqual({ x: 80, y: 104, width: 40, height: 20 });
	});

	it('four labels converging on one point stay apart', () => {
		const into = (y: number) => ({
			points: [p(0, y), p(120, y), p(120, 100), p(200, 100)],
			width: 60,
			height: 20
		});
		const placed = placeEdgeLabels([into(0), into(60), into(140), into(200)], []);
		for (let i = 0; i < placed.length; i++)
			for (let j = i + 1; j < placed.length; j++)
				expect(overlaps(placed[i].box, placed[j].box), `${i} and ${j}`).toBe(false);
	});

	it('goes further out from the line when both sides are taken everywhere', () => {
		const above: Rect = { x: -10, y: 50, width: 220, height: 46 };
		const below: Rect = { x: -10, y: 104, width: 220, height: 16 };
		const [label] = placeEdgeLabels([horizontal], [above, below]);
		// A label height and a gap further out: above is still blocked, below clears `below`.
		expect(label.box).toEqual({ x: 80, y: 128, width: 40, height: 20 });
	});

	it('stays inside the bounds', () => {
		const [label] = placeEdgeLabels([{ ...horizontal, points: [p(0, 10), p(200, 10)] }], [], {
			bounds: { x: 0, y: 0, width: 200, height: 200 }
		});
		expect(label.box).toEqual({ x: 80, y: 14, width: 40, height: 20 });
	});

	it('takes the least overlap when nothing is free', () => {
		const wall: Rect = { x: -1000, y: -1000, width: 3000, height: 3000 };
		const [label] = placeEdgeLabels([horizontal], [wall]);
		expect(label.box).toEqual({ x: 80, y: 76, width: 40, height: 20 });
	});

	it('puts the text’s baseline inside its box', () => {
		const size = labelSize('×0.6682', 18);
		const [label] = placeEdgeLabels([{ ...horizontal, ...size }], []);
		expect(label.y).toBeCloseTo(label.box.y + 3 + 0.93 * 18, 10);
	});
});

describe('clearLabels', () => {
	const box = (x: number, y: number, width = 40, height = 20) => ({ x, y, width, height });

	it('shows labels that clear the boxes and each other', () => {
		expect(clearLabels([box(0, 0), box(100, 0)], [box(0, 50)])).toEqual([true, true]);
	});

	it('hides a label on a box, and the later of two that overlap', () => {
		const node = box(200, 0, 100, 60);
		expect(clearLabels([box(210, 10), box(0, 0), box(20, 5)], [node])).toEqual([
			false,
			true,
			false
		]);
	});

	it('lets a hidden label take no room, so one where it would be still shows', () => {
		const node = box(0, 0, 30, 30);
		expect(clearLabels([box(20, 20), box(45, 25)], [node])).toEqual([false, true]);
	});

	it('places a label box around its centred text, baseline at y', () => {
		const r = labelBoxAt('×1', 20, 100, 50);
		expect(r.x + r.width / 2).toBeCloseTo(100);
		expect(r.y).toBeLessThan(50 - 15);
		expect(r.y + r.height).toBeGreaterThan(50);
	});
});
