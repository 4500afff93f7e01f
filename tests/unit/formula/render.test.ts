import { describe, expect, it } from 'vitest';
import { binary, derivative, num, sym } from '$lib/formula/ast';
import { parseFormula } from '$lib/formula/parse';
import { formatFixed, formatPlugged, formulaText, symbolBox } from '$lib/formula/render';
import { simplify } from '$lib/formula/simplify';

const read = (text: string) => {
	const r = parseFormula(text);
	if (!r.ok) throw new Error(r.error.message);
	return r.value;
};

describe('symbols', () => {
	it('reads names as a teacher writes them', () => {
		expect(symbolBox('w1')).toEqual({ t: 'mi', text: 'w', sub: '1', hat: false });
		expect(symbolBox('yhat')).toEqual({ t: 'mi', text: 'y', hat: true });
		expect(symbolBox('x_in')).toEqual({ t: 'mi', text: 'x', sub: 'in', hat: false });
		expect(symbolBox('eta')).toEqual({ t: 'mi', text: 'η', hat: false });
		expect(symbolBox('L')).toEqual({ t: 'mi', text: 'L', hat: false });
	});
});

describe('numbers', () => {
	it('plugged-in numbers drop trailing zeros; results keep 4 decimals', () => {
		expect(formatPlugged(0.4)).toBe('0.4');
		expect(formatPlugged(1)).toBe('1.0');
		expect(formatPlugged(-0.93089956)).toBe('−0.9309');
		expect(formatPlugged(-0.00001)).toBe('0.0');
		expect(formatFixed(-0.00001)).toBe('0.0000');
		expect(formatFixed(-0.08255696687978295)).toBe('−0.0826');
		expect(formatFixed(Infinity)).toBe('∞');
		expect(formatFixed(NaN)).toBe('NaN');
	});
});

describe('formulaText', () => {
	it('puts parentheses only where they are needed', () => {
		expect(formulaText(read('a - (b - c)'))).toBe('a − (b − c)');
		expect(formulaText(read('(a - b) - c'))).toBe('a − b − c');
		expect(formulaText(read('a * (b + c)'))).toBe('a(b + c)');
		expect(formulaText(read('-(a + b)'))).toBe('−(a + b)');
		expect(formulaText(read('(a + b)^2'))).toBe('(a + b)²');
		expect(formulaText(read('sigmoid(z)'))).toBe('σ(z)');
		expect(formulaText(read('a / b'))).toBe('a/b');
		expect(formulaText(read('[a > 0]'))).toBe('[a > 0]');
	});

	it('writes plugged numbers in parentheses in products and when negative', () => {
		expect(formulaText(binary('*', num(0.4, 'plugged'), num(1, 'plugged')))).toBe('(0.4)(1.0)');
		expect(formulaText(binary('+', num(0.4, 'plugged'), num(-0.3, 'plugged')))).toBe(
			'0.4 + (−0.3)'
		);
		expect(formulaText(derivative('L', 'w1'), binary('*', derivative('L', 'z'), sym('x1')))).toBe(
			'∂L/∂w₁ = ∂L/∂z · x₁'
		);
	});
});

describe('simplify', () => {
	it('tidies filled templates', () => {
		expect(formulaText(simplify(read('2*a^(2-1)')))).toBe('2a');
		expect(formulaText(simplify(read('1*x')))).toBe('x');
		expect(formulaText(simplify(read('x*(-1)')))).toBe('−x');
		expect(formulaText(simplify(read('h*2')))).toBe('2h');
		expect(formulaText(simplify(read('0 + a')))).toBe('a');
		expect(formulaText(simplify(read('a^0')))).toBe('1');
		expect(formulaText(simplify(read('--a')))).toBe('a');
	});
});
