import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

// Steps land at once, so a press never only finishes the tween of the one before.
test.use({ reducedMotion: 'reduce' });

// The layout worker shares a slow machine: wait generously, never time anything.
const LAYOUT = 30_000;
const tensors = (page: Page) => page.locator('svg[data-view="tensors"]');
const field = (page: Page) => page.getByRole('textbox', { name: /^Your prediction for/ });
const feedback = (page: Page) => page.locator('[data-quiz-feedback]');
/** The first backward step's answer, ∂loss/∂(y_hat − y) = 2 (ŷ − y) = −0.9309, in any spelling. */
const ANSWER = /[-−]0\.930[89]/;

/** Step forward from the page (not from the field, which keeps its own keys). */
async function forward(page: Page) {
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	await page.keyboard.press('ArrowRight');
}

async function predict(page: Page, text: string) {
	await field(page).fill(text);
	await field(page).press('Enter');
}

test.beforeEach(async ({ page }) => {
	await openApp(page);
	await page.evaluate(() => localStorage.clear());
	await page
		.getByLabel('Graph', { exact: true })
		.selectOption({ label: 'The chapter’s script (PyTorch)' });
	await expect(tensors(page)).toHaveCount(1, { timeout: LAYOUT });
});

test('the chapter’s script in quiz mode asks before each number, and names a missing factor 2', async ({
	page
}) => {
	await page.keyboard.press('q');
	const toggle = page.getByRole('button', { name: 'Quiz', exact: true });
	await expect(toggle).toHaveAttribute('aria-pressed', 'true');
	await expect(tensors(page)).toHaveAttribute('data-step', '0');
	await expect(page).toHaveURL(/quiz=1/);
	// An op opened as scalars would show all its numbers: not during the quiz.
	await expect(page.getByRole('button', { name: 'Open w * x as scalars' })).toHaveCount(0);
	// What the program printed gives every answer away: hidden during the quiz.
	await expect(page.locator('[data-program-output]')).not.toContainText('forward:');

	// The first forward step asks for each element of w * x; nothing new is on the page.
	await forward(page);
	await expect(field(page)).toHaveAccessibleName('Your prediction for (w * x)[0]');
	const leaves = ['x', 'y', 'w', 'v'];
	const withValues = () =>
		tensors(page)
			.locator('[data-value]')
			.evaluateAll((els) => els.map((e) => e.getAttribute('data-node')).sort());
	expect(await withValues()).toEqual([...leaves].sort());
	await predict(page, '0.4*1.0');
	await expect(feedback(page)).toHaveAttribute('data-verdict', 'right');
	await expect(field(page)).toHaveAccessibleName('Your prediction for (w * x)[1]');
	await predict(page, '0.3');
	await expect(feedback(page)).toHaveAttribute('data-verdict', 'right');
	await expect(page.locator('[data-formula-text]')).toContainText('[0.4000, 0.3000]');

	// On to the first backward step (each press with a question open reveals it first).
	for (let presses = 0; presses < 40; presses++) {
		if ((await field(page).count()) > 0) {
			const name = await field(page).getAttribute('aria-label');
			const label = await page.locator('label[for="quiz-answer"]').textContent();
			if ((name ?? label ?? '').includes('∂')) break;
		}
		await forward(page);
	}
	await expect(tensors(page)).toHaveAttribute('data-phase', 'backward');
	await expect(field(page)).toHaveAccessibleName('Your prediction for ∂loss/∂(y_hat - y)');
	// Not yet anywhere: no attribute, no sentence, no printed line.
	expect(await page.evaluate(() => document.body.outerHTML)).not.toMatch(ANSWER);

	await predict(page, '-0.4654');
	await expect(feedback(page)).toHaveAttribute('data-verdict', 'wrong');
	await expect(feedback(page)).toHaveAttribute('data-mistake', 'missing-factor');
	await expect(feedback(page)).toContainText('factor of 2: the power rule');
	expect(await page.evaluate(() => document.body.outerHTML)).not.toMatch(ANSWER);

	const axe = await new AxeBuilder({ page }).include('section[aria-label="Quiz"]').analyze();
	expect(axe.violations).toEqual([]);

	await page.getByRole('button', { name: 'Reveal' }).click();
	await expect(feedback(page)).toHaveText('∂loss/∂(y_hat - y) = −0.9309.');
	await expect(page.locator('[data-formula-text]')).toContainText('−0.9309');
	await expect(page.locator('[data-quiz-score]')).toHaveAttribute('data-revealed', /[1-9]/);
});

test('a link with quiz=1 opens the program’s quiz; Q turns it off and every number returns', async ({
	page
}) => {
	await expect(page).toHaveURL(/code=/);
	const url = new URL(page.url());
	url.searchParams.set('quiz', '1');
	await page.goto(url.href);
	await page.locator('[data-ready="true"]').waitFor();
	await expect(tensors(page)).toHaveCount(1, { timeout: LAYOUT });
	await expect(page.getByRole('button', { name: 'Quiz', exact: true })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await forward(page);
	await expect(field(page)).toHaveAccessibleName('Your prediction for (w * x)[0]');
	await page.keyboard.press('q');
	await expect(field(page)).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Open w * x as scalars' })).toHaveCount(1);
	await page.keyboard.press('End');
	await expect(page.locator('[data-program-output]')).toContainText(
		'grads: w1=-0.1651 w2=-0.0826 v=-0.6220'
	);
});
