import { expect, node, openApp, shown, test } from './fixtures';
import type { Page } from '@playwright/test';

const graph = (page: Page) => page.locator('svg[data-phase]');
const formula = (page: Page) => page.locator('[data-formula-text]');
const active = (page: Page) => page.locator('[data-node][data-active="true"]');

async function at(page: Page, step: number, phase: string) {
	await expect(graph(page)).toHaveAttribute('data-step', String(step));
	await expect(graph(page)).toHaveAttribute('data-phase', phase);
}

test.beforeEach(async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await openApp(page);
	await page.keyboard.press('Home');
	await at(page, 0, 'idle');
});

test('→ walks the whole timeline; ← goes back; Home resets', async ({ page }) => {
	// Before anything: leaves known, everything else a dash.
	expect(await shown(page, 'z', 'value')).toBe('—');
	expect(await shown(page, 'w1', 'grad')).toBe('—');
	await expect(node(page, 'z')).not.toHaveAttribute('data-value');

	await page.keyboard.press('ArrowRight');
	await at(page, 1, 'forward');
	await expect(active(page)).toHaveAttribute('data-node', 'z');
	await expect(formula(page)).toHaveText(
		'z = w₁x₁ + w₂x₂ = (0.4000)(1.0000) + (0.6000)(0.5000) = 0.7000'
	);
	expect(await shown(page, 'z', 'value')).toBe('0.7000');
	expect(await shown(page, 'h', 'value')).toBe('—');
	await expect(page.locator('[data-edge="w1->z"]')).toHaveAttribute('data-active', 'true');

	await page.keyboard.press('PageDown');
	await at(page, 2, 'forward');
	await expect(formula(page)).toHaveText('h = σ(z) = σ(0.7000) = 0.6682');
	await page.keyboard.press('Enter');
	await page.keyboard.press('ArrowRight');
	await at(page, 4, 'forward');
	await expect(page.getByText('Loss', { exact: true })).toBeVisible();
	await expect(formula(page)).toHaveText('L = (ŷ − y)² = (0.5346 − 1.0000)² = 0.2166');

	await page.keyboard.press('ArrowRight');
	await at(page, 5, 'backward');
	await expect(formula(page)).toHaveText('∂L/∂L = 1');
	expect(await shown(page, 'yhat', 'grad')).toBe('—');

	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await at(page, 7, 'backward');
	await expect(active(page)).toHaveAttribute('data-node', 'yhat');
	await expect(formula(page)).toHaveText(
		'∂L/∂v = ∂L/∂ŷ · ∂ŷ/∂v = (−0.9309)(0.6682) = −0.6220, where ∂ŷ/∂v = h = 0.6682. ' +
			'∂L/∂h = ∂L/∂ŷ · ∂ŷ/∂h = (−0.9309)(0.8000) = −0.7447, where ∂ŷ/∂h = v = 0.8000'
	);
	expect(await shown(page, 'h', 'grad')).toBe('-0.7447');
	expect(await shown(page, 'z', 'grad')).toBe('—');

	await page.keyboard.press('ArrowLeft');
	await at(page, 6, 'backward');
	expect(await shown(page, 'h', 'grad')).toBe('—');
	await page.keyboard.press('PageUp');
	await at(page, 5, 'backward');

	await page.keyboard.press('End');
	await at(page, 10, 'done');
	expect(await shown(page, 'w1', 'grad')).toBe('-0.1651');
	await page.keyboard.press('Home');
	await at(page, 0, 'idle');
});

test('a slider change mid-backward-pass keeps the step and updates the numbers', async ({
	page
}) => {
	for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
	await at(page, 7, 'backward');
	await page.getByRole('textbox', { name: 'v value' }).fill('0.5');
	await at(page, 7, 'backward');
	// yhat = 0.5·σ(0.7) = 0.33409, dL/dyhat = 2(0.33409 − 1) = −1.3318; dL/dh = −1.3318 · 0.5
	await expect(formula(page)).toContainText('∂L/∂h = ∂L/∂ŷ · ∂ŷ/∂h = (−1.3318)(0.5000) = −0.6659');
});

test('the buttons and the scrubber drive the same timeline', async ({ page }) => {
	await page.getByRole('button', { name: 'Next step' }).click();
	await at(page, 1, 'forward');
	await page.getByRole('button', { name: 'Jump to end' }).click();
	await at(page, 10, 'done');
	await page.getByRole('button', { name: 'Previous step' }).click();
	await at(page, 9, 'backward');
	await page.getByRole('button', { name: 'Back to the start' }).click();
	await at(page, 0, 'idle');
	await page.getByRole('slider', { name: 'Timeline position' }).fill('6');
	await at(page, 6, 'backward');
	await page.getByRole('button', { name: 'Play' }).click();
	await at(page, 10, 'done');
	await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
});
