import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

// Issue 12: on a projector nothing is cut off and the graph stands still while stepping.
// 200% browser zoom is half the viewport at twice the pixel density; 150% is two thirds.
const SCREENS = [
	{ name: '1024×768', viewport: { width: 1024, height: 768 }, deviceScaleFactor: 1 },
	{ name: '1280×720', viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 },
	{ name: '800×600', viewport: { width: 800, height: 600 }, deviceScaleFactor: 1 },
	{ name: '200% zoom', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }
];

/** Where every node box is, as one string to compare between steps. */
const boxes = (page: Page) =>
	page.evaluate(() =>
		[...document.querySelectorAll('[data-node]')]
			.map((n) => {
				const r = n.getBoundingClientRect();
				return `${n.getAttribute('data-node')} ${r.x.toFixed(1)},${r.y.toFixed(1)} ${r.width.toFixed(1)}×${r.height.toFixed(1)}`;
			})
			.join('; ')
	);

/** What of the formula panel is cut off: pieces past its edges, and scroll areas inside it. */
const formulaCut = (page: Page) =>
	page.evaluate(() => {
		const panel = document.querySelector('section.formula')!;
		const edge = panel.getBoundingClientRect();
		const cut: string[] = [];
		for (const math of panel.querySelectorAll('math')) {
			const r = math.getBoundingClientRect();
			if (r.right > edge.right + 0.5 || r.bottom > edge.bottom + 0.5 || r.left < edge.left - 0.5)
				cut.push(`${math.getAttribute('aria-label')} runs past the panel`);
		}
		const boxes = [
			panel,
			...panel.querySelectorAll<HTMLElement>('div, span, p:not(.visually-hidden)')
		];
		for (const el of boxes)
			if (el.scrollHeight > el.clientHeight + 1 && el.clientHeight > 0)
				cut.push(`${el.className} scrolls (${el.scrollHeight} > ${el.clientHeight})`);
			else if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
				cut.push(`${el.className} scrolls sideways`);
		return cut;
	});

const step = (page: Page) => page.locator('svg[data-step]').getAttribute('data-step');

for (const screen of SCREENS) {
	test.describe(screen.name, () => {
		test.use({ viewport: screen.viewport, deviceScaleFactor: screen.deviceScaleFactor });

		test('presenter mode: the graph stands still and no formula is cut off', async ({ page }) => {
			await page.emulateMedia({ reducedMotion: 'reduce' });
			await openApp(page, '/?mode=present&step=0');
			const first = await boxes(page);
			for (let s = 0; ; s++) {
				await expect(page.locator('svg[data-step]')).toHaveAttribute('data-step', String(s));
				expect(await boxes(page), `boxes at step ${s}`).toBe(first);
				expect(await formulaCut(page), `formula at step ${s}`).toEqual([]);
				if ((await page.locator('svg[data-phase]').getAttribute('data-phase')) === 'done') break;
				await page.keyboard.press('ArrowRight');
			}
		});

		test('the lesson: the graph stands still and no formula is cut off', async ({ page }) => {
			await page.emulateMedia({ reducedMotion: 'reduce' });
			await openApp(page, '/lesson/');
			const section = page.locator('article[data-section]');
			// Walk the forward and the backward pass, the sections that step the graph.
			while ((await section.getAttribute('data-section')) !== 'forward')
				await page.keyboard.press('PageDown');
			const first = await boxes(page);
			let last = '';
			while (['forward', 'backward'].includes((await section.getAttribute('data-section'))!)) {
				const s = await step(page);
				if (s !== last) {
					expect(await boxes(page), `boxes at step ${s}`).toBe(first);
					expect(await formulaCut(page), `formula at step ${s}`).toEqual([]);
					last = s!;
				}
				await page.keyboard.press('PageDown');
			}
			expect(last).not.toBe('');
		});

		test('presenter mode: every control is on screen or in the menu', async ({ page }) => {
			await openApp(page, '/?mode=present');
			const onScreen = async (name: string | RegExp) => {
				const r = (await page.getByRole('button', { name, exact: true }).boundingBox())!;
				const { width, height } = screen.viewport;
				expect(r, String(name)).not.toBeNull();
				expect(r.x, String(name)).toBeGreaterThanOrEqual(0);
				expect(r.y, String(name)).toBeGreaterThanOrEqual(0);
				expect(r.x + r.width, String(name)).toBeLessThanOrEqual(width);
				expect(r.y + r.height, String(name)).toBeLessThanOrEqual(height);
			};
			for (const name of ['Back to the start', 'Previous step', 'Play', 'Next step', 'Exit'])
				await onScreen(name);
			const more = page.getByRole('button', { name: '☰ More' });
			if (await more.isVisible()) {
				await onScreen('☰ More');
				await more.click();
			}
			for (const name of ['Sliders', 'Full screen']) await onScreen(name);
			await onScreen(/^Theme:/);
		});

		test('presenter mode with the sliders: the graph keeps its room', async ({ page }) => {
			await openApp(page, '/?mode=present');
			await page.keyboard.press('s');
			await expect(page.getByRole('slider', { name: 'w1', exact: true })).toBeVisible();
			const graph = (await page.locator('svg[data-phase]').boundingBox())!;
			expect(graph.height).toBeGreaterThanOrEqual(screen.viewport.height / 4);
			expect(graph.y + graph.height).toBeLessThanOrEqual(screen.viewport.height);
		});
	});
}

test('the graph menu shows its whole title at 1280 px', async ({ page }) => {
	await openApp(page);
	const cut = await page.locator('#graph-preset').evaluate((select: HTMLSelectElement) => {
		const style = getComputedStyle(select);
		const context = document.createElement('canvas').getContext('2d')!;
		context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
		const text = context.measureText(select.selectedOptions[0].text).width;
		const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
		// The drop-down arrow takes about a line's height.
		return text + padding + parseFloat(style.fontSize) > select.clientWidth;
	});
	expect(cut).toBe(false);
});

test('travelling numbers never pile onto each other or onto a box while they converge', async ({
	page
}) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	await openApp(page, '/?step=0');
	await page.emulateMedia({ reducedMotion: 'no-preference' });
	await page.locator('select[title^="Speed"]').selectOption('0.25');
	// The first forward step: four values ride from w₁, x₁, w₂, x₂ into z.
	await page.keyboard.press('ArrowRight');
	let framesWithMarkers = 0;
	for (let sample = 0; sample < 40; sample++) {
		const frame = await page.evaluate(() => {
			const rect = (e: Element) => e.getBoundingClientRect();
			const apart = (a: DOMRect, b: DOMRect) =>
				a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
			const markers = document.querySelectorAll('.marker').length;
			const texts = [...document.querySelectorAll('.marker text')].map(rect);
			const nodes = [...document.querySelectorAll('[data-node] rect.box')].map(rect);
			const clash = texts.some(
				(t, i) => texts.some((u, j) => j > i && !apart(t, u)) || nodes.some((n) => !apart(t, n))
			);
			return { markers, clash };
		});
		expect(frame.clash, `sample ${sample}`).toBe(false);
		if (frame.markers > 0) framesWithMarkers++;
		if (frame.markers === 0 && framesWithMarkers > 0) break;
		await page.waitForTimeout(60);
	}
	// The animation was seen. Its numbers are drawn only where they have room; the chapter's
	// edges are shorter than a number, so here each shows where it lands, in its box.
	expect(framesWithMarkers).toBeGreaterThan(3);
});
