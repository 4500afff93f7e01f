import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { Value } from '$lib/engine';

/** Passes within 1e-9 relative, or 1e-12 absolute where the expected value is near 0. */
export function expectClose(actual: number, expected: number, what = ''): void {
	const tolerance = Math.max(1e-9 * Math.abs(expected), 1e-12);
	if (!(Math.abs(actual - expected) <= tolerance)) {
		expect.fail(`${what}: got ${actual}, expected ${expected} (tolerance ${tolerance})`);
	}
}

type Operand = string | number;
export interface TorchCase {
	name: string;
	inputs: Record<string, number>;
	ops: [string, string, Operand, Operand?][];
	output: string;
	values: Record<string, number>;
	grads: Record<string, number>;
}

// In the repo, made by scripts/reference/scalar_cases.py (reference.test.ts checks it is current).
export const casesPath = fileURLToPath(
	new URL('../../reference/torch-cases.json', import.meta.url)
);

export function loadTorchCases(): TorchCase[] {
	return JSON.parse(readFileSync(casesPath, 'utf8')).cases;
}

/** Builds a case with the Value API: number operands become constants, pow's exponent is k. */
export function buildCase(c: TorchCase): Map<string, Value> {
	const nodes = new Map<string, Value>();
	for (const [name, x] of Object.entries(c.inputs)) nodes.set(name, new Value(x, name));
	const operand = (o: Operand): Value => {
		if (typeof o === 'number') return Value.constant(o);
		const v = nodes.get(o);
		if (!v) throw new Error(`${c.name}: unknown operand ${o}`);
		return v;
	};
	for (const [out, op, x, y] of c.ops) {
		const a = operand(x);
		let v: Value;
		switch (op) {
			case 'add':
			case 'sub':
			case 'mul':
			case 'div':
				v = a[op](operand(y!));
				break;
			case 'pow':
				v = a.pow(y as number);
				break;
			case 'neg':
			case 'exp':
			case 'log':
			case 'tanh':
			case 'relu':
			case 'sigmoid':
				v = a[op]();
				break;
			default:
				throw new Error(`${c.name}: unknown op ${op}`);
		}
		nodes.set(out, v.named(out));
	}
	return nodes;
}
