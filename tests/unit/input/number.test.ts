import { describe, expect, it } from 'vitest';
import { isNumberPrefix, readNumber } from '$lib/input/number';

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
