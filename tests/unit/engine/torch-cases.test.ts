import { describe, expect, it } from 'vitest';
import { Tape } from '$lib/engine';
import { buildCase, expectClose, loadTorchCases } from './support';

const cases = loadTorchCases();

describe('PyTorch float64 reference cases', () => {
	it('are all there', () => {
		expect(cases.length).toBeGreaterThanOrEqual(11);
	});

	describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
		it('matches values and input grads via Value.backward()', () => {
			const nodes = buildCase(c);
			for (const [name, x] of Object.entries(c.values)) {
				expectClose(nodes.get(name)!.data, x, `value ${name}`);
			}
			nodes.get(c.output)!.backward();
			for (const [name, g] of Object.entries(c.grads)) {
				expectClose(nodes.get(name)!.grad, g, `grad ${name}`);
			}
		});

		it('matches values and input grads via Tape', () => {
			const nodes = buildCase(c);
			const tape = Tape.of(nodes.get(c.output)!);
			// Scramble the compiled values first, so they must come from evaluate().
			for (let i = 0; i < tape.size; i++) {
				if (tape.nodes[i].op !== 'leaf') tape.values[i] = NaN;
			}
			tape.evaluate();
			for (const [name, x] of Object.entries(c.values)) {
				const i = tape.indexOf(nodes.get(name)!);
				// Nodes outside the output's graph (dead branches) are not on the tape.
				if (i >= 0) expectClose(tape.values[i], x, `value ${name}`);
			}
			for (const [name, g] of Object.entries(c.grads)) {
				const i = tape.indexOf(nodes.get(name)!);
				expectClose(i >= 0 ? tape.grads[i] : 0, g, `grad ${name}`);
			}
		});
	});
});
