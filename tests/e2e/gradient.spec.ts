import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, nodeNumber, openApp, test } from './fixtures';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const CHAPTER = { x1: 1, x2: 0.5, w1: 0.4, w2: 0.6, v: 0.8, y: 1 };

/** The chapter's network by hand, independent of the app's engine. */
function byHand(p: typeof CHAPTER) {
	const h = sigmoid(p.w1 * p.x1 + p.w2 * p.x2);
	const yhat = p.v * h;
	const dyhat = 2 * (yhat - p.y);
	const dz = dyhat * p.v * h * (1 - h);
	return { L: (yhat - p.y) ** 2, dv: dyhat * h, dw1: dz * p.x1, dw2: dz * p.x2 };
}

async function openTab(page: Page, name: string) {
	await page.getByRole('tab', { name }).click();
	return page.getByRole('tabpanel', { name });
}

test('one gradient step with η = 0.5 lowers L from 0.2166; plot and sparkline follow', async ({
	page
}) => {
	await openApp(page);
	const panel = await openTab(page, 'What the gradient is for');
	const plot = panel.locator('svg[data-parameter]');
	const spark = panel.locator('svg[data-count]');
	await expect(plot).toHaveAttribute('data-parameter', 'w1');
	await expect(plot).toHaveAttribute('data-theta', '0.4');
	await expect(spark).toHaveAttribute('data-count', '0');
	const curveBefore = await plot.locator('path.curve').getAttribute('d');
	const tangentBefore = await plot.locator('path[data-tangent]').getAttribute('d');
	expect(curveBefore).toMatch(/^M[\d.,L-]+$/);

	await panel.getByRole('textbox', { name: 'learning rate η' }).fill('0.5');
	await panel.getByRole('button', { name: 'Gradient step' }).click();

	const start = byHand(CHAPTER);
	const after = {
		...CHAPTER,
		w1: 0.4 - 0.5 * start.dw1,
		w2: 0.6 - 0.5 * start.dw2,
		v: 0.8 - 0.5 * start.dv
	};
	await expect(spark).toHaveAttribute('data-count', '2');
	expect(await nodeNumber(page, 'w1', 'value')).toBeCloseTo(after.w1, 12);
	expect(await nodeNumber(page, 'w2', 'value')).toBeCloseTo(after.w2, 12);
	expect(await nodeNumber(page, 'v', 'value')).toBeCloseTo(after.v, 12);
	expect(await nodeNumber(page, 'x1', 'value')).toBe(1);
	const L = await nodeNumber(page, 'L', 'value');
	expect(L).toBeCloseTo(byHand(after).L, 12);
	expect(L).toBeLessThan(0.2166);
	await expect(page.getByRole('textbox', { name: 'w1 value' })).toHaveValue(
		String(Math.round(after.w1 * 1e6) / 1e6)
	);

	// The plot moved with w1 and L; the sparkline says where L went.
	expect(Number(await plot.getAttribute('data-theta'))).toBeCloseTo(after.w1, 12);
	expect(Number(await plot.getAttribute('data-loss'))).toBe(L);
	expect(await plot.locator('path.curve').getAttribute('d')).not.toBe(curveBefore);
	expect(await plot.locator('path[data-tangent]').getAttribute('d')).not.toBe(tangentBefore);
	await expect(panel.getByText('0.2166 →')).toContainText(`→ ${L.toFixed(4)} after 1 step`);

	// Undo puts the chapter's values back exactly; reset clears the history.
	await panel.getByRole('button', { name: 'Undo step' }).click();
	await expect.poll(() => nodeNumber(page, 'w1', 'value')).toBe(0.4);
	expect(await nodeNumber(page, 'L', 'value')).toBeCloseTo(0.2166434998109707, 15);
	await expect(spark).toHaveAttribute('data-count', '1');
	await panel.getByRole('button', { name: 'Reset' }).click();
	await expect(spark).toHaveAttribute('data-count', '0');
});

test('a bad learning rate is refused with a message and steps keep the last good one', async ({
	page
}) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await openApp(page);
	const panel = await openTab(page, 'What the gradient is for');
	const rate = panel.getByRole('textbox', { name: 'learning rate η' });
	await rate.fill('fast');
	await expect(rate).toHaveAttribute('aria-invalid', 'true');
	await expect(panel.getByRole('status')).toContainText('Keeping η = 0.5');
	await panel.getByRole('button', { name: 'Gradient step' }).click();
	const start = byHand(CHAPTER);
	await expect.poll(() => nodeNumber(page, 'w1', 'value')).toBeCloseTo(0.4 - 0.5 * start.dw1, 12);
});

test('the finite-difference table agrees with backprop and follows the sliders', async ({
	page
}) => {
	await openApp(page);
	const panel = await openTab(page, 'Finite differences');
	const rows = panel.locator('tr[data-parameter]');
	await expect(rows).toHaveCount(6);
	for (const row of await rows.all()) {
		expect(Number(await row.getAttribute('data-relative-error'))).toBeLessThan(1e-6);
		await expect(row).toContainText('✓ yes');
	}
	const w2 = panel.locator('tr[data-parameter="w2"] td');
	await expect(w2.nth(0)).toHaveText('−0.0826');
	await expect(w2.nth(1)).toHaveText('−0.0826');

	// Live: move w1 and the row shows the new gradient, still agreeing.
	const slider = page.getByRole('slider', { name: 'w1', exact: true });
	await slider.focus();
	await page.keyboard.press('ArrowRight');
	const moved = byHand({ ...CHAPTER, w1: 0.41 });
	const w1 = panel.locator('tr[data-parameter="w1"] td');
	await expect(w1.nth(0)).toHaveText(moved.dw1.toFixed(4).replace('-', '−'));
	await expect(w1.nth(1)).toHaveText(moved.dw1.toFixed(4).replace('-', '−'));

	// A huge step no longer agrees where L curves (through the sigmoid); the table shows it.
	await panel.getByRole('combobox', { name: 'step ε' }).selectOption({ label: '0.1000' });
	await expect(panel.locator('tr[data-parameter="w1"]')).toContainText('✗ no');
});

test('the PyTorch script carries the current numbers and follows the sliders', async ({
	page,
	context
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await openApp(page);
	const panel = await openTab(page, 'Verify against PyTorch');
	const script = panel.getByLabel('PyTorch script check_backprop.py');
	await expect(script).toContainText(
		'w1 = torch.tensor(0.4, dtype=torch.float64, requires_grad=True)'
	);
	await expect(script).toContainText('z = w1 * x1 + w2 * x2');
	await expect(script).toContainText('"L": (L, 0.2166434998109707, 1.0),');
	await expect(script).toContainText('"w2": (w2, 0.6, -0.08255696687978296),');

	const slider = page.getByRole('slider', { name: 'w1', exact: true });
	await slider.focus();
	await page.keyboard.press('ArrowRight');
	await expect(script).toContainText('w1 = torch.tensor(0.41,');
	const L = await nodeNumber(page, 'L', 'value');
	await expect(script).toContainText(`"L": (L, ${L}, 1.0),`);
	await expect(script).not.toContainText('0.2166434998109707');

	// Download and copy give exactly the text shown.
	const shownText = await script.textContent();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		panel.getByRole('button', { name: 'Download check_backprop.py' }).click()
	]);
	expect(download.suggestedFilename()).toBe('check_backprop.py');
	expect(readFileSync((await download.path())!, 'utf8')).toBe(shownText);
	await panel.getByRole('button', { name: 'Copy' }).click();
	await expect(panel.getByRole('status')).toHaveText('Copied the script.');
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shownText);
});
