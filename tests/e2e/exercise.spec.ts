import type { Page } from '@playwright/test';
import { expect, node, nodeNumber, openApp, test } from './fixtures';

const SOLUTION: Record<string, string> = {
	dL_dyhat: '2 * (yhat - y)',
	dL_dv: 'dL_dyhat * h',
	dL_dh: 'dL_dyhat * v',
	dL_dz: 'dL_dh * h * (1 - h)',
	dL_dw1: 'dL_dz * x1',
	dL_dw2: 'dL_dz * x2'
};
const TARGET_NODES = ['yhat', 'v', 'h', 'z', 'w1', 'w2'];

async function openExercise(page: Page) {
	await openApp(page);
	await page.getByRole('tab', { name: 'Write the chain rule' }).click();
	await page.locator('.cm-content').waitFor();
}

const editor = (page: Page) =>
	page.getByRole('textbox', { name: 'Your backward pass (JavaScript)' });

/** Replaces the editor line that starts with `start` by `text`, typing as a learner would. */
async function setLine(page: Page, start: string, text: string) {
	await page.locator('.cm-line', { hasText: start }).first().click();
	await page.keyboard.press('End');
	await page.keyboard.press('Shift+Home');
	await page.keyboard.insertText(text);
}

async function writeSolution(page: Page, overrides: Record<string, string> = {}) {
	for (const [name, expression] of Object.entries({ ...SOLUTION, ...overrides })) {
		await setLine(page, `const ${name} =`, `const ${name} = ${expression};`);
	}
}

async function run(page: Page) {
	await page.getByRole('button', { name: 'Run ▶' }).click();
}

const outcome = (page: Page) => page.locator('[data-outcome]');

test('typing the six backward lines lands every gradient on the graph, green', async ({ page }) => {
	await openExercise(page);
	await expect(editor(page)).toContainText('const w1 = 0.4;');
	await writeSolution(page);
	await run(page);
	await expect(outcome(page)).toHaveText(/6 of 6 right/);
	for (const id of TARGET_NODES)
		await expect(node(page, id)).toHaveAttribute('data-check', 'right');
	await expect(page.locator('[data-check]')).toHaveCount(6);
	await expect(page.locator('li[data-name="dL_dw2"]')).toContainText('−0.0826, right');
});

test('a wrong line marks exactly that node, with expected and got', async ({ page }) => {
	await openExercise(page);
	await writeSolution(page, { dL_dv: 'dL_dyhat * v' });
	await run(page);
	await expect(outcome(page)).toHaveText(/5 of 6 right/);
	await expect(node(page, 'v')).toHaveAttribute('data-check', 'wrong');
	await expect(page.locator('[data-check="wrong"]')).toHaveCount(1);
	await expect(page.locator('[data-check="right"]')).toHaveCount(5);
	const note = page.locator('.check-notes');
	await expect(note).toContainText('expected −0.6220');
	await expect(note).toContainText('got −0.7447');
	await expect(page.locator('li[data-name="dL_dv"]')).toContainText(
		'wrong: expected −0.6220, got −0.7447'
	);
});

test('gradients not written yet are named, and nothing is marked for them', async ({ page }) => {
	await openExercise(page);
	await setLine(page, 'const dL_dyhat =', 'const dL_dyhat = 2 * (yhat - y);');
	await run(page);
	await expect(outcome(page)).toHaveText(/1 of 6 right/);
	await expect(
		page.getByText('Not written yet: dL_dv, dL_dh, dL_dz, dL_dw1, dL_dw2.')
	).toBeVisible();
	await expect(page.locator('[data-check]')).toHaveCount(1);
	await page.getByRole('button', { name: 'Show a hint' }).click();
	await expect(page.getByText('Hint for dL_dv:')).toBeVisible();
});

test('while (true) {} is stopped, reported, and the page stays responsive', async ({ page }) => {
	await openExercise(page);
	await setLine(page, 'const dL_dyhat =', 'while (true) {}');
	await run(page);
	await expect(page.locator('[data-outcome="timeout"]')).toContainText('Stopped after 1 s');
	// The page was never blocked: a slider still re-evaluates the graph.
	const before = await nodeNumber(page, 'L', 'value');
	const slider = page.getByRole('slider', { name: 'w1', exact: true });
	await slider.focus();
	await page.keyboard.press('ArrowRight');
	await expect.poll(() => nodeNumber(page, 'L', 'value')).not.toBe(before);
	// and the next run gets a fresh worker
	await setLine(page, 'while (true)', 'const dL_dyhat = 2 * (yhat - y);');
	await run(page);
	await expect(outcome(page)).toHaveText(/1 of 6 right/);
});

test('syntax and runtime errors are shown with their line numbers', async ({ page }) => {
	await openExercise(page);
	await setLine(page, 'const dL_dv =', 'const dL_dv = dL_dyhat * ;');
	await run(page);
	await expect(page.locator('[data-outcome="syntax-error"]')).toHaveText(
		/cannot be read on line 17: SyntaxError: Unexpected token/
	);
	await setLine(page, 'const dL_dv =', 'const dL_dv = dL_dyhat * hh;');
	await run(page);
	await expect(page.locator('[data-outcome="runtime-error"]')).toHaveText(
		/stopped with an error on line 17: ReferenceError: hh is not defined/
	);
	await expect(page.locator('[data-check]')).toHaveCount(0);
});

test('the program follows the sliders, and moving one clears the marks', async ({ page }) => {
	await openExercise(page);
	await writeSolution(page);
	await run(page);
	await expect(page.locator('[data-check="right"]')).toHaveCount(6);
	const slider = page.getByRole('slider', { name: 'w2', exact: true });
	await slider.focus();
	await page.keyboard.press('ArrowRight');
	await expect(page.locator('[data-check]')).toHaveCount(0);
	await expect(editor(page)).toContainText('const w2 = 0.61;');
	await run(page);
	await expect(outcome(page)).toHaveText(/6 of 6 right/);
	await expect(page.locator('[data-check="right"]')).toHaveCount(6);
});

test('the code is kept across a reload, and never run without Run', async ({ page }) => {
	await openExercise(page);
	await setLine(page, 'const dL_dyhat =', 'const dL_dyhat = 2 * (yhat - y);');
	await page.reload();
	await page.locator('[data-ready="true"]').waitFor();
	await page.getByRole('tab', { name: 'Write the chain rule' }).click();
	await expect(editor(page)).toContainText('const dL_dyhat = 2 * (yhat - y);');
	await expect(page.locator('[data-outcome]')).toHaveCount(0);
	await expect(page.locator('[data-check]')).toHaveCount(0);
});

test('the exercise works when localStorage throws', async ({ page }) => {
	await page.addInitScript(() => {
		Object.defineProperty(window, 'localStorage', {
			get() {
				throw new DOMException('blocked', 'SecurityError');
			}
		});
	});
	await openExercise(page);
	await page.getByRole('button', { name: 'Show the solution' }).click();
	await page.getByRole('button', { name: 'Put it in the editor' }).click();
	await run(page);
	await expect(outcome(page)).toHaveText(/6 of 6 right/);
});

test('one wrong line: the later lines are graded by its number, and it is named to fix', async ({
	page
}) => {
	await openExercise(page);
	await writeSolution(page, { dL_dyhat: '(yhat - y)' });
	await run(page);
	await expect(outcome(page)).toHaveText(
		'0 of 6 right, 5 right given your earlier lines. Fix dL_dyhat first: the lines after it use its number.'
	);
	await expect(page.locator('li[data-name="dL_dv"]')).toContainText(
		'−0.3110, right, given your dL_dyhat'
	);
	await expect(page.locator('li[data-name="dL_dz"]')).toContainText('right, given your dL_dh');
	await expect(page.locator('li[data-fix="first"]')).toHaveAttribute('data-name', 'dL_dyhat');
	await expect(page.locator('li[data-name="dL_dyhat"]')).toContainText(
		'wrong: expected −0.9309, got −0.4654'
	);
	// The graph points only at the line to fix.
	await expect(node(page, 'yhat')).toHaveAttribute('data-check', 'wrong');
	await expect(page.locator('[data-check]')).toHaveCount(1);
});

test('a number typed as the graph rounds it is right, taken as rounded', async ({ page }) => {
	await openExercise(page);
	await writeSolution(page, { dL_dh: '-0.7447' });
	await run(page);
	await expect(outcome(page)).toHaveText(/^6 of 6 right/);
	await expect(page.locator('li[data-name="dL_dh"]')).toContainText(
		'−0.7447, right (taken as rounded)'
	);
	await expect(node(page, 'h')).toHaveAttribute('data-check', 'right');
});

test('Start over can be undone', async ({ page }) => {
	await openExercise(page);
	await writeSolution(page);
	await page.getByRole('button', { name: 'Start over' }).click();
	await expect(editor(page)).toContainText('const dL_dv = undefined;');
	await expect(page.getByRole('status').filter({ hasText: 'Code reset.' })).toBeVisible();
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(editor(page)).toContainText('const dL_dv = dL_dyhat * h;');
	await expect(page.getByText('Code reset.')).toHaveCount(0);
	await run(page);
	await expect(outcome(page)).toHaveText(/^6 of 6 right/);
});
