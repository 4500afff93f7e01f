import { expect, node, nodeNumber, openApp, shown, test } from './fixtures';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The chapter's network by hand, independent of the app's engine. */
function byHand(p: { x1: number; x2: number; w1: number; w2: number; v: number; y: number }) {
	const z = p.w1 * p.x1 + p.w2 * p.x2;
	const h = sigmoid(z);
	const yhat = p.v * h;
	const L = (yhat - p.y) ** 2;
	const dyhat = 2 * (yhat - p.y);
	const dz = dyhat * p.v * h * (1 - h);
	return {
		z,
		h,
		yhat,
		L,
		dyhat,
		dv: dyhat * h,
		dh: dyhat * p.v,
		dz,
		dw1: dz * p.x1,
		dw2: dz * p.x2
	};
}

const CHAPTER = { x1: 1, x2: 0.5, w1: 0.4, w2: 0.6, v: 0.8, y: 1 };

test('shows the chapter’s numbers, correctly rounded', async ({ page }) => {
	await openApp(page);
	const values = { z: '0.7000', h: '0.6682', yhat: '0.5346', L: '0.2166' };
	for (const [id, text] of Object.entries(values))
		expect(await shown(page, id, 'value')).toBe(text);
	const grads = {
		yhat: '-0.9309',
		v: '-0.6220',
		h: '-0.7447',
		z: '-0.1651',
		w1: '-0.1651',
		w2: '-0.0826',
		x1: '-0.0660',
		x2: '-0.0991',
		y: '0.9309',
		L: '1.0000'
	};
	for (const [id, text] of Object.entries(grads)) expect(await shown(page, id, 'grad')).toBe(text);
	expect(await nodeNumber(page, 'w2', 'grad')).toBeCloseTo(-0.08255696687978295, 14);
	for (const id of ['x1', 'x2', 'w1', 'w2', 'v', 'y', 'z', 'h', 'yhat', 'L']) {
		await expect(node(page, id)).toHaveCount(1);
	}
});

test('ArrowRight on w1’s slider updates every gradient while dragging', async ({ page }) => {
	await openApp(page);
	const slider = page.getByRole('slider', { name: 'w1', exact: true });
	await slider.focus();
	await page.keyboard.press('ArrowRight');
	const expected = byHand({ ...CHAPTER, w1: 0.41 });
	await expect.poll(() => nodeNumber(page, 'w1', 'value')).toBeCloseTo(0.41, 12);
	expect(await nodeNumber(page, 'z', 'value')).toBeCloseTo(expected.z, 12);
	expect(await nodeNumber(page, 'L', 'value')).toBeCloseTo(expected.L, 12);
	expect(await nodeNumber(page, 'w1', 'grad')).toBeCloseTo(expected.dw1, 12);
	expect(await nodeNumber(page, 'w2', 'grad')).toBeCloseTo(expected.dw2, 12);
	expect(await nodeNumber(page, 'v', 'grad')).toBeCloseTo(expected.dv, 12);
	expect(await shown(page, 'L', 'value')).toBe(expected.L.toFixed(4));
	// Dragging changes numbers, never the structure: no new layout, no layout code loaded.
	const placements = () =>
		page
			.locator('[data-node]')
			.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('transform')));
	const before = await placements();
	const requests: string[] = [];
	page.on('request', (r) => requests.push(r.url()));
	for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
	await expect.poll(() => nodeNumber(page, 'w1', 'value')).toBeCloseTo(0.61, 12);
	expect(await placements()).toEqual(before);
	expect(requests.filter((url) => /elk/i.test(url))).toEqual([]);
	// The slider kept focus and the step controls did not move (arrows belong to the slider).
	await expect(slider).toBeFocused();
	await expect(page.locator('svg[data-phase]')).toHaveAttribute('data-phase', 'done');
});

test('typing 0.9 in v’s field updates every node', async ({ page }) => {
	await openApp(page);
	const field = page.getByRole('textbox', { name: 'v value' });
	await field.fill('0.9');
	const expected = byHand({ ...CHAPTER, v: 0.9 });
	await expect.poll(() => nodeNumber(page, 'yhat', 'value')).toBeCloseTo(expected.yhat, 12);
	expect(await nodeNumber(page, 'L', 'value')).toBeCloseTo(expected.L, 12);
	expect(await nodeNumber(page, 'h', 'grad')).toBeCloseTo(expected.dh, 12);
	expect(await nodeNumber(page, 'z', 'grad')).toBeCloseTo(expected.dz, 12);
	await expect(page.getByRole('slider', { name: 'v', exact: true })).toHaveValue('0.9');
});

test('invalid entries show a message and change nothing', async ({ page }) => {
	await openApp(page);
	const field = page.getByRole('textbox', { name: 'w1 value' });
	const before = await nodeNumber(page, 'L', 'value');
	for (const bad of ['abc', '', '1e999', 'NaN']) {
		await field.fill(bad);
		await field.press('Enter');
		await expect(field).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByRole('status').filter({ hasText: 'Keeping 0.40' })).toBeVisible();
		expect(await nodeNumber(page, 'w1', 'value')).toBe(0.4);
		expect(await nodeNumber(page, 'L', 'value')).toBe(before);
	}
	// Out of range is clamped and said.
	await field.fill('7');
	await field.press('Enter');
	await expect(page.getByRole('status').filter({ hasText: 'Clamped to 3' })).toBeVisible();
	expect(await nodeNumber(page, 'w1', 'value')).toBe(3);
	// Reset brings back the chapter's values.
	await page.getByRole('button', { name: 'Reset to the chapter' }).click();
	expect(await nodeNumber(page, 'w1', 'value')).toBe(0.4);
	expect(await nodeNumber(page, 'L', 'value')).toBe(before);
});
