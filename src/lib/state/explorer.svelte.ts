import { Tape, type Value } from '$lib/engine';
import { edgePartials, foldGraph, type DrawnGraph, type ViewMode } from '$lib/graphs/fold';
import { countOps, type OpCount } from '$lib/graphs/opcount';
import { sliderRange } from '$lib/input/number';
import type { Numbers } from '$lib/timeline/explain';
import { buildTimeline, type Step } from '$lib/timeline/timeline';

export interface Parameter {
	id: string;
	node: number;
	initial: number;
	min: number;
	max: number;
	step: number;
}

/**
 * One graph being explored: its structure (tape, drawn graph, timeline) is fixed; its values
 * change with the sliders. The engine mutates typed arrays in place, so runes cannot see the
 * change: `#version` is bumped after each evaluation, and every way to the numbers (the tape,
 * `numbers`, `value`, `grad`, `partial`) reads it, so no view can show stale numbers.
 */
export class Explorer {
	readonly graph: DrawnGraph;
	readonly steps: Step[];
	readonly parameters: Parameter[];
	/** operations per pass: structure only, so computed once */
	readonly opCount: OpCount;

	readonly #tape: Tape;
	readonly #numbers: Numbers;

	#version = $state(0);
	/** Each slider's value as its own state, so a drag re-renders one slider, not all of them. */
	#sliderValues: number[] = $state([]);
	readonly #values: Float64Array;
	readonly #grads: Float64Array;
	readonly #partials: Float64Array;

	constructor(root: Value, mode: ViewMode = 'named') {
		const tape = Tape.of(root);
		this.#tape = tape;
		this.opCount = countOps(tape);
		this.graph = foldGraph(tape, mode);
		this.steps = buildTimeline(this.graph);
		this.#values = new Float64Array(this.graph.nodes.length);
		this.#grads = new Float64Array(this.graph.nodes.length);
		this.#partials = new Float64Array(this.graph.edges.length);
		this.#numbers = { values: this.#values, grads: this.#grads, partials: this.#partials };
		this.parameters = this.graph.nodes
			.map((n, node) => ({ n, node }))
			.filter(({ n }) => n.isParameter)
			// In the order the leaves were created (x1, x2, w1, w2, v, y), not traversal order.
			.sort((a, b) => tape.nodes[a.n.tape].id - tape.nodes[b.n.tape].id)
			.map(({ n, node }) => {
				const initial = tape.values[n.tape];
				// The rule for limits (input/number.ts): the range holds the starting value.
				return { id: n.id, node, initial, ...sliderRange(initial), step: 0.01 };
			});
		this.#sliderValues = this.parameters.map((p) => p.initial);
		this.#evaluate();
	}

	/** Counts evaluations: a cache key for work done on one set of numbers. */
	get version(): number {
		return this.#version;
	}

	/** The engine's tape, whose arrays hold the current numbers (reading it tracks them). */
	get tape(): Tape {
		void this.#version;
		return this.#tape;
	}

	/** Every drawn node's value and gradient and every drawn edge's local partial. */
	get numbers(): Numbers {
		void this.#version;
		return this.#numbers;
	}

	value(node: number): number {
		void this.#version;
		return this.#values[node];
	}

	grad(node: number): number {
		void this.#version;
		return this.#grads[node];
	}

	partial(edge: number): number {
		void this.#version;
		return this.#partials[edge];
	}

	/** The value of parameter `index` (in `parameters` order); tracks that slider only. */
	sliderValue(index: number): number {
		return this.#sliderValues[index];
	}

	parameterValue(id: string): number {
		const index = this.parameters.findIndex((q) => q.id === id);
		return index < 0 ? NaN : this.sliderValue(index);
	}

	/** What a slider drag runs: new leaf value, one re-evaluation, no new structure. */
	set(id: string, x: number): void {
		const index = this.parameters.findIndex((q) => q.id === id);
		if (index < 0 || !Number.isFinite(x)) return;
		this.#tape.setLeaf(this.graph.nodes[this.parameters[index].node].tape, x);
		this.#sliderValues[index] = x;
		this.#evaluate();
	}

	setMany(values: Record<string, number>): void {
		this.parameters.forEach((p, index) => {
			const x = values[p.id];
			if (x === undefined || !Number.isFinite(x)) return;
			this.#tape.setLeaf(this.graph.nodes[p.node].tape, x);
			this.#sliderValues[index] = x;
		});
		this.#evaluate();
	}

	reset(): void {
		this.setMany(Object.fromEntries(this.parameters.map((p) => [p.id, p.initial])));
	}

	#evaluate(): void {
		const tape = this.#tape;
		const graph = this.graph;
		tape.evaluate();
		for (let i = 0; i < graph.nodes.length; i++) {
			const t = graph.nodes[i].tape;
			this.#values[i] = tape.values[t];
			this.#grads[i] = tape.grads[t];
		}
		edgePartials(graph, tape, this.#partials);
		this.#version++;
	}
}
