import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

/** Rendered size and contrast of every text the class has to read, measured in the page. */
async function measure(page: Page) {
	return page.evaluate(() => {
		const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
		const luminance = (c: string) => {
			const [r, g, b] = rgb(c).map((v) => {
				const s = v / 255;
				return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
			});
			return 0.2126 * r + 0.7152 * g + 0.0722 * b;
		};
		const contrast = (a: string, b: string) => {
			const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
			return (hi + 0.05) / (lo + 0.05);
		};
		const pageBackground = getComputedStyle(document.body).backgroundColor;
		// SVG text sits on its node's box (or on the page); HTML text on the nearest painted background.
		const backgroundOf = (el: Element): string => {
			const box = el.closest('[data-node]')?.querySelector('rect.box');
			if (box) return getComputedStyle(box).fill;
			for (let e: Element | null = el; e; e = e.parentElement) {
				const bg = getComputedStyle(e).backgroundColor;
				if (bg && !bg.endsWith(', 0)') && bg !== 'transparent') return bg;
			}
			return pageBackground;
		};
		const svgText = (selector: string) =>
			[...document.querySelectorAll<SVGTextElement>(selector)]
				.filter((t) => (t.textContent ?? '').trim() !== '' && t.checkVisibility())
				.map((t) => {
					const style = getComputedStyle(t);
					return {
						text: t.textContent,
						px: parseFloat(style.fontSize) * (t.getScreenCTM()?.a ?? 0),
						contrast: contrast(style.fill, backgroundOf(t))
					};
				});
		const htmlText = (selector: string) =>
			[...document.querySelectorAll<HTMLElement>(selector)]
				.filter((e) => e.checkVisibility())
				.map((e) => {
					const style = getComputedStyle(e);
					return {
						text: e.textContent,
						px: parseFloat(style.fontSize),
						contrast: contrast(style.color, backgroundOf(e))
					};
				});
		// Nothing in the step bar overlaps anything else in it, or spills out of its own box.
		const items = [...document.querySelectorAll<HTMLElement>('.controls > *')].filter((e) =>
			e.checkVisibility()
		);
		const bar = items.map((e) => e.getBoundingClientRect());
		const barOverlaps =
			items.some((e) => e.scrollWidth > e.clientWidth + 1) ||
			bar.some((r) => r.left < 0 || r.right > innerWidth) ||
			bar.some((a, i) =>
				bar.some(
					(b, j) =>
						j > i &&
						a.left < b.right - 1 &&
						b.left < a.right - 1 &&
						a.top < b.bottom - 1 &&
						b.top < a.bottom - 1
				)
			);
		const root = document.documentElement;
		const formula = document.querySelector('.formula')!;
		return {
			numbers: svgText('[data-node] text.value, [data-node] text.grad'),
			labels: [
				...svgText('[data-node] text.symbol, .edge-label'),
				...htmlText('.controls button, .controls .phase strong, .controls .phase span')
			],
			formula: htmlText('.formula math'),
			barOverlaps,
			overflow: {
				page: root.scrollWidth > root.clientWidth || root.scrollHeight > root.clientHeight,
				formula:
					formula.scrollWidth > formula.clientWidth || formula.scrollHeight > formula.clientHeight
			},
			outside: [...document.querySelectorAll('[data-node]')]
				.map((n) => ({ id: n.getAttribute('data-node'), r: n.getBoundingClientRect() }))
				.filter(
					({ r }) => r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight
				)
				.map(({ id }) => id)
		};
	});
}

for (const theme of ['light', 'dark'] as const) {
	for (const [width, height] of [
		[1024, 768],
		[1280, 720],
		[1920, 1080]
	]) {
		test(`presenter mode reads from the back row at ${width}×${height}, ${theme}`, async ({
			page
		}) => {
			await page.setViewportSize({ width, height });
			// Step 9: the backward step with the most formula lines (four edges into z).
			await openApp(page, `/?mode=present&step=9&theme=${theme}`);
			await expect(page.locator('[data-mode="presenter"]')).toBeVisible();
			await expect(page.locator('svg[data-step]')).toHaveAttribute('data-step', '9');
			const m = await measure(page);
			expect(m.numbers.length).toBe(20);
			for (const t of m.numbers) {
				expect(t.px, `${t.text} size`).toBeGreaterThanOrEqual(28);
				expect(t.contrast, `${t.text} contrast`).toBeGreaterThanOrEqual(7);
			}
			expect(m.formula.length).toBe(4);
			for (const t of m.formula) {
				expect(t.px, 'formula size').toBeGreaterThanOrEqual(28);
				expect(t.contrast, 'formula contrast').toBeGreaterThanOrEqual(7);
			}
			for (const t of m.labels) {
				expect(t.px, `${t.text} size`).toBeGreaterThanOrEqual(20);
				expect(t.contrast, `${t.text} contrast`).toBeGreaterThanOrEqual(7);
			}
			expect(m.overflow).toEqual({ page: false, formula: false });
			expect(m.barOverlaps, 'step bar items overlap').toBe(false);
			expect(m.outside).toEqual([]);
			if (width === 1024)
				await page.screenshot({ path: `test-results/presenter-${theme}-1024x768.png` });
		});
	}
}

test('P toggles presenter mode; the theme follows the system until chosen', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'dark' });
	await openApp(page);
	const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
	expect(await bg()).toBe('rgb(15, 20, 25)');
	await page.keyboard.press('p');
	await expect(page.locator('[data-mode="presenter"]')).toBeVisible();
	await expect(page.getByRole('slider', { name: 'w1', exact: true })).toBeHidden();
	await page.keyboard.press('s');
	await expect(page.getByRole('slider', { name: 'w1', exact: true })).toBeVisible();
	await page.keyboard.press('t');
	expect(await bg()).toBe('rgb(255, 255, 255)');
	await page.keyboard.press('p');
	await expect(page.locator('[data-mode="normal"]')).toBeVisible();
});

test('in presenter mode the mouse cursor hides when idle and comes back when moved', async ({
	page
}) => {
	await openApp(page, '/?mode=present');
	const app = page.locator('[data-mode="presenter"]');
	await page.mouse.move(200, 200);
	await expect(app).toHaveClass(/cursor-idle/, { timeout: 15_000 });
	await page.mouse.move(300, 250);
	await expect(app).not.toHaveClass(/cursor-idle/);
});

test('no serious accessibility violations, normal and presenter', async ({ page }) => {
	await openApp(page);
	const serious = async () =>
		(await new AxeBuilder({ page }).analyze()).violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(await serious()).toEqual([]);
	await page.keyboard.press('Home');
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('p');
	await expect(page.locator('[data-mode="presenter"]')).toBeVisible();
	expect(await serious()).toEqual([]);
});

test('every clicker press moves one step, during an animation too, and + / − say the speed', async ({
	page
}) => {
	// Motion on, at the slowest speed: each press lands while the step before it still animates.
	await page.emulateMedia({ reducedMotion: 'no-preference' });
	await openApp(page, '/?mode=present');
	const graph = page.locator('svg[data-step]');
	const speedNote = page.locator('[data-speed-note]');
	await page.keyboard.press('Home');
	await expect(graph).toHaveAttribute('data-step', '0');
	const before = await graph.boundingBox();
	const controls = await page
		.getByRole('toolbar', { name: 'Step through the passes' })
		.boundingBox();
	await page.keyboard.press('-');
	await expect(speedNote).toHaveText('Speed 0.5×');
	await expect(speedNote).toHaveAttribute('role', 'status');
	// The note floats over the graph: nothing moves for it.
	expect(await graph.boundingBox()).toEqual(before);
	expect(
		await page.getByRole('toolbar', { name: 'Step through the passes' }).boundingBox()
	).toEqual(controls);
	await page.keyboard.press('-');
	await expect(speedNote).toHaveText('Speed 0.25×');
	const length = Number((await page.locator('.phase span').textContent())?.match(/of (\d+)/)?.[1]);
	expect(length).toBe(10);
	for (let press = 1; press <= 13; press++) {
		await page.keyboard.press('PageDown');
		await expect(graph).toHaveAttribute('data-step', String(Math.min(press, length)));
	}
	await page.keyboard.press('+');
	await expect(speedNote).toHaveText('Speed 0.5×');
	// and leaves once read
	await expect(speedNote).toHaveCount(0, { timeout: 5000 });
});
