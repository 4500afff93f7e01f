import { describe, expect, it } from 'vitest';
import { OPS, OP_CODES, Tape, Value, type OpName } from '$lib/engine';

describe('OPS table', () => {
	it('has one entry per op code, named after its key', () => {
		expect(OP_CODES).toHaveLength(Object.keys(OPS).length);
		expect(OP_CODES.length).toBeLessThanOrEqual(256); // codes fit a Uint8Array
		OP_CODES.forEach((name, code) => {
			expect(OPS[name].name).toBe(name);
			expect(OP_CODES.indexOf(name)).toBe(code);
		});
	});

	it('gives one formula per input', () => {
		for (const spec of Object.values(OPS)) expect(spec.partialFormula).toHaveLength(spec.arity);
		const formulas = Object.fromEntries(OP_CODES.map((n) => [n, OPS[n].partialFormula]));
		expect(formulas).toEqual({
			leaf: [],
			add: ['1', '1'],
			sub: ['1', '-1'],
			mul: ['b', 'a'],
			div: ['1/b', '-a/b^2'],
			pow: ['k*a^(k-1)'],
			neg: ['-1'],
			exp: ['out'],
			log: ['1/a'],
			tanh: ['1 - out^2'],
			relu: ['[a > 0]'],
			sigmoid: ['out*(1 - out)']
		});
	});
});

describe('numerics', () => {
	it('sigmoid saturates to exactly 1 and 0 with zero gradient, no NaN', () => {
		for (const [x, y] of [
			[1000, 1],
			[-1000, 0],
			[Infinity, 1],
			[-Infinity, 0]
		]) {
			const a = new Value(x);
			const s = a.sigmoid();
			expect(s.data).toBe(y);
			s.backward();
			expect(a.grad).toBe(0);
		}
		expect(new Value(0).sigmoid().data).toBe(0.5);
	});

	it('tanh saturates without NaN', () => {
		for (const [x, y] of [
			[1000, 1],
			[-1000, -1]
		]) {
			const a = new Value(x);
			const t = a.tanh();
			expect(t.data).toBe(y);
			t.backward();
			expect(a.grad).toBe(0);
		}
	});

	it('log(0) is -Infinity and log(-1) is NaN, without throwing', () => {
		expect(new Value(0).log().data).toBe(-Infinity);
		expect(new Value(-1).log().data).toBeNaN();
		const a = new Value(0);
		const l = a.log();
		expect(() => l.backward()).not.toThrow();
		expect(a.grad).toBe(Infinity);
	});

	it('pow of integers is exact, and so is its derivative', () => {
		const a = new Value(2);
		const p = a.pow(3);
		expect(p.data).toBe(8);
		p.backward();
		expect(a.grad).toBe(12);
		// A negative base with an integer exponent works (exp(k*log a) would give NaN).
		expect(new Value(-2).pow(3).data).toBe(-8);
		expect(new Value(-3).pow(2).data).toBe(9);
	});

	it("relu'(0) = 0, as in PyTorch", () => {
		const a = new Value(0);
		const r = a.relu();
		expect(r.data).toBe(0);
		r.backward();
		expect(a.grad).toBe(0);
		expect(OPS.relu.partial(0, 0, 0, 0, 0)).toBe(0);
	});

	it('relu keeps NaN visible', () => {
		expect(new Value(NaN).relu().data).toBeNaN();
	});

	it('division by zero gives Infinity, no exception', () => {
		expect(new Value(1).div(0).data).toBe(Infinity);
	});
});

/** Points (a, b, k) per op where it is differentiable; relu is skipped at its kink. */
const points: Record<Exclude<OpName, 'leaf'>, [number, number, number][]> = {
	add: [
		[0.3, -1.2, 0],
		[5, 7, 0]
	],
	sub: [
		[0.3, -1.2, 0],
		[-5, 7, 0]
	],
	mul: [
		[0.3, -1.2, 0],
		[4, 0, 0],
		[-2.5, 3, 0]
	],
	div: [
		[0.3, -1.2, 0],
		[4, 0.5, 0],
		[-2.5, 3, 0]
	],
	pow: [
		[1.5, 0, 2],
		[-1.3, 0, 3],
		[2, 0, 0.5],
		[0.7, 0, -1],
		[3, 0, 1.5]
	],
	neg: [[0.3, 0, 0]],
	exp: [
		[0.3, 0, 0],
		[-2, 0, 0],
		[3, 0, 0]
	],
	log: [
		[0.3, 0, 0],
		[2, 0, 0],
		[50, 0, 0]
	],
	tanh: [
		[0.3, 0, 0],
		[-1.5, 0, 0],
		[2.5, 0, 0]
	],
	relu: [
		[0.3, 0, 0],
		[-1.5, 0, 0],
		[4, 0, 0]
	],
	sigmoid: [
		[0.3, 0, 0],
		[-4, 0, 0],
		[6, 0, 0]
	]
};

describe('each op partial agrees with central differences', () => {
	for (const [name, list] of Object.entries(points) as [OpName, [number, number, number][]][]) {
		const spec = OPS[name];
		it.each(list)(`${name} at a=%d b=%d k=%d`, (a, b, k) => {
			const out = spec.forward(a, b, k);
			for (let i = 0; i < spec.arity; i++) {
				const x = i === 0 ? a : b;
				const h = 1e-6 * Math.max(1, Math.abs(x));
				const f = (t: number) => (i === 0 ? spec.forward(t, b, k) : spec.forward(a, t, k));
				const numeric = (f(x + h) - f(x - h)) / (2 * h);
				const analytic = spec.partial(i, a, b, out, k);
				expect(Math.abs(analytic - numeric)).toBeLessThanOrEqual(
					1e-6 * Math.max(1, Math.abs(numeric))
				);
			}
		});
	}
});

describe('every op: the Tape, Value.backward and central differences agree', () => {
	const build = (name: Exclude<OpName, 'leaf'>, a: Value, b: Value, k: number): Value =>
		name === 'pow' ? a.pow(k) : a.apply(name, b);

	for (const [name, list] of Object.entries(points) as [
		Exclude<OpName, 'leaf'>,
		[number, number, number][]
	][]) {
		it.each(list)(`${name} at a=%d b=%d k=%d`, (x, y, k) => {
			const a = new Value(x, 'a');
			const b = new Value(y, 'b');
			// (op(a, b) · 3): a node after the op, so its gradient is not just the seed.
			const out = build(name, a, b, k).mul(3);
			out.backward();
			const byValue = [a.grad, b.grad];

			const tape = Tape.of(out);
			tape.evaluate();
			const byTape = [a, b].map((v) => (tape.indexOf(v) < 0 ? 0 : tape.grads[tape.indexOf(v)]));
			expect(byTape).toEqual(byValue);
			expect(tape.values[tape.size - 1]).toBe(out.data);

			const f = (p: number, q: number) => 3 * OPS[name].forward(p, q, k);
			[x, y].forEach((at, i) => {
				const h = 1e-6 * Math.max(1, Math.abs(at));
				const numeric =
					i === 0 ? (f(x + h, y) - f(x - h, y)) / (2 * h) : (f(x, y + h) - f(x, y - h)) / (2 * h);
				expect(Math.abs(byValue[i] - numeric), `d/d${'ab'[i]}`).toBeLessThanOrEqual(
					1e-6 * Math.max(1, Math.abs(numeric))
				);
			});
		});
	}
});
