import type { Value } from '$lib/engine';
import type { ViewMode } from '$lib/graphs/fold';
import { layoutInputOf } from '$lib/graphs/layout-input';
import { structureKey, type Layout } from '$lib/layout/types';
import { explainStep, type Explanation } from '$lib/timeline/explain';
import { frameAt, type Frame } from '$lib/timeline/timeline';
import { Explorer } from './explorer.svelte';
import { Player } from './player.svelte';

export interface PrecomputedLayout {
	key: string;
	layout: Layout;
}

/** A learner's answer checked against a node's gradient, drawn on that node. */
export interface NodeCheck {
	status: 'right' | 'wrong';
	/** as text, ready to show */
	expected: string;
	got: string;
}

/**
 * What the page shows: one explored graph, its layout, and the player walking its timeline.
 * The page opens at the end of the timeline (every value and gradient on screen); Home goes
 * back to the start for stepping.
 */
export class Session {
	explorer: Explorer = $state.raw()!;
	layout: Layout | null = $state.raw(null);
	layoutError: string | null = $state(null);
	readonly player = new Player(() => this.explorer.steps.length);

	/** The frame at the current position. */
	readonly frame: Frame = $derived(
		frameAt(this.explorer.graph, this.explorer.steps, this.player.position)
	);

	/** What nodes show: while a step's markers travel, the numbers they carry have not landed. */
	readonly shown: Frame = $derived(
		this.player.progress >= 1 || this.player.position === 0
			? this.frame
			: frameAt(this.explorer.graph, this.explorer.steps, this.player.position - 1)
	);

	readonly equations: Explanation[] = $derived.by(() => {
		void this.explorer.version;
		return explainStep(this.explorer.graph, this.frame.step, this.explorer.numbers);
	});

	#checks: { explorer: Explorer; version: number; marks: Record<string, NodeCheck> } | null =
		$state.raw(null);

	/** Checks by node id; they hold for the values they were made with and vanish when those change. */
	get checks(): Record<string, NodeCheck> {
		const c = this.#checks;
		return c && c.explorer === this.explorer && c.version === this.explorer.version ? c.marks : {};
	}

	setChecks(marks: Record<string, NodeCheck>): void {
		this.#checks = { explorer: this.explorer, version: this.explorer.version, marks };
	}

	clearChecks(): void {
		this.#checks = null;
	}

	#precomputed: PrecomputedLayout[];

	constructor(root: Value, precomputed: PrecomputedLayout[] = [], mode: ViewMode = 'named') {
		this.#precomputed = precomputed;
		this.explorer = new Explorer(root, mode);
		this.player.position = this.explorer.steps.length;
		this.layout = this.#findPrecomputed();
	}

	/** Lay out the current structure in the browser if no precomputed layout fits it. */
	async ensureLayout(): Promise<void> {
		if (this.layout) return;
		const input = layoutInputOf(this.explorer.graph);
		try {
			const { layoutInBrowser } = await import('$lib/layout/browser');
			this.layout = await layoutInBrowser(input);
			this.layoutError = null;
		} catch (error) {
			if (error instanceof Error && error.name === 'AbortError') return;
			this.layoutError = `The graph could not be laid out: ${error instanceof Error ? error.message : String(error)}`;
		}
	}

	#findPrecomputed(): Layout | null {
		const key = structureKey(layoutInputOf(this.explorer.graph));
		return this.#precomputed.find((p) => p.key === key)?.layout ?? null;
	}
}
