import type { Value } from '$lib/engine';
import type { DrawnGraph, ViewMode } from '$lib/graphs/fold';
import { layoutInputOf } from '$lib/graphs/layout-input';
import { findNonFinite, type NonFinite } from '$lib/graphs/nonfinite';
import { buildSource, DEFAULT_SOURCE, sameSource, type GraphSource } from '$lib/graphs/source';
import { isAbortError } from '$lib/layout/cache';
import { structureKey, type Layout } from '$lib/layout/types';
import { explainStep, type Explanation } from '$lib/timeline/explain';
import { frameAt, type Frame } from '$lib/timeline/timeline';
import { Quiz } from '$lib/tools/quiz/quiz.svelte';
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

const NO_CHECKS: Record<string, NodeCheck> = Object.freeze(Object.create(null));

/**
 * What the page shows: one explored graph, its layout, and the player walking its timeline.
 * The page opens at the end of the timeline (every value and gradient on screen); Home goes
 * back to the start for stepping.
 */
export class Session {
	explorer: Explorer = $state.raw()!;
	layout: Layout | null = $state.raw(null);
	layoutError: string | null = $state(null);
	/** Where the graph on screen comes from (a preset id or expression text): what a link stores. */
	source: GraphSource = $state.raw(DEFAULT_SOURCE);
	/** Named view (one box per named quantity) or op-level view (one box per primitive op). */
	mode: ViewMode = $state('named');
	/** True while another graph is built and laid out; the current one stays on screen meanwhile. */
	loading = $state(false);
	/** Why the last graph asked for is not on screen (bad expression, layout failure). */
	loadError: string | null = $state(null);
	#request = 0;
	readonly player = new Player(() => this.explorer.steps.length);
	/** Predict, then reveal: hides each next number until it is answered (off by default). */
	readonly quiz: Quiz = new Quiz(this);

	/** The frame at the current position. */
	readonly frame: Frame = $derived(
		frameAt(this.explorer.graph, this.explorer.steps, this.player.position)
	);

	/** False while a step's markers travel: the numbers they carry have not landed yet. */
	readonly landed: boolean = $derived(this.player.progress >= 1 || this.player.position === 0);

	/** What nodes show. Depends on `landed`, not on the tween, so it changes twice per step. */
	readonly shown: Frame = $derived(
		this.landed
			? this.frame
			: frameAt(this.explorer.graph, this.explorer.steps, this.player.position - 1)
	);

	readonly equations: Explanation[] = $derived.by(() => {
		return explainStep(this.explorer.graph, this.frame.step, this.explorer.numbers);
	});

	/** Which nodes show NaN or ∞ and why; null while every number is finite. */
	readonly nonFinite: NonFinite | null = $derived.by(() => {
		const { graph, tape, numbers } = this.explorer;
		return findNonFinite(graph, tape, numbers.partials);
	});

	#checks: { explorer: Explorer; version: number; marks: Record<string, NodeCheck> } | null =
		$state.raw(null);

	/** Checks by node id; they hold for the values they were made with and vanish when those change. */
	get checks(): Record<string, NodeCheck> {
		const c = this.#checks;
		return c && c.explorer === this.explorer && c.version === this.explorer.version
			? c.marks
			: NO_CHECKS;
	}

	setChecks(marks: Record<string, NodeCheck>): void {
		// Without a prototype, so a node named constructor or toString has no check unless given one.
		const own = Object.assign(Object.create(null) as Record<string, NodeCheck>, marks);
		this.#checks = { explorer: this.explorer, version: this.explorer.version, marks: own };
	}

	clearChecks(): void {
		this.#checks = null;
	}

	#precomputed: PrecomputedLayout[];

	constructor(root: Value, precomputed: PrecomputedLayout[] = [], mode: ViewMode = 'named') {
		this.#precomputed = precomputed;
		this.mode = mode;
		this.explorer = new Explorer(root, mode);
		this.player.position = this.explorer.steps.length;
		this.player.intercept = () => this.quiz.intercept();
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

	/**
	 * Show another graph: build it, lay it out (in a worker; cached by structure), then swap it in
	 * at the end of its timeline. Until then the current graph stays; if it fails, the current
	 * graph stays and `loadError` says why. A newer call supersedes an older one still laying out.
	 * Resolves true when the new graph is on screen.
	 */
	async load(
		source: GraphSource,
		options: { mode?: ViewMode; values?: Record<string, number> } = {}
	): Promise<boolean> {
		const built = buildSource(source);
		if (!built.ok) {
			this.loadError = built.error.message;
			return false;
		}
		return this.#show(built.root, source, options.mode ?? this.mode, options.values);
	}

	/** Show a graph built elsewhere (a tensor op opened as scalars); the link keeps its source. */
	showRoot(root: Value): Promise<boolean> {
		return this.#show(root, this.source, this.mode, undefined);
	}

	/** Switch between the named and the op-level view of the same graph, keeping its values. */
	setMode(mode: ViewMode): Promise<boolean> {
		const { explorer } = this;
		if (mode === this.mode) return Promise.resolve(true);
		const values = Object.fromEntries(
			explorer.parameters.map((p) => [p.id, explorer.value(p.node)])
		);
		return this.#show(explorer.tape.nodes[explorer.tape.size - 1], this.source, mode, values);
	}

	toggleMode(): Promise<boolean> {
		return this.setMode(this.mode === 'named' ? 'ops' : 'named');
	}

	async #show(
		root: Value,
		source: GraphSource,
		mode: ViewMode,
		values: Record<string, number> | undefined
	): Promise<boolean> {
		const request = ++this.#request;
		const explorer = new Explorer(root, mode);
		if (values) explorer.setMany(values);
		this.loading = true;
		this.loadError = null;
		try {
			const { layoutInBrowser } = await import('$lib/layout/browser');
			const layout =
				this.#findPrecomputed(explorer.graph) ??
				(await layoutInBrowser(layoutInputOf(explorer.graph)));
			if (request !== this.#request) return false;
			this.explorer = explorer;
			this.layout = layout;
			this.layoutError = null;
			this.mode = mode;
			if (!sameSource(source, this.source)) this.source = source;
			this.player.end();
			return true;
		} catch (error) {
			if (request !== this.#request || isAbortError(error)) return false;
			this.loadError = `The graph could not be laid out: ${error instanceof Error ? error.message : String(error)}`;
			return false;
		} finally {
			if (request === this.#request) this.loading = false;
		}
	}

	#findPrecomputed(graph: DrawnGraph = this.explorer.graph): Layout | null {
		const key = structureKey(layoutInputOf(graph));
		return this.#precomputed.find((p) => p.key === key)?.layout ?? null;
	}
}
