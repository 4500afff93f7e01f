import type { Page } from '@playwright/test';
import { expect } from './fixtures';

// Steps through the app that several specs take the same way.

/** The code cell runs the solution of "Write the chain rule" in its worker: all 6 checks pass. */
export async function runChainRuleSolution(page: Page): Promise<void> {
	await page.getByRole('tab', { name: 'Write the chain rule' }).click();
	await page.getByRole('button', { name: 'Show the solution' }).click();
	await page.getByRole('button', { name: 'Put it in the editor' }).click();
	await page.getByRole('button', { name: 'Run ▶' }).click();
	await expect(page.locator('[data-outcome]')).toHaveText(/6 of 6 right/);
}

/** The lesson under `home` (the explorer's address, ending in '/'), by its link from the
 *  explorer and then directly. */
export async function openLessonByLinkAndDirectly(page: Page, home: string): Promise<void> {
	await page.getByRole('link', { name: 'Guided lesson' }).click();
	await expect(page).toHaveURL(`${home}lesson/`);
	await page.locator('[data-ready="true"]').waitFor();
	await expect(page.locator('[data-node]')).toHaveCount(10);
	await page.goto(`${home}lesson/`);
	await page.locator('[data-ready="true"]').waitFor();
}
