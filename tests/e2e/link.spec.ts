import { readFile } from 'node:fs/promises';
import { expect, nodeNumber, openApp, test } from './fixtures';

test('a link restores parameters, step and mode', async ({ page, context }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await openApp(page);
	const historyAtStart = await page.evaluate(() => history.length);
	await page.getByRole('textbox', { name: 'w1 value' }).fill('0.9');
	await page.getByRole('textbox', { name: 'y value' }).fill('-1.5');
	await page.keyboard.press('Escape');
	await page.locator('body').click({ position: { x: 5, y: 5 } });
	await page.keyboard.press('Home');
	for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
	await expect(page).toHaveURL(/step=7/);
	await expect(page).toHaveURL(/w1=0.9/);
	// The address bar is replaced, never pushed: Back still leaves the app in one step.
	expect(await page.evaluate(() => history.length)).toBe(historyAtStart);
	const link = page.url();
	const L = await nodeNumber(page, 'L', 'value');

	const other = await context.newPage();
	await openApp(other, link);
	await expect(other.locator('svg[data-step]')).toHaveAttribute('data-step', '7');
	expect(await nodeNumber(other, 'w1', 'value')).toBe(0.9);
	expect(await nodeNumber(other, 'y', 'value')).toBe(-1.5);
	expect(await nodeNumber(other, 'L', 'value')).toBe(L);
	await expect(other.getByRole('textbox', { name: 'w1 value' })).toHaveValue('0.9');
});

test('a link restores the graph and the view too', async ({ page }) => {
	await openApp(page, '/?preset=neuron&w1=-2.5&step=3');
	await expect(page.locator('[data-node="o"]')).toHaveCount(1);
	await expect(page.locator('svg[data-step]')).toHaveAttribute('data-step', '3');
	const o = Math.tanh(2 * -2.5 + 0 * 1 + 6.881373587019543);
	expect(await nodeNumber(page, 'w1', 'value')).toBe(-2.5);
	// At step 3 the forward pass has not reached o yet; its value is known once the pass is done.
	await page.keyboard.press('End');
	expect(await nodeNumber(page, 'o', 'value')).toBeCloseTo(o, 12);

	const expr = 'L = (a*b - 1)^2';
	await openApp(page, `/?expr=${encodeURIComponent(expr)}&view=ops`);
	await expect(page.locator('[data-node="L"]')).toHaveCount(1);
	await expect(page.locator('[data-node="a"]')).toHaveCount(1);
	await expect(page).toHaveURL(/view=ops/);
	await expect(page).toHaveURL(/expr=/);
});

test('bad links fall back to defaults, say so, and never become markup', async ({ page }) => {
	const bad = [
		'/?w1=abc',
		'/?w1=1e999&w2=-1e400',
		'/?step=-3',
		'/?step=99999999999',
		'/?v=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
		'/?%3Cscript%3Ealert(1)%3C%2Fscript%3E=1',
		'/?theme=%22%3E%3Cb%3Ebold%3C%2Fb%3E',
		'/?preset=..%2F..%2Fetc',
		'/?x1=NaN&x2=Infinity&y=0x1F',
		'/?w1=' + '9'.repeat(5000)
	];
	for (const url of bad) {
		await openApp(page, url);
		await expect(
			page.getByRole('status').filter({ hasText: 'Some of the link was changed or ignored' })
		).toBeVisible();
		expect(await nodeNumber(page, 'L', 'value')).toBeCloseTo(0.2166434998109707, 15);
		expect(await page.locator('.notice b, .notice img, .notice script').count()).toBe(0);
	}
	await page.getByRole('button', { name: 'Dismiss' }).click();
	await expect(page.locator('.notice')).toHaveCount(0);
});

test('export: the SVG parses and the PNGs have 2× and 4× the on-screen size', async ({ page }) => {
	await openApp(page, '/?step=7');
	const svgBox = await page.locator('svg[data-phase]').boundingBox();
	const share = page.getByText('Share', { exact: true });
	await share.click();
	const [svgDownload] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'SVG', exact: true }).click()
	]);
	expect(svgDownload.suggestedFilename()).toBe('backprop.svg');
	const svgText = await readFile((await svgDownload.path())!, 'utf8');
	const parsed = await page.evaluate((text) => {
		const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
		return {
			error: doc.querySelector('parsererror')?.textContent ?? null,
			nodes: doc.querySelectorAll('[data-node]').length,
			caption: [...doc.querySelectorAll('svg > text')].map((t) => t.textContent).join(' ')
		};
	}, svgText);
	expect(parsed.error).toBeNull();
	expect(parsed.nodes).toBe(10);
	expect(parsed.caption).toContain('∂L/∂h = ∂L/∂ŷ · ∂ŷ/∂h = (−0.9309)(0.8000) = −0.7447');

	for (const scale of [2, 4]) {
		await share.click();
		const [png] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: `PNG ${scale}×` }).click()
		]);
		const bytes = await readFile((await png.path())!);
		expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
		expect(bytes.readUInt32BE(16)).toBe(Math.round(svgBox!.width) * scale);
	}
	// The E key exports too.
	const [viaKey] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('e')]);
	expect(viaKey.suggestedFilename()).toBe('backprop.svg');
});

test('"Link copied." floats under the header: the page does not move', async ({
	page,
	context
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await openApp(page);
	const graph = page.locator('svg[data-phase]');
	const before = await graph.boundingBox();
	await page.getByText('Share', { exact: true }).click();
	await page.getByRole('button', { name: 'Copy link' }).click();
	const note = page.getByRole('status').filter({ hasText: 'Link copied.' });
	await expect(note).toBeVisible();
	expect(await graph.boundingBox()).toEqual(before);
	const header = (await page.locator('header').boundingBox())!;
	expect((await note.boundingBox())!.y).toBeGreaterThanOrEqual(header.y + header.height);
	await page.getByRole('button', { name: 'Dismiss' }).click();
	await expect(note).toHaveCount(0);
	expect(await graph.boundingBox()).toEqual(before);
});

test('the "done" hint in presenter mode offers the sliders only when they are shown', async ({
	page
}) => {
	await openApp(page, '/?mode=present');
	const hint = page.getByRole('region', { name: 'Chain rule' });
	await expect(hint).toContainText('Press S to show the sliders, or Home, then → to step through.');
	await expect(hint).not.toContainText('Drag a slider');
	await expect(page.getByRole('slider', { name: 'w1', exact: true })).toBeHidden();
	await page.keyboard.press('s');
	await expect(page.getByRole('slider', { name: 'w1', exact: true })).toBeVisible();
	await expect(hint).toContainText('Drag a slider to see them all change');
});
