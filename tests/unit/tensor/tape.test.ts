import { describe, expect, it } from 'vitest';
import * as T from '$lib/tensor';
import { TensorTape, type Tensor } from '$lib/tensor';
import { bigClassifier, mlpBatch, PROGRAMS } from './programs';

/** mlp_batch with W1[0][1] given: its W1 and its loss */
function mlp(w01: number) {
	const { scope } = mlpBatch(w01);
	return { W1: scope.get('W1')!, loss: scope.get('loss')! };
}

const snapshot = (tape: TensorTape) =>
	tape.order.map((t) => ({
		data: Float64Array.from(t.data),
		grad: t.grad && Float64Array.from(t.grad)
	}));

/** the same values and grads bit for bit, node by node (a loop: toEqual is slow on 100k numbers) */
function expectSame(a: ReturnType<typeof snapshot>, b: ReturnType<typeof snapshot>) {
	expect(a.length).toBe(b.length);
	const differs = (x: Float64Array | null, y: Float64Array | null) =>
		x === null || y === null
			? x !== y
			: x.length !== y.length || x.some((v, i) => !Object.is(v, y[i]));
	const bad = a.findIndex((n, i) => differs(n.data, b[i].data) || differs(n.grad, b[i].grad));
	expect(bad, `node ${bad} differs`).toBe(-1);
}

describe('TensorTape', () => {
	it('after a leaf element changes, evaluates to what a fresh build gives', () => {
		const { W1, loss } = mlp(-0.4);
		const tape = TensorTape.of(loss);
		tape.evaluate();
		tape.setElement(W1, 1, 0.25);
		tape.evaluate();
		const fresh = mlp(0.25);
		const freshTape = T.backward(fresh.loss);
		expectSame(snapshot(tape), snapshot(freshTape));
	});

	it('computes every value itself: scrambled results come back', () => {
		const { scope, root } = PROGRAMS.matmul_kinds();
		const tape = T.backward(scope.get(root)!);
		const before = snapshot(tape);
		for (const t of tape.order) if (!t.isLeaf) t.data.fill(NaN);
		for (const t of tape.order) t.grad?.fill(NaN);
		tape.evaluate();
		expectSame(snapshot(tape), before);
	});

	it('gives the same gradients on every call (they do not accumulate)', () => {
		const { loss } = mlp(-0.4);
		const tape = TensorTape.of(loss);
		tape.evaluate();
		const once = snapshot(tape);
		tape.evaluate();
		tape.evaluate();
		expectSame(snapshot(tape), once);
	});

	it('keeps the same buffers across evaluations of the big preset', () => {
		const { scope, root } = bigClassifier();
		const tape = TensorTape.of(scope.get(root)!);
		expect(scope.get('W1')!.size + scope.get('W2')!.size).toBeGreaterThanOrEqual(30_000);
		const buffers = (ts: readonly Tensor[]) => ts.flatMap((t) => [t.data, t.grad]);
		const first = buffers(tape.order);
		tape.evaluate();
		const W1 = scope.get('W1')!;
		tape.setElement(W1, 5, 0.3);
		tape.evaluate();
		buffers(tape.order).forEach((b, i) => expect(b).toBe(first[i]));
		// a second tape over the same tensors writes into the same arrays
		const again = TensorTape.of(scope.get(root)!);
		buffers(again.order).forEach((b, i) => expect(b).toBe(first[i]));
	});

	it('gives the big preset after a weight changes what a fresh build with that weight gives', () => {
		const a = bigClassifier();
		const tape = T.backward(a.scope.get('loss')!);
		tape.setElement(a.scope.get('W2')!, 17, 1.5);
		tape.evaluate();
		const b = bigClassifier();
		b.scope.get('W2')!.data[17] = 1.5;
		const fresh = T.backward(b.scope.get('loss')!);
		expectSame(snapshot(tape), snapshot(fresh));
	});

	it('updates after setElement to what a fresh build with those values gives', () => {
		for (const [leaf, k, x] of [
			['b2', 3, 0.7],
			['W1', 100, -0.2],
			['W2', 17, 1.5]
		] as const) {
			const a = bigClassifier();
			const tape = T.backward(a.scope.get('loss')!);
			tape.setElement(a.scope.get(leaf)!, k, x);
			tape.update();
			const b = bigClassifier();
			b.scope.get(leaf)!.data[k] = x;
			expectSame(snapshot(tape), snapshot(T.backward(b.scope.get('loss')!)));
		}
		for (const build of Object.values(PROGRAMS)) {
			const { scope, root } = build();
			const tape = T.backward(scope.get(root)!);
			const leaves = tape.order.filter((t) => t.isLeaf && t.dtype !== 'int64');
			for (const leaf of leaves) tape.setElement(leaf, 0, leaf.data[0] + 0.25);
			tape.update();
			const updated = snapshot(tape);
			tape.evaluate();
			expectSame(updated, snapshot(tape));
		}
	});

	it('recomputes in update() only what the changed leaves feed', () => {
		const { scope, root } = bigClassifier();
		const tape = T.backward(scope.get(root)!);
		const hidden = scope.get('H')!;
		hidden.data.fill(NaN); // downstream of W1 and b1, not of b2
		tape.setElement(scope.get('b2')!, 0, 0.5);
		const updated = tape.update().map((t) => t.label);
		expect(hidden.data.every(Number.isNaN)).toBe(true);
		// what it says it changed: b2 and what b2 feeds, nothing upstream of it
		expect(updated).toContain('b2');
		expect(updated).toContain('logits');
		expect(updated).toContain('loss');
		for (const upstream of ['X', 'W1', 'b1', 'H', 'W2']) expect(updated).not.toContain(upstream);
		tape.setElement(scope.get('b1')!, 0, 0.5);
		tape.update();
		expect(hidden.data.some(Number.isNaN)).toBe(false);
	});

	it('fills gradients of intermediates too, and says which PyTorch would keep', () => {
		const { scope, root } = PROGRAMS.reuse();
		T.backward(scope.get(root)!);
		const keeps = [...scope].filter(([, t]) => t.retainsGrad).map(([n]) => n);
		expect(keeps).toEqual(['a', 'c', 'sq', 'e']);
		expect(scope.get('twice')!.grad).not.toBeNull();
	});

	it('says for each backward step which inputs get which vjp', () => {
		const { scope, root } = PROGRAMS.chapter();
		const tape = T.backward(scope.get(root)!);
		const mul = tape.backwardOrder.find((s) => s.node === scope.get('y_hat'))!;
		expect(mul.name).toBe('MulBackward0');
		expect(mul.edges.map((e) => [e.input.label, e.slot, e.formula])).toEqual([
			['v', 0, 'grad ⊙ b'],
			['h', 1, 'grad ⊙ a']
		]);
		const zStep = tape.backwardOrder.find((s) => s.node === scope.get('z'))!;
		expect(zStep.edges[0].formula).toBe("grad broadcast to A's shape");
		const leaf = tape.backwardOrder.at(-1)!;
		expect([leaf.name, leaf.accumulate, leaf.node.label, leaf.edges]).toEqual([
			'AccumulateGrad',
			true,
			'w',
			[]
		]);
	});

	it('takes only its own leaves in setElement', () => {
		const { W1, loss } = mlp(-0.4);
		const tape = TensorTape.of(loss);
		expect(() => tape.setElement(loss, 0, 1)).toThrow(RangeError);
		expect(() => tape.setElement(T.ones([2]), 0, 1)).toThrow(RangeError);
		expect(() => tape.setElement(W1, 4, 1)).toThrow(RangeError);
	});

	it('holds what requires no grad as data: a leaf to PyTorch, a slider stays put', () => {
		const { scope, root } = bigClassifier();
		const X = scope.get('X')!;
		const tape = T.backward(scope.get(root)!);
		expect([X.op, X.isLeaf, X.gradFn]).toEqual(['sin', true, undefined]);
		expect(tape.order).toContain(X);
		expect(tape.order.some((t) => X.inputs.includes(t))).toBe(false);
		expect(tape.order.filter((t) => t.op === 'leaf').map((t) => t.label)).toEqual([
			'W1',
			'b1',
			'W2',
			'b2'
		]);
		tape.setElement(X, 0, 0.5);
		tape.evaluate();
		expect(X.data[0]).toBe(0.5);
		expect(() => tape.setElement(scope.get('H')!, 0, 1)).toThrow(RangeError);
	});

	it('makes a computed tensor that requires_grad_() a leaf: a slider on it stays put', () => {
		const base = T.arange(4);
		const w = T.mul(base, 0.5).requiresGrad_();
		expect([w.op, w.isLeaf, w.gradFn, w.inputs]).toEqual(['leaf', true, 'AccumulateGrad', []]);
		const loss = T.sum(T.mul(w, w));
		const tape = T.backward(loss);
		tape.setElement(w, 0, 3);
		tape.evaluate();
		expect(Array.from(w.data)).toEqual([3, 0.5, 1, 1.5]);
		expect(Array.from(w.grad!)).toEqual([6, 1, 2, 3]);
	});
});
