import { heatmapPixels, type HeatColours } from './heatmap';

interface Region {
	left: number;
	top: number;
	width: number;
	height: number;
	pixels: Uint8ClampedArray<ArrayBuffer>;
}

/**
 * Every heatmap of a tensor view, painted into one canvas laid over the graph. One canvas, not
 * one per heatmap: the browser gives each canvas a compositor layer, and so does whatever is
 * drawn over one, which on the big classifier cost more per drag than painting the pixels.
 * A heatmap paints its region by key and clears it when it goes; regions painted before the
 * canvas exists, or before it is resized (which wipes it), are painted again then.
 */
export class HeatCanvas {
	/** canvas pixels per unit of the graph's coordinates */
	readonly scale: number;
	#context: CanvasRenderingContext2D | null = null;
	readonly #regions = new Map<string, Region>();

	constructor(scale: number) {
		this.scale = scale;
	}

	/** The canvas size for a graph `width` × `height` units. */
	sizeFor(width: number, height: number): { width: number; height: number } {
		return { width: Math.ceil(width * this.scale), height: Math.ceil(height * this.scale) };
	}

	/** Takes the canvas, at `width` × `height` pixels; the returned function lets go of it. */
	attach(canvas: HTMLCanvasElement, width: number, height: number): () => void {
		canvas.width = width;
		canvas.height = height;
		// Kept in memory rather than on the GPU: repainted a few regions at a time.
		const context = canvas.getContext('2d', { willReadFrequently: true });
		this.#context = context;
		for (const region of this.#regions.values()) this.#put(region);
		return () => {
			if (this.#context === context) this.#context = null;
		};
	}

	/**
	 * Paints `cells` (a rows × cols grid) as the heatmap `key` whose top left is at (x, y) in the
	 * graph's units, each cell cellWidth × cellHeight units.
	 */
	paint(
		key: string,
		x: number,
		y: number,
		grid: { rows: number; cols: number; cellWidth: number; cellHeight: number },
		cells: ArrayLike<number>,
		colours: HeatColours
	): void {
		const cell = {
			width: Math.max(1, Math.round(grid.cellWidth * this.scale)),
			height: Math.max(1, Math.round(grid.cellHeight * this.scale))
		};
		const region: Region = {
			left: Math.round(x * this.scale),
			top: Math.round(y * this.scale),
			width: grid.cols * cell.width,
			height: grid.rows * cell.height,
			pixels: heatmapPixels(cells, grid, colours, cell)
		};
		const before = this.#regions.get(key);
		if (before && !sameRect(before, region)) this.#clear(before);
		this.#regions.set(key, region);
		this.#put(region);
	}

	clear(key: string): void {
		const region = this.#regions.get(key);
		if (!region) return;
		this.#regions.delete(key);
		this.#clear(region);
	}

	/** the keys painted now, for tests */
	get keys(): string[] {
		return [...this.#regions.keys()];
	}

	#put(region: Region): void {
		if (!this.#context || region.width === 0 || region.height === 0) return;
		this.#context.putImageData(
			new ImageData(region.pixels, region.width, region.height),
			region.left,
			region.top
		);
	}

	#clear(region: Region): void {
		this.#context?.clearRect(region.left, region.top, region.width, region.height);
	}
}

const sameRect = (a: Region, b: Region) =>
	a.left === b.left && a.top === b.top && a.width === b.width && a.height === b.height;
