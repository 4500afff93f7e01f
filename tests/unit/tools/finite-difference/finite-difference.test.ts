import { describe, expect, it } from 'vitest';
import { Tape, Value } from '$lib/engine';
import { foldGraph } from '$lib/graphs/fold';
import { textbookNetwork } from '$lib/graphs/textbook';
import {
	AGREEMENT,
	checkGradients,
	relativeError
} from '$lib/tools/finite-difference/finite-difference';

function evaluated(root: Value): Tape {
	const tape = Tape.of(root);
	tape.evaluate();
	return tape;
}

/** The sliders' leaves of a tape: every leaf that is not a constant. */
function leavesOf(tape: Tape) {
	return foldGraph(tape)
		.nodes.filter((n) => n.isParameter)
		.map((n) => ({ id: n.id, tape: n.tape }));
}

describe('checkGradients', () => {
	it('matches backprop to 1e-6 for every textbook leaf', () => {
		const tape = evaluated(textbookNetwork());
		const rows = checkGradients(tape, leavesOf(tape));
		expect(rows.map((r) => r.id).sort()).toEqual(['v', 'w1', 'w2', 'x1', 'x2', 'y']);
		for (const row of rows) {
			expect(Math.abs(row.central - row.autograd), row.id).toBeLessThan(1e-6);
			expect(row.relativeError, row.id).toBeLessThan(AGREEMENT);
		}
		const w2 = rows.find((r) => r.id === 'w2')!;
		expect(w2.autograd).toBe(tape.grads[tape.nodes.findIndex((v) => v.label === 'w2')]);
		expect(w2.central).toBeCloseTo(-0.08255696687978296, 9);
	});

	it('leaves the tape it checks exactly as it was', () => {
		const tape = evaluated(textbookNetwork());
		const values = Float64Array.from(tape.values);
		const grads = Float64Array.from(tape.grads);
		checkGradients(tape, leavesOf(tape));
		expect(tape.values).toEqual(values);
		expect(tape.grads).toEqual(grads);
	});

	it('uses the values on the tape now, not the ones it was built with', () => {
		const tape = evaluated(textbookNetwork());
		const w1 = tape.nodes.findIndex((v) => v.label === 'w1');
		checkGradients(tape, leavesOf(tape));
		tape.setLeaf(w1, -2);
		tape.evaluate();
		for (const row of checkGradients(tape, leavesOf(tape)))
			expect(row.relativeError, row.id).toBeLessThan(AGREEMENT);
	});

	it('is the central difference: for x³ it is 3x² + ε² exactly in real arithmetic', () => {
		const x = new Value(1.5, 'x');
		const tape = evaluated(x.pow(3));
		const [row] = checkGradients(tape, [{ id: 'x', tape: tape.indexOf(x) }], 1e-2);
		expect(row.autograd).toBe(3 * 1.5 ** 2);
		expect(row.central).toBeCloseTo(3 * 1.5 ** 2 + 1e-4, 10);
		expect(row.relativeError).toBeCloseTo(1e-4 / row.central, 8);
	});

	it('disagrees at a kink, where backprop takes relu’(0) = 0', () => {
		const x = new Value(0, 'x');
		const tape = evaluated(x.relu());
		const [row] = checkGradients(tape, [{ id: 'x', tape: tape.indexOf(x) }]);
		expect(row.autograd).toBe(0);
		expect(row.central).toBeCloseTo(0.5, 9);
		expect(row.relativeError).toBe(1);
	});
});

describe('relative error', () => {
	it('is 0 for equal numbers, including both 0', () => {
		expect(relativeError(0, 0)).toBe(0);
		expect(relativeError(-0.25, -0.25)).toBe(0);
	});

	it('divides by the larger magnitude', () => {
		expect(relativeError(1, 0.9)).toBeCloseTo(0.1, 15);
		expect(relativeError(-2, 2)).toBe(2);
		expect(relativeError(0, 1e-9)).toBe(1);
	});
});
