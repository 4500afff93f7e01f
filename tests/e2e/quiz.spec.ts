import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, node, openApp, test } from './fixtures';

// Steps land at once, so a press never only finishes the tween of the one before.
test.use({ reducedMotion: 'reduce' });

const graph = (page: Page) => page.locator('svg.graph');
const field = (page: Page) => page.getByRole('textbox', { name: /^Your prediction for/ });
const feedback = (page: Page) => page.locator('[data-quiz-feedback]');
const score = (page: Page) => page.locator('[data-quiz-score]');

/** Step forward from the page (not from the field, which keeps its own keys). */
async function forward(page: Page, times = 1) {
	for (let i = 0; i < times; i++) {
		await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
		await page.keyboard.press('ArrowRight');
	}
}

async function predict(page: Page, text: string) {
	await field(page).fill(text);
	await field(page).press('Enter');
}

async function expectMistake(page: Page, text: string, mistake: string) {
	await predict(page, text);
	await expect(feedback(page)).toHaveAttribute('data-verdict', 'wrong');
	await expect(feedback(page)).toHaveAttribute('data-mistake', mistake);
}

test.describe('quiz on the textbook network', () => {
	test.beforeEach(async ({ page }) => {
		await openApp(page);
		await page.evaluate(() => localStorage.clear());
	});

	test('hides each number until it is answered, names the mistakes and keeps the score', async ({
		page
	}) => {
		await page.getByRole('button', { name: 'Quiz', exact: true }).click();
		await expect(page.getByRole('button', { name: 'Quiz', exact: true })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
		await expect(page).toHaveURL(/quiz=1/);
		await expect(graph(page)).toHaveAttribute('data-step', '0');

		// z: hidden until answered; 0.9 is wrong, 0.7 is right.
		await forward(page);
		await expect(graph(page)).toHaveAttribute('data-step', '1');
		await expect(field(page)).toHaveAccessibleName('Your prediction for z');
		await expect(node(page, 'z')).not.toHaveAttribute('data-value');
		await expect(node(page, 'z').locator('text.value')).toHaveText('?');
		await predict(page, '0.9');
		await expect(feedback(page)).toHaveAttribute('data-verdict', 'wrong');
		await expect(node(page, 'z')).not.toHaveAttribute('data-value');
		await predict(page, '0.4*1 + 0.6*0.5');
		await expect(feedback(page)).toHaveAttribute('data-verdict', 'right');
		await expect(node(page, 'z')).toHaveAttribute('data-value', '0.7');
		await expect(page.locator('[data-formula]')).toContainText('0.7000');

		// h, ŷ, L: each Page Down asks, the next reveals; then the seed.
		for (const id of ['h', 'yhat', 'L']) {
			await forward(page);
			await expect(node(page, id)).not.toHaveAttribute('data-value');
			await forward(page);
			await expect(node(page, id)).toHaveAttribute('data-value');
		}
		await forward(page, 2);

		// ∂L/∂ŷ then ∂L/∂y, asked in turn.
		await expect(field(page)).toHaveAccessibleName('Your prediction for ∂L/∂ŷ');
		await expect(node(page, 'yhat')).not.toHaveAttribute('data-grad');
		await expectMistake(page, '0.9309', 'sign');
		await expectMistake(page, '-0.4654', 'missing-factor');
		await page.getByRole('button', { name: 'Reveal' }).click();
		await expect(node(page, 'yhat')).toHaveAttribute('data-grad', /^-0\.930/);
		await expect(field(page)).toHaveAccessibleName('Your prediction for ∂L/∂y');
		await expect(node(page, 'y')).not.toHaveAttribute('data-grad');
		await page.getByRole('button', { name: 'Reveal' }).click();

		// ∂L/∂v right first time; ∂L/∂h revealed.
		await forward(page);
		await predict(page, '-0.9309*0.6682');
		await expect(feedback(page)).toHaveAttribute('data-verdict', 'right');
		await expect(field(page)).toHaveAccessibleName('Your prediction for ∂L/∂h');
		await forward(page);
		await expect(node(page, 'h')).toHaveAttribute('data-grad');

		// ∂L/∂z: nothing of it on the page until it is right.
		await forward(page);
		await expect(field(page)).toHaveAccessibleName('Your prediction for ∂L/∂z');
		await expect(node(page, 'z')).not.toHaveAttribute('data-grad');
		await expect(page.locator('body')).not.toContainText('0.1651');
		const narration = await page.locator('[data-formula-text]').textContent();
		expect(narration).not.toMatch(/0\.165|0\.2217/);
		await expectMistake(page, '-0.7447', 'local-derivative');
		await expectMistake(page, '-0.4976', 'local-derivative');
		// The feedback is announced: it sits in a status region.
		await expect(page.getByRole('status').filter({ has: feedback(page) })).toHaveCount(1);
		await predict(page, '-0.1651');
		await expect(feedback(page)).toHaveAttribute('data-verdict', 'right');
		await expect(node(page, 'z')).toHaveAttribute('data-grad', /^-0\.1651/);
		await expect(page.locator('[data-formula]')).toContainText('0.1651');

		// z after a try, ∂L/∂v first time, ∂L/∂z after tries; six revealed.
		await expect(score(page)).toHaveAttribute('data-first', '1');
		await expect(score(page)).toHaveAttribute('data-after', '2');
		await expect(score(page)).toHaveAttribute('data-revealed', '6');
		await expect(score(page)).toContainText('1 of 13 right first time');

		// Kept per graph across a reload; Start over clears it.
		await page.waitForURL(/step=8/);
		await page.reload();
		await page.locator('[data-ready="true"]').waitFor();
		await expect(score(page)).toHaveAttribute('data-after', '2');
		await forward(page, 1);
		await expect(field(page)).toHaveAccessibleName('Your prediction for ∂L/∂w₁');
		await page.getByRole('button', { name: 'Reveal' }).click();
		await page.getByRole('button', { name: 'Reveal' }).click();
		await page.getByRole('button', { name: 'Reveal' }).click();
		await page.getByRole('button', { name: 'Reveal' }).click();
		await expect(page.locator('[data-quiz-summary]')).toHaveText(
			'1 of 13 right first time, 2 after hints or tries, 10 revealed; missed: other at the value of z, sign at ŷ, local-derivative at z.'
		);
		await page.getByRole('button', { name: 'Start over' }).click();
		await expect(graph(page)).toHaveAttribute('data-step', '0');
		await expect(score(page)).toHaveAttribute('data-revealed', '0');
	});

	test('hints come one at a time and count in the score', async ({ page }) => {
		await page.keyboard.press('q');
		await forward(page);
		await page.getByRole('button', { name: 'Hint' }).click();
		await expect(page.locator('[data-quiz-hint]')).toHaveCount(1);
		await expect(page.locator('[data-quiz-hint="1"]')).toContainText('z = w₁x₁ + w₂x₂');
		await page.getByRole('button', { name: 'Hint' }).click();
		await page.getByRole('button', { name: 'Hint' }).click();
		await expect(page.locator('[data-quiz-hint="3"]')).toContainText('0.7000');
		await expect(page.getByRole('button', { name: 'Hint' })).toBeDisabled();
		await predict(page, '0.7');
		await expect(score(page)).toHaveAttribute('data-after', '1');
		await expect(score(page)).toHaveAttribute('data-first', '0');
	});

	test('new numbers come from a seed in the link', async ({ page, context }) => {
		await page.getByRole('button', { name: 'Quiz', exact: true }).click();
		await page.getByRole('button', { name: 'New numbers' }).click();
		await expect(page).toHaveURL(/seed=\d+/);
		const seed = new URL(page.url()).searchParams.get('seed');
		const values = async (p: Page) =>
			Promise.all(
				['x1', 'x2', 'w1', 'w2', 'v', 'y'].map((id) =>
					p.getByRole('slider', { name: id, exact: true }).inputValue()
				)
			);
		const drawn = await values(page);
		expect(drawn).not.toEqual(['1', '0.5', '0.4', '0.6', '0.8', '1']);
		const other = await context.newPage();
		await openApp(other, `/?quiz=1&seed=${seed}`);
		expect(await values(other)).toEqual(drawn);
	});
});

test('weight used twice: one path’s contribution to ∂L/∂w is fan-out', async ({ page }) => {
	await openApp(page, '/?preset=shared&quiz=1&step=8');
	await page.evaluate(() => localStorage.clear());
	await expect(graph(page)).toHaveAttribute('data-step', '8');
	// Step 8 (back from h₂) asks ∂L/∂w so far and ∂L/∂x₂: reveal both, then step back from h₁.
	await forward(page, 3);
	await expect(graph(page)).toHaveAttribute('data-step', '9');
	await expect(field(page)).toHaveAccessibleName('Your prediction for ∂L/∂w');
	await expect(node(page, 'w')).not.toHaveAttribute('data-grad');
	const upstream = Number(await node(page, 'h1').getAttribute('data-grad'));
	const local = Number(await page.locator('[data-edge="w->h1"]').getAttribute('data-partial'));
	await expectMistake(page, (upstream * local).toFixed(4), 'fan-out');
	await expect(feedback(page)).toContainText('through h₁; add what comes back through h₂');
});

test('presenter: the first Page Down puts the question on the slide, the second reveals it', async ({
	page
}) => {
	await openApp(page, '/?mode=present&quiz=1&step=0');
	await page.evaluate(() => localStorage.clear());
	await page.keyboard.press('PageDown');
	const question = page.locator('[data-quiz-question]');
	await expect(question).toHaveText('z = ?');
	expect(await question.evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThan(
		40
	);
	await expect(node(page, 'z')).not.toHaveAttribute('data-value');
	await expect(field(page)).toBeVisible();
	await page.keyboard.press('PageDown');
	await expect(node(page, 'z')).toHaveAttribute('data-value', '0.7');
	await expect(page.locator('[data-formula]')).toContainText('0.7000');
	await expect(question).toHaveCount(0);
	await page.keyboard.press('PageDown');
	await expect(question).toHaveText('h = ?');
});

test('lesson: “Try it yourself first” runs the quiz over the backward pass', async ({ page }) => {
	await openApp(page, '/lesson/');
	await page.evaluate(() => localStorage.clear());
	await page.getByRole('button', { name: /The backward pass/ }).click();
	await expect(graph(page)).toHaveAttribute('data-step', '5');
	await expect(page.locator('article')).toContainText('0.6220');
	await page.getByRole('button', { name: 'Try it yourself first' }).click();
	// The section's worked chain rules would give the answers away: gone while quizzing.
	await expect(page.locator('body')).not.toContainText('0.6220');
	await page.keyboard.press('PageDown');
	await expect(field(page)).toHaveAccessibleName('Your prediction for ∂L/∂ŷ');
	await expect(node(page, 'yhat')).not.toHaveAttribute('data-grad');
	await expectMistake(page, '0.9309', 'sign');
	await predict(page, '-0.9309');
	await expect(feedback(page)).toHaveAttribute('data-verdict', 'right');
	await expect(node(page, 'yhat')).toHaveAttribute('data-grad', /^-0\.930/);
	await expect(score(page)).toHaveAttribute('data-after', '1');
	await expect(score(page)).toHaveAttribute('data-total', '9');
	// The last step's questions are revealed by the clicker before the lesson moves on.
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	for (let i = 0; i < 30; i++) {
		if ((await page.locator('article[data-section]').getAttribute('data-section')) !== 'backward')
			break;
		await page.keyboard.press('PageDown');
	}
	await expect(page.locator('article[data-section]')).not.toHaveAttribute(
		'data-section',
		'backward'
	);
	// Leaving the section ends the quiz: back there, stepping shows every number again.
	await page.getByRole('button', { name: 'The backward pass', exact: true }).click();
	await expect(page.getByRole('button', { name: 'Try it yourself first' })).toHaveAttribute(
		'aria-pressed',
		'false'
	);
	await page.keyboard.press('PageDown');
	await expect(field(page)).toHaveCount(0);
	await expect(node(page, 'yhat')).toHaveAttribute('data-grad');
});

test('the question, feedback, hints and score are reachable and pass axe', async ({ page }) => {
	await openApp(page, '/?quiz=1&step=0');
	await page.evaluate(() => localStorage.clear());
	await page.keyboard.press('ArrowRight');
	// Tab reaches the field; Enter in it checks (never steps).
	await page.keyboard.press('Tab');
	for (let i = 0; i < 40 && !(await field(page).evaluate((e) => e === document.activeElement)); i++)
		await page.keyboard.press('Tab');
	await expect(field(page)).toBeFocused();
	await page.keyboard.type('0.9');
	await page.keyboard.press('Enter');
	await expect(graph(page)).toHaveAttribute('data-step', '1');
	await expect(page.getByRole('status').filter({ has: feedback(page) })).toContainText(
		'takes w₂ as 1'
	);
	// Page Down from the field still reveals, for a clicker.
	await field(page).press('PageDown');
	await expect(node(page, 'z')).toHaveAttribute('data-value', '0.7');
	await page.keyboard.press('ArrowRight');
	await page.getByRole('button', { name: 'Hint' }).click();
	const serious = async () =>
		(await new AxeBuilder({ page }).analyze()).violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(await serious()).toEqual([]);
	await page.keyboard.press('p');
	await expect(page.locator('[data-mode="presenter"]')).toBeVisible();
	expect(await serious()).toEqual([]);
});
