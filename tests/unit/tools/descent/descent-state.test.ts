import { describe, expect, it } from 'vitest';
import { textbookNetwork, TEXTBOOK_VALUES } from '$lib/graphs/textbook';
import { Descent } from '$lib/tools/descent/descent.svelte';
import { Explorer } from '$lib/state/explorer.svelte';

function setup() {
	const explorer = new Explorer(textbookNetwork());
	// Reduced motion: steps land at once (and Node has no animation frames anyway).
	const descent = new Descent(
		() => explorer,
		() => true
	);
	const loss = () => explorer.value(explorer.graph.output);
	const grad = (id: string) => explorer.grad(explorer.parameters.find((p) => p.id === id)!.node);
	return { explorer, descent, loss, grad };
}

describe('Descent', () => {
	it('steps w1, w2 and v by −η·∂L/∂θ and lowers the chapter’s loss', () => {
		const { explorer, descent, loss, grad } = setup();
		const before = { w1: grad('w1'), w2: grad('w2'), v: grad('v') };
		expect(loss()).toBeCloseTo(0.2166, 4);
		descent.learningRate = 0.5;
		descent.step();
		expect(explorer.parameterValue('w1')).toBe(0.4 - 0.5 * before.w1);
		expect(explorer.parameterValue('w2')).toBe(0.6 - 0.5 * before.w2);
		expect(explorer.parameterValue('v')).toBe(0.8 - 0.5 * before.v);
		for (const id of ['x1', 'x2', 'y'] as const)
			expect(explorer.parameterValue(id)).toBe(TEXTBOOK_VALUES[id]);
		expect(loss()).toBeLessThan(0.2166);
		expect(descent.losses).toEqual([0.2166434998109707, loss()]);
	});

	it('undoes a step exactly and resets to where the steps began', () => {
		const { explorer, descent, loss } = setup();
		const start = loss();
		descent.step();
		const afterOne = explorer.parameterValue('w1');
		descent.step();
		expect(descent.losses).toHaveLength(3);
		expect(descent.canUndo).toBe(true);
		descent.undo();
		expect(explorer.parameterValue('w1')).toBe(afterOne);
		expect(descent.losses).toHaveLength(2);
		descent.reset();
		expect(explorer.parameterValue('w1')).toBe(0.4);
		expect(loss()).toBe(start);
		expect(descent.losses).toEqual([]);
		expect(descent.canUndo).toBe(false);
	});

	it('starts a new history when a slider was moved by hand between steps', () => {
		const { explorer, descent, loss } = setup();
		descent.step();
		explorer.set('x1', 2);
		const moved = loss();
		descent.step();
		expect(descent.losses[0]).toBe(moved);
		expect(descent.losses).toHaveLength(2);
	});

	it('does nothing to undo or reset before the first step', () => {
		const { explorer, descent } = setup();
		descent.undo();
		descent.reset();
		expect(explorer.parameterValue('w1')).toBe(0.4);
		expect(descent.losses).toEqual([]);
	});

	it('previews the next values without moving anything', () => {
		const { explorer, descent, grad } = setup();
		descent.learningRate = 2;
		expect(descent.next).toEqual({
			w1: 0.4 - 2 * grad('w1'),
			w2: 0.6 - 2 * grad('w2'),
			v: 0.8 - 2 * grad('v')
		});
		expect(explorer.parameterValue('w1')).toBe(0.4);
	});
});
