import { readFileSync } from 'node:fs';
import { expect, node, openApp, test } from './fixtures';
import type { Page } from '@playwright/test';
import { programSource } from '../support/programs';

const REFERENCE = 'tests/reference/tensor-programs/';
const CHAPTER = programSource('chapter.py');
const cases = JSON.parse(readFileSync(`${REFERENCE}tensor-cases.json`, 'utf8')) as {
	cases: { name: string; backward_order: string[]; backward_nodes: (string | null)[] }[];
};
const chapterCase = cases.cases.find((c) => c.name === 'chapter')!;

// The layout worker shares a slow machine: wait generously, never time anything.
const LAYOUT = 30_000;
const tensors = (page: Page) => page.locator('svg[data-view="tensors"]');
const output = (page: Page) => page.locator('[data-program-output]');
const codeField = (page: Page) => page.getByRole('textbox', { name: 'PyTorch code' });

async function numbers(page: Page, id: string, what: 'value' | 'grad'): Promise<unknown> {
	const text = await node(page, id).getAttribute(`data-${what}`);
	if (text === null) throw new Error(`${id} has no data-${what}`);
	return JSON.parse(text);
}

/** Replace what the PyTorch code field holds by `source`, as a paste would, and build. */
async function buildFromCode(page: Page, source: string) {
	const summary = page.locator('summary', { hasText: 'PyTorch code' });
	if ((await codeField(page).count()) === 0 || !(await codeField(page).isVisible()))
		await summary.click();
	await codeField(page).click();
	await page.keyboard.press('ControlOrMeta+a');
	await page.keyboard.press('Delete');
	await page.keyboard.insertText(source);
	await page.getByRole('button', { name: 'Build the graph' }).click();
}

async function buildChapter(page: Page) {
	await buildFromCode(page, CHAPTER);
	await expect(tensors(page)).toHaveCount(1, { timeout: LAYOUT });
	await expect(node(page, 'loss')).toHaveCount(1);
}

/** sigmoid network of the chapter, computed here to compare against the page. */
function chapterNumbers(w: [number, number]) {
	const [x1, x2, v, y] = [1.0, 0.5, 0.8, 1.0];
	const z = w[0] * x1 + w[1] * x2;
	const h = 1 / (1 + Math.exp(-z));
	const yHat = v * h;
	const loss = (yHat - y) ** 2;
	const dYHat = 2 * (yHat - y);
	const dZ = dYHat * v * h * (1 - h);
	return { z, h, yHat, loss, dW: [dZ * x1, dZ * x2], dV: dYHat * h };
}

test.beforeEach(async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await openApp(page);
});

test('the chapter’s script, pasted and built, shows PyTorch’s graph and printed lines', async ({
	page
}) => {
	await buildChapter(page);
	const printed = output(page);
	await expect(printed).toContainText('forward: z=0.7000 h=0.6682 y_hat=0.5346 loss=0.2166');
	await expect(printed).toContainText('grads: w1=-0.1651 w2=-0.0826 v=-0.6220');
	await expect(printed).toContainText('✓ hand-derived gradients match PyTorch');

	const gradFns = await tensors(page)
		.locator('[data-grad-fn]')
		.evaluateAll((els) => els.map((e) => e.getAttribute('data-grad-fn')).sort());
	expect(gradFns).toEqual([
		'AccumulateGrad',
		'AccumulateGrad',
		'MulBackward0',
		'MulBackward0',
		'PowBackward0',
		'SigmoidBackward0',
		'SubBackward0',
		'SumBackward0'
	]);
	await expect(node(page, 'w')).toHaveAttribute('data-grad-fn', 'AccumulateGrad');
	await expect(node(page, 'v')).toHaveAttribute('data-grad-fn', 'AccumulateGrad');
	await expect(node(page, 'h')).toHaveAttribute('data-grad-fn', 'SigmoidBackward0');
	await expect(node(page, 'w')).toHaveAttribute('data-shape', '[2]');
	await expect(node(page, 'loss')).toHaveAttribute('data-shape', '[]');

	// Until the backward pass is stepped through, press End to show every number.
	await page.keyboard.press('End');
	await expect(node(page, 'w')).toHaveAttribute('data-grad', /./);
	const [g1, g2] = (await numbers(page, 'w', 'grad')) as number[];
	expect(g1).toBeCloseTo(-0.1651, 4);
	expect(g2).toBeCloseTo(-0.0826, 4);
	expect((await numbers(page, 'v', 'grad')) as number).toBeCloseTo(-0.622, 4);
	expect(await numbers(page, 'x', 'value')).toEqual([1, 0.5]);
	for (const id of ['x', 'y']) {
		await expect(node(page, id)).not.toHaveAttribute('data-grad', /.*/);
		await expect(node(page, id)).not.toHaveAttribute('data-grad-fn', /.*/);
	}
});

test('typing w[0] = 0.9 updates the loss, every gradient and the printed lines', async ({
	page
}) => {
	await buildChapter(page);
	await page.keyboard.press('End');
	const field = page.getByRole('textbox', { name: 'w[0] value' });
	await field.fill('0.9');
	await field.press('Enter');
	const want = chapterNumbers([0.9, 0.6]);
	await expect
		.poll(async () => (await numbers(page, 'loss', 'value')) as number)
		.toBeCloseTo(want.loss, 10);
	const dW = (await numbers(page, 'w', 'grad')) as number[];
	expect(dW[0]).toBeCloseTo(want.dW[0], 10);
	expect(dW[1]).toBeCloseTo(want.dW[1], 10);
	expect((await numbers(page, 'v', 'grad')) as number).toBeCloseTo(want.dV, 10);
	expect((await numbers(page, 'h', 'value')) as number).toBeCloseTo(want.h, 10);
	expect(await numbers(page, 'w', 'value')).toEqual([0.9, 0.6]);
	const line = (label: string, x: number) => `${label}=${x.toFixed(4)}`;
	await expect(output(page)).toContainText(
		`forward: ${line('z', want.z)} ${line('h', want.h)} ${line('y_hat', want.yHat)} ${line('loss', want.loss)}`
	);
	await expect(output(page)).toContainText(
		`grads: ${line('w1', want.dW[0])} ${line('w2', want.dW[1])} ${line('v', want.dV)}`
	);
});

test('stepping the backward pass activates the nodes in the order PyTorch runs them', async ({
	page
}) => {
	await buildChapter(page);
	const root = tensors(page);
	const hint = page.locator('.explanation .hint');
	await expect(hint).toContainText('Every value and gradient is on the graph.');
	await page.keyboard.press('Home');
	await expect(root).toHaveAttribute('data-step', '0');
	// the hint follows the program's steps, not the scalar graph behind it
	await expect(hint).toContainText('Press → (or Page Down) to compute the first node');
	const ran: { gradFn: string | null; node: string | null }[] = [];
	let step = 0;
	while ((await root.getAttribute('data-phase')) !== 'done') {
		await page.keyboard.press('ArrowRight');
		step += 1;
		await expect(root).toHaveAttribute('data-step', String(step));
		if ((await root.getAttribute('data-phase')) !== 'backward') continue;
		const active = root.locator('[data-active="true"]');
		await expect(active).toHaveCount(1);
		ran.push({
			gradFn: await active.getAttribute('data-grad-fn'),
			node: await active.getAttribute('data-node')
		});
		expect(step).toBeLessThan(40);
	}
	// The last step's sentence, typeset and in plain text.
	await page.keyboard.press('ArrowLeft');
	await expect(page.locator('[data-formula-text]')).toContainText(
		'AccumulateGrad: w.grad = ∂loss/∂w = [−0.1651, −0.0826]'
	);
	await page.keyboard.press('ArrowLeft');
	const formula = page.locator('[data-formula] [role="math"]');
	await expect(formula).toHaveAttribute('aria-label', /^MulBackward0: ∂loss\/∂w = /);
	await expect(formula.locator('mfrac')).toHaveCount(2);
	await expect(formula.locator('mn')).toContainText(['−0.1651', '1.0000', '−0.1651', '0.5000']);
	// The first backward frame is the seed (∂loss/∂loss = 1) on the root itself.
	expect(ran[0]).toEqual({ gradFn: 'PowBackward0', node: 'loss' });
	const order = ran.slice(1);
	expect(order.map((r) => r.gradFn)).toEqual(chapterCase.backward_order);
	chapterCase.backward_nodes.forEach((name, k) => {
		if (name !== null) expect(order[k].node).toBe(name);
	});
});

test('w * x opens as scalars with the tensor view’s gradients, and comes back', async ({
	page
}) => {
	await buildChapter(page);
	await page.keyboard.press('End');
	await expect(node(page, 'w')).toHaveAttribute('data-grad', /./);
	const dW = (await numbers(page, 'w', 'grad')) as number[];
	await page.getByRole('button', { name: 'Open w * x as scalars' }).click();
	await expect(tensors(page)).toHaveCount(0);
	await expect(node(page, 'w[0]')).toHaveCount(1, { timeout: LAYOUT });
	await page.keyboard.press('End');
	for (const k of [0, 1]) {
		await expect(node(page, `w[${k}]`)).toHaveAttribute('data-grad', /./);
		const g = Number(await node(page, `w[${k}]`).getAttribute('data-grad'));
		expect(g).toBeCloseTo(dW[k], 10);
	}
	await page.keyboard.press('Escape');
	await expect(tensors(page)).toHaveCount(1, { timeout: LAYOUT });

	await page.getByRole('button', { name: 'Open w * x as scalars' }).click();
	await expect(node(page, 'w[1]')).toHaveCount(1, { timeout: LAYOUT });
	await page.getByRole('button', { name: '← PyTorch graph' }).click();
	await expect(tensors(page)).toHaveCount(1, { timeout: LAYOUT });
	await expect(node(page, 'loss')).toHaveCount(1);
});

test('an unsupported line says where, and the graph stays as it was', async ({ page }) => {
	await buildChapter(page);
	const before = await tensors(page).locator('[data-node]').count();
	await buildFromCode(page, `${CHAPTER}for i in range(3):\n    pass\n`);
	const error = page.locator('.pytorch .error');
	await expect(error).toContainText(/line 26/);
	await expect(error).toContainText(/column \d+/);
	await expect(error).toContainText('The graph on screen is unchanged');
	await expect(tensors(page)).toHaveCount(1);
	expect(await tensors(page).locator('[data-node]').count()).toBe(before);
	await expect(output(page)).toContainText('✓ hand-derived gradients match PyTorch');
});

test('the link brings the program back on reload', async ({ page }) => {
	await buildFromCode(page, CHAPTER.replace('0.4, 0.6', '0.3, 0.6'));
	await expect(tensors(page)).toHaveCount(1, { timeout: LAYOUT });
	await expect(page).toHaveURL(/code=/);
	await page.reload();
	await page.locator('[data-ready="true"]').waitFor();
	await expect(tensors(page)).toHaveCount(1, { timeout: LAYOUT });
	expect(await numbers(page, 'w', 'value')).toEqual([0.3, 0.6]);
	await expect(output(page)).toContainText('grads: w1=');
});

test('the link keeps a changed element and the step: reload shows the same numbers there', async ({
	page
}) => {
	await buildChapter(page);
	const root = tensors(page);
	const field = page.getByRole('textbox', { name: 'w[0] value' });
	await field.fill('0.9');
	await field.press('Enter');
	// Into the backward pass: MulBackward0 of w * x has run, w's AccumulateGrad not yet.
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	await page.keyboard.press('End');
	await page.keyboard.press('ArrowLeft');
	await page.keyboard.press('ArrowLeft');
	await expect(root).toHaveAttribute('data-phase', 'backward');
	const step = await root.getAttribute('data-step');
	await expect(page).toHaveURL(new RegExp(`w%5B0%5D=0\\.9&step=${step}(&|$)`));
	const before = {
		loss: await numbers(page, 'loss', 'value'),
		v: await numbers(page, 'v', 'grad'),
		formula: await page.locator('[data-formula-text]').textContent()
	};
	expect(before.loss as number).toBeCloseTo(chapterNumbers([0.9, 0.6]).loss, 12);
	await expect(node(page, 'w')).not.toHaveAttribute('data-grad', /.*/);

	await page.reload();
	await page.locator('[data-ready="true"]').waitFor();
	await expect(root).toHaveCount(1, { timeout: LAYOUT });
	await expect(root).toHaveAttribute('data-step', step!);
	await expect(root).toHaveAttribute('data-phase', 'backward');
	expect(await numbers(page, 'w', 'value')).toEqual([0.9, 0.6]);
	await expect(page.getByRole('textbox', { name: 'w[0] value' })).toHaveValue(/^0\.9/);
	expect(await numbers(page, 'loss', 'value')).toBe(before.loss);
	expect(await numbers(page, 'v', 'grad')).toBe(before.v);
	await expect(node(page, 'w')).not.toHaveAttribute('data-grad', /.*/);
	await expect(page.locator('[data-formula-text]')).toHaveText(before.formula!);

	// Copy link copies the same state.
	await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.getByText('Share', { exact: true }).click();
	await page.getByRole('button', { name: 'Copy link' }).click();
	const copied = await page.evaluate(() => navigator.clipboard.readText());
	expect(new URL(copied).search).toBe(new URL(page.url()).search);
});

test('a malformed element in the link is named, and the rest is used', async ({ page }) => {
	await buildChapter(page);
	await expect(page).toHaveURL(/code=/);
	const url = new URL(page.url());
	url.search += '&w[1]=abc&v=1e9';
	await page.goto(url.href);
	await page.locator('[data-ready="true"]').waitFor();
	await expect(tensors(page)).toHaveCount(1, { timeout: LAYOUT });
	await expect(page.getByText(/Some of the link was changed or ignored/)).toContainText(
		'w[1] is not a number; v=1e9 clamped to 3 (the highest allowed)'
	);
	expect(await numbers(page, 'v', 'value')).toBe(3);
	expect(await numbers(page, 'w', 'value')).toEqual([0.4, 0.6]);
});

test('the big classifier shows about ten boxes with heatmaps and norms', async ({ page }) => {
	await page
		.getByLabel('Graph', { exact: true })
		.selectOption({ label: 'A two-layer classifier, batch of 64 (PyTorch)' });
	await expect(tensors(page)).toHaveCount(1, { timeout: LAYOUT });
	const boxes = tensors(page).locator('[data-node]');
	const count = await boxes.count();
	expect(count).toBeGreaterThanOrEqual(8);
	expect(count).toBeLessThanOrEqual(16);
	await expect(tensors(page).locator('[data-norm]').first()).toHaveCount(1);
	await expect(node(page, 'W1')).toHaveAttribute('data-norm', /^\d/);
	await expect(node(page, 'W1')).not.toHaveAttribute('data-value', /.*/);
	// Every heatmap's place on the canvas is painted, and a drag repaints what it changes.
	const places = await tensors(page).locator('.heatmap').count();
	expect(places).toBeGreaterThanOrEqual(10);
	for (let i = 0; i < places; i++) expect((await heatPixels(page, i)).painted).toBeGreaterThan(0);
	const index = await heatmapIndex(page, 'logits', 'grad');
	const before = await heatPixels(page, index);
	await page.getByRole('slider', { name: 'b2[0]', exact: true }).fill('2.5');
	await expect.poll(async () => (await heatPixels(page, index)).sum).not.toBe(before.sum);
	// The canvas takes its colours from the theme: a dark theme repaints it.
	const light = await heatPixels(page, index);
	await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
	await expect.poll(async () => (await heatPixels(page, index)).sum).not.toBe(light.sum);
});

/** The place of node `id`'s values or gradient heatmap among the view's heatmaps. */
async function heatmapIndex(page: Page, id: string, kind: 'value' | 'grad') {
	return tensors(page).evaluate(
		(svg, [id, kind]) =>
			[...svg.querySelectorAll('.heatmap')].indexOf(
				svg.querySelector(`[data-node="${id}"] .block.${kind} .heatmap`)!
			),
		[id, kind] as const
	);
}

/** What the view's canvas shows under heatmap `index`: how many pixels are painted, and a sum
 *  of their colours that changes when they do. */
async function heatPixels(page: Page, index: number) {
	return tensors(page).evaluate((svg, index) => {
		const canvas = svg.querySelector<HTMLCanvasElement>('.heat canvas')!;
		const place = svg.querySelectorAll('.heatmap')[index].getBoundingClientRect();
		const area = canvas.getBoundingClientRect();
		const sx = canvas.width / area.width;
		const sy = canvas.height / area.height;
		// the middle of the place, away from its edges' rounding
		const x = Math.round((place.left - area.left + 2) * sx);
		const y = Math.round((place.top - area.top + 2) * sy);
		const w = Math.max(1, Math.round((place.width - 4) * sx));
		const h = Math.max(1, Math.round((place.height - 4) * sy));
		const data = canvas.getContext('2d')!.getImageData(x, y, w, h).data;
		let painted = 0;
		let sum = 0;
		for (let k = 0; k < data.length; k += 4) {
			if (data[k + 3] > 0) painted++;
			sum += (data[k] * 3 + data[k + 1] * 5 + data[k + 2] * 7) * (data[k + 3] + 1);
		}
		return { painted, sum };
	}, index);
}

test('a heatmap reads out the number under the pointer, and by the arrow keys once focused', async ({
	page
}) => {
	await page
		.getByLabel('Graph', { exact: true })
		.selectOption({ label: 'A two-layer classifier, batch of 64 (PyTorch)' });
	await expect(tensors(page)).toHaveCount(1, { timeout: LAYOUT });
	const readNumber = (text: string) => Number(text.replace('−', '-'));

	// X = sin(k² · 0.01), k the flat index: the pointer at 30 % across, 60 % down is X[38,76].
	const xValues = node(page, 'X').locator('.block.value');
	const place = (await xValues.locator('.heatmap').boundingBox())!;
	await page.mouse.move(place.x + place.width * 0.3, place.y + place.height * 0.6);
	const line = xValues.locator('text.norm');
	await expect(line).toHaveText(/^\[38,76\] = −?\d\.\d{4}$/);
	const shown = readNumber((await line.textContent())!.split(' = ')[1]);
	expect(shown).toBeCloseTo(Math.sin((38 * 256 + 76) ** 2 * 0.01), 4);
	await page.mouse.move(0, 0);
	await expect(line).toHaveText(/^norm \d/);

	// W1 = cos(k² · 0.37) · 0.1. On its gradient's heatmap the first arrow picks W1[0,0]; two
	// right, one up (held at the edge) and one down is W1[1,2].
	const step = await tensors(page).getAttribute('data-step');
	const w1 = node(page, 'W1');
	await w1.locator('.block.grad .heatmap').focus();
	for (const key of ['ArrowDown', 'ArrowRight', 'ArrowRight', 'ArrowUp', 'ArrowDown'])
		await page.keyboard.press(key);
	await expect(w1.locator('.block.value text.norm')).toHaveText(/^\[1,2\] = /);
	const value = readNumber(
		(await w1.locator('.block.value text.norm').textContent())!.split(' = ')[1]
	);
	expect(value).toBeCloseTo(Math.cos((1 * 128 + 2) ** 2 * 0.37) * 0.1, 4);
	await expect(w1.locator('.block.grad text.norm')).toHaveText(/^grad \[1,2\] = −?\d/);
	await expect(w1.locator('[aria-live]').first()).toContainText('W1[1,2] = ');
	// the arrows read the heatmap; they did not step the graph
	expect(await tensors(page).getAttribute('data-step')).toBe(step);
	await page.keyboard.press('Escape');
	await expect(w1.locator('.block.grad text.norm')).toHaveText(/^grad norm \d/);
});

for (const [width, height] of [
	[1024, 768],
	[1280, 800]
]) {
	test(`the big classifier is readable at ${width}×${height}: boxes apart, names 12 px or more, all in the graph area`, async ({
		page
	}) => {
		await page.setViewportSize({ width, height });
		await page
			.getByLabel('Graph', { exact: true })
			.selectOption({ label: 'A two-layer classifier, batch of 64 (PyTorch)' });
		await expect(tensors(page)).toHaveCount(1, { timeout: LAYOUT });
		const seen = await tensors(page).evaluate((svg: SVGSVGElement) => {
			const area = svg.getBoundingClientRect();
			return {
				area: { left: area.left, top: area.top, right: area.right, bottom: area.bottom },
				boxes: [...svg.querySelectorAll<SVGGElement>('[data-node]')].map((g) => {
					const box = g.querySelector('rect.box')!.getBoundingClientRect();
					const name = g.querySelector<SVGTextElement>('text.name')!;
					// The size the name is drawn at on screen: its font size times the drawing's scale.
					const scale = name.getScreenCTM()!.a;
					return {
						id: g.dataset.node!,
						rect: { left: box.left, top: box.top, right: box.right, bottom: box.bottom },
						namePx: parseFloat(getComputedStyle(name).fontSize) * scale
					};
				})
			};
		});
		expect(seen.boxes.length).toBeGreaterThanOrEqual(10);
		for (const { id, rect, namePx } of seen.boxes) {
			expect(namePx, `${id}'s name`).toBeGreaterThanOrEqual(12);
			expect(rect.left, `${id} left`).toBeGreaterThanOrEqual(seen.area.left);
			expect(rect.top, `${id} top`).toBeGreaterThanOrEqual(seen.area.top);
			expect(rect.right, `${id} right`).toBeLessThanOrEqual(seen.area.right);
			expect(rect.bottom, `${id} bottom`).toBeLessThanOrEqual(seen.area.bottom);
		}
		for (const [i, a] of seen.boxes.entries()) {
			for (const b of seen.boxes.slice(i + 1)) {
				const apart =
					a.rect.right <= b.rect.left ||
					b.rect.right <= a.rect.left ||
					a.rect.bottom <= b.rect.top ||
					b.rect.bottom <= a.rect.top;
				expect(apart, `${a.id} and ${b.id} overlap`).toBe(true);
			}
		}
	});
}

test.describe('on a touch screen', () => {
	test.use({ hasTouch: true });

	test('a tap on a heatmap reads the number under the finger, and it stays', async ({ page }) => {
		await page
			.getByLabel('Graph', { exact: true })
			.selectOption({ label: 'A two-layer classifier, batch of 64 (PyTorch)' });
		await expect(tensors(page)).toHaveCount(1, { timeout: LAYOUT });
		const xValues = node(page, 'X').locator('.block.value');
		const place = (await xValues.locator('.heatmap').boundingBox())!;
		await xValues
			.locator('.heatmap')
			.tap({ position: { x: place.width * 0.3, y: place.height * 0.6 } });
		await expect(xValues.locator('text.norm')).toHaveText(/^\[38,76\] = −?\d\.\d{4}$/);
	});
});
