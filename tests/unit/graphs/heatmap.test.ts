import { describe, expect, it } from 'vitest';
import {
	elementAt,
	heatmapCells,
	heatmapPixels,
	heatOpacity,
	parseColour,
	type HeatColours
} from '$lib/graphs/heatmap';

const COLOURS: HeatColours = { neg: [200, 0, 100], pos: [0, 100, 50], zero: [60, 60, 60] };
const CELL = { width: 4, height: 4 };

describe('heatmap cells', () => {
	it('averages blocks of a matrix into the heatmap’s cells', () => {
		const data = Float64Array.from({ length: 12 }, (_, k) => k); // 3 × 4
		expect(Array.from(heatmapCells(data, 3, 4, { rows: 3, cols: 2 }))).toEqual([
			0.5, 2.5, 4.5, 6.5, 8.5, 10.5
		]);
		expect(Array.from(heatmapCells(data, 3, 4, { rows: 1, cols: 1 }))).toEqual([5.5]);
	});

	it('averages uneven blocks: 5 × 7 into 2 × 3 cells', () => {
		const data = Float64Array.from({ length: 35 }, (_, k) => (k * k) % 11);
		// rows 0–2 | 3–4, columns 0–2 | 3–4 | 5–6, as floor(index · cells / size) splits them
		const mean = (rs: number[], cs: number[]) =>
			rs.flatMap((r) => cs.map((c) => data[r * 7 + c])).reduce((a, b) => a + b) /
			(rs.length * cs.length);
		const [top, bottom] = [
			[0, 1, 2],
			[3, 4]
		];
		const [left, middle, right] = [
			[0, 1, 2],
			[3, 4],
			[5, 6]
		];
		const cells = Array.from(heatmapCells(data, 5, 7, { rows: 2, cols: 3 }));
		const expected = [top, bottom].flatMap((rs) => [left, middle, right].map((cs) => mean(rs, cs)));
		cells.forEach((cell, i) => expect(cell).toBeCloseTo(expected[i], 12));
	});
});

describe('heatmap shades and pixels', () => {
	it('shades a cell by its magnitude in sixteen steps, faintly for zero, NaN or no scale', () => {
		expect(heatOpacity(-4, 4)).toBe(1);
		expect(heatOpacity(2, 4)).toBe(0.15 + 0.85 / 2);
		expect(heatOpacity(2.05, 4)).toBe(heatOpacity(2, 4));
		expect(heatOpacity(0, 4)).toBe(0.15);
		expect(heatOpacity(1, 0)).toBe(0.15);
		expect(heatOpacity(NaN, 4)).toBe(0.15);
		// an overflow is as strong as it gets, not as faint as zero
		expect(heatOpacity(-Infinity, 4)).toBe(1);
	});

	/** the RGBA of canvas pixel (x, y) */
	const pixel = (pixels: Uint8ClampedArray, width: number, x: number, y: number) =>
		Array.from(pixels.subarray((y * width + x) * 4, (y * width + x) * 4 + 4));

	it('paints each cell in its sign’s colour, the strongest opaque, and dashes the negative ones', () => {
		const grid = { rows: 1, cols: 3 };
		const pixels = heatmapPixels([-2, 1, 0], grid, COLOURS, CELL);
		const width = 3 * CELL.width;
		expect(pixels.length).toBe(width * CELL.width * 4);
		expect(pixel(pixels, width, 0, 0)).toEqual([200, 0, 100, 255]);
		expect(pixel(pixels, width, CELL.width, 0)).toEqual([
			0,
			100,
			50,
			Math.round(255 * heatOpacity(1, 2))
		]);
		expect(pixel(pixels, width, 2 * CELL.width, 0)).toEqual([60, 60, 60, Math.round(255 * 0.15)]);
		// the dash: the middle row of the negative cell is clear inside its edges, only there
		const middle = CELL.width / 2;
		expect(pixel(pixels, width, 1, middle)[3]).toBe(0);
		expect(pixel(pixels, width, 0, middle)[3]).toBe(255);
		expect(pixel(pixels, width, CELL.width + 1, middle)[3]).toBeGreaterThan(0);
	});

	it('draws a cell as tall as asked: a vector’s cells are twice as tall, the dash still central', () => {
		const pixels = heatmapPixels([-1], { rows: 1, cols: 1 }, COLOURS, { width: 4, height: 8 });
		expect(pixels.length).toBe(4 * 8 * 4);
		const alphas = Array.from({ length: 8 }, (_, y) => pixel(pixels, 4, 1, y)[3]);
		expect(alphas).toEqual([255, 255, 255, 255, 0, 255, 255, 255]);
	});

	it('stays finite with NaN and ±∞ among the cells', () => {
		const pixels = heatmapPixels(
			[NaN, Infinity, -Infinity, 1],
			{ rows: 2, cols: 2 },
			COLOURS,
			CELL
		);
		expect(pixels.every((x) => Number.isInteger(x))).toBe(true);
		const width = 2 * CELL.width;
		// NaN: checkered, opaque and clear by turns, not the faint shade of a zero
		expect(pixel(pixels, width, 0, 0)).toEqual([60, 60, 60, 255]);
		expect(pixel(pixels, width, 1, 0)).toEqual([60, 60, 60, 0]);
		expect(pixel(pixels, width, 1, 1)).toEqual([60, 60, 60, 255]);
		expect(pixel(pixels, width, CELL.width, 0)).toEqual([0, 100, 50, 255]);
	});
});

describe('the element under a point', () => {
	it('maps the heatmap’s area onto the whole matrix, clamped to its edges', () => {
		expect(elementAt(256, 128, 0, 0)).toEqual({ row: 0, col: 0 });
		expect(elementAt(256, 128, 0.5, 0.25)).toEqual({ row: 64, col: 64 });
		expect(elementAt(256, 128, 0.9999, 0.9999)).toEqual({ row: 255, col: 127 });
		expect(elementAt(256, 128, 1, 1.2)).toEqual({ row: 255, col: 127 });
		expect(elementAt(1, 10, -0.1, 0.5)).toEqual({ row: 0, col: 0 });
	});
});

describe('colours from the theme', () => {
	it('reads computed rgb() and hex colours, and nothing else', () => {
		expect(parseColour('rgb(140, 33, 89)')).toEqual([140, 33, 89]);
		expect(parseColour('rgba(0, 92, 67, 0.5)')).toEqual([0, 92, 67]);
		expect(parseColour('#8c2159')).toEqual([140, 33, 89]);
		expect(parseColour('light-dark(#fff, #000)')).toBeNull();
		expect(parseColour('')).toBeNull();
	});
});
