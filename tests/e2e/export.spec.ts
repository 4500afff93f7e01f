import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

/** Downloads the SVG export and measures its caption as a browser renders the file. */
async function exportedSvg(page: Page, via: 'menu' | 'key') {
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		via === 'key'
			? page.keyboard.press('e')
			: page
					.getByText('Share', { exact: true })
					.click()
					.then(() => page.getByRole('button', { name: 'SVG', exact: true }).click())
	]);
	const text = await readFile((await download.path())!, 'utf8');
	return page.evaluate((text) => {
		const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
		const svg = document.importNode(doc.documentElement, true) as unknown as SVGSVGElement;
		// Rendered off to the side, at its own size, to measure what the file draws.
		svg.style.position = 'absolute';
		svg.style.left = '0';
		svg.style.top = '0';
		document.body.appendChild(svg);
		const view = svg.viewBox.baseVal;
		const lines = [...svg.querySelectorAll<SVGTextElement>('text[data-caption]')];
		const outside = lines
			.filter((t) => {
				const b = t.getBBox();
				return (
					b.x < view.x ||
					b.y < view.y ||
					b.x + b.width > view.x + view.width ||
					b.y + b.height > view.y + view.height
				);
			})
			.map((t) => t.textContent);
		const result = {
			error: doc.querySelector('parsererror')?.textContent ?? null,
			lines: lines.map((t) => t.textContent ?? ''),
			outside,
			height: Number(svg.getAttribute('height'))
		};
		svg.remove();
		return result;
	}, text);
}

test('the slide export holds the whole caption at w1 = 1.25, step 8, inside the picture', async ({
	page
}) => {
	await openApp(page, '/?w1=1.25&step=8');
	await expect(page.locator('svg[data-step]')).toHaveAttribute('data-step', '8');
	const formula = (await page.locator('[data-formula-text]').textContent())!.trim();
	expect(formula).toContain('where ∂h/∂z = h(1 − h) = (0.8249)(1 − 0.8249)');
	const svg = await exportedSvg(page, 'menu');
	expect(svg.error).toBeNull();
	// The caption wraps: more lines than sentences, and every word of the formula is there.
	expect(svg.lines.length).toBeGreaterThan(formula.split('. ').length);
	expect(svg.lines.join(' ')).toBe(formula.split('. ').join(' '));
	expect(svg.outside).toEqual([]);

	// The PNGs are drawn from the same, taller picture.
	for (const scale of [2, 4]) {
		await page.getByText('Share', { exact: true }).click();
		const [png] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: `PNG ${scale}×` }).click()
		]);
		const bytes = await readFile((await png.path())!);
		expect(bytes.readUInt32BE(20)).toBe(svg.height * scale);
	}
});

test('in presenter mode the export (E) holds the whole caption too', async ({ page }) => {
	await page.setViewportSize({ width: 1024, height: 768 });
	await openApp(page, '/?w1=1.25&step=8&mode=present');
	await expect(page.locator('[data-mode="presenter"]')).toBeVisible();
	const formula = (await page.locator('[data-formula-text]').textContent())!.trim();
	const svg = await exportedSvg(page, 'key');
	expect(svg.lines.join(' ')).toBe(formula.split('. ').join(' '));
	expect(svg.outside).toEqual([]);
});
