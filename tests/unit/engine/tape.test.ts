import { describe, expect, it } from 'vitest';
import { Tape, Value, topoOrder } from '$lib/engine';

/** A small graph using every op, with a repeated operand and a shared node. */
function build(x: number, y: number) {
	const a = new Value(x, 'a');
	const b = new Value(y, 'b');
	const ab = a.mul(b);
	const t = ab
		.tanh()
		.add(ab.sigmoid())
		.sub(a.div(b.pow(2).add(1)));
	const u = a.relu().mul(b.exp()).add(ab.mul(ab).add(1).log()).neg();
	const root = t.mul(u).add(a.sub(a)).named('root');
	return { a, b, root };
}

describe('topoOrder', () => {
	it('puts inputs before consumers, visiting inputs in order, each node once', () => {
		const a = new Value(1, 'a');
		const b = new Value(2, 'b');
		const c = a.mul(b).named('c');
		const d = c.add(a).named('d');
		const e = d.mul(c).named('e');
		expect(topoOrder(e)).toEqual([a, b, c, d, e]);
		expect(topoOrder(a)).toEqual([a]);
	});

	it('is deterministic and complete', () => {
		const { root } = build(0.3, -0.7);
		const order = topoOrder(root);
		expect(topoOrder(root)).toEqual(order);
		expect(new Set(order).size).toBe(order.length);
		expect(order.at(-1)).toBe(root);
		const position = new Map(order.map((v, i) => [v, i]));
		for (const v of order) {
			for (const input of v.inputs) expect(position.get(input)!).toBeLessThan(position.get(v)!);
		}
	});

	it('handles a 100,000-node chain without overflowing the stack', () => {
		const x = new Value(0.5, 'x');
		let v = x;
		for (let i = 0; i < 100_000; i++) v = i % 2 ? v.mul(1.0000001) : v.tanh();
		expect(topoOrder(v)).toHaveLength(1 + 100_000 + 50_000); // x, ops, constants
		v.backward();
		expect(Number.isFinite(x.grad)).toBe(true);
		expect(x.grad).toBeGreaterThan(0);
		const tape = Tape.of(v);
		tape.evaluate();
		expect(tape.grads[tape.indexOf(x)]).toBe(x.grad);
	});
});

describe('Tape', () => {
	it('compiles in topological order with the root last', () => {
		const { a, b, root } = build(0.3, -0.7);
		const tape = Tape.of(root);
		expect(tape.nodes).toEqual(topoOrder(root));
		expect(tape.size).toBe(tape.nodes.length);
		expect(tape.values).toHaveLength(tape.size);
		expect(tape.grads).toHaveLength(tape.size);
		expect(tape.indexOf(root)).toBe(tape.size - 1);
		expect(tape.indexOf(a)).toBeGreaterThanOrEqual(0);
		expect(tape.indexOf(b)).toBeGreaterThanOrEqual(0);
		expect(tape.indexOf(new Value(1))).toBe(-1);
	});

	it('copies leaf values at compile time and reads no Value afterwards', () => {
		const { a, root } = build(0.3, -0.7);
		const tape = Tape.of(root);
		expect(tape.values[tape.indexOf(a)]).toBe(0.3);
		a.data = 99;
		tape.evaluate();
		expect(tape.values[tape.indexOf(a)]).toBe(0.3);
	});

	it('links each node to its inputs by slot', () => {
		const a = new Value(2, 'a');
		const b = new Value(3, 'b');
		const m = a.mul(b);
		const s = m.add(m);
		const p = s.pow(2);
		const tape = Tape.of(p);
		const i = (v: Value) => tape.indexOf(v);
		expect([tape.inputIndex(i(m), 0), tape.inputIndex(i(m), 1)]).toEqual([i(a), i(b)]);
		expect([tape.inputIndex(i(s), 0), tape.inputIndex(i(s), 1)]).toEqual([i(m), i(m)]);
		expect([tape.inputIndex(i(p), 0), tape.inputIndex(i(p), 1)]).toEqual([i(s), -1]);
		expect(tape.inputIndex(i(a), 0)).toBe(-1);
		expect(tape.inputIndex(i(a), 2)).toBe(-1);
	});

	it('gives local partials from the current arrays', () => {
		const a = new Value(2, 'a');
		const b = new Value(3, 'b');
		const m = a.mul(b);
		const p = m.pow(2);
		const q = a.div(b);
		const root = p.add(q);
		const tape = Tape.of(root);
		tape.evaluate();
		expect(tape.localPartial(tape.indexOf(m), 0)).toBe(3);
		expect(tape.localPartial(tape.indexOf(m), 1)).toBe(2);
		expect(tape.localPartial(tape.indexOf(p), 0)).toBe(12);
		expect(tape.localPartial(tape.indexOf(q), 1)).toBe(-2 / 9);
		tape.setLeaf(tape.indexOf(b), 5);
		tape.evaluate();
		expect(tape.localPartial(tape.indexOf(m), 0)).toBe(5);
		expect(tape.localPartial(tape.indexOf(p), 0)).toBe(20);
		expect(() => tape.localPartial(tape.indexOf(p), 1)).toThrow(RangeError);
		expect(() => tape.localPartial(tape.indexOf(a), 0)).toThrow(RangeError);
	});

	it('only lets leaves be set', () => {
		const { root } = build(0.3, -0.7);
		const tape = Tape.of(root);
		expect(() => tape.setLeaf(tape.indexOf(root), 1)).toThrow(RangeError);
	});

	it('re-evaluates to exactly what a fresh build gives, values and grads', () => {
		const first = build(0.3, -0.7);
		const tape = Tape.of(first.root);
		for (const [x, y] of [
			[0.3, -0.7],
			[1.9, 0.4],
			[-2.2, 1.3],
			[0, 0.5]
		]) {
			tape.setLeaf(tape.indexOf(first.a), x);
			tape.setLeaf(tape.indexOf(first.b), y);
			tape.evaluate();

			const fresh = build(x, y);
			fresh.root.backward();
			const order = topoOrder(fresh.root);
			expect(order).toHaveLength(tape.size);
			expect(Array.from(tape.values)).toEqual(order.map((v) => v.data));
			expect(Array.from(tape.grads)).toEqual(order.map((v) => v.grad));
			// The same, compiled from the fresh build.
			const other = Tape.of(fresh.root);
			other.evaluate();
			expect(other.values).toEqual(tape.values);
			expect(other.grads).toEqual(tape.grads);
		}
	});

	it('evaluates the same after many re-evaluations (grads do not pile up)', () => {
		const { root } = build(0.3, -0.7);
		const tape = Tape.of(root);
		tape.evaluate();
		const grads = tape.grads.slice();
		for (let i = 0; i < 5; i++) tape.evaluate();
		expect(tape.grads).toEqual(grads);
	});

	it('copies results back into the Values', () => {
		const { a, b, root } = build(0.3, -0.7);
		const tape = Tape.of(root);
		tape.setLeaf(tape.indexOf(a), 1.1);
		tape.evaluate();
		expect(root.grad).toBe(0);
		tape.syncToValues();
		expect(a.data).toBe(1.1);
		expect(root.data).toBe(tape.values[tape.size - 1]);
		expect(root.grad).toBe(1);
		expect(a.grad).toBe(tape.grads[tape.indexOf(a)]);
		expect(b.grad).toBe(tape.grads[tape.indexOf(b)]);
	});

	it('handles a lone leaf', () => {
		const a = new Value(4);
		const tape = Tape.of(a);
		tape.evaluate();
		expect(Array.from(tape.values)).toEqual([4]);
		expect(Array.from(tape.grads)).toEqual([1]);
	});
});

describe('Tape fuses a mul with the add that consumes it', () => {
	// Each graph has mul→add steps in both operand orders, a mul used twice, and add(m, m).
	function graphs(): Value[] {
		const a = new Value(1.5, 'a');
		const b = new Value(-2, 'b');
		const c = new Value(0.25, 'c');
		const left = a.mul(b).add(c); // add(mul, c)
		const right = c.add(a.mul(c)); // add(c, mul)
		const shared = a.mul(c);
		const twice = shared.add(shared.tanh()).add(b.mul(b).add(b.mul(b)));
		const m = b.mul(c);
		const self = m.add(m);
		return [left, right, twice, self, left.mul(right).add(twice).add(self).sigmoid()];
	}

	it('gives exactly what Value.backward gives, values and gradients', () => {
		for (const root of graphs()) {
			const tape = Tape.of(root);
			tape.evaluate();
			root.backward();
			tape.nodes.forEach((v, i) => {
				expect(tape.values[i]).toBe(v.data);
				expect(tape.grads[i]).toBe(v.grad);
			});
		}
	});
});
