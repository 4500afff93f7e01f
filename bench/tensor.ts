// Tensor re-evaluation of the big PyTorch preset: what a slider drag on one of its weights costs.
// The program is the preset itself (src/lib/torch/examples/big_classifier.py), run by the
// project's interpreter as the page runs it; beside it, the same network as straight loops a row
// at a time (no longer a bound: the engine's matmul works on 4 × 4 rows at once, and wins).
// Run: node -e "import('vite').then(async ({ runnerImport }) => { const { module } = await runnerImport('./bench/tensor.ts', { configFile: false, resolve: { alias: { \$lib: process.cwd() + '/src/lib' } } }); console.log(module.benchTensor()); })"
import { readFileSync } from 'node:fs';
import type { Tensor } from '../src/lib/tensor';
import { runProgram } from '../src/lib/torch';

export interface TensorRow {
	parameters: number;
	/** medians of TensorTape.forward(), backward() and evaluate() (both), in milliseconds */
	forwardMs: number;
	backwardMs: number;
	evaluateMs: number;
	/** median of the same forward and backward written as straight loops over Float64Arrays */
	flatMs: number;
	ratio: number;
	/** median of a drag on b2 as the page runs it: setElement, then update() (forward only what
	 *  b2 feeds, the whole backward) */
	updateB2Ms: number;
}

const PRESET = new URL('../src/lib/torch/examples/big_classifier.py', import.meta.url);

/** The preset, run: its tape and the tensors the flat loops need, by their Python names. */
function bigClassifier() {
	const result = runProgram(readFileSync(PRESET, 'utf8'));
	if (!result.ok) throw new Error(`the big classifier preset did not run: ${result.message}`);
	if (!result.tape) throw new Error('the big classifier preset does not call backward()');
	const named = (name: string): Tensor => {
		const found = result.tensors.find((t) => t.named && t.name === name);
		if (!found) throw new Error(`the big classifier preset has no tensor ${name}`);
		return found.tensor;
	};
	const [X, labels, W1, b1, W2, b2] = ['X', 'labels', 'W1', 'b1', 'W2', 'b2'].map(named);
	return {
		tape: result.tape,
		loss: result.root,
		X,
		labels,
		W1,
		b1,
		W2,
		b2,
		parameters: result.leaves.reduce((n, leaf) => n + leaf.tensor.size, 0)
	};
}

export function benchTensor(runs = 60): TensorRow {
	const net = bigClassifier();
	const tape = net.tape;
	const flat = new FlatClassifier(net);
	const forward: number[] = [];
	const backward: number[] = [];
	const evaluate: number[] = [];
	const bound: number[] = [];
	const updateB2: number[] = [];
	// Warm-up, then samples that each move a weight first, as a drag does; interleaved with the
	// flat loops so that drift (turbo, other load) hits both sides alike.
	for (let i = 0; i < 10; i++) {
		tape.evaluate();
		flat.run();
	}
	if (Math.abs(flat.loss - net.loss.item()) > 1e-9 * Math.abs(flat.loss)) {
		throw new Error(`flat loss ${flat.loss} differs from the engine's ${net.loss.item()}`);
	}
	for (let i = 0; i < runs; i++) {
		tape.setElement(net.W1, i, 0.01 * i);
		forward.push(time(() => tape.forward()));
		backward.push(time(() => tape.backward()));
		evaluate.push(time(() => tape.evaluate()));
		bound.push(time(() => flat.run()));
		updateB2.push(
			time(() => {
				tape.setElement(net.b2, i % 10, 0.01 * i);
				tape.update();
			})
		);
	}
	const evaluateMs = median(evaluate);
	const flatMs = median(bound);
	return {
		parameters: net.parameters,
		forwardMs: median(forward),
		backwardMs: median(backward),
		evaluateMs,
		flatMs,
		ratio: evaluateMs / flatMs,
		updateB2Ms: median(updateB2)
	};
}

/** The classifier's forward and backward by hand: the bound the engine is measured against. */
class FlatClassifier {
	loss = 0;
	readonly #x: Float64Array;
	readonly #labels: Float64Array;
	readonly #w1: Float64Array;
	readonly #b1: Float64Array;
	readonly #w2: Float64Array;
	readonly #b2: Float64Array;
	readonly #h = new Float64Array(64 * 128);
	readonly #z = new Float64Array(64 * 10);
	readonly #gz = new Float64Array(64 * 10);
	readonly #gh = new Float64Array(64 * 128);
	readonly #gw1 = new Float64Array(256 * 128);
	readonly #gw2 = new Float64Array(128 * 10);

	constructor(net: ReturnType<typeof bigClassifier>) {
		this.#x = net.X.data;
		this.#labels = net.labels.data;
		[this.#w1, this.#b1, this.#w2, this.#b2] = [net.W1.data, net.b1.data, net.W2.data, net.b2.data];
	}

	run(): void {
		const [x, w1, b1, w2, b2, h, z, gz, gh] = [
			this.#x,
			this.#w1,
			this.#b1,
			this.#w2,
			this.#b2,
			this.#h,
			this.#z,
			this.#gz,
			this.#gh
		];
		affine(h, x, w1, b1, 64, 256, 128);
		for (let k = 0; k < h.length; k++) h[k] = Math.max(0, h[k]);
		affine(z, h, w2, b2, 64, 128, 10);
		// log-softmax and NLL per row; gz = (softmax − one-hot) / 64
		let loss = 0;
		for (let i = 0; i < 64; i++) {
			let max = -Infinity;
			for (let c = 0; c < 10; c++) max = Math.max(max, z[i * 10 + c]);
			let s = 0;
			for (let c = 0; c < 10; c++) s += Math.exp(z[i * 10 + c] - max);
			const y = this.#labels[i];
			loss -= z[i * 10 + y] - max - Math.log(s);
			for (let c = 0; c < 10; c++) {
				gz[i * 10 + c] = (Math.exp(z[i * 10 + c] - max) / s - (c === y ? 1 : 0)) / 64;
			}
		}
		this.loss = loss / 64;
		// gW2 = Hᵀ·gz, gH = gz·W2ᵀ masked by relu, gW1 = Xᵀ·gH (biases: column sums)
		transposedTimes(this.#gw2, h, gz, 64, 128, 10);
		for (let i = 0; i < 64; i++) {
			for (let k = 0; k < 128; k++) {
				let s = 0;
				for (let c = 0; c < 10; c++) s += gz[i * 10 + c] * w2[k * 10 + c];
				gh[i * 128 + k] = h[i * 128 + k] > 0 ? s : 0;
			}
		}
		transposedTimes(this.#gw1, x, gh, 64, 256, 128);
	}
}

/** out (n × m) = a (n × d) · w (d × m) + bias */
function affine(
	out: Float64Array,
	a: Float64Array,
	w: Float64Array,
	bias: Float64Array,
	n: number,
	d: number,
	m: number
) {
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < m; j++) out[i * m + j] = bias[j];
		for (let k = 0; k < d; k++) {
			const aik = a[i * d + k];
			for (let j = 0; j < m; j++) out[i * m + j] += aik * w[k * m + j];
		}
	}
}

/** out (d × m) = aᵀ · g, a (n × d), g (n × m) */
function transposedTimes(
	out: Float64Array,
	a: Float64Array,
	g: Float64Array,
	n: number,
	d: number,
	m: number
) {
	out.fill(0);
	for (let i = 0; i < n; i++) {
		for (let k = 0; k < d; k++) {
			const aik = a[i * d + k];
			for (let j = 0; j < m; j++) out[k * m + j] += aik * g[i * m + j];
		}
	}
}

function time(f: () => void): number {
	const start = performance.now();
	f();
	return performance.now() - start;
}

function median(xs: number[]): number {
	const s = xs.slice().sort((p, q) => p - q);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
