import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tape } from '$lib/engine';
import { edgePartials, foldGraph, type ViewMode } from '$lib/graphs/fold';
import { findNonFinite } from '$lib/graphs/nonfinite';
import { buildProgram } from '$lib/graphs/program';
import { textbookNetwork } from '$lib/graphs/textbook';
import { plainTextProblem, program, SEED } from '../fuzz/hostile';

/** A program evaluated and drawn as the page does, with a way to move a slider. */
function explore(text: string, mode: ViewMode = 'named') {
	const built = buildProgram(text);
	if (!built.ok) throw new Error(built.error.message);
	const tape = Tape.of(built.root);
	const graph = foldGraph(tape, mode);
	const partials = new Float64Array(graph.edges.length);
	const find = () => {
		tape.evaluate();
		edgePartials(graph, tape, partials);
		return findNonFinite(graph, tape, partials);
	};
	const set = (name: string, x: number) => {
		tape.setLeaf(
			tape.nodes.findIndex((v) => v.label === name && v.op === 'leaf'),
			x
		);
		return find();
	};
	/** node id → "what shown: why" */
	const described = (report: ReturnType<typeof find>) =>
		Object.fromEntries(
			[...(report?.nodes ?? [])].map(([d, n]) => [
				graph.nodes[d].id,
				`${n.what} ${n.shown}: ${n.why}`
			])
		);
	return { graph, tape, find, set, described, idOf: (d: number) => graph.nodes[d].id };
}

describe('findNonFinite', () => {
	it('finds nothing on a graph whose numbers are all finite', () => {
		const tape = Tape.of(textbookNetwork());
		tape.evaluate();
		const graph = foldGraph(tape);
		const partials = new Float64Array(graph.edges.length);
		edgePartials(graph, tape, partials);
		expect(findNonFinite(graph, tape, partials)).toBeNull();
	});

	it('names the overflow in exp, where it starts, and goes away when the slider moves back', () => {
		const g = explore('a = 1; k = 2; L = exp(a*k)');
		expect(g.find()).toBeNull();
		const report = g.set('a', 500)!;
		expect(g.idOf(report.first)).toBe('L');
		expect(g.described(report)).toEqual({
			L: 'value ∞: exp(1000.0000) is larger than the largest number (≈1.8e308)',
			a: 'gradient ∞: the local derivative ∂L/∂a is ∞ at a = 500.0000',
			k: 'gradient ∞: the local derivative ∂L/∂k is ∞ at k = 2.0000'
		});
		expect(report.note).toBe(
			'L = ∞ first: exp(1000.0000) is larger than the largest number (≈1.8e308); 2 more nodes follow from it.'
		);
		expect(g.set('a', 1)).toBeNull();
	});

	it('says log of a negative number is NaN, and that NaN is carried on', () => {
		const g = explore('x = 2; h = log(x); L = h * 3');
		const report = g.set('x', -2)!;
		expect(g.idOf(report.first)).toBe('h');
		expect(g.described(report)).toMatchObject({
			h: 'value NaN: log of a negative number (log(−2.0000))',
			L: 'value NaN: from h = NaN'
		});
	});

	it('explains ∞ − ∞ and 0 × ∞ where they turn ∞ into NaN', () => {
		const minus = explore('a = 1; b = exp(a); L = b - b');
		expect(minus.described(minus.set('a', 1000))).toMatchObject({
			b: 'value ∞: exp(1000.0000) is larger than the largest number (≈1.8e308)',
			L: 'value NaN: ∞ − ∞ has no value'
		});
		const times = explore('a = 1; b = exp(a); c = a - 1; L = b * c');
		expect(times.described(times.set('a', 1000))).toMatchObject({
			b: 'value ∞: exp(1000.0000) is larger than the largest number (≈1.8e308)',
			L: 'value ∞: from b = ∞'
		});
		const zero = explore('a = 1; z = a - 1; b = exp(1000 * a); L = b * z');
		expect(zero.described(zero.find())).toMatchObject({ L: 'value NaN: 0 × ∞ has no value' });
	});

	it('says when a zero that breaks log or a division came from an underflow', () => {
		const g = explore('a = -1; L = log(exp(1000 * a))');
		const report = g.find()!;
		expect(g.described(report)).toEqual({
			L: 'value −∞: log(0) is minus infinity; exp(−1000.0000) underflowed to 0 (below ≈4.9e−324)',
			a: 'gradient NaN: the local derivative ∂L/∂a is NaN at a = −1.0000'
		});
		const ops = explore('a = -1; L = log(exp(1000 * a))', 'ops');
		expect(ops.idOf(ops.find()!.first)).toBe('L');
		const div = explore('a = 1; L = a / 0');
		expect(div.described(div.find())).toMatchObject({ L: 'value ∞: 1.0000 / 0 divides by zero' });
	});

	it('finds a gradient that is infinite although every value is finite', () => {
		const root = explore('x = 0; L = x^0.5');
		const report = root.find()!;
		expect(root.idOf(report.first)).toBe('x');
		expect(report.note).toBe('∂L/∂x = ∞: the local derivative ∂L/∂x is ∞ at x = 0.0000.');
		const product = explore('x = 1e-300; h = x * 1e300; L = h * 1e300');
		expect(product.described(product.find())).toEqual({
			x: 'gradient ∞: ∂L/∂x is larger than the largest number (≈1.8e308)'
		});
	});

	it('reports every drawn NaN or ∞ with a short plain reason, for any program', () => {
		let reported = 0;
		fc.assert(
			fc.property(program, fc.constantFrom<ViewMode>('named', 'ops'), (text, mode) => {
				const g = explore(text, mode);
				const report = g.find();
				const bad = g.graph.nodes.flatMap((n, d) =>
					Number.isFinite(g.tape.values[n.tape]) && Number.isFinite(g.tape.grads[n.tape]) ? [] : [d]
				);
				if (bad.length === 0) {
					expect(report).toBeNull();
					return;
				}
				expect(report).not.toBeNull();
				reported++;
				expect([...report!.nodes.keys()].sort()).toEqual(bad.sort());
				expect(report!.nodes.has(report!.first)).toBe(true);
				expect(plainTextProblem(report!.note, 240), report!.note).toBeNull();
				for (const n of report!.nodes.values())
					expect(plainTextProblem(n.why, 160), n.why).toBeNull();
			}),
			{ seed: SEED, numRuns: 1000 }
		);
		// The programs use extreme numbers: many of them must reach NaN or ∞.
		expect(reported).toBeGreaterThan(50);
	}, 60_000);
});
