import { describe, expect, it } from 'vitest';
import { Value } from '$lib/engine';
import { expectClose } from './support';

describe('Value', () => {
	it('gives every node an id that increases in creation order', () => {
		const a = new Value(1);
		const b = new Value(2);
		const c = a.add(b);
		expect(b.id).toBeGreaterThan(a.id);
		expect(c.id).toBeGreaterThan(b.id);
	});

	it('starts as a leaf with grad 0', () => {
		const a = new Value(3, 'a');
		expect(a).toMatchObject({ data: 3, grad: 0, label: 'a', op: 'leaf', k: 0, isConstant: false });
		expect(a.inputs).toEqual([]);
	});

	it('turns plain numbers into constant input nodes', () => {
		const x = new Value(1.5, 'x');
		const y = x.mul(2);
		expect(y.op).toBe('mul');
		expect(y.data).toBe(3);
		expect(y.inputs[0]).toBe(x);
		expect(y.inputs[1]).toMatchObject({ op: 'leaf', data: 2, isConstant: true, label: undefined });
		expect(Value.constant(4).isConstant).toBe(true);
	});

	it('keeps inputs ordered, with repeats', () => {
		const a = new Value(2);
		const b = new Value(5);
		const s = a.add(a);
		expect(s.inputs).toEqual([a, a]);
		expect(b.sub(a).inputs).toEqual([b, a]);
	});

	it('has sub and div as single primitive ops', () => {
		const a = new Value(6);
		const b = new Value(3);
		expect(a.sub(b)).toMatchObject({ op: 'sub', data: 3 });
		expect(a.div(b)).toMatchObject({ op: 'div', data: 2 });
		expect(a.pow(2)).toMatchObject({ op: 'pow', k: 2, data: 36 });
	});

	it('named() sets the label and chains', () => {
		const a = new Value(1);
		const z = a.mul(3).named('z');
		expect(z.label).toBe('z');
		expect(a.named('a')).toBe(a);
	});

	it('accumulates gradients over repeated and shared uses', () => {
		const a = new Value(3);
		const s = a.add(a); // ds/da = 2
		s.backward();
		expect(a.grad).toBe(2);

		const x = new Value(3);
		const y = x.mul(x).add(x); // x^2 + x, dy/dx = 2x + 1
		y.backward();
		expect(x.grad).toBe(7);
	});

	it('zeroes old gradients when backward runs again', () => {
		const a = new Value(2);
		const b = a.mul(a);
		b.backward();
		b.backward();
		expect(a.grad).toBe(4);
		expect(b.grad).toBe(1);
	});

	it('leaves nodes outside the graph alone', () => {
		const a = new Value(2);
		const b = new Value(3);
		const c = a.mul(b);
		const d = c.add(1);
		d.backward();
		const e = a.mul(5);
		e.backward();
		expect(a.grad).toBe(5);
		expect(b.grad).toBe(2); // from d.backward(), untouched by e.backward()
	});

	it('computes the textbook network', () => {
		const x1 = new Value(1, 'x1');
		const x2 = new Value(0.5, 'x2');
		const w1 = new Value(0.4, 'w1');
		const w2 = new Value(0.6, 'w2');
		const v = new Value(0.8, 'v');
		const y = new Value(1, 'y');
		const z = w1.mul(x1).add(w2.mul(x2)).named('z');
		const h = z.sigmoid().named('h');
		const yhat = v.mul(h).named('yhat');
		const L = yhat.sub(y).pow(2).named('L');
		L.backward();

		expectClose(z.data, 0.7, 'z');
		expectClose(h.data, 0.6681877721681662, 'h');
		expectClose(yhat.data, 0.5345502177345329, 'yhat');
		expectClose(L.data, 0.2166434998109707, 'L');
		expectClose(yhat.grad, -0.9308995645309341, 'dL/dyhat');
		expectClose(h.grad, -0.7447196516247474, 'dL/dh');
		expectClose(z.grad, -0.1651139337595659, 'dL/dz');
		expectClose(w1.grad, -0.1651139337595659, 'dL/dw1');
		expectClose(w2.grad, -0.08255696687978295, 'dL/dw2');
		expectClose(v.grad, -0.6220157061362409, 'dL/dv');
		expectClose(x1.grad, -0.06604557350382637, 'dL/dx1');
		expectClose(x2.grad, -0.09906836025573953, 'dL/dx2');
		expectClose(y.grad, 0.9308995645309341, 'dL/dy');
	});
});
