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
		// Text drawn outside the nodes (the edge labels) must not overlap a node or another label.
		const overlap = (a: DOMRect, b: DOMRect) =>
			a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
		const nodes = [...svg.querySelectorAll('[data-node]')].map((n) => ({
			id: n.getAttribute('data-node'),
			box: n.getBoundingClientRect()
		}));
		const labels = [...svg.querySelectorAll('text')]
			.filter((t) => !t.closest('[data-node]') && !t.hasAttribute('data-caption'))
			.map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
		const collisions = labels.flatMap((l, i) => [
			...nodes.filter((n) => overlap(l.box, n.box)).map((n) => `${l.text} on ${n.id}`),
			...labels
				.slice(i + 1)
				.filter((m) => overlap(l.box, m.box))
				.map((m) => `${l.text} on ${m.text}`)
		]);
		const result = {
			labels: labels.map((l) => l.text),
			collisions,
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
	// Every word of the formula is there.
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

test('a long caption on a narrow graph wraps, and the picture grows to hold it', async ({
	page
}) => {
	const expr = 'a = 0.5; b = -1.5; c = 0.25; t = 1; L = (sigmoid(a*b + c) - t)^2';
	await openApp(page, `/?expr=${encodeURIComponent(expr)}&step=3`);
	// The graph is laid out in a worker: on a busy machine that can take a while.
	await expect(page.locator('[data-node="t"]')).toHaveCount(1, { timeout: 30_000 });
	await expect(page.locator('svg[data-step]')).toHaveAttribute('data-step', '3');
	const formula = (await page.locator('[data-formula-text]').textContent())!.trim();
	// The output's edge is written once, as the chapter writes it (no "where" for it).
	expect(formula).toContain('∂L/∂a = 2(σ(ab + c) − t)(σ(ab + c)(1 − σ(ab + c))) · b');
	const graphHeight = (await page.locator('svg[data-step]').boundingBox())!.height;
	const svg = await exportedSvg(page, 'key');
	// Four sentences, each several lines long on a graph a few boxes wide.
	expect(svg.lines.length).toBeGreaterThan(3 * formula.split('. ').length);
	expect(svg.lines.join(' ')).toBe(formula.split('. ').join(' '));
	expect(svg.outside).toEqual([]);
	expect(svg.height).toBeGreaterThan(2 * graphHeight);
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

// The export copies the labels as the screen places them: in presenter mode the screen shows none
// (the formula carries the local derivatives), and neither does its export.
test('nothing overlaps in presenter mode’s export of the backward steps', async ({ page }) => {
	await page.setViewportSize({ width: 1024, height: 768 });
	for (const step of [6, 7, 8, 9]) {
		await openApp(page, `/?step=${step}&mode=present`);
		await expect(page.locator('svg[data-step]')).toHaveAttribute('data-step', String(step));
		const svg = await exportedSvg(page, 'key');
		expect(svg.collisions, `step ${step}`).toEqual([]);
		expect(svg.labels, `step ${step}`).toEqual([]);
		expect(svg.outside, `step ${step}`).toEqual([]);
	}
});
