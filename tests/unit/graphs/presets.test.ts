import { describe, expect, it } from 'vitest';
import { Tape, type Value } from '$lib/engine';
import { foldGraph } from '$lib/graphs/fold';
import { BIG_MLP, PRESETS, presetById, seededRandom } from '$lib/graphs/presets';
import { textbookNetwork } from '$lib/graphs/textbook';
import { expectClose, loadTorchCases } from '../engine/support';

function evaluated(root: Value) {
	const tape = Tape.of(root);
	tape.evaluate();
	const byName = new Map<string, { value: number; grad: number }>();
	tape.nodes.forEach((v, i) => {
		if (v.label) byName.set(v.label, { value: tape.values[i], grad: tape.grads[i] });
	});
	return { tape, output: tape.values[tape.size - 1], byName };
}

function build(id: string): Value {
	const preset = presetById(id);
	if (!preset) throw new Error(`no preset ${id}`);
	return preset.build();
}

/** Per node in topological order: op, name, exponent, value, inputs. */
function shape(root: Value) {
	const tape = Tape.of(root);
	return tape.nodes.map((v, i) => [
		v.op,
		v.label,
		v.k,
		v.data,
		tape.inputIndex(i, 0),
		tape.inputIndex(i, 1)
	]);
}

const torch = new Map(loadTorchCases().map((c) => [c.name, c]));

/** Output value and every input gradient as PyTorch computed them. */
function expectTorchCase(id: string, caseName: string) {
	const c = torch.get(caseName)!;
	const { output, byName } = evaluated(build(id));
	expectClose(output, c.values[c.output], `${id} output`);
	for (const [name, g] of Object.entries(c.grads)) {
		expectClose(byName.get(name)?.grad ?? 0, g, `${id} grad ${name}`);
	}
}

describe('presets', () => {
	it('are eight, with distinct ids, the chapter’s network first', () => {
		expect(PRESETS.map((p) => p.id)).toEqual([
			'textbook',
			'neuron',
			'micrograd',
			'mlp',
			'softmax',
			'shared',
			'diamond',
			'big-mlp'
		]);
		for (const p of PRESETS) {
			expect(p.title.length).toBeGreaterThan(0);
			expect(p.description.length).toBeGreaterThan(0);
		}
		expect(presetById('nope')).toBeUndefined();
	});

	it('build a fresh graph each time', () => {
		for (const p of PRESETS) expect(p.build()).not.toBe(p.build());
	});

	it('textbook is textbookNetwork()', () => {
		expect(shape(build('textbook'))).toEqual(shape(textbookNetwork()));
		expect(evaluated(build('textbook')).output).toBe(0.2166434998109707);
	});

	it('neuron has micrograd lecture’s numbers: o = 0.7071', () => {
		expectTorchCase('neuron', 'lecture_neuron_tanh');
		expect(evaluated(build('neuron')).output.toFixed(4)).toBe('0.7071');
	});

	it('micrograd gives the README’s g = 24.7041, a.grad = 138.8338, b.grad = 645.5773', () => {
		expectTorchCase('micrograd', 'micrograd_test_more_ops');
		const { output, byName } = evaluated(build('micrograd'));
		expect(output.toFixed(4)).toBe('24.7041');
		expect(byName.get('a')!.grad.toFixed(4)).toBe('138.8338');
		expect(byName.get('b')!.grad.toFixed(4)).toBe('645.5773');
	});

	it('mlp, softmax and diamond match PyTorch', () => {
		expectTorchCase('mlp', 'mlp_2_2_1_tanh_mse');
		expectTorchCase('softmax', 'softmax3_cross_entropy');
		expectTorchCase('diamond', 'diamond');
	});

	it('shared: w’s gradient is the sum of what comes back through h1 and h2', () => {
		const { output, byName } = evaluated(build('shared'));
		const [x1, x2, w, y] = [1, -2, 0.5, 1];
		const h1 = Math.tanh(w * x1);
		const h2 = Math.tanh(w * x2);
		const dyhat = 2 * (h1 + h2 - y);
		expectClose(output, (h1 + h2 - y) ** 2, 'L');
		const viaH1 = dyhat * (1 - h1 * h1) * x1;
		const viaH2 = dyhat * (1 - h2 * h2) * x2;
		expectClose(byName.get('w')!.grad, viaH1 + viaH2, 'dL/dw');
		// Both edges from w are drawn in the named view.
		const drawn = foldGraph(Tape.of(build('shared')));
		expect(drawn.edges.map((e) => e.id).filter((id) => id.startsWith('w->'))).toEqual([
			'w->h1',
			'w->h2'
		]);
	});

	it('name the quantities the named view shows', () => {
		const ids = (id: string) =>
			foldGraph(Tape.of(build(id)))
				.nodes.map((n) => n.id)
				.sort();
		expect(ids('neuron')).toEqual(['b', 'n', 'o', 'w1', 'w2', 'x1', 'x2']);
		expect(ids('micrograd')).toEqual(['a', 'b', 'c', 'c1', 'c2', 'd', 'd1', 'd2', 'e', 'f', 'g']);
		expect(ids('softmax')).toEqual(
			[
				...['x1', 'x2', 'w11', 'w12', 'b1', 'w21', 'w22', 'b2', 'w31', 'w32', 'b3'],
				...['z1', 'z2', 'z3', 'e1', 'e2', 'e3', 's', 'p3', 'L']
			].sort()
		);
		expect(ids('diamond')).toEqual(['L', 'a', 'b', 'c', 'e', 'x', 'y']);
	});
});

describe('the big MLP preset', () => {
	const root = build('big-mlp');
	const { tape, output, byName } = evaluated(root);
	const value = (name: string) => byName.get(name)!.value;

	it('has 1,124 nodes, 390 inputs and weights, and needs zooming in the named view too', () => {
		expect(tape.size).toBe(1124);
		expect(tape.nodes.filter((v) => v.op === 'leaf' && !v.isConstant)).toHaveLength(390);
		expect(foldGraph(tape).nodes.length).toBeGreaterThan(500);
	});

	it('computes what its names say: p3 = tanh(wp3_1·x1 + … + bp3), and so on', () => {
		let from = ['x1', 'x2', 'x3', 'x4'];
		for (const [l, letter] of ['p', 'q', 'r'].entries()) {
			const units = Array.from({ length: BIG_MLP.hidden[l] }, (_, j) => `${letter}${j + 1}`);
			for (const u of units) {
				const z = from.reduce(
					(sum, x, i) => sum + value(`w${u}_${i + 1}`) * value(x),
					value(`b${u}`)
				);
				expectClose(value(u), Math.tanh(z), u);
				// Scaled weights keep units out of saturation, so gradients are not all ~0.
				expect(Math.abs(z)).toBeLessThan(3);
			}
			from = units;
		}
		const yhat = from.reduce((sum, r, i) => sum + value(`wy_${i + 1}`) * value(r), value('by'));
		expectClose(value('yhat'), yhat, 'yhat');
		expectClose(output, (yhat - value('y')) ** 2, 'L');
	});

	it('is the same every time (seeded weights, rounded to 0.01)', () => {
		expect(shape(build('big-mlp'))).toEqual(shape(root));
		const weights = tape.nodes.filter((v) => v.label?.startsWith('w'));
		expect(weights.every((v) => Math.abs(v.data * 100 - Math.round(v.data * 100)) < 1e-9)).toBe(
			true
		);
		expect(new Set(weights.map((v) => v.data)).size).toBeGreaterThan(50);
	});
});

describe('seededRandom', () => {
	it('repeats for a seed, differs between seeds, stays in [0, 1)', () => {
		const a = seededRandom(7);
		const b = seededRandom(7);
		const c = seededRandom(8);
		const xs = Array.from({ length: 1000 }, () => a());
		expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
		expect(c()).not.toBe(xs[0]);
		expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
		const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
		expect(mean).toBeGreaterThan(0.45);
		expect(mean).toBeLessThan(0.55);
	});
});
