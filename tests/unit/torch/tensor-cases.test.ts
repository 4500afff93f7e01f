import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorText, runProgram } from '$lib/torch';

/**
 * The tensor engine's reference programs (tests/reference/tensor-programs/tensor-cases.json,
 * what PyTorch 1.13 recorded for each) read by our interpreter: what they print, the root, and
 * for every tensor bound to a name its shape, dtype, requires_grad, is_leaf and grad_fn.
 */

interface Named {
	shape: number[];
	dtype: string;
	requires_grad: boolean;
	leaf: boolean;
	grad_fn: string | null;
}

const { cases } = JSON.parse(
	readFileSync('tests/reference/tensor-programs/tensor-cases.json', 'utf8')
) as {
	cases: {
		name: string;
		source: string;
		root: string;
		printed: string[];
		named: Record<string, Named>;
		grad_fns: string[];
	}[];
};

describe('the tensor reference programs', () => {
	it.each(cases.map((c) => [c.name, c] as const))(
		'%s',
		(_name, c) => {
			const result = runProgram(c.source);
			if (!result.ok) throw new Error(errorText(result));
			const printed = result.printed.filter((l) => l.kind === 'print').map((l) => l.text);
			expect(printed).toEqual(c.printed);
			expect(result.root.label).toBe(c.root);
			for (const [name, expected] of Object.entries(c.named)) {
				const t = result.tensors.find((x) => x.name === name)!.tensor;
				expect({
					shape: [...t.shape],
					dtype: t.dtype,
					requires_grad: t.requiresGrad,
					leaf: t.isLeaf,
					grad_fn: t.isLeaf ? null : (t.gradFn ?? null)
				}).toEqual({
					shape: expected.shape,
					dtype: expected.dtype,
					requires_grad: expected.requires_grad,
					leaf: expected.leaf,
					grad_fn: expected.grad_fn
				});
			}
			expect(result.tape!.backwardOrder.map((s) => s.name).sort()).toEqual(c.grad_fns);
		},
		30_000
	);
});
