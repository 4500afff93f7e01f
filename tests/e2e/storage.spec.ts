import type { Page } from '@playwright/test';
import { expect, nodeNumber, openApp, test } from './fixtures';

const note = (page: Page) => page.getByRole('status').filter({ hasText: 'Settings are not kept' });
/** The chosen theme on <html> ('' while it follows the system). */
const themeIs = (page: Page, value: string) =>
	expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme ?? '')).toBe(value);

test('with localStorage blocked the page works and says once that settings are not kept', async ({
	page
}) => {
	await page.addInitScript(() => {
		Object.defineProperty(window, 'localStorage', {
			get() {
				throw new DOMException('blocked', 'SecurityError');
			}
		});
	});
	await openApp(page);
	await expect(note(page)).toHaveCount(1);
	const before = await nodeNumber(page, 'L', 'value');
	await page.getByRole('textbox', { name: 'w1 value' }).fill('0.9');
	await expect.poll(() => nodeNumber(page, 'L', 'value')).not.toBe(before);
	// Choosing a theme (a write that fails) and the code cell (a read and writes) still work.
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	await page.keyboard.press('t');
	await themeIs(page, 'light');
	await page.getByRole('tab', { name: 'Write the chain rule' }).click();
	await page.locator('.cm-content').waitFor();
	await expect(note(page)).toHaveCount(1);
	await page.getByRole('button', { name: 'Dismiss the storage note' }).click();
	await expect(note(page)).toHaveCount(0);
	await page.keyboard.press('t');
	await themeIs(page, 'dark');
	await expect(note(page)).toHaveCount(0);
});

test('a full storage (every write refused) is noticed when the page opens', async ({ page }) => {
	await page.addInitScript(() => {
		Storage.prototype.setItem = () => {
			throw new DOMException('full', 'QuotaExceededError');
		};
	});
	await openApp(page);
	await expect(note(page)).toBeVisible();
	await page.keyboard.press('t');
	await themeIs(page, 'light');
});

test('with storage working there is no note', async ({ page }) => {
	await openApp(page);
	await page.keyboard.press('t');
	await page.getByRole('tab', { name: 'Write the chain rule' }).click();
	await page.locator('.cm-content').waitFor();
	await expect(note(page)).toHaveCount(0);
});

test('the chosen theme is remembered; a link’s theme wins but is not remembered', async ({
	page
}) => {
	await page.emulateMedia({ colorScheme: 'dark' });
	await openApp(page);
	await themeIs(page, '');
	await page.keyboard.press('t');
	await themeIs(page, 'light');
	await openApp(page, '/');
	await themeIs(page, 'light');
	await openApp(page, '/?theme=dark');
	await themeIs(page, 'dark');
	await openApp(page, '/');
	await themeIs(page, 'light');
	// Back to following the system: light → dark → system.
	await page.keyboard.press('t');
	await page.keyboard.press('t');
	await themeIs(page, '');
	await openApp(page, '/');
	await themeIs(page, '');
	expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
		'rgb(15, 20, 25)'
	);
});
