import { test as base, expect, type Page } from '@playwright/test';

/** Every test fails on a console error or an uncaught exception in the page. */
export const test = base.extend<{ errors: string[] }>({
	errors: [
		async ({ page }, use) => {
			const errors: string[] = [];
			page.on('console', (m) => {
				if (m.type() === 'error') errors.push(m.text());
			});
			page.on('pageerror', (e) => errors.push(e.message));
			await use(errors);
			expect(errors, 'console errors').toEqual([]);
		},
		{ auto: true }
	]
});

export { expect };

/** Open the app and wait until it is hydrated (controls are disabled before). */
export async function openApp(page: Page, path = '/'): Promise<void> {
	await page.goto(path);
	await page.locator('[data-ready="true"]').waitFor();
}

export function node(page: Page, id: string) {
	return page.locator(`[data-node="${id}"]`);
}

export async function nodeNumber(page: Page, id: string, what: 'value' | 'grad'): Promise<number> {
	const text = await node(page, id).getAttribute(`data-${what}`);
	if (text === null) throw new Error(`${id} has no data-${what}`);
	return Number(text);
}

/** What a node shows, e.g. "0.7000" (U+2212 minus turned into '-'). */
export async function shown(page: Page, id: string, what: 'value' | 'grad'): Promise<string> {
	const text = await node(page, id).locator(`text.${what}`).textContent();
	return (text ?? '').replace(/\u2212/g, '-');
}
