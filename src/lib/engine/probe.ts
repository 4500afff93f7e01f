import { Tape } from './tape';

/**
 * A second tape over the same graph, for asking "what would L be if this leaf were x?" without
 * touching the tape on screen. Before each question it copies every leaf from the source, so it
 * always answers for the source's current values.
 */
export class Probe {
	readonly source: Tape;
	readonly #copy: Tape;
	readonly #leaves: Int32Array;

	constructor(source: Tape) {
		this.source = source;
		// topoOrder is deterministic, so node i of the copy is node i of the source.
		this.#copy = Tape.of(source.nodes[source.size - 1]);
		this.#leaves = Int32Array.from(
			source.nodes.flatMap((v, i) => (v.op === 'leaf' && !v.isConstant ? [i] : []))
		);
	}

	/** The output's value with leaf `leaf` (a tape index) set to x, all other leaves as now. */
	outputAt(leaf: number, x: number): number {
		const copy = this.#copy;
		for (const i of this.#leaves) copy.setLeaf(i, this.source.values[i]);
		copy.setLeaf(leaf, x);
		copy.evaluate();
		return copy.values[copy.size - 1];
	}
}

const probes = new WeakMap<Tape, Probe>();

/** One probe per tape, built on first use (building compiles the graph once more). */
export function probeOf(tape: Tape): Probe {
	let probe = probes.get(tape);
	if (!probe) {
		probe = new Probe(tape);
		probes.set(tape, probe);
	}
	return probe;
}
