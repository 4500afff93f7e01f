import { expect, openApp, test } from './fixtures';

test('the first backward step writes ∂L/∂ŷ once, as the chapter does', async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await openApp(page, '/?step=6');
	const text = page.locator('[data-formula-text]');
	// Numbers as the formatter prints them (1.0 or 1.0000): the shape of the equation is the point.
	await expect(text).toHaveText(/^∂L\/∂ŷ = 2\(ŷ − y\) = 2\(0\.5346 − 1\.0(000)?\) = −0\.9309\. /);
	await expect(text).not.toContainText('∂L/∂L');
	await expect(page.locator('[data-formula] .where')).toHaveCount(0);
});
