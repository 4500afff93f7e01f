import { Value } from '$lib/engine';
import { seededRandom } from './random';
import { textbookNetwork } from './textbook';

export { seededRandom };

/** A ready-made graph for the menu. `build` makes a fresh graph at its starting values. */
export interface Preset {
	id: string;
	title: string;
	description: string;
	build(): Value;
}

/** Leaves in the order given (so sliders come in that order), named by their keys. */
function leaves<K extends string>(values: Record<K, number>): Record<K, Value> {
	const out = {} as Record<K, Value>;
	for (const name of Object.keys(values) as K[]) out[name] = new Value(values[name], name);
	return out;
}

const c = Value.constant;

// micrograd's lecture: a neuron whose output is exactly tanh(0.8813735870195432) = 1/√2.
function neuron(): Value {
	const { x1, x2, w1, w2, b } = leaves({ x1: 2, x2: 0, w1: -3, w2: 1, b: 6.8813735870195432 });
	const n = x1.mul(w1).add(x2.mul(w2)).add(b).named('n');
	return n.tanh().named('o');
}

// micrograd's README, line by line; each `+=` makes a new name (c1, c2, d1, d2).
function micrograd(): Value {
	const { a, b } = leaves({ a: -4, b: 2 });
	const c0 = a.add(b).named('c');
	const d0 = a.mul(b).add(b.pow(3)).named('d');
	const c1 = c0.add(c0.add(1)).named('c1'); // c += c + 1
	const c2 = c1.add(c(1).add(c1).add(a.neg())).named('c2'); // c += 1 + c + (-a)
	const d1 = d0.add(d0.mul(2).add(b.add(a).relu())).named('d1'); // d += d * 2 + (b + a).relu()
	const d2 = d1.add(c(3).mul(d1).add(b.sub(a).relu())).named('d2'); // d += 3 * d + (b - a).relu()
	const e = c2.sub(d2).named('e');
	const f = e.pow(2).named('f');
	return f.div(2).add(c(10).div(f)).named('g'); // g = f / 2.0; g += 10.0 / f
}

function mlp221(): Value {
	const p = leaves({
		x1: 0.6,
		x2: -0.4,
		w11: 0.3,
		w12: -0.8,
		b1: 0.1,
		w21: 0.5,
		w22: 0.9,
		b2: -0.2,
		v1: 1.2,
		v2: -0.7,
		c: 0.05,
		y: 0.3
	});
	const z1 = p.w11.mul(p.x1).add(p.w12.mul(p.x2)).add(p.b1).named('z1');
	const h1 = z1.tanh().named('h1');
	const z2 = p.w21.mul(p.x1).add(p.w22.mul(p.x2)).add(p.b2).named('z2');
	const h2 = z2.tanh().named('h2');
	const yhat = p.v1.mul(h1).add(p.v2.mul(h2)).add(p.c).named('yhat');
	return yhat.sub(p.y).pow(2).named('L');
}

// Softmax over three scores, then cross-entropy for class 3: L = −log(e₃ / (e₁ + e₂ + e₃)).
function softmax(): Value {
	const p = leaves({
		x1: 0.5,
		x2: -1.2,
		w11: 0.2,
		w12: -0.5,
		b1: 0.1,
		w21: -0.3,
		w22: 0.8,
		b2: 0,
		w31: 1.1,
		w32: 0.4,
		b3: -0.2
	});
	const score = (w1: Value, w2: Value, b: Value, k: number) =>
		w1.mul(p.x1).add(w2.mul(p.x2)).add(b).named(`z${k}`);
	const e1 = score(p.w11, p.w12, p.b1, 1).exp().named('e1');
	const e2 = score(p.w21, p.w22, p.b2, 2).exp().named('e2');
	const e3 = score(p.w31, p.w32, p.b3, 3).exp().named('e3');
	const s = e1.add(e2).add(e3).named('s');
	const p3 = e3.div(s).named('p3');
	return p3.log().neg().named('L');
}

// One weight feeds two units: its gradient is the sum of what comes back along both edges.
function sharedWeight(): Value {
	const { x1, x2, w, y } = leaves({ x1: 1, x2: -2, w: 0.5, y: 1 });
	const h1 = w.mul(x1).tanh().named('h1');
	const h2 = w.mul(x2).tanh().named('h2');
	const yhat = h1.add(h2).named('yhat');
	return yhat.sub(y).pow(2).named('L');
}

// a splits into two paths (b and c) that meet again in e; a also reaches e directly.
function diamond(): Value {
	const { x, y } = leaves({ x: 0.9, y: -0.3 });
	const a = x.mul(y).named('a');
	const b = a.tanh().named('b');
	const cc = a.exp().named('c');
	const e = b.mul(cc).add(a).named('e');
	return e.mul(x).named('L');
}

export const BIG_MLP = { inputs: 4, hidden: [12, 12, 12], seed: 20240607 } as const;

/**
 * 4 inputs, three tanh layers of 12 units (p, q, r), a linear output and squared error: 1,124
 * nodes in the op-level view. Unit p3 is tanh(wp3_1·x1 + … + bp3); weights are seeded random
 * numbers scaled by 1/√(inputs), rounded to 0.01 like a slider step.
 */
function bigMlp(): Value {
	const random = seededRandom(BIG_MLP.seed);
	const inputs = [0.5, -1, 0.25, 0.8];
	let layer = inputs.map((x, i) => new Value(x, `x${i + 1}`));
	const y = new Value(0.5, 'y');
	const letters = ['p', 'q', 'r'];
	const unit = (name: string, from: Value[], weightName: (i: number) => string) => {
		const scale = 1 / Math.sqrt(from.length);
		const weight = () => Math.round((2 * random() - 1) * scale * 100) / 100;
		const term = (i: number) => new Value(weight(), weightName(i + 1)).mul(from[i]);
		let sum = term(0);
		for (let i = 1; i < from.length; i++) sum = sum.add(term(i));
		return sum.add(new Value(weight(), `b${name}`));
	};
	BIG_MLP.hidden.forEach((width, l) => {
		const from = layer;
		layer = Array.from({ length: width }, (_, j) => {
			const name = `${letters[l]}${j + 1}`;
			return unit(name, from, (i) => `w${name}_${i}`)
				.tanh()
				.named(name);
		});
	});
	const yhat = unit('y', layer, (i) => `wy_${i}`).named('yhat');
	return yhat.sub(y).pow(2).named('L');
}

export const PRESETS: readonly Preset[] = [
	{
		id: 'textbook',
		title: 'The chapter’s network',
		description:
			'z = w₁x₁ + w₂x₂, h = σ(z), ŷ = vh, L = (ŷ − y)²: two inputs, a sigmoid unit, squared error.',
		build: () => textbookNetwork()
	},
	{
		id: 'neuron',
		title: 'One tanh neuron',
		description: 'micrograd lecture’s neuron: o = tanh(x₁w₁ + x₂w₂ + b) = 0.7071.',
		build: neuron
	},
	{
		id: 'micrograd',
		title: 'micrograd’s README',
		description: 'The expression from micrograd’s README: g = 24.7041.',
		build: micrograd
	},
	{
		id: 'mlp',
		title: '2-2-1 MLP',
		description: 'Two tanh hidden units, a linear output, squared error.',
		build: mlp221
	},
	{
		id: 'softmax',
		title: 'Softmax + cross-entropy',
		description: 'Three class scores, softmax, and −log of the probability of class 3.',
		build: softmax
	},
	{
		id: 'shared',
		title: 'A weight used twice',
		description: 'w feeds two units: its gradient adds up what comes back along both edges.',
		build: sharedWeight
	},
	{
		id: 'diamond',
		title: 'A diamond',
		description: 'a splits into two paths that meet again: gradients from both add up.',
		build: diamond
	},
	{
		id: 'big-mlp',
		title: 'A bigger MLP (1,124 nodes)',
		description: '4 inputs, three tanh layers of 12 units, one output: zoom and pan to read it.',
		build: bigMlp
	}
];

export function presetById(id: string): Preset | undefined {
	return PRESETS.find((p) => p.id === id);
}
