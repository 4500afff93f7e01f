import {
	LEARNING_RATE,
	easeInOutCubic,
	gradientStep,
	interpolateValues,
	isWeight
} from '$lib/tools/descent/descent';
import type { Explorer, Parameter } from '$lib/state/explorer.svelte';

/** The slider values and the loss at one point of the descent. */
export interface DescentPoint {
	values: Record<string, number>;
	loss: number;
}

const STEP_MS = 450;

/**
 * Gradient descent driven by hand: each step moves the weights by −η·∂L/∂θ, tweening the
 * sliders there, and records the loss. The history belongs to one explorer (a new graph starts
 * afresh) and to one unbroken run of steps: moving a slider by hand and stepping again starts a
 * new history from there.
 */
export class Descent {
	learningRate = $state<number>(LEARNING_RATE.initial);
	animating = $state(false);

	#explorer: () => Explorer;
	#reducedMotion: () => boolean;
	#run: { explorer: Explorer; points: DescentPoint[] } | null = $state.raw(null);
	#tween: { explorer: Explorer; target: Record<string, number>; landed: () => void } | null = null;
	#frame = 0;

	/** `reducedMotion` is read at each step: true moves the sliders at once, without a tween. */
	constructor(explorer: () => Explorer, reducedMotion: () => boolean = () => false) {
		this.#explorer = explorer;
		this.#reducedMotion = reducedMotion;
	}

	get explorer(): Explorer {
		return this.#explorer();
	}

	/** The leaves a step moves (see isWeight). */
	get weights(): Parameter[] {
		return this.explorer.parameters.filter((p) => isWeight(p.id));
	}

	/** Where the descent started, then one point per step. Empty before the first step. */
	get points(): DescentPoint[] {
		const run = this.#run;
		return run && run.explorer === this.explorer ? run.points : [];
	}

	get losses(): number[] {
		return this.points.map((p) => p.loss);
	}

	get canUndo(): boolean {
		return this.points.length > 1;
	}

	/** The weights after one step from here: θ − η·∂L/∂θ. */
	get next(): Record<string, number> {
		const ex = this.explorer;
		const weights = this.weights.map((p) => ({
			id: p.id,
			value: ex.value(p.node),
			grad: ex.grad(p.node)
		}));
		return gradientStep(weights, this.learningRate);
	}

	step(): void {
		this.finish();
		const ex = this.explorer;
		const here = this.#here(ex);
		const last = this.points.at(-1);
		if (!last || !sameValues(last.values, here.values))
			this.#run = { explorer: ex, points: [here] };
		this.#moveTo(ex, this.next, () => {
			if (this.#run?.explorer === ex)
				this.#run = { explorer: ex, points: [...this.#run.points, this.#here(ex)] };
		});
	}

	/** Back to the values before the last step. */
	undo(): void {
		this.finish();
		const run = this.#run;
		if (!run || !this.canUndo) return;
		const points = run.points.slice(0, -1);
		this.#run = { explorer: run.explorer, points };
		this.#moveTo(run.explorer, points[points.length - 1].values, () => {});
	}

	/** Back to the values before the first step, and forget the history. */
	reset(): void {
		this.finish();
		const start = this.points[0];
		if (!start) return;
		const ex = this.explorer;
		this.#run = null;
		this.#moveTo(ex, start.values, () => {});
	}

	/** Land a running tween at once. */
	finish(): void {
		const tween = this.#tween;
		if (!tween) return;
		cancelAnimationFrame(this.#frame);
		this.#tween = null;
		this.animating = false;
		tween.explorer.setMany(tween.target);
		tween.landed();
	}

	#here(ex: Explorer): DescentPoint {
		const values = Object.fromEntries(ex.parameters.map((p) => [p.id, ex.value(p.node)]));
		return { values, loss: ex.value(ex.graph.output) };
	}

	#moveTo(ex: Explorer, target: Record<string, number>, landed: () => void): void {
		if (this.#reducedMotion() || typeof requestAnimationFrame !== 'function') {
			ex.setMany(target);
			landed();
			return;
		}
		const from = Object.fromEntries(Object.keys(target).map((id) => [id, ex.parameterValue(id)]));
		this.#tween = { explorer: ex, target, landed };
		this.animating = true;
		const start = performance.now();
		const tick = (now: number) => {
			const t = (now - start) / STEP_MS;
			if (t >= 1) {
				this.finish();
				return;
			}
			ex.setMany(interpolateValues(from, target, easeInOutCubic(Math.max(0, t))));
			this.#frame = requestAnimationFrame(tick);
		};
		this.#frame = requestAnimationFrame(tick);
	}
}

function sameValues(a: Record<string, number>, b: Record<string, number>): boolean {
	const keys = Object.keys(a);
	return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
