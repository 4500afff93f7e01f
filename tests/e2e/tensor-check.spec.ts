import { readFileSync } from 'node:fs';
import { expect, openApp, test } from './fixtures';
import { hasTorch, PYTHON, runScript } from '../unit/support/python';
import { programSource } from '../support/programs';

const CHAPTER = programSource('chapter.py');
// The layout worker shares a slow machine: wait generously, never time anything.
const LAYOUT = 30_000;

test('the PyTorch check of the chapter’s program: the program, its node names, and torch agrees', async ({
	page
}) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await openApp(page);
	await page
		.getByRole('combobox', { name: 'Graph' })
		.selectOption({ label: 'The chapter’s script (PyTorch)' });
	await expect(page.locator('svg[data-view="tensors"]')).toHaveCount(1, { timeout: LAYOUT });

	// A PyTorch program has the PyTorch check only: the other tools work on scalar graphs.
	const tabs = page.getByRole('tablist', { name: 'Exercises and checks' }).getByRole('tab');
	await expect(tabs).toHaveText(['Verify against PyTorch']);
	await tabs.first().click();
	const panel = page.getByRole('tabpanel', { name: 'Verify against PyTorch' });
	const script = panel.getByLabel('PyTorch script check_backprop.py');
	await expect(script).toContainText('w = torch.tensor([0.4, 0.6], requires_grad=True)');
	await expect(script).toContainText('("SumBackward0", "z", [6]),');
	await expect(script).toContainText('("AccumulateGrad", "w", []),');
	await expect(panel).toContainText('loss.grad_fn.next_functions');

	// Download gives exactly the text shown, and it is the program with checks after it.
	const text = (await script.textContent())!;
	expect(text).toContain(`# ---- your program ----\n${CHAPTER}# ---- end of your program ----`);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		panel.getByRole('button', { name: 'Download check_backprop.py' }).click()
	]);
	expect(readFileSync((await download.path())!, 'utf8')).toBe(text);

	test.skip(!hasTorch, `${PYTHON} cannot import torch`);
	const { status, out } = runScript(text);
	expect(out).toContain('✓ hand-derived gradients match PyTorch');
	expect(out).toMatch(/^OK: PyTorch agrees on the 8 autograd nodes/m);
	expect(status).toBe(0);
});
