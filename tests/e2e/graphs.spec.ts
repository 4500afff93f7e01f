import { expect, node, nodeNumber, openApp, shown, test } from './fixtures';
import type { Page } from '@playwright/test';

const graph = (page: Page) => page.locator('svg[data-phase]');
const picker = (page: Page) => page.getByLabel('Graph', { exact: true });
const field = (page: Page) => page.getByRole('textbox', { name: 'or write an expression' });
const opView = (page: Page) => page.getByRole('button', { name: 'Op-level view' });
const laying = (page: Page) => page.getByRole('status').filter({ hasText: 'Laying out' });

/** Wait until no layout is running and the graph shows `id`. */
async function showing(page: Page, id: string, timeout = 10_000) {
	await expect(node(page, id)).toHaveCount(1, { timeout });
	await expect(laying(page)).toHaveCount(0, { timeout });
}

async function apply(page: Page, text: string) {
	await field(page).fill(text);
	await page.getByRole('button', { name: 'Apply' }).click();
}

test.beforeEach(async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await openApp(page);
});

// Output node and its value, as micrograd, PyTorch or the chapter give them.
const PRESETS: [string, string, string][] = [
	['2-2-1 MLP', 'L', '0.3277'],
	['One tanh neuron', 'o', '0.7071'],
	['micrograd’s README', 'g', '24.7041'],
	['Softmax + cross-entropy', 'L', '1.3635'],
	['A weight used twice', 'L', '1.6886'],
	['A diamond', 'L', '-0.4241'],
	['The chapter’s network', 'L', '0.2166']
];

test('each preset shows its output value', async ({ page }) => {
	for (const [title, output, value] of PRESETS) {
		await picker(page).selectOption({ label: title });
		await expect(node(page, output)).toHaveAttribute('data-value', /./);
		await expect.poll(() => shown(page, output, 'value'), { message: title }).toBe(value);
		await expect(laying(page)).toHaveCount(0);
		await expect(graph(page)).toHaveAttribute('data-phase', 'done');
	}
	// micrograd's README also prints the two gradients.
	await picker(page).selectOption({ label: 'micrograd’s README' });
	await expect.poll(() => shown(page, 'a', 'grad')).toBe('138.8338');
	expect(await shown(page, 'b', 'grad')).toBe('645.5773');
});

test('the big MLP lays out, fits, and keeps the active step in view when zoomed', async ({
	page
}) => {
	test.setTimeout(120_000);
	await picker(page).selectOption({ label: 'A bigger MLP (1,124 nodes)' });
	await showing(page, 'p12', 90_000);
	// Fitted, the boxes are too small to carry text (level of detail); the number is on the node.
	expect((await nodeNumber(page, 'L', 'value')).toFixed(4)).toBe('0.0400');
	expect(await page.locator('[data-node="L"] text.value').count()).toBe(0);
	await expect(graph(page)).toHaveAttribute('data-zoom', '1');
	await expect(page.locator('.opcount')).toHaveAttribute('data-forward', '734');

	for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
	await expect
		.poll(async () => Number(await graph(page).getAttribute('data-zoom')))
		.toBeGreaterThan(10);
	// Zoomed in, what is far off screen is not drawn, yet every node still carries its numbers.
	const offscreen = page.locator('[data-node].offscreen');
	expect(await offscreen.count()).toBeGreaterThan(500);
	expect(await page.locator('[data-edge].offscreen').count()).toBeGreaterThan(500);
	await expect(page.locator('[data-node="L"]')).toHaveClass(/offscreen/);
	expect((await nodeNumber(page, 'L', 'value')).toFixed(4)).toBe('0.0400');
	await page.keyboard.press('Home');
	const box = (await graph(page).boundingBox())!;
	for (let step = 1; step <= 14; step++) {
		await page.keyboard.press('ArrowRight');
		await expect(graph(page)).toHaveAttribute('data-step', String(step));
		const active = await page.locator('[data-node][data-active="true"]').boundingBox();
		expect(active, `step ${step}`).not.toBeNull();
		// Zoomed in, the boxes on screen are written out again.
		await expect(page.locator('[data-node][data-active="true"] text.value')).toHaveCount(1);
		expect(active!.x).toBeGreaterThanOrEqual(box.x - 1);
		expect(active!.y).toBeGreaterThanOrEqual(box.y - 1);
		expect(active!.x + active!.width).toBeLessThanOrEqual(box.x + box.width + 1);
		expect(active!.y + active!.height).toBeLessThanOrEqual(box.y + box.height + 1);
	}
	await page.getByRole('button', { name: 'Fit to screen' }).click();
	await expect(offscreen).toHaveCount(0);
	await expect(page.locator('[data-edge].offscreen')).toHaveCount(0);
});

test('the chapter’s network typed as an expression gives the chapter’s numbers', async ({
	page
}) => {
	// Leaves get their values from `name = number` lines; they become sliders like any input.
	await apply(
		page,
		'x1 = 1.0; x2 = 0.5; w1 = 0.4; w2 = 0.6; v = 0.8; y = 1.0; ' +
			'z = w1*x1 + w2*x2; h = sigmoid(z); yhat = v*h; L = (yhat - y)^2'
	);
	await expect(picker(page)).toHaveValue('expression');
	const values = { z: '0.7000', h: '0.6682', yhat: '0.5346', L: '0.2166' };
	for (const [id, text] of Object.entries(values))
		expect(await shown(page, id, 'value')).toBe(text);
	const grads = { yhat: '-0.9309', v: '-0.6220', h: '-0.7447', z: '-0.1651', w1: '-0.1651' };
	for (const [id, text] of Object.entries(grads)) expect(await shown(page, id, 'grad')).toBe(text);
	expect(await shown(page, 'w2', 'grad')).toBe('-0.0826');
	expect(await nodeNumber(page, 'w2', 'grad')).toBeCloseTo(-0.08255696687978295, 14);
	for (const id of ['x1', 'x2', 'w1', 'w2', 'v', 'y']) {
		await expect(page.getByRole('slider', { name: id, exact: true })).toHaveCount(1);
	}
});

test('names without a value start at 1 and get sliders', async ({ page }) => {
	await apply(page, 'q = a*b + tanh(c)');
	await showing(page, 'q');
	expect(await nodeNumber(page, 'q', 'value')).toBeCloseTo(1 + Math.tanh(1), 14);
	const slider = page.getByRole('slider', { name: 'c', exact: true });
	await expect(slider).toHaveValue('1');
	await page.getByRole('textbox', { name: 'c value' }).fill('0');
	await expect.poll(() => nodeNumber(page, 'q', 'value')).toBe(1);
	expect(await nodeNumber(page, 'c', 'grad')).toBe(1);
});

test('a syntax error shows its message and keeps the old graph', async ({ page }) => {
	const before = await nodeNumber(page, 'L', 'value');
	await apply(page, 'z = (a + b))');
	const error = page.locator('#graph-error');
	await expect(error).toContainText("unexpected ')' at column 12");
	await expect(error).toHaveAttribute('aria-live', 'polite');
	await expect(field(page)).toHaveAttribute('aria-invalid', 'true');
	expect(await nodeNumber(page, 'L', 'value')).toBe(before);
	await expect(node(page, 'h')).toHaveCount(1);
	await expect(picker(page)).toHaveValue('textbook');

	await apply(page, 'L = sigmoidd(x)');
	await expect(error).toContainText("unknown function 'sigmoidd' at column 5");
	await apply(page, 'z = z + 1');
	await expect(error).toContainText('cycle: z uses itself');
	await expect(node(page, 'h')).toHaveCount(1);

	// A good expression clears the message.
	await apply(page, 'L = (w*x - y)^2');
	await showing(page, 'L');
	await expect(node(page, 'h')).toHaveCount(0);
	await expect(error).toBeEmpty();
	await expect(field(page)).not.toHaveAttribute('aria-invalid');
});

test('the op-level view draws every primitive op, and stepping works in it', async ({ page }) => {
	await expect(page.locator('[data-node]')).toHaveCount(10);
	await page.keyboard.press('o');
	// The two products and the difference inside z and L are nodes of their own now.
	await expect(page.locator('[data-node]')).toHaveCount(13);
	await expect(opView(page)).toHaveAttribute('aria-pressed', 'true');
	await expect(node(page, 'z')).toHaveCount(1);
	expect(await shown(page, 'L', 'value')).toBe('0.2166');
	expect(await shown(page, 'w1', 'grad')).toBe('-0.1651');

	await page.keyboard.press('Home');
	await expect(graph(page)).toHaveAttribute('data-phase', 'idle');
	await page.keyboard.press('ArrowRight');
	await expect(graph(page)).toHaveAttribute('data-step', '1');
	await expect(graph(page)).toHaveAttribute('data-phase', 'forward');
	const first = await page.locator('[data-node][data-active="true"]').getAttribute('data-node');
	expect(first).toMatch(/^mul\d+$/);
	await page.keyboard.press('End');
	await expect(graph(page)).toHaveAttribute('data-phase', 'done');

	// Slider values carry over between views.
	await page.getByRole('textbox', { name: 'v value' }).fill('0.9');
	await expect.poll(() => shown(page, 'yhat', 'value')).toBe('0.6014');
	await opView(page).click();
	await expect(page.locator('[data-node]')).toHaveCount(10);
	await expect(opView(page)).toHaveAttribute('aria-pressed', 'false');
	expect(await shown(page, 'yhat', 'value')).toBe('0.6014');
});

test('zoom in, pan, and fit to screen', async ({ page }) => {
	const svg = graph(page);
	// Pan and zoom move one group holding the whole drawing.
	const drawing = svg.locator('g.zoom');
	await expect(svg).toHaveAttribute('data-zoom', '1');
	await page.getByRole('button', { name: 'Zoom in' }).click();
	await expect(svg).toHaveAttribute('data-zoom', '1.5');
	await page.getByRole('button', { name: 'Zoom out' }).click();
	await expect(svg).toHaveAttribute('data-zoom', '1');

	// The wheel zooms around the pointer; dragging pans.
	const box = (await svg.boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.wheel(0, -400);
	await expect.poll(async () => Number(await svg.getAttribute('data-zoom'))).toBeGreaterThan(1);
	const zoomedTransform = await drawing.getAttribute('style');
	await page.mouse.down();
	await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2 - 60, { steps: 5 });
	await page.mouse.up();
	await expect.poll(() => drawing.getAttribute('style')).not.toBe(zoomedTransform);

	await page.getByRole('button', { name: 'Fit to screen' }).click();
	await expect(svg).toHaveAttribute('data-zoom', '1');
	expect(await drawing.getAttribute('style')).toContain('translate(0px, 0px) scale(1)');
	// Zooming out stops at the whole graph.
	await page.getByRole('button', { name: 'Zoom out' }).click();
	await expect(svg).toHaveAttribute('data-zoom', '1');
});

test('an expression from a link shows in the field, line breaks as ;', async ({ page }) => {
	await openApp(page, `/?expr=${encodeURIComponent('a = 2\nL = a*b')}`);
	await showing(page, 'L');
	await expect(field(page)).toHaveValue('a = 2; L = a*b');
	expect(await nodeNumber(page, 'L', 'value')).toBe(2);
	await expect(picker(page)).toHaveValue('expression');
});
