import { describe, expect, it } from 'vitest';
import { clampToRange, isNumberPrefix, readNumber, sliderRange } from '$lib/input/number';

describe('readNumber', () => {
	it('reads numbers, including lookalikes', () => {
		expect(readNumber('0.9', -3, 3)).toEqual({ ok: true, value: 0.9, clamped: false });
		expect(readNumber(' −0.5 ', -3, 3)).toEqual({ ok: true, value: -0.5, clamped: false });
		expect(readNumber('１.５', -3, 3)).toEqual({ ok: true, value: 1.5, clamped: false });
		expect(readNumber('0,25', -3, 3)).toEqual({ ok: true, value: 0.25, clamped: false });
		expect(readNumber('2e-1', -3, 3)).toEqual({ ok: true, value: 0.2, clamped: false });
		expect(readNumber('-0', -3, 3)).toEqual({ ok: true, value: 0, clamped: false });
		// Other scripts' digits and points, and invisible marks copied along with a number.
		expect(readNumber('٠٫٢٥', -3, 3)).toEqual({ ok: true, value: 0.25, clamped: false });
		expect(readNumber('−१.५', -3, 3)).toEqual({ ok: true, value: -1.5, clamped: false });
		expect(readNumber('\u200f2\u200b.5\u202c', -3, 3)).toEqual({
			ok: true,
			value: 2.5,
			clamped: false
		});
	});

	it('refuses what is not a finite number, with a reason', () => {
		for (const bad of ['abc', 'NaN', '1..2', '0x10', '<script>', '1 2', '--1']) {
			const r = readNumber(bad, -3, 3);
			expect(r.ok, bad).toBe(false);
			if (!r.ok) expect(r.message).toMatch(/not a number/);
		}
		for (const infinity of ['Infinity', '-inf', '∞', '−∞'])
			expect(readNumber(infinity, -3, 3)).toEqual({ ok: false, message: 'Enter a finite number.' });
		expect(readNumber('', -3, 3)).toEqual({ ok: false, message: 'Enter a number.' });
		expect(readNumber('1e999', -3, 3)).toEqual({ ok: false, message: 'That number is too large.' });
		expect(readNumber('9'.repeat(100), -3, 3)).toEqual({
			ok: false,
			message: 'That is too long to be a number.'
		});
	});

	it('quotes what it refuses as short printable text', () => {
		expect(readNumber('\u202eabc', -3, 3)).toEqual({
			ok: false,
			message: '“abc” is not a number.'
		});
		expect(readNumber('a\u0007\ud800', -3, 3)).toEqual({
			ok: false,
			message: '“a??” is not a number.'
		});
		expect(readNumber('😀'.repeat(20), -3, 3)).toEqual({
			ok: false,
			message: `“${'😀'.repeat(15)}…” is not a number.`
		});
	});

	it('clamps out-of-range values and says so', () => {
		expect(readNumber('7', -3, 3)).toEqual({
			ok: true,
			value: 3,
			clamped: true,
			note: 'Clamped to 3 (the highest allowed).'
		});
		expect(readNumber('-1e300', -3, 3)).toMatchObject({ ok: true, value: -3, clamped: true });
	});
});

describe('isNumberPrefix', () => {
	it('accepts what may still become a number', () => {
		for (const t of ['', '-', '0.', '.', '1e', '1e-', '−']) expect(isNumberPrefix(t), t).toBe(true);
		for (const t of ['a', '1a', '--', '1e5e']) expect(isNumberPrefix(t), t).toBe(false);
	});
});

describe('the rule for limits', () => {
	it('gives a slider ±3, grown to hold the graph’s own starting value', () => {
		expect(sliderRange(0.4)).toEqual({ min: -3, max: 3 });
		expect(sliderRange(-3)).toEqual({ min: -3, max: 3 });
		expect(sliderRange(10)).toEqual({ min: -10, max: 10 });
		expect(sliderRange(-6.5)).toEqual({ min: -7, max: 7 });
		expect(sliderRange(NaN)).toEqual({ min: -3, max: 3 });
	});

	it('clamps any other value into the range and says so', () => {
		expect(clampToRange(0.9, { min: -3, max: 3 })).toEqual({ value: 0.9 });
		expect(clampToRange(1e9, { min: -3, max: 3 })).toEqual({
			value: 3,
			note: 'Clamped to 3 (the highest allowed).'
		});
		expect(clampToRange(-11, { min: -10, max: 10 })).toEqual({
			value: -10,
			note: 'Clamped to -10 (the lowest allowed).'
		});
		// A typed value follows the same rule.
		expect(readNumber('1e9', -3, 3)).toMatchObject({
			value: 3,
			note: 'Clamped to 3 (the highest allowed).'
		});
	});
});
