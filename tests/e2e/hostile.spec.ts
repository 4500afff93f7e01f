import type { Page } from '@playwright/test';
import { buildProgram } from '$lib/graphs/program';
import { readNumber } from '$lib/input/number';
import {
	hostile,
	plainTextProblem,
	program,
	sampleOf,
	Tally,
	type Hostile
} from '../unit/fuzz/hostile';
import { expect, node, openApp, test } from './fixtures';

/*
 * A seeded sample of the unit fuzzers' hostile input, thrown at the real page: slider fields,
 * links, the expression field and the code cell. After each input the graph is still drawn
 * with numbers on it, a message shows where one is due, and (through the fixtures) nothing was
 * logged as an error. The unit tests in tests/unit/fuzz run thousands of each.
 */

const TEXTBOOK_NODES = 10;
const graph = (page: Page) => page.locator('svg[data-phase]');
const nodes = (page: Page) => page.locator('[data-node]');

/** The page still shows a whole graph, its output carrying a value. */
async function graphIntact(page: Page, output = 'L') {
	await expect(graph(page)).toBeVisible();
	await expect(node(page, output)).toHaveAttribute('data-value', /./);
}

/** Short inputs are typed; a 100 kB one is pasted (filled) so the sample stays quick. */
const sample = (tokens: string[], count: number, seed: number) =>
	sampleOf(hostile(tokens), count, seed).map((h) =>
		h.text.length > 2000 ? { ...h, text: h.text.slice(0, 2000) } : h
	);

test.beforeEach(async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
});

test('slider fields take hostile text: a finite value in range or a message, the graph kept', async ({
	page
}) => {
	const tally = new Tally();
	await openApp(page);
	const field = page.getByRole('textbox', { name: 'w1 value' });
	const message = page.locator('#w1-message');
	for (const input of sample(['1', '.', '-', 'e', ',', '0.5'], 40, 1)) {
		tally.add(input.kind);
		const before = await node(page, 'w1').getAttribute('data-value');
		await field.fill(input.text);
		// The browser drops line breaks from a text field: read what it kept.
		const typed = await field.inputValue();
		await field.press('Tab');
		const reading = readNumber(typed, -3, 3);
		const what = JSON.stringify(typed);
		if (reading.ok) {
			await expect(node(page, 'w1'), what).toHaveAttribute('data-value', String(reading.value));
			if (reading.note) await expect(message, what).toHaveText(reading.note);
			else await expect(message, what).toHaveCount(0);
		} else {
			await expect(message, what).toContainText(reading.message);
			await expect(node(page, 'w1'), what).toHaveAttribute('data-value', before!);
			expect(plainTextProblem(await message.textContent(), 120), what).toBeNull();
			await field.press('Escape');
		}
		await expect(nodes(page)).toHaveCount(TEXTBOOK_NODES);
		await graphIntact(page);
	}
	console.log(tally.summary('e2e numeric fields'));
});

test('links with hostile parameters open the page with a graph and a short plain note', async ({
	page
}) => {
	const tally = new Tally();
	const keys = ['x1', 'w1', 'step', 'mode', 'theme', 'view', 'preset', 'expr', 'sliders'];
	const values = sample(['1', '0.5', '-', 'present', 'ops', 'neuron'], 16, 2);
	for (const [i, value] of values.entries()) {
		tally.add(value.kind);
		const key = keys[i % keys.length];
		const junk = sample(['x1', '='], 1, 100 + i)[0].text.slice(0, 60);
		const query = new URLSearchParams([
			[key, value.text],
			[junk, value.text.slice(0, 40)]
		]).toString();
		await openApp(page, `/?${query}`);
		await expect(graph(page)).toBeVisible();
		await expect(nodes(page).first()).toHaveAttribute('data-value', /./);
		await expect(page.locator('[data-node][data-value="NaN"]')).toHaveCount(0);
		const notice = page.locator('.notice');
		if ((await notice.count()) > 0) {
			const text = (await notice.locator('span').textContent()) ?? '';
			expect(text).toMatch(/^Some of the link was changed or ignored: /);
			expect(plainTextProblem(text, 800), text).toBeNull();
		}
	}
	// The note is text, never markup.
	await openApp(page, `/?preset=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
	tally.add('markup');
	await expect(page.locator('.notice')).toContainText('unknown graph “<img src=x onerror=aler…”');
	await expect(page.locator('.notice img')).toHaveCount(0);
	console.log(tally.summary('e2e URL parameters'));
});

test('the expression field takes hostile text: a new graph or a message, the old graph kept', async ({
	page
}) => {
	const tally = new Tally();
	await openApp(page);
	const field = page.getByRole('textbox', { name: 'or write an expression' });
	const error = page.locator('#graph-error');
	const texts: Hostile[] = [
		...sample(['x', '=', ';', '(', ')', 'exp', '*', '1', '__proto__', 'constructor'], 14, 3),
		...sampleOf(program, 6, 4).map((text): Hostile => ({ kind: 'mixed', text })),
		{ kind: 'markup', text: 'constructor = x*2; toString = constructor^2; L = toString + 1' }
	];
	let output = 'L';
	for (const input of texts) {
		tally.add(input.kind);
		await field.fill(input.text);
		const typed = await field.inputValue();
		const built = buildProgram(typed);
		const count = await nodes(page).count();
		await page.getByRole('button', { name: 'Apply' }).click();
		if (built.ok) {
			output = built.output;
			await expect(node(page, output)).toHaveAttribute('data-value', /./);
			await expect(error).toBeEmpty();
			// An input named like an object's own properties is not mistaken for a checked answer.
			await expect(page.locator('.node .check')).toHaveCount(0);
		} else {
			await expect(error).toContainText(built.error.message);
			expect(plainTextProblem(await error.textContent(), 300)).toBeNull();
			await expect(nodes(page)).toHaveCount(count);
		}
		await graphIntact(page, output);
	}
	console.log(tally.summary('e2e expressions'));
});

test('the code cell runs hostile programs: each gets an outcome, the graph stays', async ({
	page
}) => {
	const tally = new Tally();
	await openApp(page);
	await page.getByRole('tab', { name: 'Write the chain rule' }).click();
	const editor = page.getByRole('textbox', { name: 'Your backward pass (JavaScript)' });
	await editor.waitFor();
	const outcome = page.locator('[data-outcome]');
	const programs: Hostile[] = [
		...sample(['const ', 'dL_dv', ' = ', ';', '(', ')'], 5, 5),
		{ kind: 'markup', text: 'const dL_dv = "<img src=x onerror=alert(1)>";' },
		{ kind: 'control', text: 'throw new Error("\\u202e\\u0000" + "x".repeat(5000));' },
		{ kind: 'nan-inf', text: 'const dL_dyhat = NaN; const dL_dv = Infinity;' },
		{ kind: 'mixed', text: 'while (true) {}' }
	];
	for (const input of programs) {
		tally.add(input.kind);
		await editor.click();
		await page.keyboard.press('ControlOrMeta+a');
		await page.keyboard.press('Delete');
		if (input.text) await page.keyboard.insertText(input.text);
		await page.getByRole('button', { name: 'Run ▶' }).click();
		await expect(outcome).toHaveCount(1);
		const text = (await outcome.innerText()).trim();
		expect(plainTextProblem(text, 400), text).toBeNull();
		await expect(nodes(page)).toHaveCount(TEXTBOOK_NODES);
		await graphIntact(page);
	}
	await expect(outcome).toHaveAttribute('data-outcome', 'timeout');
	await expect(page.locator('.graded img, .check-notes img')).toHaveCount(0);
	console.log(tally.summary('e2e code cell'));
});

test('overflow shows ∞ on the nodes with a note on where it started, and recovers', async ({
	page
}) => {
	// a's slider reaches ±500 (its starting value); the link starts it at 1.
	const expr = 'a = 500; k = 2; L = exp(a*k)';
	await openApp(page, `/?expr=${encodeURIComponent(expr)}&a=1`);
	await expect(node(page, 'L')).toHaveAttribute('data-value', String(Math.exp(2)));
	const note = page.locator('.nonfinite-note');
	await expect(note).toHaveCount(0);
	await expect(page.locator('[data-nonfinite]')).toHaveCount(0);

	const a = page.getByRole('textbox', { name: 'a value' });
	await a.fill('500');
	await a.press('Tab');
	await expect(node(page, 'L')).toHaveAttribute('data-value', 'Infinity');
	await expect(node(page, 'L')).toHaveAttribute('data-nonfinite', 'value');
	await expect(node(page, 'L').locator('text.value')).toHaveText('∞');
	await expect(node(page, 'a')).toHaveAttribute('data-nonfinite', 'gradient');
	await expect(note).toContainText(
		'L = ∞ first: exp(1000.0000) is larger than the largest number (≈1.8e308)'
	);
	await expect(node(page, 'L').locator('title').first()).toContainText(
		'∞: exp(1000.0000) is larger'
	);
	await page.screenshot({ path: test.info().outputPath('overflow.png') });

	// Back below the edge: finite again, no marks, no note.
	await a.fill('300');
	await a.press('Tab');
	await expect(node(page, 'L')).toHaveAttribute('data-value', String(Math.exp(600)));
	await expect(page.locator('[data-nonfinite]')).toHaveCount(0);
	await expect(note).toHaveCount(0);
	await a.fill('400');
	await a.press('Tab');
	await expect(note).toContainText('exp(800.0000) is larger than the largest number');
	await page.getByRole('slider', { name: 'a' }).fill('1');
	await expect(node(page, 'L')).toHaveAttribute('data-value', String(Math.exp(2)));
	await expect(note).toHaveCount(0);
});

test('log of a negative number shows NaN where it starts and where it spreads', async ({
	page
}) => {
	await openApp(page, `/?expr=${encodeURIComponent('x = 2; h = log(x); L = h * 3')}`);
	const x = page.getByRole('textbox', { name: 'x value' });
	await x.fill('-2');
	await x.press('Tab');
	await expect(node(page, 'h')).toHaveAttribute('data-value', 'NaN');
	await expect(node(page, 'h')).toHaveAttribute('data-nonfinite', 'value');
	await expect(node(page, 'L')).toHaveAttribute('data-nonfinite', 'value');
	await expect(page.locator('.nonfinite-note')).toContainText(
		'h = NaN first: log of a negative number (log(−2.0000))'
	);
	await expect(node(page, 'L').locator('title').first()).toContainText('NaN: from h = NaN');
	await x.fill('0.5');
	await x.press('Tab');
	await expect(node(page, 'h')).toHaveAttribute('data-value', String(Math.log(0.5)));
	await expect(page.locator('.nonfinite-note')).toHaveCount(0);
});
