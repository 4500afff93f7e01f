import type { Page } from '@playwright/test';
import { expect, nodeNumber, openApp, test } from './fixtures';

// Issue 15: a phone or a tablet, held either way, driven by touch.
const SIZES = [
	{ width: 360, height: 640 },
	{ width: 390, height: 844 },
	{ width: 768, height: 1024 }
].flatMap((s) => [s, { width: s.height, height: s.width }]);

const overflowsSideways = (page: Page) =>
	page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** A one-finger drag from (x0, y0) to (x1, y1), as touch events (Playwright's mouse is no finger). */
async function touchDrag(page: Page, x0: number, y0: number, x1: number, y1: number) {
	const cdp = await page.context().newCDPSession(page);
	const point = (x: number, y: number) => [{ x, y, id: 1, radiusX: 4, radiusY: 4, force: 1 }];
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(x0, y0) });
	for (let i = 1; i <= 8; i++)
		await cdp.send('Input.dispatchTouchEvent', {
			type: 'touchMove',
			touchPoints: point(x0 + ((x1 - x0) * i) / 8, y0 + ((y1 - y0) * i) / 8)
		});
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
	await cdp.detach();
}

for (const size of SIZES) {
	test.describe(`${size.width}×${size.height}`, () => {
		test.use({ viewport: size, hasTouch: true, isMobile: true });

		test('the main page fits, reads and answers touch', async ({ page }) => {
			await page.emulateMedia({ reducedMotion: 'reduce' });
			await openApp(page, '/?step=0');
			expect(await overflowsSideways(page), 'sideways scrolling').toBe(false);

			// The graph comes first and, in one column, fills the width.
			const graph = (await page.locator('svg[data-phase]').boundingBox())!;
			const slider = (await page.getByRole('slider', { name: 'x1', exact: true }).boundingBox())!;
			expect(graph.y < slider.y || graph.x < slider.x, 'graph before the sliders').toBe(true);
			if (size.width <= 900) expect(graph.width).toBeGreaterThanOrEqual(size.width - 32);

			// Node numbers on screen are at least 14 px.
			const sizes = await page.evaluate(() =>
				[...document.querySelectorAll<SVGTextElement>('[data-node] text.value')]
					.filter((t) => {
						const r = t.getBoundingClientRect();
						return r.width > 0 && r.right > 0 && r.left < innerWidth;
					})
					.map((t) => parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 0))
			);
			expect(sizes.length).toBeGreaterThan(0);
			for (const px of sizes) expect(px).toBeGreaterThanOrEqual(14);

			// Touch targets: every visible button and slider is at least 44 px tall.
			const short = await page.evaluate(() =>
				[...document.querySelectorAll<HTMLElement>('button, input[type="range"], select, summary')]
					.filter((e) => e.checkVisibility())
					.map((e) => ({
						name: e.getAttribute('aria-label') ?? e.textContent,
						h: e.getBoundingClientRect().height
					}))
					.filter((e) => e.h < 44)
			);
			expect(short).toEqual([]);

			// A phone folds the header's controls into a menu.
			if (size.width <= 700) {
				await expect(page.getByRole('button', { name: 'Copy link' })).toBeHidden();
				await page.getByRole('button', { name: '☰ More' }).tap();
				await expect(page.getByRole('button', { name: /^Theme:/ })).toBeVisible();
				expect(await overflowsSideways(page)).toBe(false);
				await page.getByRole('button', { name: '✕ Close' }).tap();
			}

			// A tap on Next steps.
			await page.getByRole('button', { name: 'Next step' }).tap();
			await expect(page.locator('svg[data-step]')).toHaveAttribute('data-step', '1');

			// A slider dragged by a finger changes the numbers.
			await page.keyboard.press('End');
			const before = await nodeNumber(page, 'z', 'value');
			const w1 = page.getByRole('slider', { name: 'w1', exact: true });
			await w1.scrollIntoViewIfNeeded();
			const r = (await w1.boundingBox())!;
			// Rows scrolled into view render on the next frame (content-visibility): until then a
			// finger would land on the row, not on its slider.
			await expect
				.poll(() =>
					page.evaluate(
						([x, y]) => document.elementFromPoint(x, y)?.getAttribute('aria-label'),
						[r.x + r.width / 2, r.y + r.height / 2]
					)
				)
				.toBe('w1');
			await touchDrag(
				page,
				r.x + r.width / 2,
				r.y + r.height / 2,
				r.x + r.width * 0.9,
				r.y + r.height / 2
			);
			await expect.poll(() => nodeNumber(page, 'z', 'value')).not.toBe(before);

			// The step bar stays in reach while the sliders scroll.
			const next = (await page.getByRole('button', { name: 'Next step' }).boundingBox())!;
			expect(next.y).toBeGreaterThanOrEqual(0);
			expect(next.y + next.height).toBeLessThanOrEqual(size.height);
		});

		test('a finger pans the graph and two pinch it', async ({ page }) => {
			await openApp(page);
			await page.locator('svg[data-phase]').scrollIntoViewIfNeeded();
			const zoom = page.locator('svg[data-phase] g.zoom');
			const svg = (await page.locator('svg[data-phase]').boundingBox())!;
			const cx = svg.x + svg.width / 2;
			const cy = svg.y + svg.height / 2;
			const cdp = await page.context().newCDPSession(page);
			const pinch = (d: number) => [
				{ x: cx - d, y: cy, id: 1 },
				{ x: cx + d, y: cy, id: 2 }
			];
			const before = await zoom.evaluate((g) => getComputedStyle(g).transform);
			await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: pinch(20) });
			for (let d = 30; d <= 100; d += 10)
				await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: pinch(d) });
			await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
			const pinched = await zoom.evaluate((g) => getComputedStyle(g).transform);
			expect(pinched).not.toBe(before);
			await touchDrag(page, cx, cy, cx + 80, cy + 10);
			await expect
				.poll(() => zoom.evaluate((g) => getComputedStyle(g).transform))
				.not.toBe(pinched);
		});

		test('presenter mode and the lesson fit and step on a tap', async ({ page }) => {
			await page.emulateMedia({ reducedMotion: 'reduce' });
			await openApp(page, '/?mode=present&step=0');
			expect(await overflowsSideways(page)).toBe(false);
			await page.getByRole('button', { name: 'Next step' }).tap();
			await expect(page.locator('svg[data-step]')).toHaveAttribute('data-step', '1');

			await openApp(page, '/lesson/');
			expect(await overflowsSideways(page)).toBe(false);
			const next = page.getByRole('button', { name: /^(Next step|The forward pass) →$/ });
			await next.tap();
			await expect(page.locator('article[data-section]')).not.toHaveAttribute(
				'data-section',
				'network'
			);
			expect(await overflowsSideways(page)).toBe(false);
		});
	});
}
