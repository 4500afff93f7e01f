import { Tape, Value } from '$lib/engine';
import { foldGraph } from '$lib/graphs/fold';
import { layoutInputOf } from '$lib/graphs/layout-input';
import type { LayoutInput } from '$lib/layout/types';

/** Nodes of micrograd's MLP(nin, [w, w, 1]) with squared error: per neuron m weights, a bias,
 *  m muls, m adds and an activation on hidden layers; plus the inputs, target, sub and pow. */
function mlpNodes(nin: number, w: number): number {
	const neuron = (m: number, act: number) => 3 * m + 1 + act;
	return nin + 1 + w * neuron(nin, 1) + w * neuron(w, 1) + neuron(w, 0) + 2;
}

/** micrograd's MLP(nin, [w, w, 1]) against a target, tanh on hidden layers; fixed weights. */
export function mlp(nin: number, w: number): Value {
	// Deterministic weights in (-1, 1): the layout only sees structure, but keep runs identical.
	let seed = 1;
	const weight = () => {
		seed = (seed * 16807) % 2147483647;
		return (2 * seed) / 2147483647 - 1;
	};
	let layer = Array.from({ length: nin }, (_, i) => new Value(weight(), `x${i}`));
	for (const [l, width] of [w, w, 1].entries()) {
		layer = Array.from({ length: width }, () => {
			let sum = new Value(weight());
			for (const x of layer) sum = sum.add(new Value(weight()).mul(x));
			return l < 2 ? sum.tanh() : sum;
		});
	}
	return layer[0].sub(new Value(0.5, 'y')).pow(2);
}

/** The MLP whose node count comes closest to `nodes`, as (nin, w). */
export function mlpShapeFor(nodes: number): [number, number] {
	let best: [number, number] = [1, 1];
	for (let nin = 1; nin <= 16; nin++) {
		for (let w = 1; w <= 64; w++) {
			const d = Math.abs(mlpNodes(nin, w) - nodes);
			if (d < Math.abs(mlpNodes(...best) - nodes)) best = [nin, w];
		}
	}
	return best;
}

/**
 * What the page hands ELK for the op-level view of an MLP of about `nodes` nodes. `tag` prefixes
 * every id, so each call is a structure the layout cache has not seen.
 */
export function mlpLayoutInput(nodes: number, tag: string): LayoutInput {
	const input = layoutInputOf(foldGraph(Tape.of(mlp(...mlpShapeFor(nodes))), 'ops'));
	return {
		nodes: input.nodes.map((n) => ({ ...n, id: `${tag}${n.id}` })),
		edges: input.edges.map((e) => ({
			id: `${tag}${e.id}`,
			source: `${tag}${e.source}`,
			target: `${tag}${e.target}`
		}))
	};
}
