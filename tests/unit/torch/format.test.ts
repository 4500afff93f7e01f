import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormatError, formatPython, reprFloat } from '$lib/torch';

/**
 * formatPython and reprFloat against what real Python printed (tests/reference/python-format.json,
 * made by scripts/reference/python_format.py): every spec on floats, ints, strings and bools,
 * including the errors Python raises.
 */

type Encoded = { float: string } | { int: string } | { str: string } | { bool: boolean };
interface Case {
	value: Encoded;
	spec: string;
	text?: string;
	error?: string;
}

const table = JSON.parse(readFileSync('tests/reference/python-format.json', 'utf8')) as {
	format: Case[];
	repr: { bits: string; repr: string }[];
};

function fromBits(hex: string): number {
	const view = new DataView(new ArrayBuffer(8));
	view.setBigUint64(0, BigInt(`0x${hex}`));
	return view.getFloat64(0);
}

function decode(v: Encoded): number | bigint | string | boolean {
	if ('float' in v) return fromBits(v.float);
	if ('int' in v) return BigInt(v.int);
	if ('str' in v) return v.str;
	return v.bool;
}

function run(c: Case): string {
	try {
		return formatPython(decode(c.value), c.spec);
	} catch (e) {
		if (e instanceof FormatError) return `error: ${e.message}`;
		throw e;
	}
}

describe('formatPython matches Python', () => {
	it('has a big table', () => {
		expect(table.format.length).toBeGreaterThan(5000);
	});

	it('gives the same text or error for every case', () => {
		const wrong: string[] = [];
		for (const c of table.format) {
			const expected = c.text ?? `error: ${c.error!.replace(/^\w+Error: /, '')}`;
			const got = run(c);
			if (got !== expected) {
				wrong.push(
					`format(${String(decode(c.value))}, ${JSON.stringify(c.spec)}): ${JSON.stringify(got)} != ${JSON.stringify(expected)}`
				);
			}
		}
		expect(wrong.slice(0, 20)).toEqual([]);
	});

	it('rounds exact ties to even, unlike toFixed', () => {
		expect(formatPython(0.125, '.2f')).toBe('0.12');
		expect(formatPython(0.375, '.2f')).toBe('0.38');
		expect(formatPython(2.5, '.0f')).toBe('2');
		expect(formatPython(-0.082557, '.4f')).toBe('-0.0826');
	});

	it('formats the chapter numbers', () => {
		expect(formatPython(0.2166434998109707, '.4f')).toBe('0.2166');
		expect(formatPython(-0.08255696687978295, '.4f')).toBe('-0.0826');
		expect(formatPython(0.2166434998109707, '.3e')).toBe('2.166e-01');
		expect(formatPython(0.2166434998109707, '>8.4f')).toBe('  0.2166');
	});
});

describe('reprFloat matches Python', () => {
	it('for every float in the table', () => {
		const wrong: string[] = [];
		for (const r of table.repr) {
			const x = fromBits(r.bits);
			if (reprFloat(x) !== r.repr) wrong.push(`${x}: ${reprFloat(x)} != ${r.repr}`);
		}
		expect(table.repr.length).toBeGreaterThan(300);
		expect(wrong).toEqual([]);
	});

	it('switches to exponents where Python does', () => {
		expect([0.1, 1.0, 1e-5, 1e16, 1e15, 0.0001, -0.0].map(reprFloat)).toEqual([
			'0.1',
			'1.0',
			'1e-05',
			'1e+16',
			'1000000000000000.0',
			'0.0001',
			'-0.0'
		]);
	});
});
