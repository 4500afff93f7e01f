import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, node, openApp, shown, test } from './fixtures';
import type { Locator, Page } from '@playwright/test';
import { programSource } from '../support/programs';

// The live scalar graph (the stage shows PyTorch's tensor graphs in the last section).
const graph = (page: Page) => page.locator('svg[data-phase]:not([data-view="tensors"])');
const heading = (page: Page) => page.locator('article h2');
const current = (page: Page) => page.locator('nav [aria-current="step"]');
const lessonMath = (page: Page, name: string) =>
	page.locator('[data-lesson-text]').getByRole('math', { name, exact: true });

async function at(page: Page, title: string, step: number, phase: string) {
	await expect(heading(page)).toHaveText(title);
	await expect(graph(page)).toHaveAttribute('data-step', String(step));
	await expect(graph(page)).toHaveAttribute('data-phase', phase);
}

/**
 * Page Down until the lesson moves to `title` at `step`: while the section still has text out of
 * sight a press scrolls it into view and nothing else changes; then one press moves on.
 */
async function pageDown(page: Page, title: string, step: number, phase: string, key = 'PageDown') {
	const where = () =>
		page.evaluate(() => ({
			place: `${document.querySelector('article h2')?.textContent}@${document.querySelector('svg[data-phase]')?.getAttribute('data-step')}`,
			top: document.querySelector('article')!.scrollTop
		}));
	for (let i = 0; i < 8; i++) {
		const before = await where();
		await page.keyboard.press(key);
		const after = await where();
		// Only the column scrolled: the section had more to show.
		if (after.place !== before.place || after.top === before.top) break;
	}
	await at(page, title, step, phase);
}

/** Page Down until `target` is visible, staying in the section `title`. */
async function pageDownUntil(page: Page, title: string, target: Locator) {
	for (let i = 0; i < 12 && !(await target.isVisible()); i++) {
		await page.keyboard.press('PageDown');
		await expect(heading(page)).toHaveText(title);
	}
	await expect(target).toBeVisible();
}

test.beforeEach(async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await openApp(page, '/lesson/');
});

test('Page Down walks every section and every step; Page Up walks back', async ({ page }) => {
	await at(page, 'The network', 0, 'idle');
	await expect(current(page)).toHaveAttribute('data-section', 'network');
	await expect(page.getByText('Section 1 of 6')).toBeVisible();
	expect(await shown(page, 'z', 'value')).toBe('—');

	await pageDown(page, 'The forward pass', 0, 'idle');
	for (const [step, id] of [
		[1, 'z'],
		[2, 'h'],
		[3, 'yhat'],
		[4, 'L']
	] as const) {
		await pageDown(page, 'The forward pass', step, 'forward');
		await expect(node(page, id)).toHaveAttribute('data-active', 'true');
	}
	expect(await shown(page, 'L', 'value')).toBe('0.2166');
	expect(await shown(page, 'yhat', 'grad')).toBe('—');

	// The backward section starts at the seed, ∂L/∂L = 1, and ends with the gradients of w1 and w2.
	await pageDown(page, 'The backward pass', 5, 'backward');
	await expect(page.locator('[data-formula-text]')).toHaveText('∂L/∂L = 1');
	for (const [step, id] of [
		[6, 'L'],
		[7, 'yhat'],
		[8, 'h'],
		[9, 'z']
	] as const) {
		await pageDown(page, 'The backward pass', step, 'backward');
		await expect(node(page, id)).toHaveAttribute('data-active', 'true');
	}
	expect(await shown(page, 'w1', 'grad')).toBe('-0.1651');

	// The exercise goes back to the end of the forward pass: values known, gradients hidden.
	await pageDown(page, 'Write it yourself', 4, 'forward');
	expect(await shown(page, 'w1', 'grad')).toBe('—');
	await expect(page.getByRole('button', { name: 'Run ▶' })).toBeVisible();
	// Page Down waits at the exercise; the student goes on with the pager's button.
	await pageDown(page, 'Write it yourself', 4, 'forward');
	await page.getByRole('button', { name: 'Verify →' }).click();
	await at(page, 'Verify', 10, 'done');
	await expect(page.locator('tr[data-parameter="w1"]')).toContainText('−0.1651');
	const check = page.getByRole('region', { name: 'Verify against PyTorch' });
	await expect(check.getByRole('button', { name: /Download/ })).toBeVisible();

	await pageDown(page, 'Why it generalizes', 10, 'done');
	await expect(current(page)).toHaveAttribute('data-section', 'generalizes');
	await expect(page.getByText('Section 6 of 6')).toBeVisible();
	// Page Down turns the stage to PyTorch's graph of the chapter's script, then the classifier,
	// then back to the live graph for the gradient step.
	const chapter = page.locator('figure[data-figure="chapter"]');
	await pageDownUntil(page, 'Why it generalizes', chapter);
	await expect(chapter.locator('[data-grad-fn="SumBackward0"]')).toHaveCount(1, {
		timeout: 30_000
	});
	await expect(chapter.locator('[data-grad-fn="AccumulateGrad"]')).toHaveCount(2);
	const classifier = page.locator('figure[data-figure="classifier"]');
	await pageDownUntil(page, 'Why it generalizes', classifier);
	await expect(classifier.locator('[data-node="W1"]')).toHaveAttribute('data-shape', '[256,128]', {
		timeout: 30_000
	});
	await pageDownUntil(page, 'Why it generalizes', graph(page));
	await at(page, 'Why it generalizes', 10, 'done');
	await pageDownUntil(
		page,
		'Why it generalizes',
		page.getByRole('button', { name: 'Gradient step' })
	);
	// The end of the lesson: Page Down stays.
	await pageDown(page, 'Why it generalizes', 10, 'done');

	// Back: each section is entered at its end.
	await page.keyboard.press('PageUp');
	await at(page, 'Verify', 10, 'done');
	await page.keyboard.press('PageUp');
	await at(page, 'Write it yourself', 4, 'forward');
	await page.keyboard.press('PageUp');
	await at(page, 'The backward pass', 9, 'backward');
	await page.keyboard.press('PageUp');
	await at(page, 'The backward pass', 8, 'backward');

	// Home and End go to the lesson's two ends; ← and → step like the clicker.
	await page.keyboard.press('Home');
	await at(page, 'The network', 0, 'idle');
	await pageDown(page, 'The forward pass', 0, 'idle', 'ArrowRight');
	await pageDown(page, 'The forward pass', 1, 'forward', 'ArrowRight');
	await page.keyboard.press('ArrowLeft');
	await page.keyboard.press('ArrowLeft');
	await at(page, 'The network', 0, 'idle');
	await page.keyboard.press('End');
	await at(page, 'Why it generalizes', 10, 'done');
});

test('the numbers in the text follow the sliders', async ({ page }) => {
	await pageDown(page, 'The forward pass', 0, 'idle');
	await expect(
		lessonMath(page, 'z = w₁x₁ + w₂x₂ = (0.4000)(1.0000) + (0.6000)(0.5000) = 0.7000')
	).toBeVisible();
	await expect(
		page.locator('[data-lesson-text]').getByRole('math', { name: 'L = 0.2166' })
	).toHaveCount(1);

	const slider = page.getByRole('slider', { name: 'w1', exact: true });
	await slider.focus();
	await page.keyboard.press('ArrowRight');
	await expect(
		lessonMath(page, 'z = w₁x₁ + w₂x₂ = (0.4100)(1.0000) + (0.6000)(0.5000) = 0.7100')
	).toBeVisible();
	await expect(
		lessonMath(page, 'z = w₁x₁ + w₂x₂ = (0.4000)(1.0000) + (0.6000)(0.5000) = 0.7000')
	).toHaveCount(0);
	// The clicker still walks the lesson while a slider has focus.
	await pageDown(page, 'The forward pass', 1, 'forward');

	// The backward section's chain rule uses the new value too.
	await page.getByRole('button', { name: /The backward pass/ }).click();
	await at(page, 'The backward pass', 5, 'backward');
	await expect(lessonMath(page, '∂L/∂w₁ = ∂L/∂z · x₁ = (−0.1639)(1.0000) = −0.1639')).toBeVisible();
});

test('the section list jumps to a section; the header links to the explorer and back', async ({
	page
}) => {
	await page.getByRole('button', { name: /Verify/ }).click();
	await at(page, 'Verify', 10, 'done');
	await expect(current(page)).toHaveAttribute('data-section', 'verify');
	await page.getByRole('link', { name: 'Open the explorer' }).click();
	await page.locator('[data-ready="true"]').waitFor();
	await page.getByRole('link', { name: 'Guided lesson' }).click();
	await expect(page).toHaveURL(/\/lesson\/$/);
	await page.locator('[data-ready="true"]').waitFor();
	await at(page, 'The network', 0, 'idle');
});

test('no serious accessibility violations in a text section, a section with tools and a figure', async ({
	page
}) => {
	const serious = async () =>
		(await new AxeBuilder({ page }).analyze()).violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	await page.getByRole('button', { name: /The backward pass/ }).click();
	await at(page, 'The backward pass', 5, 'backward');
	expect(await serious()).toEqual([]);
	await page.getByRole('button', { name: /Verify/ }).click();
	await at(page, 'Verify', 10, 'done');
	await expect(page.locator('[data-program-output]')).toContainText('✓ hand-derived', {
		timeout: 30_000
	});
	expect(await serious()).toEqual([]);
	// PyTorch's graph beside the text.
	await page.getByRole('button', { name: 'Why it generalizes', exact: true }).click();
	await page.getByRole('button', { name: 'PyTorch’s graph' }).click();
	await expect(page.locator('figure svg[data-view="tensors"]')).toHaveCount(1, { timeout: 30_000 });
	expect(await serious()).toEqual([]);
});

test('Verify runs the chapter’s script in the page and shows what it prints beside it', async ({
	page
}) => {
	await page.getByRole('button', { name: /Verify/ }).click();
	const tool = page.getByRole('region', { name: 'The chapter’s script, run here' });
	const script = tool.getByLabel('The chapter’s script check_backprop.py');
	await expect(script).toContainText('z = (w * x).sum()');
	const printed = tool.locator('[data-program-output]');
	await expect(printed).toHaveText(
		[
			'forward: z=0.7000 h=0.6682 y_hat=0.5346 loss=0.2166',
			'grads: w1=-0.1651 w2=-0.0826 v=-0.6220',
			'✓ line 22: assert passed',
			'✓ line 23: assert passed',
			'✓ line 24: assert passed',
			'✓ hand-derived gradients match PyTorch',
			''
		].join('\n'),
		{ timeout: 30_000 }
	);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		tool.getByRole('button', { name: 'Download check_backprop.py' }).click()
	]);
	expect(readFileSync((await download.path())!, 'utf8')).toBe(programSource('chapter.py'));
});

test('Why it generalizes shows PyTorch’s graph of the network, then the classifier', async ({
	page
}) => {
	await page.getByRole('button', { name: 'Why it generalizes', exact: true }).click();
	const views = page.getByRole('group', { name: 'What the graph beside the text shows' });
	await expect(views.getByRole('button', { name: 'Scalars' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await views.getByRole('button', { name: 'PyTorch’s graph' }).click();
	const tensors = page.locator('figure[data-figure="chapter"] svg[data-view="tensors"]');
	// w and x as vectors; one MulBackward0 and one SumBackward0 where the scalars had w₁x₁ + w₂x₂.
	await expect(tensors.locator('[data-node="w"]')).toHaveAttribute('data-shape', '[2]', {
		timeout: 30_000
	});
	await expect(tensors.locator('[data-node="x"]')).toHaveAttribute('data-shape', '[2]');
	await expect(tensors.locator('[data-node="z"]')).toHaveAttribute('data-grad-fn', 'SumBackward0');
	await expect(tensors.locator('[data-node="w"]')).toHaveAttribute(
		'data-grad',
		'[-0.16511393375956593,-0.08255696687978296]'
	);
	// Its chain of nine tensors comes in two rows, so the numbers are large enough to read.
	const numberHeights = await tensors
		.locator('.block text')
		.evaluateAll((texts) => texts.map((t) => t.getBoundingClientRect().height));
	expect(Math.min(...numberHeights)).toBeGreaterThanOrEqual(14);

	await views.getByRole('button', { name: 'A bigger model' }).click();
	const big = page.locator('figure[data-figure="classifier"] svg[data-view="tensors"]');
	await expect(big.locator('[data-node="loss"]')).toHaveAttribute(
		'data-grad-fn',
		'NllLossBackward0',
		{
			timeout: 30_000
		}
	);
	const boxes = await big.locator('[data-shape]').count();
	expect(boxes).toBeGreaterThanOrEqual(8);
	expect(boxes).toBeLessThanOrEqual(14);

	await views.getByRole('button', { name: 'Scalars' }).click();
	await at(page, 'Why it generalizes', 10, 'done');
});
