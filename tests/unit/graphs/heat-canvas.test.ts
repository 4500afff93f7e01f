import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeatCanvas } from '$lib/graphs/heat-canvas';
import type { HeatColours } from '$lib/graphs/heatmap';

const COLOURS: HeatColours = { neg: [200, 0, 100], pos: [0, 100, 50], zero: [60, 60, 60] };
const GRID = { rows: 2, cols: 3, cellWidth: 10, cellHeight: 10 };

// Node has no canvas: a context that records what is drawn, and the ImageData it is given.
class RecordedImage {
	constructor(
		readonly data: Uint8ClampedArray,
		readonly width: number,
		readonly height: number
	) {}
}
const hadImageData = 'ImageData' in globalThis;
beforeAll(() => {
	if (!hadImageData) Object.assign(globalThis, { ImageData: RecordedImage });
});
afterAll(() => {
	if (!hadImageData) delete (globalThis as { ImageData?: unknown }).ImageData;
});

function fakeCanvas() {
	const calls: string[] = [];
	const context = {
		putImageData: (image: RecordedImage, x: number, y: number) =>
			calls.push(`put ${image.width}x${image.height} at ${x},${y}`),
		clearRect: (x: number, y: number, w: number, h: number) =>
			calls.push(`clear ${w}x${h} at ${x},${y}`)
	};
	const canvas = { width: 0, height: 0, getContext: () => context };
	return { canvas: canvas as unknown as HTMLCanvasElement, calls };
}

describe('HeatCanvas', () => {
	it('puts each heatmap at its place, scaled to canvas pixels', () => {
		const heat = new HeatCanvas(0.4);
		const { canvas, calls } = fakeCanvas();
		heat.attach(canvas, 100, 50);
		expect([canvas.width, canvas.height]).toEqual([100, 50]);
		heat.paint('W1:value', 25, 50, GRID, [1, -1, 0, 2, 3, -4], COLOURS);
		// 10 units are 4 pixels; (25, 50) rounds to (10, 20)
		expect(calls).toEqual(['put 12x8 at 10,20']);
		expect(heat.sizeFor(1001, 99)).toEqual({ width: 401, height: 40 });
	});

	it('keeps what was painted before the canvas came, and paints it all again on a resize', () => {
		const heat = new HeatCanvas(0.4);
		heat.paint('a', 0, 0, GRID, [1, 2, 3, 4, 5, 6], COLOURS);
		heat.paint('b', 50, 0, GRID, [1, 2, 3, 4, 5, 6], COLOURS);
		const first = fakeCanvas();
		heat.attach(first.canvas, 100, 50);
		expect(first.calls).toEqual(['put 12x8 at 0,0', 'put 12x8 at 20,0']);
		const second = fakeCanvas();
		heat.attach(second.canvas, 200, 80);
		expect(second.calls).toEqual(['put 12x8 at 0,0', 'put 12x8 at 20,0']);
	});

	it('clears a heatmap that goes, and the old place of one that moves', () => {
		const heat = new HeatCanvas(0.4);
		const { canvas, calls } = fakeCanvas();
		heat.attach(canvas, 100, 50);
		heat.paint('a', 0, 0, GRID, [1, 2, 3, 4, 5, 6], COLOURS);
		heat.paint('a', 0, 0, GRID, [6, 5, 4, 3, 2, 1], COLOURS);
		heat.paint('a', 10, 0, GRID, [6, 5, 4, 3, 2, 1], COLOURS);
		heat.clear('a');
		heat.clear('never painted');
		expect(calls).toEqual([
			'put 12x8 at 0,0',
			'put 12x8 at 0,0',
			'clear 12x8 at 0,0',
			'put 12x8 at 4,0',
			'clear 12x8 at 4,0'
		]);
		expect(heat.keys).toEqual([]);
	});

	it('draws nothing once it has let go of its canvas', () => {
		const heat = new HeatCanvas(0.4);
		const { canvas, calls } = fakeCanvas();
		const release = heat.attach(canvas, 100, 50);
		release();
		heat.paint('a', 0, 0, GRID, [1, 2, 3, 4, 5, 6], COLOURS);
		expect(calls).toEqual([]);
		expect(heat.keys).toEqual(['a']);
	});
});
