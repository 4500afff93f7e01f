// How close Tape.evaluate() comes to hand-written code: micrograd's MLP built from Values and
// re-evaluated on a Tape, against the same network as straight-line loops over Float64Arrays.
// Run: node -e "import('vite').then(async ({ runnerImport }) => { const { module } = await runnerImport('./bench/engine.ts', { configFile: false }); console.table(await module.benchEngine([1000, 16000, 100000])); })"
import { Tape, Value } from '../src/lib/engine';
import { seededRandom } from '../src/lib/graphs/random';

export interface Row {
	nodes: number;
	/** median of Tape.evaluate() (values and grads), in milliseconds */
	engineMs: number;
	/** median of the flat loop doing the same forward and backward */
	flatMs: number;
	ratio: number;
}

const NIN = 16;

/** MLP(16, [w, w, 1]) against a target; sizes are node counts, each met by the closest width. */
export async function benchEngine(sizes: number[], runs = 200): Promise<Row[]> {
	const rows: Row[] = [];
	for (const size of sizes) {
		const net = randomNet([NIN, ...hiddenFor(size), 1], 1);
		const { root, weights, biases } = buildValues(net);
		const tape = Tape.of(root);
		const flat = new FlatMlp(net);
		tape.evaluate();
		flat.run();
		check(tape, flat, weights, biases);

		// Several calls per sample, so small graphs are not timed at the clock's resolution.
		const reps = Math.max(1, Math.round(200_000 / tape.size));
		const engine = () => tape.evaluate();
		const bound = () => flat.run();
		for (let i = 0; i < runs; i++) {
			time(engine, reps);
			time(bound, reps);
		}
		// Interleaved so that drift (turbo, other load) hits both sides alike.
		const engineTimes: number[] = [];
		const flatTimes: number[] = [];
		for (let i = 0; i < runs; i++) {
			engineTimes.push(time(engine, reps));
			flatTimes.push(time(bound, reps));
		}
		const engineMs = median(engineTimes);
		const flatMs = median(flatTimes);
		rows.push({ nodes: tape.size, engineMs, flatMs, ratio: engineMs / flatMs });
		await new Promise((resolve) => setTimeout(resolve, 0));
	}
	return rows;
}

/** Nodes of MLP(nin, [w, w, 1]) with its loss: per neuron m weights, a bias, m muls, m adds and
 *  an activation on hidden layers; plus the inputs, the target, the sub and the pow. */
export function mlpNodes(nin: number, w: number): number {
	const neuron = (m: number, act: number) => 3 * m + 1 + act;
	return nin + 1 + w * neuron(nin, 1) + w * neuron(w, 1) + neuron(w, 0) + 2;
}

function hiddenFor(size: number): number[] {
	let best = 1;
	for (let w = 1; mlpNodes(NIN, w - 1) <= size; w++) {
		if (Math.abs(mlpNodes(NIN, w) - size) < Math.abs(mlpNodes(NIN, best) - size)) best = w;
	}
	return [best, best];
}

interface Net {
	/** layer sizes, inputs first */
	sizes: number[];
	/** per layer, weights row-major (neuron j, input i at j * fanIn + i) */
	w: Float64Array[];
	b: Float64Array[];
	x: Float64Array;
	y: number;
}

function randomNet(sizes: number[], seed: number): Net {
	const random = seededRandom(seed);
	const uniform = (n: number) => Float64Array.from({ length: n }, () => 2 * random() - 1);
	const w: Float64Array[] = [];
	const b: Float64Array[] = [];
	for (let l = 1; l < sizes.length; l++) {
		w.push(uniform(sizes[l] * sizes[l - 1]));
		b.push(uniform(sizes[l]));
	}
	return { sizes, w, b, x: uniform(sizes[0]), y: 0.5 };
}

/** micrograd's MLP: act = b + w0*x0 + w1*x1 + ..., tanh on hidden layers, linear output. */
function buildValues(net: Net) {
	const weights: Value[][] = [];
	const biases: Value[][] = [];
	let a = Array.from(net.x, (x) => new Value(x));
	for (let l = 0; l < net.w.length; l++) {
		const fanIn = net.sizes[l];
		const hidden = l < net.w.length - 1;
		const lw: Value[] = [];
		const lb: Value[] = [];
		const next: Value[] = [];
		for (let j = 0; j < net.sizes[l + 1]; j++) {
			const bias = new Value(net.b[l][j]);
			lb.push(bias);
			let s = bias;
			for (let i = 0; i < fanIn; i++) {
				const wv = new Value(net.w[l][j * fanIn + i]);
				lw.push(wv);
				s = s.add(wv.mul(a[i]));
			}
			next.push(hidden ? s.tanh() : s);
		}
		weights.push(lw);
		biases.push(lb);
		a = next;
	}
	const root = a[0].sub(new Value(net.y)).pow(2);
	return { root, weights, biases };
}

/** The bound: the same forward and backward, written out per layer with no graph at all. */
class FlatMlp {
	readonly net: Net;
	/** activations per layer, inputs first */
	readonly a: Float64Array[];
	readonly da: Float64Array[];
	readonly dw: Float64Array[];
	readonly db: Float64Array[];
	dy = 0;

	constructor(net: Net) {
		this.net = net;
		this.a = net.sizes.map((n, l) => (l === 0 ? net.x : new Float64Array(n)));
		this.da = net.sizes.map((n) => new Float64Array(n));
		this.dw = net.w.map((w) => new Float64Array(w.length));
		this.db = net.b.map((b) => new Float64Array(b.length));
	}

	/** forward and backward; returns the loss */
	run(): number {
		const { sizes, w, b, y } = this.net;
		const { a, da, dw, db } = this;
		const last = w.length - 1;
		for (let l = 0; l <= last; l++) {
			const fanIn = sizes[l];
			const inp = a[l];
			const out = a[l + 1];
			const wl = w[l];
			for (let j = 0; j < sizes[l + 1]; j++) {
				let s = b[l][j];
				for (let i = 0; i < fanIn; i++) s += wl[j * fanIn + i] * inp[i];
				out[j] = l < last ? Math.tanh(s) : s;
			}
		}
		const d = a[last + 1][0] - y;
		const loss = d ** 2;

		da[last + 1][0] = 2 * d;
		this.dy = -2 * d;
		for (let l = last; l >= 0; l--) {
			const fanIn = sizes[l];
			const inp = a[l];
			const out = a[l + 1];
			const dOut = da[l + 1];
			const dIn = da[l];
			const wl = w[l];
			const dwl = dw[l];
			dIn.fill(0);
			for (let j = 0; j < sizes[l + 1]; j++) {
				const ds = l < last ? (1 - out[j] * out[j]) * dOut[j] : dOut[j];
				db[l][j] = ds;
				for (let i = 0; i < fanIn; i++) {
					dwl[j * fanIn + i] = inp[i] * ds;
					dIn[i] += wl[j * fanIn + i] * ds;
				}
			}
		}
		return loss;
	}
}

/** Both sides must compute the same thing, or the comparison means nothing. */
function check(tape: Tape, flat: FlatMlp, weights: Value[][], biases: Value[][]): void {
	const same = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y));
	const grad = (v: Value) => tape.grads[tape.indexOf(v)];
	const ok =
		weights.every((lw, l) => lw.every((v, i) => same(grad(v), flat.dw[l][i]))) &&
		biases.every((lb, l) => lb.every((v, j) => same(grad(v), flat.db[l][j])));
	if (!ok) throw new Error('bench: Tape and flat loop disagree');
}

function time(f: () => unknown, reps: number): number {
	const start = performance.now();
	for (let r = 0; r < reps; r++) f();
	return (performance.now() - start) / reps;
}

function median(xs: number[]): number {
	const s = xs.slice().sort((p, q) => p - q);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
