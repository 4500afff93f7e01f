import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { hasTorch, noTorchReason, PYTHON } from '../support/python';
import { casesPath } from './support';

const script = fileURLToPath(
	new URL('../../../scripts/reference/scalar_cases.py', import.meta.url)
);
const dir = mkdtempSync(join(tmpdir(), 'scalar-cases-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

if (!hasTorch) console.warn(`Skipping the regeneration of torch-cases.json: ${noTorchReason}.`);

describe('tests/reference/torch-cases.json', () => {
	it.skipIf(!hasTorch)(
		'is what PyTorch computes for the cases in scalar-cases.spec.json',
		() => {
			const fresh = join(dir, 'torch-cases.json');
			const run = spawnSync(PYTHON, [script, fresh], { encoding: 'utf8' });
			expect(run.stderr).toBe('');
			expect(run.status).toBe(0);
			expect(JSON.parse(readFileSync(fresh, 'utf8'))).toEqual(
				JSON.parse(readFileSync(casesPath, 'utf8'))
			);
		},
		// Importing torch alone can take many seconds on a loaded machine.
		180_000
	);
});
