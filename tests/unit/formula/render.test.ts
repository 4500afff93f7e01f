import { describe, expect, it } from 'vitest';
import { binary, derivative, num, sym } from '$lib/formula/ast';
import { parseFormula } from '$lib/formula/parse';
import { formulaText, symbolBox } from '$lib/formula/render';
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
	const text = (f: ReturnType<typeof num>) => formulaText(f);
	it('prints plugged-in and computed numbers as formatNumber does, everywhere', () => {
		expect(text(num(0.4, 'plugged'))).toBe('0.4000');
		expect(text(num(1, 'plugged'))).toBe('1.0000');
		expect(text(num(-0.93089956, 'plugged'))).toBe('(−0.9309)');
		// A vanished gradient is not zero, as a factor or as a result (issue 11).
		expect(text(num(-0.00001, 'plugged'))).toBe('(−1.000e−5)');
		expect(text(num(-0.00001, 'result'))).toBe('−1.000e−5');
		expect(text(num(-0, 'result'))).toBe('0.0000');
		expect(text(num(-0.08255696687978295, 'result'))).toBe('−0.0826');
		expect(text(num(Infinity, 'result'))).toBe('∞');
		expect(text(num(NaN, 'result'))).toBe('NaN');
	});

	it('writes a constant as written when 4 decimals hold it exactly', () => {
		expect(text(num(2))).toBe('2');
		expect(text(num(0.5))).toBe('0.5');
		expect(text(num(-3))).toBe('(−3)');
		expect(text(num(1 / 3))).toBe('0.3333');
		expect(text(num(1e-7))).toBe('1.000e−7');
		expect(text(num(1e7))).toBe('1.000e7');
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
		expect(formulaText(binary('*', num(0.4, 'plugged'), num(1, 'plugged')))).toBe(
			'(0.4000)(1.0000)'
		);
		expect(formulaText(binary('+', num(0.4, 'plugged'), num(-0.3, 'plugged')))).toBe(
			'0.4000 + (−0.3000)'
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
