import AxeBuilder from '@axe-core/playwright';
import { fileURLToPath } from 'node:url';
import type { FrameLocator, Page } from '@playwright/test';
import { startStaticServer } from '../../scripts/static-server.js';
import { expect, test } from './fixtures';

// The embed framed by docs/embed-example.html, served from a second origin (another port) as a
// course page would be.
const DOCS = fileURLToPath(new URL('../../docs', import.meta.url));
let host: { url: string; close: () => void };
test.beforeAll(async () => {
	host = await startStaticServer(DOCS, 0);
});
test.afterAll(() => host.close());

async function openHost(page: Page, baseURL: string, query: string): Promise<FrameLocator> {
	const embed = `${baseURL}/embed/${query}`;
	await page.goto(`${host.url}/embed-example.html?embed=${encodeURIComponent(embed)}`);
	await expect(page.locator('#status')).toHaveAttribute('data-ready', 'true');
	return page.frameLocator('#explorer');
}

/** The last backprop:state the host page received. */
async function lastState(page: Page) {
	return JSON.parse((await page.locator('#state').textContent()) ?? 'null') as {
		step: number;
		phase: string;
		values: Record<string, number>;
		grads: Record<string, number>;
	};
}

/** Every number on the framed graph, and its step. */
async function snapshot(frame: FrameLocator) {
	const graph = frame.locator('svg[data-step]');
	const nodes = await frame
		.locator('[data-node]')
		.evaluateAll((els) =>
			els.map((e) => [e.dataset.node, e.dataset.value ?? '', e.dataset.grad ?? ''].join(' '))
		);
	return { step: await graph.getAttribute('data-step'), nodes };
}

test('a page on another origin frames the link’s state and drives it with messages', async ({
	page,
	baseURL
}) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	const frame = await openHost(page, baseURL!, '?w1=0.5&step=4');
	await expect(page.locator('#status')).toHaveText('ready: x1, x2, w1, w2, v, y; 10 steps');
	const graph = frame.locator('svg[data-step]');
	await expect(graph).toHaveAttribute('data-step', '4');
	await expect(frame.locator('[data-node="w1"]')).toHaveAttribute('data-value', '0.5');
	// After ready, a state: what the graph shows at step 4 (the forward pass, no gradients yet).
	await expect.poll(async () => (await lastState(page))?.step).toBe(4);
	const start = await lastState(page);
	expect(start.phase).toBe('forward');
	expect(start.values.w1).toBe(0.5);
	expect(start.grads).toEqual({});
	// Only the graph and the step bar, and a way to the full explorer with the same view.
	await expect(frame.getByRole('slider', { name: 'w1' })).toHaveCount(0);
	const open = frame.getByRole('link', { name: /Open in backprop-explorer/ });
	await expect(open).toHaveAttribute('target', '_blank');
	expect(new URL((await open.getAttribute('href'))!, baseURL).search).toBe('?w1=0.5&step=4');

	await page.locator('#step').fill('10');
	await page.getByRole('button', { name: 'backprop:step' }).click();
	await expect(graph).toHaveAttribute('data-step', '10');
	await expect.poll(async () => (await lastState(page)).phase).toBe('done');

	await page.locator('#w1').fill('-1.25');
	await page.getByRole('button', { name: 'backprop:set' }).click();
	await expect(frame.locator('[data-node="w1"]')).toHaveAttribute('data-value', '-1.25');
	await expect.poll(async () => (await lastState(page)).values.w1).toBe(-1.25);
	const done = await lastState(page);
	const L = Number(await frame.locator('[data-node="L"]').getAttribute('data-value'));
	const dw1 = Number(await frame.locator('[data-node="w1"]').getAttribute('data-grad'));
	expect(done.values.L).toBe(L);
	expect(done.grads.w1).toBe(dw1);
	expect(Object.keys(done.grads)).toHaveLength(await frame.locator('[data-node]').count());

	await page.locator('#preset').selectOption('neuron');
	await page.getByRole('button', { name: 'backprop:load' }).click();
	await expect(frame.locator('[data-node="o"]')).toHaveCount(1);
	await expect.poll(async () => Object.keys((await lastState(page)).values)).toContain('o');
});

test('show= adds the sliders and the formula; unknown parts are noted', async ({
	page,
	baseURL
}) => {
	const frame = await openHost(page, baseURL!, '?show=sliders,formula,nonsense&step=7');
	await expect(frame.getByRole('slider', { name: 'w1' })).toHaveCount(1);
	await expect(frame.locator('[data-formula]')).toBeVisible();
	await expect(frame.getByRole('status').filter({ hasText: 'nonsense' })).toBeVisible();
	await frame.getByRole('textbox', { name: 'w1 value' }).fill('1.5');
	await expect(frame.locator('[data-node="w1"]')).toHaveAttribute('data-value', '1.5');
	await expect.poll(async () => (await lastState(page)).values.w1).toBe(1.5);
});

test('a host on another origin loads a PyTorch program by message', async ({ page, baseURL }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	const frame = await openHost(page, baseURL!, '?step=4');
	await expect.poll(async () => (await lastState(page))?.step).toBe(4);
	// The example host's program: (w * x).sum() ** 2, with w requiring grad.
	await page.getByRole('button', { name: 'Send the program' }).click();
	const tensors = frame.locator('svg[data-view="tensors"]');
	await expect(tensors).toHaveCount(1, { timeout: 30_000 });
	await expect(page.locator('#status')).toHaveText(/^ready: w\[0\], w\[1\]; \d+ steps$/);
	// PyTorch's own node names, on the tensors the program named.
	await expect(frame.locator('[data-node="w"]')).toHaveAttribute('data-grad-fn', 'AccumulateGrad');
	await expect(frame.locator('[data-node="L"]')).toHaveAttribute('data-grad-fn', 'PowBackward0');
	const gradFns = await tensors
		.locator('[data-grad-fn]')
		.evaluateAll((els) => els.map((e) => e.getAttribute('data-grad-fn')));
	expect(gradFns).toEqual(
		expect.arrayContaining(['AccumulateGrad', 'MulBackward0', 'SumBackward0', 'PowBackward0'])
	);
	// The state speaks of the program: nested lists by tensor, a gradient only where PyTorch has one.
	await expect.poll(async () => (await lastState(page)).values.w).toEqual([0.5, -0.25]);
	const state = await lastState(page);
	expect(state.phase).toBe('done');
	// L = (0.5 - 0.5)² = 0 and dL/dw = 2 (w·x) x = 0.
	expect(state.values.L).toBe(0);
	expect(state.grads.w).toEqual([0, 0]);
	expect(Object.keys(state.grads)).not.toContain('x');

	// backprop:set and backprop:step speak the program's slider names and steps now.
	await page.evaluate(() =>
		(document.getElementById('explorer') as HTMLIFrameElement).contentWindow!.postMessage(
			{ type: 'backprop:set', values: { 'w[0]': 1 } },
			'*'
		)
	);
	await expect(frame.locator('[data-node="w"]')).toHaveAttribute('data-value', '[1,-0.25]');
	await expect.poll(async () => (await lastState(page)).grads.w).toEqual([1, 2]);
	await page.locator('#step').fill('0');
	await page.getByRole('button', { name: 'backprop:step' }).click();
	await expect(tensors).toHaveAttribute('data-step', '0');
	await expect.poll(async () => (await lastState(page)).grads).toEqual({});

	// A program that does not run leaves the graph as it is and says why.
	await page.locator('#program').fill('import torch\nw = torch.tensor([1.0]');
	await page.getByRole('button', { name: 'Send the program' }).click();
	await expect(page.locator('#error')).toContainText('line 2');
	await expect(frame.locator('[data-node="w"]')).toHaveAttribute('data-value', '[1,-0.25]');
	await expect(tensors).toHaveAttribute('data-step', '0');
});

test('a program= or code= link shows the tensor view; show=code its field and output', async ({
	page
}) => {
	await page.setViewportSize({ width: 640, height: 400 });
	const program =
		'import torch\nw = torch.tensor([0.5, 2.0], requires_grad=True)\nL = (w * w).sum()\nL.backward()\nprint(w.grad)\n';
	await page.goto(`/embed/?show=code&program=${encodeURIComponent(program)}&w[1]=1.5`);
	await page.locator('[data-ready="true"]').waitFor();
	await expect(page.locator('svg[data-view="tensors"]')).toHaveCount(1, { timeout: 30_000 });
	await expect(page.locator('[data-node="L"]')).toHaveAttribute('data-grad-fn', 'SumBackward0');
	await expect(page.locator('[data-node="w"]')).toHaveAttribute('data-value', '[0.5,1.5]');
	const field = page.getByRole('textbox', { name: 'PyTorch code' });
	await expect(field).toBeVisible();
	await expect(field).toContainText('requires_grad=True');
	await expect(page.getByRole('button', { name: 'Build the graph' })).toBeVisible();
	await expect(page.locator('[data-program-output]')).toContainText('tensor([1., 3.])');
	await expect(page.getByRole('button', { name: 'Next step' })).toBeInViewport({ ratio: 1 });
	// The full explorer opens the same program, as a code= link.
	const open = page.getByRole('link', { name: /Open in backprop-explorer/ });
	await expect(open).toHaveAttribute('href', /[?&]code=/);
	const href = (await open.getAttribute('href'))!;
	expect(href).not.toContain('show=');
	await page.goto(href.replace('/?', '/embed/?'));
	await page.locator('[data-ready="true"]').waitFor();
	await expect(page.locator('svg[data-view="tensors"]')).toHaveCount(1, { timeout: 30_000 });
	await expect(page.locator('[data-node="w"]')).toHaveAttribute('data-value', '[0.5,1.5]');
	// Without show=code the field is not there.
	await expect(page.getByRole('textbox', { name: 'PyTorch code' })).toHaveCount(0);
});

test('show=code on a scalar graph gives the code cell', async ({ page }) => {
	await page.goto('/embed/?show=code');
	await page.locator('[data-ready="true"]').waitFor();
	await expect(
		page.getByRole('textbox', { name: 'Your backward pass (JavaScript)' })
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Run ▶' })).toBeVisible();
});

test('the frame takes keys only while it has focus', async ({ page, baseURL }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	const frame = await openHost(page, baseURL!, '?step=3');
	const graph = frame.locator('svg[data-step]');
	await expect(graph).toHaveAttribute('data-step', '3');
	await page.locator('h1').click();
	for (const key of ['ArrowRight', 'End', 'Home', 'Space']) await page.keyboard.press(key);
	await expect(graph).toHaveAttribute('data-step', '3');
	await frame.locator('svg[data-step]').click();
	await page.keyboard.press('ArrowRight');
	await expect(graph).toHaveAttribute('data-step', '4');
});

test('1,000 malformed messages from a hostile host change nothing and log no error', async ({
	page,
	baseURL
}) => {
	const frame = await openHost(page, baseURL!, '?w1=0.25&step=6');
	await expect.poll(async () => (await lastState(page))?.step).toBe(6);
	const before = await snapshot(frame);

	const sent = await page.evaluate(() => {
		// A seeded generator, so a failure can be replayed.
		let seed = 20261201;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
		// Not one of them is a valid value (sliders run from -3 to 3) or step (0 to 10).
		const numbers = [NaN, Infinity, -Infinity, Number('1e999'), 4, -3.5, 1e308, -3.0001];
		const steps = [NaN, Infinity, Number('1e999'), 1e308, 11, -1, 2.5, '3', [3], null];
		const junk = () =>
			pick<unknown>([
				...numbers,
				'0.5',
				'<img src=x onerror=alert(1)>',
				null,
				undefined,
				true,
				[],
				{},
				new Array(100_000).fill(0.5),
				'x'.repeat(100_000),
				JSON.parse('{"__proto__": {"polluted": 1}}'),
				new Map([['w1', 0.5]]),
				new Date(0),
				() => 0
			]);
		const types = ['backprop:set', 'backprop:step', 'backprop:load', 'backprop:ready', 'set', 7];
		const make = (): unknown => {
			const type = pick(types);
			switch (Math.floor(random() * 10)) {
				case 0:
					return junk();
				case 1:
					return { type: 'backprop:set', values: { w1: pick(numbers) } };
				case 2:
					return { type: 'backprop:set', values: { w1: 0.5, nope: 1 } };
				case 3:
					return JSON.parse('{"type":"backprop:set","values":{"__proto__":1,"w1":0.5}}');
				case 4:
					return { type: 'backprop:step', to: pick(steps) };
				case 5:
					return { type: 'backprop:load', preset: pick(['nope', '../x', 'constructor', 3]) };
				case 6:
					return { type: 'backprop:load', expression: 'a'.repeat(5000) };
				case 7:
					return { type: 'backprop:step', to: 2, extra: junk() };
				case 8:
					return { type, values: junk(), to: junk(), preset: junk() };
				default:
					return Object.fromEntries(
						Array.from({ length: 1 + Math.floor(random() * 5) }, () => [
							pick(['type', 'values', 'to', '__proto__', 'constructor']),
							junk()
						])
					);
			}
		};
		const target = (document.getElementById('explorer') as HTMLIFrameElement).contentWindow!;
		let count = 0;
		for (let i = 0; i < 1000; i++) {
			try {
				target.postMessage(make(), '*');
				count++;
			} catch {
				// A function cannot be cloned: the host's own postMessage throws; try another.
				i--;
			}
		}
		// Then a valid message: once its state is back, every message before it was handled.
		target.postMessage({ type: 'backprop:set', values: { w1: 0.3 } }, '*');
		return count;
	});
	expect(sent).toBe(1000);
	await expect.poll(async () => (await lastState(page)).values.w1, { timeout: 60_000 }).toBe(0.3);
	await page.evaluate(() =>
		(document.getElementById('explorer') as HTMLIFrameElement).contentWindow!.postMessage(
			{ type: 'backprop:set', values: { w1: 0.25 } },
			'*'
		)
	);
	await expect.poll(async () => (await lastState(page)).values.w1).toBe(0.25);
	expect(await snapshot(frame)).toEqual(before);
	expect((await lastState(page)).step).toBe(6);
	expect(
		await frame
			.locator('body')
			.evaluate(() => (Object.prototype as { polluted?: unknown }).polluted)
	).toBeUndefined();
});

test('Share → Copy embed code gives an iframe for the view on screen', async ({
	page,
	context,
	baseURL
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.goto('/?w2=0.75&step=5');
	await page.locator('[data-ready="true"]').waitFor();
	await page.getByText('Share').click();
	await page.getByRole('button', { name: 'Copy embed code' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Embed code copied' })).toBeVisible();
	const code = await page.evaluate(() => navigator.clipboard.readText());
	expect(code).toMatch(
		/^<iframe src="[^"]+" title="[^"]+" width="640" height="400" loading="lazy"/
	);
	const src = code.match(/src="([^"]+)"/)![1].replace(/&amp;/g, '&');
	expect(src).toBe(`${baseURL}/embed/?w2=0.75&step=5`);
	await page.goto(src);
	await page.locator('[data-ready="true"]').waitFor();
	await expect(page.locator('svg[data-step]')).toHaveAttribute('data-step', '5');
	await expect(page.locator('[data-node="w2"]')).toHaveAttribute('data-value', '0.75');
});

for (const [width, height] of [
	[320, 240],
	[640, 400],
	[1024, 600]
]) {
	for (const show of ['', 'sliders,formula']) {
		test(`the embed fits ${width}×${height}${show ? ` with ${show}` : ''}`, async ({ page }) => {
			await page.setViewportSize({ width, height });
			await page.goto(`/embed/?step=7${show ? `&show=${show}` : ''}`);
			await page.locator('[data-ready="true"]').waitFor();
			const fit = await page.evaluate(() => {
				const root = document.scrollingElement!;
				// Parts that scroll inside: allowed only in a frame too small for them.
				const scrolling = [...document.querySelectorAll<HTMLElement>('body *')].filter(
					(e) =>
						['auto', 'scroll'].includes(getComputedStyle(e).overflowY) &&
						e.scrollHeight > e.clientHeight + 1
				).length;
				const outside = [...document.querySelectorAll<HTMLElement>('button, a, svg[data-step]')]
					.map((e) => e.getBoundingClientRect())
					.filter((r) => r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5).length;
				return {
					page: root.scrollHeight <= root.clientHeight && root.scrollWidth <= root.clientWidth,
					scrolling,
					outside
				};
			});
			expect(fit.page, 'the page scrolls').toBe(true);
			if (width >= 640) expect(fit).toEqual({ page: true, scrolling: 0, outside: 0 });
			await expect(page.getByRole('button', { name: 'Next step' })).toBeInViewport({ ratio: 1 });
			await expect(page.getByRole('link', { name: /Open in/ })).toBeInViewport({ ratio: 1 });
			const serious = (await new AxeBuilder({ page }).analyze()).violations
				.filter((v) => v.impact === 'serious' || v.impact === 'critical')
				.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
			expect(serious).toEqual([]);
		});
	}
}
