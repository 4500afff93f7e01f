import { describe, expect, it } from 'vitest';
import { stepHint } from '$lib/input/hints';

describe('step hints', () => {
	it('tell the explorer what to press, and offer sliders only where they are shown', () => {
		expect(stepHint('explorer', { done: false })).toBe(
			'Press → (or Page Down) to compute the first node of the forward pass.'
		);
		expect(stepHint('explorer', { done: true, sliders: true })).toContain(
			'Drag a slider to see them all change'
		);
		const hidden = stepHint('explorer', { done: true, sliders: false });
		expect(hidden).toContain('Press S to show the sliders');
		expect(hidden).not.toContain('Drag a slider');
	});

	it('ask for the quiz’s number before anything else', () => {
		expect(stepHint('explorer', { done: false, asking: '∂L/∂v' })).toBe(
			'Predict ∂L/∂v: type it above, or press → (Page Down) to reveal it.'
		);
	});

	it('differ for the lesson and the embed, before and after the passes', () => {
		const texts = (['lesson', 'embed'] as const).flatMap((page) =>
			[false, true].map((done) => stepHint(page, { done }))
		);
		expect(new Set(texts).size).toBe(4);
		expect(stepHint('embed', { done: true })).toBe(
			'Every value and gradient is on the graph. Press Home, then → to step through.'
		);
		expect(stepHint('lesson', { done: false })).toBe(
			'Nothing is computed yet: the leaves on the left are all that is known.'
		);
	});
});
