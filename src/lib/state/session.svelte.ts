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
