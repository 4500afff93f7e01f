import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { NestedNumbers } from '$lib/tensor';

export const CASES_FILE = 'tests/reference/tensor-programs/tensor-cases.json';

export interface NamedEntry {
	shape: number[];
	dtype: string;
	requires_grad: boolean;
	leaf: boolean;
	retains_grad: boolean;
	grad_fn: string | null;
	value?: NestedNumbers;
	value_norm?: number;
	grad?: NestedNumbers;
	grad_norm?: number;
}

export interface TensorCase {
	name: string;
	root: string;
	root_value: number;
	parameters: number;
	leaves: Record<
		string,
		{
			shape: number[];
			value?: NestedNumbers;
			value_norm?: number;
			grad?: NestedNumbers;
			grad_norm?: number;
		}
	>;
	named: Record<string, NamedEntry>;
	grad_fns: string[];
	printed: string[];
	backward_order: string[];
	backward_nodes: (string | null)[];
}

export function loadTensorCases(): TensorCase[] {
	return JSON.parse(readFileSync(CASES_FILE, 'utf8')).cases;
}

/** |a − e| ≤ 1e-9·|e| (plus 1e-12 for values at 0), element by element; infinities must be equal. */
export function expectClose(
	actual: NestedNumbers,
	expected: NestedNumbers,
	path: string,
	rel = 1e-9
) {
	if (Array.isArray(expected)) {
		expect(Array.isArray(actual), path).toBe(true);
		const a = actual as NestedNumbers[];
		expect(a.length, `${path} length`).toBe(expected.length);
		expected.forEach((e, i) => expectClose(a[i], e, `${path}[${i}]`, rel));
		return;
	}
	const a = Number(actual);
	const e = Number(expected);
	if (!Number.isFinite(e)) {
		expect(a, path).toBe(e);
		return;
	}
	if (!(Math.abs(a - e) <= rel * Math.abs(e) + 1e-12)) {
		expect.fail(`${path}: ${a} is not within ${rel} of ${e}`);
	}
}

export function norm(data: ArrayLike<number>): number {
	let s = 0;
	for (let i = 0; i < data.length; i++) s += data[i] * data[i];
	return Math.sqrt(s);
}
