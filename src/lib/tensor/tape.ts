import { topoOrder } from '../engine';
import { TENSOR_OPS, type TensorOpName, type TensorOpSpec, type Vjp } from './ops';
import { TensorError } from './shape';
import type { OpAttrs, OpPlan, Tensor } from './tensor';

/** One autograd node as PyTorch's engine runs it during backward. */
export interface BackwardStep {
	/** the tensor whose grad_fn this is (the leaf itself for AccumulateGrad) */
	node: Tensor;
	/** PyTorch's node name: `MulBackward0`, `AccumulateGrad` */
	name: string;
	accumulate: boolean;
	/** the inputs this node sends a gradient to, in input order, with the vjp's formula */
	edges: readonly { input: Tensor; slot: number; formula: string }[];
}

interface ForwardStep {
	spec: TensorOpSpec;
	out: Float64Array;
	ins: readonly Float64Array[];
	plan: OpPlan;
	attrs: OpAttrs;
	/** places in `order` of the inputs and of the output, for update() */
	inputAt: readonly number[];
	outAt: number;
}

interface VjpStep {
	vjp: Vjp;
	gin: Float64Array;
	gout: Float64Array;
	ins: readonly Float64Array[];
	out: Float64Array;
	plan: OpPlan;
	attrs: OpAttrs;
}

/** Every tensor reachable from root, inputs before consumers, deterministic, without recursion;
 *  `expand` says whose inputs to visit (all, unless told). The engine's sort, for tensors. */
export function tensorTopoOrder(root: Tensor, expand?: (t: Tensor) => boolean): Tensor[] {
	return topoOrder(root, expand);
}

/**
 * A tensor program compiled once per structure: every value and grad buffer is allocated when the
 * tape is made, so evaluate() (a slider drag, 60 times a second) allocates nothing. Values are
 * written into each tensor's `data`, gradients into its `grad`.
 */
export class TensorTape {
	readonly root: Tensor;
	/** the graph PyTorch records, topological, root last: the root and everything it was computed
	 *  from, down to leaves in PyTorch's sense (created tensors, and tensors computed from ones
	 *  that require no grad: data, fixed once built, like X = torch.sin(...)) */
	readonly order: readonly Tensor[];
	/** autograd nodes in the order PyTorch's engine runs them */
	readonly backwardOrder: readonly BackwardStep[];
	readonly #forward: readonly ForwardStep[];
	readonly #backward: readonly VjpStep[];
	readonly #grads: readonly Float64Array[];
	/** each tensor's place in `order` */
	readonly #place: ReadonlyMap<Tensor, number>;
	/** by place in `order`: changed since the last forward (a leaf by setElement, then its
	 *  consumers as update() recomputes them) */
	readonly #changed: Uint8Array;

	private constructor(root: Tensor) {
		if (root.size !== 1)
			throw new TensorError('grad can be implicitly created only for scalar outputs');
		this.root = root;
		this.order = tensorTopoOrder(root, (t) => !t.isLeaf);
		this.#place = new Map(this.order.map((t, i) => [t, i]));
		this.#changed = new Uint8Array(this.order.length);
		const grads: Float64Array[] = [];
		for (const t of this.order) {
			if (!t.requiresGrad) continue;
			if (t.grad?.length !== t.size) t.grad = new Float64Array(t.size);
			grads.push(t.grad);
		}
		this.#grads = grads;
		const forward: ForwardStep[] = [];
		const backward: VjpStep[] = [];
		for (const t of this.order) {
			if (t.isLeaf) continue;
			const spec = TENSOR_OPS[t.op as TensorOpName];
			const ins = t.inputs.map((x) => x.data);
			forward.push({
				spec,
				out: t.data,
				ins,
				plan: t.plan,
				attrs: t.attrs,
				inputAt: t.inputs.map((x) => this.#place.get(x)!),
				outAt: this.#place.get(t)!
			});
			if (!t.requiresGrad) continue;
			t.inputs.forEach((x, slot) => {
				const vjp = spec.vjp[slot];
				if (!vjp || !x.requiresGrad) return;
				backward.push({
					vjp,
					gin: x.grad!,
					gout: t.grad!,
					ins,
					out: t.data,
					plan: t.plan,
					attrs: t.attrs
				});
			});
		}
		this.#forward = forward;
		// Consumers before producers; within a node its inputs in order (the sums are the same).
		backward.reverse();
		this.#backward = backward;
		this.backwardOrder = engineOrder(root);
	}

	static of(root: Tensor): TensorTape {
		return new TensorTape(root);
	}

	/** forward in topological order, then backward seeded with 1 at the root */
	evaluate(): void {
		this.forward();
		this.backward();
	}

	forward(): void {
		const steps = this.#forward;
		for (let i = 0; i < steps.length; i++) {
			const s = steps[i];
			s.spec.forward(s.out, s.ins, s.plan, s.attrs);
		}
		this.#changed.fill(0);
	}

	/**
	 * What a slider drag runs after setElement: forward only the ops that the changed leaves
	 * feed (dragging b2 skips X @ W1), then the whole backward (every gradient depends on every
	 * value). The same numbers as evaluate() as long as leaves change only through setElement.
	 * Returns the tensors whose values changed (the leaves set, and what was recomputed), so a
	 * view can redraw only those.
	 */
	update(): Tensor[] {
		const steps = this.#forward;
		const changed = this.#changed;
		for (let i = 0; i < steps.length; i++) {
			const s = steps[i];
			let stale = false;
			for (let k = 0; k < s.inputAt.length; k++) if (changed[s.inputAt[k]]) stale = true;
			if (!stale) continue;
			s.spec.forward(s.out, s.ins, s.plan, s.attrs);
			changed[s.outAt] = 1;
		}
		const updated = this.order.filter((_, place) => changed[place] === 1);
		changed.fill(0);
		this.backward();
		return updated;
	}

	/** gradients from the current values (forward must have run) */
	backward(): void {
		const grads = this.#grads;
		for (let i = 0; i < grads.length; i++) grads[i].fill(0);
		if (!this.root.requiresGrad) return;
		this.root.grad![0] = 1;
		const steps = this.#backward;
		for (let i = 0; i < steps.length; i++) {
			const s = steps[i];
			s.vjp(s.gin, s.gout, s.ins, s.out, s.plan, s.attrs);
		}
	}

	/** set one element of a leaf's values (any leaf of `order`); update() or evaluate() next */
	setElement(leaf: Tensor, flatIndex: number, x: number): void {
		const place = this.#place.get(leaf);
		if (!leaf.isLeaf || place === undefined) {
			throw new RangeError('setElement takes a leaf of this tape');
		}
		if (!Number.isInteger(flatIndex) || flatIndex < 0 || flatIndex >= leaf.size) {
			throw new RangeError(`element ${flatIndex} is outside a tensor of ${leaf.size}`);
		}
		leaf.data[flatIndex] = x;
		this.#changed[place] = 1;
	}
}

/** `root.backward()`: one forward and backward on a fresh tape, with PyTorch's checks. */
export function backward(root: Tensor): TensorTape {
	if (!root.requiresGrad) {
		throw new TensorError('element 0 of tensors does not require grad and does not have a grad_fn');
	}
	const tape = TensorTape.of(root);
	tape.evaluate();
	return tape;
}

/** An autograd node: a non-leaf tensor that requires grad, or a leaf's AccumulateGrad. */
function edgesOf(t: Tensor): BackwardStep['edges'] {
	if (t.op === 'leaf') return [];
	const spec = TENSOR_OPS[t.op as TensorOpName];
	return t.inputs.flatMap((input, slot) =>
		spec.vjp[slot] && input.requiresGrad ? [{ input, slot, formula: spec.vjpFormula[slot] }] : []
	);
}

/**
 * The order PyTorch's engine runs the nodes on one CPU thread: a node is ready once every edge
 * into it has delivered its gradient; the ready queue is a max-heap on sequence number (later
 * nodes first) in which AccumulateGrad has the largest (UINT64_MAX), so it runs as soon as ready.
 * The heap is libstdc++'s std::priority_queue step for step, so ties come out as in PyTorch.
 */
function engineOrder(root: Tensor): BackwardStep[] {
	if (!root.requiresGrad) return [];
	const steps = new Map<Tensor, BackwardStep>();
	const dependencies = new Map<Tensor, number>();
	const stack = [root];
	steps.set(root, stepOf(root));
	while (stack.length > 0) {
		for (const { input } of steps.get(stack.pop()!)!.edges) {
			dependencies.set(input, (dependencies.get(input) ?? 0) + 1);
			if (!steps.has(input)) {
				steps.set(input, stepOf(input));
				stack.push(input);
			}
		}
	}
	const priority = (t: Tensor) => (t.op === 'leaf' ? Infinity : t.id);
	const less = (a: Tensor, b: Tensor) => priority(a) < priority(b);
	const heap: Tensor[] = [root];
	const order: BackwardStep[] = [];
	while (heap.length > 0) {
		const next = popHeap(heap, less);
		const step = steps.get(next)!;
		order.push(step);
		for (const { input } of step.edges) {
			const left = dependencies.get(input)! - 1;
			dependencies.set(input, left);
			if (left === 0) pushHeap(heap, input, less);
		}
	}
	return order;
}

function stepOf(t: Tensor): BackwardStep {
	return { node: t, name: t.gradFn!, accumulate: t.op === 'leaf', edges: edgesOf(t) };
}

/** std::push_heap */
function pushHeap<T>(heap: T[], value: T, less: (a: T, b: T) => boolean): void {
	heap.push(value);
	siftUp(heap, heap.length - 1, 0, value, less);
}

function siftUp<T>(heap: T[], hole: number, top: number, value: T, less: (a: T, b: T) => boolean) {
	let parent = Math.floor((hole - 1) / 2);
	while (hole > top && less(heap[parent], value)) {
		heap[hole] = heap[parent];
		hole = parent;
		parent = Math.floor((hole - 1) / 2);
	}
	heap[hole] = value;
}

/** std::pop_heap then pop_back: libstdc++'s __adjust_heap, hole down to a leaf, then up. */
function popHeap<T>(heap: T[], less: (a: T, b: T) => boolean): T {
	const top = heap[0];
	const value = heap.pop()!;
	const len = heap.length;
	if (len === 0) return top;
	let hole = 0;
	let child = 0;
	while (child < Math.floor((len - 1) / 2)) {
		child = 2 * (child + 1);
		if (less(heap[child], heap[child - 1])) child--;
		heap[hole] = heap[child];
		hole = child;
	}
	if ((len & 1) === 0 && child === (len - 2) / 2) {
		child = 2 * (child + 1);
		heap[hole] = heap[child - 1];
		hole = child - 1;
	}
	siftUp(heap, hole, 0, value, less);
	return top;
}
