import {
	tensorGraph,
	tensorLayoutInput,
	type TensorGraph,
	type TensorNode
} from '$lib/graphs/tensor-graph';
import type { Layout } from '$lib/layout/types';
import { Value } from '$lib/engine';
import { elementLabels, lowerToScalars, TensorTape, type Tensor } from '$lib/tensor';
import {
	buildTensorTimeline,
	explainTensorStep,
	tensorFrameAt,
	type TensorFrame,
	type TensorStep
} from '$lib/timeline/tensor-timeline';
import { errorText, rerun, runProgram, type OutputLine, type ProgramResult } from '$lib/torch';
import { TensorQuiz } from '$lib/tools/quiz/tensor-quiz.svelte';
import type { TensorCheckInput } from '$lib/tools/pytorch/tensor-script';
import { Player } from './player.svelte';

/** One slider: an element of a leaf tensor that requires grad (`w[0]`, `W1[0,1]`). */
export interface ElementParameter {
	/** the slider's accessible name */
	id: string;
	node: number;
	tensor: Tensor;
	flat: number;
	initial: number;
	min: number;
	max: number;
	step: number;
}

/** The sliders of one leaf tensor, folded on the page when there are many. */
export interface ParameterGroup {
	node: TensorNode;
	parameters: ElementParameter[];
	/** where its first slider is in TensorProgram.parameters (a group's sliders are in a row) */
	first: number;
}

const SLIDER_RANGE = 3;
/** Printed lines and asserts follow the sliders this long after the last change. */
const RERUN_DELAY_MS = 200;

export type Built =
	{ ok: true; program: TensorProgram } | { ok: false; message: string; printed: OutputLine[] };

/**
 * A PyTorch program being explored: its graph (structure fixed), the tape that re-evaluates it
 * when a slider moves (values change in place, no new structure, no new layout), the timeline
 * and the player walking it. As with the scalar Explorer, runes cannot see the engine's arrays
 * change, so every way to the numbers reads `#version`.
 */
export class TensorProgram {
	readonly source: string;
	readonly graph: TensorGraph;
	readonly steps: TensorStep[];
	readonly groups: ParameterGroup[];
	readonly parameters: ElementParameter[];
	readonly dtypeNotes: string[];
	readonly player: Player;
	/** predict, then reveal, on this program's steps */
	readonly quiz: TensorQuiz;
	layout: Layout | null = $state.raw(null);
	layoutError: string | null = $state(null);
	/** what the program printed (and its asserts), for the sliders' current values */
	printed: OutputLine[] = $state.raw([]);
	#result: ProgramResult;
	#tape: TensorTape;
	#version = $state(0);
	/** per graph node, bumped when its values change: a drag on b2 leaves X @ W1 alone, and so
	 *  does its box (the gradients all change on every drag and read #version) */
	#valueVersions: number[] = $state([]);
	/** each tensor's place in graph.nodes */
	readonly #nodeOf: Map<Tensor, number>;
	#sliderValues: number[] = $state([]);
	#rerunTimer: ReturnType<typeof setTimeout> | undefined;
	// A cache of what the structure allows, never read reactively.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	readonly #openable = new Map<number, boolean>();
	/** slider id -> place in `parameters`, made on the first drag */
	#indexOf: Map<string, number> | undefined;
	/** which parameters differ from the program's own values (read through #version) */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	readonly #moved = new Set<number>();

	private constructor(source: string, result: ProgramResult) {
		this.source = source;
		this.#result = result;
		this.#tape = result.tape ?? TensorTape.of(result.root);
		// A program that never called backward() still shows its gradients, as if it had.
		if (!result.tape) this.#tape.evaluate();
		this.graph = tensorGraph(this.#tape, result.tensors);
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup table, never state
		this.#nodeOf = new Map(this.graph.nodes.map((n, i) => [n.tensor, i]));
		this.#valueVersions = this.graph.nodes.map(() => 0);
		this.steps = buildTensorTimeline(this.graph, this.#tape);
		this.dtypeNotes = result.dtypeNotes;
		this.printed = result.printed;
		let first = 0;
		this.groups = this.graph.nodes.flatMap((node, index) => {
			if (!node.isParameter) return [];
			const parameters = elementParameters(node, index);
			first += parameters.length;
			return [{ node, parameters, first: first - parameters.length }];
		});
		this.parameters = this.groups.flatMap((g) => g.parameters);
		this.#sliderValues = this.parameters.map((p) => p.initial);
		this.player = new Player(() => this.steps.length, this.steps.length);
		this.quiz = new TensorQuiz(this);
		this.player.intercept = () => this.quiz.intercept();
	}

	/** Runs `source` with the project's interpreter; a message (never an exception) if it fails. */
	static build(source: string): Built {
		const result = runProgram(source);
		if (!result.ok) return { ok: false, message: errorText(result), printed: result.printed };
		try {
			return { ok: true, program: new TensorProgram(source, result) };
		} catch (error) {
			return {
				ok: false,
				message: error instanceof Error ? error.message : String(error),
				printed: result.printed
			};
		}
	}

	/** Lays the graph out; `wrap` cuts a long graph into rows near that width : height. */
	async layOut(wrap?: number): Promise<void> {
		try {
			const { layoutInBrowser } = await import('$lib/layout/browser');
			const input = tensorLayoutInput(this.graph);
			if (wrap !== undefined) input.style = { ...input.style, aspectRatio: wrap };
			this.layout = await layoutInBrowser(input);
			this.layoutError = null;
		} catch (error) {
			if (error instanceof Error && error.name === 'AbortError') return;
			this.layoutError = `The graph could not be laid out: ${error instanceof Error ? error.message : String(error)}`;
		}
	}

	get version(): number {
		return this.#version;
	}

	/** How many times node's values have changed: a drag on b2 leaves X @ W1's alone. */
	valueVersion(node: number): number {
		return this.#valueVersions[node];
	}

	/** A tensor's current values (reading it tracks them, and only them). */
	values(node: number): Float64Array {
		void this.#valueVersions[node];
		return this.graph.nodes[node].tensor.data;
	}

	/** A tensor's current gradient, or null where PyTorch computes none (x, y). */
	grad(node: number): Float64Array | null {
		void this.#version;
		return this.graph.nodes[node].tensor.grad;
	}

	sliderValue(index: number): number {
		return this.#sliderValues[index];
	}

	/**
	 * The elements moved away from the program's own values, as [slider id, value], at most
	 * `limit` of them. One reactive read for all (the big classifier has 34,186 sliders), not one
	 * per slider: the link is rebuilt on every drag.
	 */
	moved(limit: number): [string, number][] {
		void this.#version;
		return [...this.#moved]
			.sort((a, b) => a - b)
			.slice(0, limit)
			.map((i) => [this.parameters[i].id, this.parameters[i].tensor.data[this.parameters[i].flat]]);
	}

	/** What a slider drag runs: one element changed, one re-evaluation, no new structure. */
	set(id: string, x: number): void {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup table, never state
		this.#indexOf ??= new Map(this.parameters.map((p, i) => [p.id, i]));
		const index = this.#indexOf.get(id) ?? -1;
		if (index < 0 || !Number.isFinite(x)) return;
		const p = this.parameters[index];
		this.#tape.setElement(p.tensor, p.flat, x);
		this.#sliderValues[index] = x;
		this.#remember(index, x);
		this.#updated(this.#tape.update());
	}

	setMany(values: Record<string, number>): void {
		this.parameters.forEach((p, index) => {
			const x = values[p.id];
			if (x === undefined || !Number.isFinite(x)) return;
			this.#tape.setElement(p.tensor, p.flat, x);
			this.#sliderValues[index] = x;
			this.#remember(index, x);
		});
		this.#updated(this.#tape.update());
	}

	#updated(tensors: readonly Tensor[]): void {
		for (const t of tensors) {
			const node = this.#nodeOf.get(t);
			if (node !== undefined) this.#valueVersions[node]++;
		}
		this.#version++;
		this.#scheduleRerun();
	}

	reset(): void {
		this.setMany(Object.fromEntries(this.parameters.map((p) => [p.id, p.initial])));
	}

	/** What the PyTorch check is written from: the program, what the page drew with its current
	 *  numbers, and the elements the sliders moved away from the program's own values. */
	get checkInput(): TensorCheckInput {
		void this.#version;
		return {
			program: this.#result.program,
			root: this.#result.root,
			backwardCalled: this.#result.backwardCalled,
			graph: this.graph,
			tape: this.#tape,
			// Only the moved elements: reading all 34,186 reactive slider values costs a frame.
			changes: [...this.#moved]
				.sort((a, b) => a - b)
				.map((index) => {
					const p = this.parameters[index];
					return { tensor: p.tensor, flat: p.flat, value: this.#sliderValues[index] };
				})
		};
	}

	/** The timeline's frame at the player's position, without what the quiz still asks. */
	get frame(): TensorFrame {
		return this.quiz.mask(tensorFrameAt(this.graph, this.steps, this.player.position));
	}

	/** What the current step computes, with the numbers filled in (those the quiz asks left out). */
	get explanation(): string[] {
		void this.#version;
		return this.quiz.visibleLines(explainTensorStep(this.graph, this.frame.step));
	}

	/** Whether the op that made node i is small enough to open as scalars. */
	canOpen(node: number): boolean {
		let known = this.#openable.get(node);
		if (known === undefined) {
			known = lowerToScalars(this.graph.nodes[node].tensor) !== null;
			this.#openable.set(node, known);
		}
		return known;
	}

	/**
	 * The op that made node i as a scalar graph, from the current numbers, for the scalar views.
	 * Its output is the op's outputs weighted by the gradients flowing back into them (the
	 * constants ∂L/∂out[k]), so every input's gradient there is exactly PyTorch's ∂L/∂input.
	 */
	scalarGraph(node: number): Value | null {
		const n = this.graph.nodes[node];
		const lowered = lowerToScalars(n.tensor);
		if (!lowered) return null;
		const upstream = n.tensor.grad;
		const out = this.graph.nodes[this.graph.output].name;
		if (n.isOutput || !upstream) return lowered.outputs.length === 1 ? lowered.outputs[0] : null;
		const weighted = lowered.outputs.map((v, k) => v.mul(Value.constant(upstream[k])));
		return weighted.reduce((sum, v) => sum.add(v)).named(out);
	}

	destroy(): void {
		clearTimeout(this.#rerunTimer);
		this.player.destroy();
	}

	#remember(index: number, x: number): void {
		if (x === this.parameters[index].initial) this.#moved.delete(index);
		else this.#moved.add(index);
	}

	// The printed lines depend on the values; running the program again is cheap but not free,
	// so it follows a drag once the drag rests rather than on every frame.
	#scheduleRerun(): void {
		clearTimeout(this.#rerunTimer);
		this.#rerunTimer = setTimeout(() => {
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- handed to the interpreter, not state
			const overrides = new Map<string, Float64Array>(
				this.groups.map((g) => [g.node.name, Float64Array.from(g.node.tensor.data)])
			);
			const again = rerun(this.#result.program, overrides);
			this.printed = again.printed;
		}, RERUN_DELAY_MS);
	}
}

function elementParameters(node: TensorNode, index: number): ElementParameter[] {
	const t = node.tensor;
	const ids = elementLabels(node.name, t.shape);
	return Array.from(t.data, (initial, flat) => {
		const reach = Math.max(SLIDER_RANGE, Math.ceil(Math.abs(initial)));
		return {
			id: ids[flat],
			node: index,
			tensor: t,
			flat,
			initial,
			min: -reach,
			max: reach,
			step: 0.01
		};
	});
}
