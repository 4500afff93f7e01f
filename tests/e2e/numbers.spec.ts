import { expect, node, openApp, test } from './fixtures';
import type { Page } from '@playwright/test';

// Issue 11: every number reads the same everywhere, and boxes fit what they show.

const DEFAULTS = '/';
const SATURATED = '/?x1=3&x2=3&w1=3&w2=3';

const graph = (page: Page) => page.locator('svg[data-phase]');
const narration = (page: Page) => page.locator('[data-formula-text]');

async function open(page: Page, path: string) {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await openApp(page, path);
	await page.keyboard.press('Home');
	await expect(graph(page)).toHaveAttribute('data-step', '0');
}

/** Each node's symbol as its box writes it (w₁, ŷ), to its id. */
async function idsBySymbol(page: Page): Promise<Map<string, string>> {
	const pairs = await page
		.locator('[data-node]')
		.evaluateAll((nodes) =>
			nodes.map((n) => [
				n.querySelector('text.symbol')?.textContent ?? '',
				n.getAttribute('data-node')!
			])
		);
	return new Map(pairs as [string, string][]);
}

async function boxText(page: Page, id: string, what: 'value' | 'grad'): Promise<string> {
	return (await node(page, id).locator(`text.${what}`).textContent()) ?? '';
}

/**
 * Walks every step and checks that each number the narration gives for a node (a gradient
 * ∂L/∂x = … = r, the upstream factor in (g)(p), a value x = … = r) is the text on that node's box.
 */
async function narrationMatchesBoxes(page: Page): Promise<number> {
	const symbols = await idsBySymbol(page);
	const last = Number(
		await page.getByRole('slider', { name: 'Timeline position' }).getAttribute('max')
	);
	let checked = 0;
	for (let step = 1; step <= last; step++) {
		await page.keyboard.press('ArrowRight');
		await expect(graph(page)).toHaveAttribute('data-step', String(step));
		const text = (await narration(page).textContent()) ?? '';
		// Lines are joined with ". "; a backward line ends with ", where ∂a/∂b = …".
		// Past the last step the panel says so in words: no equation.
		for (const line of text.split('. ').filter((l) => l.includes(' = '))) {
			const sides = line.split(', where ')[0].split(' = ');
			const result = sides[sides.length - 1];
			const gradient = /^∂(.+)\/∂(.+)$/.exec(sides[0]);
			if (gradient && gradient[1] === gradient[2]) continue; // the seed ∂L/∂L = 1
			if (gradient) {
				const id = symbols.get(gradient[2])!;
				expect(id, `symbol ${gradient[2]}`).toBeDefined();
				expect(await boxText(page, id, 'grad'), `step ${step}: ${line}`).toBe(result);
				// The upstream gradient plugged in is the one on the box of the node it came from.
				const chain = /^∂(.+)\/∂(.+) · ∂(.+)\/∂(.+)$/.exec(sides[1] ?? '');
				const factors = /^\((.+)\)\((.+)\)$/.exec(sides[2] ?? '');
				if (chain && factors) {
					const upstream = symbols.get(chain[2])!;
					expect(await boxText(page, upstream, 'grad'), `step ${step}: ${line}`).toBe(factors[1]);
				}
			} else {
				const id = symbols.get(sides[0])!;
				expect(id, `symbol ${sides[0]}`).toBeDefined();
				expect(await boxText(page, id, 'value'), `step ${step}: ${line}`).toBe(result);
			}
			checked++;
		}
	}
	return checked;
}

for (const [name, path] of [
	['the defaults', DEFAULTS],
	['the saturated setting', SATURATED]
] as const) {
	test(`at ${name}, the narration’s numbers are the boxes’ numbers at every step`, async ({
		page
	}) => {
		await open(page, path);
		// 4 forward values, then ∂L/∂ŷ, y, v, h, z, w₁, x₁, w₂, x₂.
		expect(await narrationMatchesBoxes(page)).toBe(4 + 9);
	});
}

test('at the saturated setting the vanished gradient reads the same in the box and the formula', async ({
	page
}) => {
	await open(page, SATURATED);
	await page.keyboard.press('End');
	await page.keyboard.press('ArrowLeft');
	await expect(graph(page)).toHaveAttribute('data-phase', 'backward');
	expect(await boxText(page, 'w1', 'grad')).toBe('−1.462e−8');
	await expect(narration(page)).toContainText(
		'∂L/∂w₁ = ∂L/∂z · ∂z/∂w₁ = (−4.874e−9)(3.0000) = −1.462e−8'
	);
	await expect(page.locator('[data-formula]')).toContainText('1.462e−8');
});

/** Every node's text boxes, and the box around them, in the graph's units. */
async function spills(page: Page): Promise<string[]> {
	return page.locator('[data-node]').evaluateAll((nodes) =>
		nodes.flatMap((n) => {
			const box = (n.querySelector('rect.box') as SVGRectElement).getBBox();
			return [...n.querySelectorAll('text.symbol, text.value, text.grad')].flatMap((t) => {
				const b = (t as SVGTextElement).getBBox();
				const inside =
					b.x >= box.x &&
					b.y >= box.y &&
					b.x + b.width <= box.x + box.width &&
					b.y + b.height <= box.y + box.height;
				return inside ? [] : [`${n.getAttribute('data-node')}: “${t.textContent}” spills out`];
			});
		})
	);
}

test('text stays inside its box at the defaults, saturated, and for −123456.7, −1.462e−8, NaN, −∞', async ({
	page
}) => {
	for (const path of [DEFAULTS, SATURATED]) {
		await open(page, path);
		await page.keyboard.press('End');
		expect(await spills(page)).toEqual([]);
	}
	const program =
		'a = -123456.7; b = -1.4621e-8; c = 0; m = a*b*a; n = log(a); o = log(c); L = m + n + o';
	await open(page, `/?expr=${encodeURIComponent(program)}`);
	// The typed graph is laid out after the page opens.
	await expect(node(page, 'o')).toBeVisible();
	await page.keyboard.press('End');
	expect(await boxText(page, 'a', 'value')).toBe('−123456.7000');
	expect(await boxText(page, 'b', 'value')).toBe('−1.462e−8');
	expect(await boxText(page, 'n', 'value')).toBe('NaN');
	expect(await boxText(page, 'o', 'value')).toBe('−∞');
	expect(await spills(page)).toEqual([]);
});

/** The edge labels' boxes and the node boxes, on the page. */
async function labelClashes(page: Page): Promise<{ labels: number; clashes: string[] }> {
	const labels = await page.locator('text.edge-label').evaluateAll((ts) =>
		ts.map((t) => ({
			text: t.textContent ?? '',
			...(t as SVGGraphicsElement).getBoundingClientRect().toJSON()
		}))
	);
	const boxes = await page.locator('[data-node] rect.box').evaluateAll((rs) =>
		rs.map((r) => ({
			id: r.parentElement!.getAttribute('data-node')!,
			...(r as SVGGraphicsElement).getBoundingClientRect().toJSON()
		}))
	);
	type R = { x: number; y: number; width: number; height: number };
	const overlap = (a: R, b: R) =>
		a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
	const clashes: string[] = [];
	labels.forEach((a, i) => {
		for (const b of labels.slice(i + 1)) if (overlap(a, b)) clashes.push(`${a.text} on ${b.text}`);
		for (const b of boxes) if (overlap(a, b)) clashes.push(`${a.text} on ${b.id}`);
	});
	return { labels: labels.length, clashes };
}

for (const [name, path] of [
	['the defaults', DEFAULTS],
	['the saturated setting', SATURATED]
] as const) {
	test(`at ${name}, edge labels keep off each other and off the boxes at every backward step`, async ({
		page
	}) => {
		await open(page, path);
		await page.keyboard.press('End');
		const last = Number(await graph(page).getAttribute('data-step'));
		let seen = 0;
		for (let step = last; step > 0; step--) {
			await expect(graph(page)).toHaveAttribute('data-step', String(step));
			const { labels, clashes } = await labelClashes(page);
			expect(clashes, `step ${step}`).toEqual([]);
			seen += labels;
			await page.keyboard.press('ArrowLeft');
		}
		// Every edge of the textbook graph gets its label once on the way back.
		expect(seen).toBe(9);
	});
}
