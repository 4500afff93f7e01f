import { describe, expect, it } from 'vitest';
import { formatNumber, formatShort } from '$lib/format';

describe('formatNumber', () => {
	it('shows 4 decimals with a true minus sign (U+2212)', () => {
		expect(formatNumber(-0.08255696687978295)).toBe('\u22120.0826');
		expect(formatNumber(0.7)).toBe('0.7000');
		expect(formatNumber(0.2166)).toBe('0.2166');
		expect(formatNumber(-12.5)).toBe('\u221212.5000');
		expect(formatNumber(123456.789)).toBe('123456.7890');
	});

	it('rounds the double’s exact value, not x·10⁴', () => {
		// 2.00005 is stored as 2.0000499999…, so it rounds down; Math.round(x * 1e4) says 2.0001.
		expect(formatNumber(2.00005)).toBe('2.0000');
		expect(formatNumber(1.00005)).toBe('1.0001');
	});

	it('never shows negative zero', () => {
		expect(formatNumber(0)).toBe('0.0000');
		expect(formatNumber(-0)).toBe('0.0000');
	});

	it('shows a nonzero value that would round to 0.0000 in exponent form', () => {
		expect(formatNumber(3e-7)).toBe('3.0000e\u22127');
		expect(formatNumber(-0.00004)).toBe('\u22124.0000e\u22125');
		expect(formatNumber(0.00004999)).toBe('4.9990e\u22125');
		expect(formatNumber(0.00005)).toBe('0.0001');
		expect(formatNumber(Number.MIN_VALUE)).toBe('4.9407e\u2212324');
	});

	it('shows a million or more in exponent form', () => {
		expect(formatNumber(1234567)).toBe('1.2346e+6');
		expect(formatNumber(-1234567)).toBe('\u22121.2346e+6');
		expect(formatNumber(999999.9999)).toBe('999999.9999');
		expect(formatNumber(999999.99999)).toBe('1.0000e+6');
		expect(formatNumber(1e300)).toBe('1.0000e+300');
	});

	it('spells out NaN and the infinities', () => {
		expect(formatNumber(NaN)).toBe('NaN');
		expect(formatNumber(Infinity)).toBe('∞');
		expect(formatNumber(-Infinity)).toBe('\u2212∞');
	});
});

describe('formatShort', () => {
	it('follows the same rules with 2 decimals', () => {
		expect(formatShort(0.4)).toBe('0.40');
		expect(formatShort(-0.125)).toBe('\u22120.13');
		expect(formatShort(-0.001)).toBe('\u22121.00e\u22123');
		expect(formatShort(-0)).toBe('0.00');
		expect(formatShort(2.5e6)).toBe('2.50e+6');
		expect(formatShort(-Infinity)).toBe('\u2212∞');
	});
});
