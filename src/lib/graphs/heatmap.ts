/**
 * A large tensor drawn as a heatmap: its elements averaged in blocks down to a small grid, each
 * cell coloured by sign and shaded by magnitude, painted as pixels into a canvas (a drag on the
 * big classifier repaints a dozen of them; as SVG paths that cost a third of a frame). And the
 * way back from a point on the heatmap to the element under it, for the readout on hover.
 */

export interface HeatGrid {
	rows: number;
	cols: number;
	/** a cell's size in the box, in SVG units */
	cellWidth: number;
	cellHeight: number;
}

export type Sign = 'neg' | 'pos' | 'zero';

/** RGB, 0–255 */
export type Rgb = readonly [number, number, number];

/** The colours of a sign, resolved from the theme's CSS variables. */
export type HeatColours = Readonly<Record<Sign, Rgb>>;

/** Canvas pixels a heatmap cell takes across: room for the dash that marks a negative one. */
export const HEAT_CELL_PIXELS = 4;

const HEAT_LEVELS = 16;

/** Block averages of a rows × cols matrix down to a grid of at most that many cells. */
export function heatmapCells(
	data: ArrayLike<number>,
	rows: number,
	cols: number,
	grid: { rows: number; cols: number }
): Float64Array {
	const cells = new Float64Array(grid.rows * grid.cols);
	// Which grid column each column falls in, and how many columns each grid column takes:
	// worked out once, not per element (W1 has 32,768 of them, summed on every drag).
	const cellOfCol = new Int32Array(cols);
	const colsIn = new Float64Array(grid.cols);
	for (let c = 0; c < cols; c++) {
		cellOfCol[c] = Math.floor((c * grid.cols) / cols);
		colsIn[cellOfCol[c]]++;
	}
	const rowsIn = new Float64Array(grid.rows);
	for (let r = 0; r < rows; r++) {
		const gridRow = Math.floor((r * grid.rows) / rows);
		rowsIn[gridRow]++;
		const base = gridRow * grid.cols;
		const row = r * cols;
		for (let c = 0; c < cols; c++) cells[base + cellOfCol[c]] += data[row + c];
	}
	for (let i = 0; i < cells.length; i++)
		cells[i] /= rowsIn[Math.floor(i / grid.cols)] * colsIn[i % grid.cols];
	return cells;
}

export function signOf(x: number): Sign {
	return x < 0 ? 'neg' : x > 0 ? 'pos' : 'zero';
}

/** A cell's shade, 0–16: its magnitude relative to the largest finite one; ±∞ is the strongest. */
export function heatLevel(x: number, max: number): number {
	if (x === Infinity || x === -Infinity) return HEAT_LEVELS;
	return max > 0 && Number.isFinite(x) ? Math.round((HEAT_LEVELS * Math.abs(x)) / max) : 0;
}

/** A cell's opacity over the box: faint (0.15) for zero, NaN or no scale, 1 for the largest. */
export function heatOpacity(x: number, max: number): number {
	return 0.15 + (0.85 * heatLevel(x, max)) / HEAT_LEVELS;
}

/**
 * The grid's cells as RGBA pixels, row by row, each cell `cell.width` × `cell.height` pixels:
 * ready for putImageData. Colour says the sign; a negative cell also carries a dash across its
 * middle, left clear, so the sign does not rest on colour alone. A NaN is checkered, so it does
 * not pass for a faint zero.
 */
export function heatmapPixels(
	cells: ArrayLike<number>,
	grid: { rows: number; cols: number },
	colours: HeatColours,
	cell: { width: number; height: number }
): Uint8ClampedArray<ArrayBuffer> {
	let max = 0;
	for (let i = 0; i < cells.length; i++)
		if (Number.isFinite(cells[i])) max = Math.max(max, Math.abs(cells[i]));
	const width = grid.cols * cell.width;
	const pixels = new Uint8ClampedArray(width * grid.rows * cell.height * 4);
	const dashRow = Math.floor(cell.height / 2);
	for (let k = 0; k < cells.length; k++) {
		const x = cells[k];
		const sign = signOf(x);
		const [r, g, b] = colours[sign];
		const alpha = Math.round(255 * heatOpacity(x, max));
		const left = (k % grid.cols) * cell.width;
		const top = Math.floor(k / grid.cols) * cell.height;
		const nan = Number.isNaN(x);
		for (let dy = 0; dy < cell.height; dy++) {
			const dash = sign === 'neg' && dy === dashRow;
			for (let dx = 0; dx < cell.width; dx++) {
				const at = ((top + dy) * width + left + dx) * 4;
				pixels[at] = r;
				pixels[at + 1] = g;
				pixels[at + 2] = b;
				if (nan) pixels[at + 3] = (dx + dy) % 2 === 0 ? 255 : 0;
				else pixels[at + 3] = dash && dx > 0 && dx < cell.width - 1 ? 0 : alpha;
			}
		}
	}
	return pixels;
}

/**
 * The element of a rows × cols matrix under a point of its heatmap, the point given as fractions
 * (0 ≤ fx, fy < 1) of the heatmap's width and height: the heatmap spans the whole matrix, so a
 * point inside one cell still picks one element of that cell's block.
 */
export function elementAt(
	rows: number,
	cols: number,
	fx: number,
	fy: number
): { row: number; col: number } {
	const clamp = (f: number, n: number) => Math.min(n - 1, Math.max(0, Math.floor(f * n)));
	return { row: clamp(fy, rows), col: clamp(fx, cols) };
}

/** "#8c2159" or "rgb(140, 33, 89)" as RGB; null for anything else. */
export function parseColour(text: string): Rgb | null {
	const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(text.trim());
	if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16)];
	const rgb = /^rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/.exec(text.trim());
	return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : null;
}
