import type { Page } from '@playwright/test';
import { expect, nodeNumber, openApp, test } from './fixtures';

// One rule for limits wherever a value comes from (input/number.ts): a graph's own starting
// value widens its slider's range; a typed or linked value beyond the range is clamped and said.

const message = (page: Page, id: string) => page.locator(`#${id}-message`);

async function applyExpression(page: Page, text: string) {
	await page.getByRole('textbox', { name: 'or write an expression' }).fill(text);
	await page.getByRole('button', { name: 'Apply' }).click();
}

test('a typed value is clamped and said; the message goes when the value changes', async ({
	page
}) => {
	await openApp(page, `/?expr=${encodeURIComponent('x = 1; L = x*x')}`);
	const field = page.getByRole('textbox', { name: 'x value' });
	await field.fill('10');
	await field.press('Enter');
	await expect(message(page, 'x')).toHaveText('Clamped to 3 (the highest allowed).');
	expect(await nodeNumber(page, 'x', 'value')).toBe(3);

	// The expression's starting value widens the range: x is 10, and the old message is gone.
	await applyExpression(page, 'x = 10; L = exp(x*100)');
	await expect(page.getByRole('slider', { name: 'x', exact: true })).toHaveAttribute('max', '10');
	await expect(field).toHaveValue('10');
	expect(await nodeNumber(page, 'x', 'value')).toBe(10);
	await expect(message(page, 'x')).toHaveCount(0);

	// Any other change of the value takes the message with it too: here, the reset button.
	await field.fill('-99');
	await field.press('Enter');
	await expect(message(page, 'x')).toHaveText('Clamped to -10 (the lowest allowed).');
	await page.getByRole('button', { name: 'Reset to the starting values' }).click();
	await expect(field).toHaveValue('10');
	await expect(message(page, 'x')).toHaveCount(0);
});

test('a link’s value beyond the range is clamped and the note says what became of it', async ({
	page
}) => {
	await openApp(page, '/?w1=1e9');
	expect(await nodeNumber(page, 'w1', 'value')).toBe(3);
	await expect(page.getByRole('textbox', { name: 'w1 value' })).toHaveValue('3');
	await expect(page.locator('.notice')).toHaveText(
		/Some of the link was changed or ignored: w1=1e9 clamped to 3 \(the highest allowed\)\./
	);
});
