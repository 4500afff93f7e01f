import fc from 'fast-check';
import { describe, it } from 'vitest';
import { Tape, Value, topoOrder } from '$lib/engine';

/** One step of a random graph: an op recipe over earlier nodes (by index, taken modulo). */
interface Step {
	recipe: number;
	a: number;
	b: number;
}

// Each recipe keeps its op in a safe domain: log of squares + 1 or of exp, division by x^2 + 1.
const recipes: ((a: Value, b: Value) => Value)[] = [
	(a, b) => a.add(b),
	(a, b) => a.sub(b),
	(a, b) => a.mul(b),
	(a, b) => a.div(b.mul(b).add(1)),
	(a) => a.pow(2),
	(a) => a.pow(3),
	(a) => a.mul(a).add(1).pow(-1.5),
	(a) => a.mul(a).add(1).pow(0.5),
	(a) => a.neg(),
	(a) => a.exp(),
	(a) => a.mul(a).add(1).log(),
	(a) => a.exp().log(),
	(a) => a.tanh(),
	(a) => a.relu(),
	(a) => a.sigmoid()
];

/** Builds the graph: every step's node feeds the sum at the root, so none is dead. */
function build(leaves: number[], steps: Step[]) {
	const nodes = leaves.map((x, i) => new Value(x, `x${i}`));
	const inputs = nodes.slice();
	let root: Value = Value.constant(0);
	for (const { recipe, a, b } of steps) {
		const v = recipes[recipe](nodes[a % nodes.length], nodes[b % nodes.length]);
		nodes.push(v);
		root = root.add(v);
	}
	return { inputs, root };
}

const leavesArb = fc.array(fc.double({ min: -2, max: 2, noNaN: true }), {
	minLength: 1,
	maxLength: 4
});
const stepsArb = fc.array(
	fc.record({
		recipe: fc.nat({ max: recipes.length - 1 }),
		a: fc.nat({ max: 100 }),
		b: fc.nat({ max: 100 })
	}),
	{ minLength: 1, maxLength: 12 }
);

/** The inputs of relu nodes: a finite difference is only meaningful if none changes sign. */
const reluSides = (root: Value) =>
	topoOrder(root)
		.filter((v) => v.op === 'relu')
		.map((v) => v.inputs[0].data > 0);

describe('random graphs', () => {
	it('autograd gradients agree with central differences', () => {
		fc.assert(
			fc.property(leavesArb, stepsArb, (leaves, steps) => {
				const { inputs, root } = build(leaves, steps);
				// Keep to graphs whose values stay moderate, where differences are accurate.
				fc.pre(topoOrder(root).every((v) => Math.abs(v.data) < 1e3));
				root.backward();
				const tape = Tape.of(root);
				tape.evaluate();
				const sides = reluSides(root).join();

				leaves.forEach((x, i) => {
					const h = 1e-6 * Math.max(1, Math.abs(x));
					const at = (t: number) => build(leaves.with(i, t), steps).root;
					const plus = at(x + h);
					const minus = at(x - h);
					if (reluSides(plus).join() !== sides || reluSides(minus).join() !== sides) return;
					const numeric = (plus.data - minus.data) / (2 * h);
					const analytic = inputs[i].grad;
					const tolerance = 1e-5 * Math.max(1, Math.abs(numeric));
					if (!(Math.abs(analytic - numeric) <= tolerance)) {
						throw new Error(`d/dx${i}: autograd ${analytic}, central difference ${numeric}`);
					}
					const index = tape.indexOf(inputs[i]);
					const fromTape = index >= 0 ? tape.grads[index] : 0; // an unused leaf is not on the tape
					if (fromTape !== analytic) throw new Error(`d/dx${i}: tape ${fromTape} != ${analytic}`);
				});
			}),
			{ numRuns: 500 }
		);
	});
});
