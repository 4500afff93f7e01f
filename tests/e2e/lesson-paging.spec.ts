import type { Locator, Page } from '@playwright/test';
import { expect, nodeNumber, openApp, test } from './fixtures';

// The size the lesson is read at on a classroom projector or a small laptop.
test.use({ viewport: { width: 1024, height: 768 } });

const graph = (page: Page) => page.locator('svg[data-phase]:not([data-view="tensors"])');
const heading = (page: Page) => page.locator('article h2');

test.beforeEach(async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
});

/** Page Down until `target` is all in view, staying in the section `title`; the presses taken. */
async function pageDownTo(page: Page, title: string, target: Locator): Promise<number> {
	for (let presses = 0; presses < 14; presses++) {
		if (await target.evaluate(fullyShown)) return presses;
		await page.keyboard.press('PageDown');
		await expect(heading(page)).toHaveText(title);
	}
	throw new Error(`Page Down never showed ${target}`);
}

/** All of the element is inside the text column's visible part and the window. */
function fullyShown(el: Element): boolean {
	const r = el.getBoundingClientRect();
	const column = el.closest('article')!.getBoundingClientRect();
	return r.top >= column.top && r.bottom <= Math.min(column.bottom, window.innerHeight) + 1;
}

test('Page Down shows all of section 1, its last paragraph and its button, before moving on', async ({
	page
}) => {
	await openApp(page, '/lesson/');
	const last = page.locator('[data-lesson-text] p').last();
	const button = page.getByRole('button', { name: 'The forward pass →' });
	expect(await button.evaluate(fullyShown)).toBe(false);
	expect(await pageDownTo(page, 'The network', last)).toBeGreaterThan(0);
	await pageDownTo(page, 'The network', button);
	await page.screenshot({ path: 'test-results/lesson-section-1.png' });
	await page.keyboard.press('PageDown');
	await expect(heading(page)).toHaveText('The forward pass');
	// A new section starts at the top of its text.
	expect(await page.locator('article').evaluate((a) => a.scrollTop)).toBe(0);
});

test('the forward pass steps the graph where its text says, then shows the rest', async ({
	page
}) => {
	await openApp(page, '/lesson/?section=forward');
	await expect(graph(page)).toHaveAttribute('data-step', '0');
	const display = page.locator('[data-lesson-text] .display');
	await pageDownTo(page, 'The forward pass', display);
	for (let step = 1; step <= 4; step++) {
		await page.keyboard.press('PageDown');
		await expect(graph(page)).toHaveAttribute('data-step', String(step));
	}
	await pageDownTo(
		page,
		'The forward pass',
		page.getByRole('button', { name: 'The backward pass →' })
	);
	await page.keyboard.press('PageDown');
	await expect(heading(page)).toHaveText('The backward pass');
});

test('section 4 brings the editor into view and waits at the exercise', async ({ page }) => {
	await openApp(page, '/lesson/?section=write');
	const editor = page.getByRole('button', { name: 'Run ▶' });
	expect(await editor.evaluate(fullyShown)).toBe(false);
	await pageDownTo(page, 'Write it yourself', editor);
	await page.screenshot({ path: 'test-results/lesson-section-4.png' });
	const verify = page.getByRole('button', { name: 'Verify →' });
	await pageDownTo(page, 'Write it yourself', verify);
	// Everything seen: Page Down stays, and says how to go on.
	await page.keyboard.press('PageDown');
	await page.keyboard.press('PageDown');
	await expect(heading(page)).toHaveText('Write it yourself');
	await expect(page.getByRole('status').filter({ hasText: 'Page Down waits here' })).toBeVisible();
	await verify.click();
	await expect(heading(page)).toHaveText('Verify');
});

test('sections 5 and 6 bring their tables into view before moving on', async ({ page }) => {
	await openApp(page, '/lesson/?section=verify');
	const table = page.locator('tr[data-parameter="w2"]');
	expect(await table.evaluate(fullyShown)).toBe(false);
	await pageDownTo(page, 'Verify', table);
	await pageDownTo(page, 'Verify', page.getByRole('button', { name: 'Why it generalizes →' }));
	await page.keyboard.press('PageDown');
	await expect(heading(page)).toHaveText('Why it generalizes');
	const next = page.getByRole('table', { name: 'The next step' });
	expect(await next.evaluate(fullyShown)).toBe(false);
	await pageDownTo(page, 'Why it generalizes', next);
});

test('the lesson’s section, step and values are in its link and survive a reload', async ({
	page
}) => {
	await openApp(page, '/lesson/');
	await page.getByRole('textbox', { name: 'w1 value' }).fill('0.9');
	await page.keyboard.press('Enter');
	await page.getByRole('button', { name: /The backward pass/ }).click();
	await expect(graph(page)).toHaveAttribute('data-step', '5');
	for (let i = 0; i < 8 && (await graph(page).getAttribute('data-step')) !== '8'; i++)
		await page.keyboard.press('PageDown');
	await expect(graph(page)).toHaveAttribute('data-step', '8');
	await expect(page).toHaveURL(/\/lesson\/\?section=backward&w1=0\.9&step=8$/);

	await page.reload();
	await page.locator('[data-ready="true"]').waitFor();
	await expect(heading(page)).toHaveText('The backward pass');
	await expect(graph(page)).toHaveAttribute('data-step', '8');
	expect(await nodeNumber(page, 'w1', 'value')).toBe(0.9);

	await openApp(page, '/lesson/?w1=0.9');
	await expect(heading(page)).toHaveText('The network');
	expect(await nodeNumber(page, 'w1', 'value')).toBe(0.9);
});

test('a lesson link’s bad values give the same notes as on the main page', async ({ page }) => {
	await openApp(page, '/lesson/?section=nope&w1=1e9&w2=abc&step=77');
	await expect(page.locator('.notice span')).toHaveText(
		'Some of the link was changed or ignored: unknown section “nope”; w1=1e9 clamped to 3 (the highest allowed); w2 is not a number; step must be a whole number from 0 to 10.'
	);
	await expect(heading(page)).toHaveText('The network');
	expect(await nodeNumber(page, 'w1', 'value')).toBe(3);
	await openApp(page, '/?w1=1e9&w2=abc&step=77');
	await expect(page.locator('.notice span')).toHaveText(
		'Some of the link was changed or ignored: w1=1e9 clamped to 3 (the highest allowed); w2 is not a number; step must be a whole number from 0 to 10.'
	);
});

test('T changes the theme in the lesson, and the theme chosen holds on both pages', async ({
	page
}) => {
	const theme = () => page.evaluate(() => document.documentElement.dataset.theme ?? 'system');
	await openApp(page, '/lesson/');
	await page.keyboard.press('t');
	await expect.poll(theme).toBe('light');
	await page.getByRole('link', { name: 'Open the explorer' }).click();
	await page.locator('[data-ready="true"]').waitFor();
	await expect.poll(theme).toBe('light');
	await page.keyboard.press('t');
	await expect.poll(theme).toBe('dark');
	await page.getByRole('link', { name: 'Guided lesson' }).click();
	await page.locator('[data-ready="true"]').waitFor();
	await expect.poll(theme).toBe('dark');
	await page.reload();
	await page.locator('[data-ready="true"]').waitFor();
	await expect.poll(theme).toBe('dark');
});
