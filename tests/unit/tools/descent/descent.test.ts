import { describe, expect, it } from 'vitest';
import {
	easeInOutCubic,
	gradientStep,
	interpolateValues,
	isWeight
} from '$lib/tools/descent/descent';
import { TEXTBOOK_VALUES } from '$lib/graphs/textbook';

describe('isWeight', () => {
	it('picks exactly w1, w2 and v in the textbook network', () => {
		expect(Object.keys(TEXTBOOK_VALUES).filter(isWeight)).toEqual(['w1', 'w2', 'v']);
	});

	it('leaves out inputs and targets of any graph', () => {
		expect(['x', 'x_0', 'y_true', 'a', 'b', 'bias', 'w11'].filter(isWeight)).toEqual([
			'a',
			'b',
			'bias',
			'w11'
		]);
	});
});

describe('gradientStep', () => {
	it('moves each weight against its gradient by η times it', () => {
		const next = gradientStep(
			[
				{ id: 'w1', value: 0.4, grad: -0.16511393375956593 },
				{ id: 'v', value: 0.8, grad: -0.6220157061362409 }
			],
			0.5
		);
		expect(next).toEqual({
			w1: 0.4 + 0.5 * 0.16511393375956593,
			v: 0.8 + 0.5 * 0.6220157061362409
		});
	});

	it('does nothing with η = 0', () => {
		expect(gradientStep([{ id: 'w', value: 1.25, grad: 3 }], 0)).toEqual({ w: 1.25 });
	});
});

describe('tween helpers', () => {
	it('interpolates only the values being moved', () => {
		expect(interpolateValues({ a: 0, b: 2 }, { a: 1 }, 0.25)).toEqual({ a: 0.25, b: 2 });
		expect(interpolateValues({ a: 0.1 }, { a: 0.7 }, 1)).toEqual({ a: 0.7 });
	});

	it('eases from 0 to 1, symmetric and increasing', () => {
		expect(easeInOutCubic(0)).toBe(0);
		expect(easeInOutCubic(0.5)).toBe(0.5);
		expect(easeInOutCubic(1)).toBe(1);
		expect(easeInOutCubic(0.25)).toBeCloseTo(1 - easeInOutCubic(0.75), 15);
		for (let t = 0; t < 1; t += 0.05)
			expect(easeInOutCubic(t + 0.05)).toBeGreaterThan(easeInOutCubic(t));
	});
});
