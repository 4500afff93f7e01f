import type { CurveFactory, CurveGenerator } from 'd3-shape';

type Context = Parameters<CurveFactory>[0];

// Below this a corner is drawn sharp: an arc too small to see only lengthens the path.
const MIN_RADIUS = 0.01;

/**
 * A d3-shape curve for lines that keeps every segment straight and rounds each bend with a
 * circular arc. The radius shrinks where segments are short so arcs never overlap, which keeps
 * orthogonal edge routes readable where they run close together.
 */
export function curveRoundedCorners(radius: number): CurveFactory {
	return (context) => new RoundedCorners(context, radius);
}

class RoundedCorners implements CurveGenerator {
	readonly #context: Context;
	readonly #radius: number;
	#xs: number[] = [];
	#ys: number[] = [];

	constructor(context: Context, radius: number) {
		this.#context = context;
		this.#radius = radius;
	}

	// Only lines use this curve; areas need no special handling.
	areaStart(): void {}
	areaEnd(): void {}

	lineStart(): void {
		this.#xs = [];
		this.#ys = [];
	}

	point(x: number, y: number): void {
		this.#xs.push(x);
		this.#ys.push(y);
	}

	// Each bend needs both neighbours, so points are buffered and drawn when the line ends.
	lineEnd(): void {
		const xs = this.#xs;
		const ys = this.#ys;
		const n = xs.length;
		if (n === 0) return;
		const context = this.#context;
		context.moveTo(xs[0], ys[0]);
		for (let i = 1; i < n - 1; i++) {
			const r = this.#cornerRadius(xs[i - 1], ys[i - 1], xs[i], ys[i], xs[i + 1], ys[i + 1]);
			if (r >= MIN_RADIUS) context.arcTo(xs[i], ys[i], xs[i + 1], ys[i + 1], r);
			else context.lineTo(xs[i], ys[i]);
		}
		if (n > 1) context.lineTo(xs[n - 1], ys[n - 1]);
	}

	// An arc of radius r touches each segment r·tan(θ/2) from the bend (θ = turning angle);
	// keep that within half of either segment so neighbouring bends share it fairly.
	#cornerRadius(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
		const l1 = Math.hypot(bx - ax, by - ay);
		const l2 = Math.hypot(cx - bx, cy - by);
		if (l1 === 0 || l2 === 0) return 0;
		const cos = ((bx - ax) * (cx - bx) + (by - ay) * (cy - by)) / (l1 * l2);
		const tanHalf = Math.tan(Math.acos(Math.max(-1, Math.min(1, cos))) / 2);
		return Math.min(this.#radius, Math.min(l1, l2) / 2 / tanHalf);
	}
}
