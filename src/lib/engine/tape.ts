import { OPS, OP_CODES, sigmoid, type OpName } from './ops';
import type { Value } from './value';
import { topoOrder } from './topo';

const code = (op: OpName) => OP_CODES.indexOf(op);
const LEAF = code('leaf');
const ADD = code('add');
const SUB = code('sub');
const MUL = code('mul');
const DIV = code('div');
const POW = code('pow');
const NEG = code('neg');
const EXP = code('exp');
const LOG = code('log');
const TANH = code('tanh');
const RELU = code('relu');
const SIGMOID = code('sigmoid');
// Superinstructions for the tape only: a mul immediately followed by the add that consumes it
// (every w·x + … of a neuron) runs as one step. Not ops of the graph; codes past OP_CODES.
const MUL_THEN_ADD_LEFT = OP_CODES.length; // add(mul, c)
const MUL_THEN_ADD_RIGHT = OP_CODES.length + 1; // add(c, mul)
/** An op added to OPS without its case here fails at once, not with silent zeros. */
function unknownCode(c: number): Error {
	return new Error(`Tape.evaluate has no case for op ${OP_CODES[c] ?? c}`);
}

/** ints per program step: op, node, input a, input b, and for a fused step the add and its other input */
const STRIDE = 6;

/** Structure compiled once into flat typed arrays; re-evaluation allocates nothing. This is what
 *  a slider drag runs. */
export class Tape {
	/** topological order, root last */
	readonly nodes: readonly Value[];
	readonly values: Float64Array;
	readonly grads: Float64Array;
	readonly size: number;
	readonly #ops: Uint8Array;
	/** input node indices, two slots per node (2*index + slot), -1 when absent */
	readonly #inputs: Int32Array;
	readonly #k: Float64Array;
	readonly #index: Map<Value, number>;
	/** What evaluate() runs, STRIDE ints a step, in topological order: per op node (leaves have
	 *  nothing to do) its op code, its own index and its two input indices; a fused mul-then-add
	 *  step adds the add's index and its other input. One array rather than reading #ops and
	 *  #inputs, because V8 re-checks each typed array a loop reads on every pass (about 20% in
	 *  the MLP bench); fusing halves the dispatches of a neuron's weighted sum (about 25% more). */
	readonly #program: Int32Array;

	private constructor(root: Value) {
		const nodes = topoOrder(root);
		const n = nodes.length;
		this.nodes = nodes;
		this.size = n;
		this.values = new Float64Array(n);
		this.grads = new Float64Array(n);
		this.#ops = new Uint8Array(n);
		this.#inputs = new Int32Array(2 * n).fill(-1);
		this.#k = new Float64Array(n);
		this.#index = new Map();
		const program: number[] = [];
		for (let i = 0; i < n; i++) {
			const v = nodes[i];
			this.#index.set(v, i);
			this.#ops[i] = code(v.op);
			this.#k[i] = v.k;
			this.values[i] = v.data;
			// Inputs come earlier in topological order, so their indices are already known.
			for (let s = 0; s < v.inputs.length; s++) {
				this.#inputs[2 * i + s] = this.#index.get(v.inputs[s])!;
			}
			if (v.op === 'leaf') continue;
			const a = this.#inputs[2 * i];
			const b = this.#inputs[2 * i + 1];
			// Fuse with the step just before when that is the mul this add consumes.
			const last = program.length - STRIDE;
			if (this.#ops[i] === ADD && last >= 0 && program[last] === MUL) {
				const mul = program[last + 1];
				if (b === mul && a !== mul) {
					program[last] = MUL_THEN_ADD_RIGHT;
					program[last + 4] = i;
					program[last + 5] = a;
					continue;
				}
				if (a === mul && b !== mul) {
					program[last] = MUL_THEN_ADD_LEFT;
					program[last + 4] = i;
					program[last + 5] = b;
					continue;
				}
			}
			program.push(this.#ops[i], i, a, b, 0, 0);
		}
		this.#program = Int32Array.from(program);
	}

	static of(root: Value): Tape {
		return new Tape(root);
	}

	/** -1 if absent */
	indexOf(v: Value): number {
		return this.#index.get(v) ?? -1;
	}

	/** set a leaf's value (by node index); does not evaluate */
	setLeaf(index: number, x: number): void {
		if (this.#ops[index] !== LEAF) throw new RangeError(`node ${index} is not a leaf`);
		this.values[index] = x;
	}

	/** forward in topo order then backward seeded with 1 at the root; writes values/grads only */
	evaluate(): void {
		const p = this.#program;
		const end = p.length;
		const ks = this.#k;
		const v = this.values;
		const g = this.grads;

		// The expressions match OPS in ops.ts exactly, so results are bit-identical to Value's.
		for (let j = 0; j < end; j += STRIDE) {
			const i = p[j + 1];
			const a = p[j + 2];
			const b = p[j + 3];
			switch (p[j]) {
				case MUL_THEN_ADD_LEFT:
					v[i] = v[a] * v[b];
					v[p[j + 4]] = v[i] + v[p[j + 5]];
					break;
				case MUL_THEN_ADD_RIGHT:
					v[i] = v[a] * v[b];
					v[p[j + 4]] = v[p[j + 5]] + v[i];
					break;
				case ADD:
					v[i] = v[a] + v[b];
					break;
				case SUB:
					v[i] = v[a] - v[b];
					break;
				case MUL:
					v[i] = v[a] * v[b];
					break;
				case DIV:
					v[i] = v[a] / v[b];
					break;
				case POW:
					v[i] = v[a] ** ks[i];
					break;
				case NEG:
					v[i] = -v[a];
					break;
				case EXP:
					v[i] = Math.exp(v[a]);
					break;
				case LOG:
					v[i] = Math.log(v[a]);
					break;
				case TANH:
					v[i] = Math.tanh(v[a]);
					break;
				case RELU:
					v[i] = Math.max(0, v[a]);
					break;
				case SIGMOID:
					v[i] = sigmoid(v[a]);
					break;
				default:
					throw unknownCode(p[j]);
			}
		}

		g.fill(0);
		g[this.size - 1] = 1; // the root is last
		for (let j = end - STRIDE; j >= 0; j -= STRIDE) {
			const i = p[j + 1];
			const a = p[j + 2];
			const b = p[j + 3];
			switch (p[j]) {
				// The add's step, then the mul's, in that order: the same sums as unfused.
				case MUL_THEN_ADD_LEFT: {
					const gs = g[p[j + 4]];
					g[i] += gs;
					g[p[j + 5]] += gs;
					const gm = g[i];
					g[a] += v[b] * gm;
					g[b] += v[a] * gm;
					continue;
				}
				case MUL_THEN_ADD_RIGHT: {
					const gs = g[p[j + 4]];
					g[p[j + 5]] += gs;
					g[i] += gs;
					const gm = g[i];
					g[a] += v[b] * gm;
					g[b] += v[a] * gm;
					continue;
				}
			}
			const gi = g[i];
			switch (p[j]) {
				case ADD:
					g[a] += gi;
					g[b] += gi;
					break;
				case SUB:
					g[a] += gi;
					g[b] += -1 * gi;
					break;
				case MUL:
					g[a] += v[b] * gi;
					g[b] += v[a] * gi;
					break;
				case DIV:
					g[a] += (1 / v[b]) * gi;
					g[b] += (-v[a] / (v[b] * v[b])) * gi;
					break;
				case POW:
					g[a] += ks[i] * v[a] ** (ks[i] - 1) * gi;
					break;
				case NEG:
					g[a] += -1 * gi;
					break;
				case EXP:
					g[a] += v[i] * gi;
					break;
				case LOG:
					g[a] += (1 / v[a]) * gi;
					break;
				case TANH:
					g[a] += (1 - v[i] * v[i]) * gi;
					break;
				case RELU:
					g[a] += (v[a] > 0 ? 1 : 0) * gi;
					break;
				case SIGMOID:
					g[a] += v[i] * (1 - v[i]) * gi;
					break;
				default:
					throw unknownCode(p[j]);
			}
		}
	}

	/** copy values/grads back into the Value objects (data, grad) */
	syncToValues(): void {
		for (let i = 0; i < this.size; i++) {
			this.nodes[i].data = this.values[i];
			this.nodes[i].grad = this.grads[i];
		}
	}

	/** local partial d(node)/d(its input slot), from the current arrays */
	localPartial(index: number, slot: number): number {
		const op = OPS[this.nodes[index].op];
		if (slot < 0 || slot >= op.arity) throw new RangeError(`${op.name} has no input ${slot}`);
		const a = this.values[this.#inputs[2 * index]];
		const b = op.arity === 2 ? this.values[this.#inputs[2 * index + 1]] : 0;
		return op.partial(slot, a, b, this.values[index], this.#k[index]);
	}

	/** index of input `slot` of node `index`, -1 when absent */
	inputIndex(index: number, slot: number): number {
		if (slot !== 0 && slot !== 1) return -1;
		return this.#inputs[2 * index + slot];
	}
}
