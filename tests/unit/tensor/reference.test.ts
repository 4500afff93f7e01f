import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backward, toNested, type Tensor } from '$lib/tensor';
import { PROGRAMS } from './programs';
import { CASES_FILE, expectClose, loadTensorCases, norm, type TensorCase } from './support';

const cases = loadTensorCases();

/** value or grad as the JSON gives it: nested lists, or the norm of a big tensor */
function expectData(
	data: Float64Array,
	t: Tensor,
	entry: Record<string, unknown>,
	key: string,
	path: string
) {
	if (entry[`${key}_norm`] !== undefined) {
		expectClose(norm(data), entry[`${key}_norm`] as number, `${path} norm`);
	} else {
		expectClose(toNested(data, t.shape), entry[key] as number, path);
	}
}

describe('the reference programs, against PyTorch', () => {
	it('are all there, each with a TS fixture', () => {
		expect(cases.map((c) => c.name).sort()).toEqual(Object.keys(PROGRAMS).sort());
		expect(cases.length).toBeGreaterThanOrEqual(11);
	});

	describe.each(cases.map((c) => [c.name, c] as const))('%s', (name, c: TensorCase) => {
		const build = () => {
			const { scope, root } = PROGRAMS[name]();
			expect(root).toBe(c.root);
			const tape = backward(scope.get(root)!);
			return { scope, tape };
		};

		it('gives the root value, and every leaf value and grad', () => {
			const { scope } = build();
			expectClose(scope.get(c.root)!.item(), c.root_value, 'root');
			for (const [leafName, entry] of Object.entries(c.leaves)) {
				const t = scope.get(leafName)!;
				expect(t.shape, leafName).toEqual(entry.shape);
				expectData(t.data, t, entry, 'value', leafName);
				expectData(t.grad!, t, entry, 'grad', `${leafName}.grad`);
			}
		});

		it('gives every named tensor its shape, dtype, flags, grad_fn, value and grad', () => {
			const { scope } = build();
			for (const [tensorName, entry] of Object.entries(c.named)) {
				const t = scope.get(tensorName)!;
				expect(t, tensorName).toBeDefined();
				expect(
					{
						shape: t.shape,
						dtype: t.dtype,
						requires_grad: t.requiresGrad,
						leaf: t.isLeaf,
						retains_grad: t.retainsGrad,
						grad_fn: t.isLeaf ? null : (t.gradFn ?? null)
					},
					tensorName
				).toEqual({
					shape: entry.shape,
					dtype: entry.dtype,
					requires_grad: entry.requires_grad,
					leaf: entry.leaf,
					retains_grad: entry.retains_grad,
					grad_fn: entry.grad_fn
				});
				expectData(t.data, t, entry as never, 'value', tensorName);
				// PyTorch computes a gradient for every tensor that requires grad, kept or not.
				if (t.requiresGrad) expectData(t.grad!, t, entry as never, 'grad', `${tensorName}.grad`);
				else expect(t.grad, tensorName).toBeNull();
			}
		});

		it('has PyTorch autograd nodes, by name and count', () => {
			const { tape } = build();
			expect(tape.backwardOrder.map((s) => s.name).sort()).toEqual(c.grad_fns);
		});

		it('runs backward in the order of PyTorch engine', () => {
			const { scope, tape } = build();
			const nameOf = new Map<Tensor, string>();
			for (const [n, t] of scope) if (!nameOf.has(t)) nameOf.set(t, n);
			expect(tape.backwardOrder.map((s) => s.name)).toEqual(c.backward_order);
			expect(tape.backwardOrder.map((s) => nameOf.get(s.node) ?? null)).toEqual(c.backward_nodes);
		});
	});
});

const torchAvailable =
	spawnSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;

describe('the generator', () => {
	it.skipIf(!torchAvailable)(
		'regenerates tensor-cases.json as committed (skipped where /usr/bin/python3 has no torch)',
		{ timeout: 120_000 },
		() => {
			const dir = mkdtempSync(join(tmpdir(), 'tensor-cases-'));
			try {
				const out = join(dir, 'tensor-cases.json');
				execFileSync('/usr/bin/python3', ['scripts/reference/tensor_programs.py', out]);
				expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(
					JSON.parse(readFileSync(CASES_FILE, 'utf8'))
				);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	);
});
