import { describe, expect, it } from 'vitest';
import { formatNumber, WIDEST_NUMBERS } from '$lib/format';

const M = '\u2212';

describe('formatNumber', () => {
	it('shows 4 decimals with a true minus sign (U+2212)', () => {
		expect(formatNumber(-0.08255696687978295)).toBe(`${M}0.0826`);
		expect(formatNumber(0.7)).toBe('0.7000');
		expect(formatNumber(0.2166)).toBe('0.2166');
		expect(formatNumber(-12.5)).toBe(`${M}12.5000`);
		expect(formatNumber(123456.789)).toBe('123456.7890');
		expect(formatNumber(-123456.7)).toBe(`${M}123456.7000`);
	});

	it('rounds the double’s exact value, not x·10⁴', () => {
		// 2.00005 is stored as 2.0000499999…, so it rounds down; Math.round(x * 1e4) says 2.0001.
		expect(formatNumber(2.00005)).toBe('2.0000');
		expect(formatNumber(1.00005)).toBe('1.0001');
		expect(formatNumber(-1.00005)).toBe(`${M}1.0001`);
	});

	it('never shows negative zero', () => {
		expect(formatNumber(0)).toBe('0.0000');
		expect(formatNumber(-0)).toBe('0.0000');
	});

	it('shows a nonzero number that 4 decimals would print as 0.0000 with 4 significant digits', () => {
		// The saturated sigmoid's ∂L/∂w₁ at x₁ = x₂ = w₁ = w₂ = 3 (issue 11).
		expect(formatNumber(-1.4621e-8)).toBe(`${M}1.462e${M}8`);
		expect(formatNumber(3e-7)).toBe(`3.000e${M}7`);
		expect(formatNumber(-0.00004)).toBe(`${M}4.000e${M}5`);
		expect(formatNumber(0.00004999)).toBe(`4.999e${M}5`);
		expect(formatNumber(0.000049996)).toBe(`5.000e${M}5`);
		expect(formatNumber(0.00005)).toBe('0.0001');
		expect(formatNumber(-0.00005)).toBe(`${M}0.0001`);
		expect(formatNumber(Number.MIN_VALUE)).toBe(`4.941e${M}324`);
	});

	it('shows a million or more with 4 significant digits', () => {
		expect(formatNumber(1234567)).toBe('1.235e6');
		expect(formatNumber(-1234567)).toBe(`${M}1.235e6`);
		expect(formatNumber(999999.9999)).toBe('999999.9999');
		expect(formatNumber(999999.99999)).toBe('1.000e6');
		expect(formatNumber(1e6)).toBe('1.000e6');
		expect(formatNumber(1e300)).toBe('1.000e300');
		expect(formatNumber(-Number.MAX_VALUE)).toBe(`${M}1.798e308`);
	});

	it('spells out NaN and the infinities', () => {
		expect(formatNumber(NaN)).toBe('NaN');
		expect(formatNumber(Infinity)).toBe('∞');
		expect(formatNumber(-Infinity)).toBe(`${M}∞`);
	});

	// Every decade from 1e−12 to 1e12, both signs: the expected text is written out, not derived.
	const decades: [number, string][] = [
		[1e-12, `1.000e${M}12`],
		[1e-11, `1.000e${M}11`],
		[1e-10, `1.000e${M}10`],
		[1e-9, `1.000e${M}9`],
		[1e-8, `1.000e${M}8`],
		[1e-7, `1.000e${M}7`],
		[1e-6, `1.000e${M}6`],
		[1e-5, `1.000e${M}5`],
		[1e-4, '0.0001'],
		[1e-3, '0.0010'],
		[1e-2, '0.0100'],
		[1e-1, '0.1000'],
		[1, '1.0000'],
		[1e1, '10.0000'],
		[1e2, '100.0000'],
		[1e3, '1000.0000'],
		[1e4, '10000.0000'],
		[1e5, '100000.0000'],
		[1e6, '1.000e6'],
		[1e7, '1.000e7'],
		[1e8, '1.000e8'],
		[1e9, '1.000e9'],
		[1e10, '1.000e10'],
		[1e11, '1.000e11'],
		[1e12, '1.000e12']
	];
	it.each(decades)('prints %d and its negative', (x, text) => {
		expect(formatNumber(x)).toBe(text);
		expect(formatNumber(-x)).toBe(`${M}${text}`);
	});

	it('rounds mantissas to 4 significant digits across the range', () => {
		expect(formatNumber(1.23456789e-12)).toBe(`1.235e${M}12`);
		expect(formatNumber(-9.87654321e-9)).toBe(`${M}9.877e${M}9`);
		expect(formatNumber(1.23456789)).toBe('1.2346');
		expect(formatNumber(-98765.43216)).toBe(`${M}98765.4322`);
		expect(formatNumber(-9.87654321e11)).toBe(`${M}9.877e11`);
	});

	it('never prints a nonzero number as zero, nor a hyphen for minus', () => {
		for (let e = -12; e <= 12; e += 0.25) {
			for (const x of [10 ** e, -(10 ** e), 3 * 10 ** e, -7.77 * 10 ** e]) {
				const text = formatNumber(x);
				expect(text, String(x)).not.toMatch(/^[−]?0\.0000$/);
				expect(text, String(x)).not.toContain('-');
				expect(text.startsWith(M), String(x)).toBe(x < 0);
				const read = Number(text.replaceAll(M, '-'));
				// Fixed: within half a unit in the 4th decimal; scientific: in the 4th significant digit.
				if (/e/.test(text)) {
					expect(text, String(x)).toMatch(/^−?\d\.\d{3}e−?\d+$/);
					expect(Math.abs(read / x - 1), String(x)).toBeLessThanOrEqual(5e-4);
				} else {
					expect(text, String(x)).toMatch(/^−?\d{1,6}\.\d{4}$/);
					expect(Math.abs(read - x), String(x)).toBeLessThanOrEqual(5e-5);
				}
			}
		}
	});

	it('lists its widest outputs, one per form', () => {
		expect(WIDEST_NUMBERS).toContain(formatNumber(-999999.9999));
		for (const text of [formatNumber(-8.888e-308), formatNumber(-Infinity), formatNumber(NaN)])
			expect(WIDEST_NUMBERS).toContain(text);
	});
});
