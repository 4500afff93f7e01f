import type { CDPSession, Page } from '@playwright/test';
import { expect, node, openApp, test } from './fixtures';

/**
 * A long session: 10,000 slider input events, 100 play-throughs of the timeline and 50 graph
 * switches, in 10 rounds that each end on the page's first view (the chapter's network, fresh
 * values, end of the timeline). After each round: forced GC, then JS heap, DOM nodes and event
 * listeners, compared with the same view measured after a warm-up that loaded every lazy chunk.
 * The heap still grows a little while V8 compiles hot code; it levels off after a few rounds.
 * Tagged @soak: `npm run soak` runs it on its own (about two minutes); `npm test` runs that too.
 */

const ROUNDS = 10;
const SLIDER_EVENTS = 1000; // per round
const PLAY_THROUGHS = 10; // per round
const SWITCHES = 5; // per round: four other presets, then back to the chapter's network
const HEAP_BUDGET = 5 * 1024 * 1024;

// id, output node, its value on screen (the 1,124-node preset is left to graphs.spec.ts: its
// first layout alone takes a minute on a slow machine).
const HOME = { id: 'textbook', output: 'L', value: '0.2166' };
const OTHERS = [
	{ id: 'neuron', output: 'o', value: '0.7071' },
	{ id: 'micrograd', output: 'g', value: '24.7041' },
	{ id: 'mlp', output: 'L', value: '0.3277' },
	{ id: 'softmax', output: 'L', value: '1.3635' },
	{ id: 'shared', output: 'L', value: '1.6886' },
	{ id: 'diamond', output: 'L', value: '−0.4241' }
];

const graph = (page: Page) => page.locator('svg[data-phase]');
const picker = (page: Page) => page.getByLabel('Graph', { exact: true });

interface Sample {
	heap: number;
	elements: number;
	nodes: number;
	/** Chromium's own counts: every live DOM node (detached ones too) and every event listener */
	liveNodes: number;
	listeners: number;
}

async function measure(page: Page, cdp: CDPSession): Promise<Sample> {
	// Let the address bar catch up (it follows the view after 250 ms) and a frame paint.
	await page.waitForTimeout(400);
	await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
	for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
	const { usedSize } = await cdp.send('Runtime.getHeapUsage');
	const { metrics } = await cdp.send('Performance.getMetrics');
	const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
	const dom = await page.evaluate(() => {
		// Elements in every namespace (HTML, SVG, MathML); then every node, text and comments too.
		const elements = document.getElementsByTagName('*').length;
		const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
		let nodes = 0;
		while (walker.nextNode()) nodes++;
		return { elements, nodes };
	});
	return {
		heap: usedSize,
		...dom,
		liveNodes: metric('Nodes'),
		listeners: metric('JSEventListeners')
	};
}

/** Input events on the real sliders, each rendered before the next, a frame painted every 25. */
async function dragSliders(page: Page, count: number, offset: number): Promise<void> {
	const stale = await page.evaluate(
		async ({ count, offset }) => {
			const sliders = [...document.querySelectorAll<HTMLInputElement>('aside input[type=range]')];
			let stale = 0;
			for (let i = 0; i < count; i++) {
				const k = offset + i;
				const slider = sliders[k % sliders.length];
				const [min, max] = [Number(slider.min), Number(slider.max)];
				slider.value = String(min + (max - min) * ((k * 0.6180339887498949) % 1));
				slider.dispatchEvent(new Event('input', { bubbles: true }));
				// The app re-renders in a microtask, as it does between two real input events.
				await Promise.resolve();
				const shown = document
					.querySelector(`[data-node="${slider.getAttribute('aria-label')}"]`)
					?.getAttribute('data-value');
				if (Number(shown) !== Number(slider.value)) stale++;
				if (i % 25 === 24) await new Promise((r) => requestAnimationFrame(r));
			}
			return stale;
		},
		{ count, offset }
	);
	expect(stale, 'slider events whose value did not reach the graph').toBe(0);
}

/** Home, then → through every step with motion on: one press starts a step's tween, the next lands it. */
async function playByKeys(page: Page, length: number): Promise<void> {
	await page.keyboard.press('Home');
	await expect(graph(page)).toHaveAttribute('data-phase', 'idle');
	for (let i = 0; i < 2 * length; i++) await page.keyboard.press('ArrowRight');
	await expect(graph(page)).toHaveAttribute('data-phase', 'done');
	await expect(graph(page)).toHaveAttribute('data-step', String(length));
}

/** Home, then the Play button at the speed set in the warm-up (4×), motion reduced so it is quick. */
async function playByButton(page: Page, length: number): Promise<void> {
	await page.keyboard.press('Home');
	await expect(graph(page)).toHaveAttribute('data-phase', 'idle');
	await page.getByLabel('Reduce motion').check();
	await page.getByRole('button', { name: 'Play' }).click();
	await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
	await expect(graph(page)).toHaveAttribute('data-step', String(length), { timeout: 30_000 });
	await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
	await page.getByLabel('Reduce motion').uncheck();
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

async function switchTo(page: Page, preset: { id: string; output: string; value: string }) {
	await picker(page).selectOption(preset.id);
	await expect(node(page, preset.output).locator('text.value')).toHaveText(preset.value);
	await expect(graph(page)).toHaveAttribute('data-phase', 'done');
	// Keys go to the page again, not to the select.
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);

test(
	'a long session leaks no memory, DOM nodes or listeners',
	{ tag: '@soak' },
	async ({ page }) => {
		test.setTimeout(600_000);
		await openApp(page);
		const cdp = await page.context().newCDPSession(page);
		await cdp.send('Performance.enable');
		const length = Number(await graph(page).getAttribute('data-step'));
		expect(length).toBeGreaterThan(0);

		// Warm-up: one of each, so ELK, its worker, every preset's layout and the JIT are loaded.
		await page.getByLabel('Speed').selectOption('4');
		await dragSliders(page, 100, 0);
		await playByKeys(page, length);
		await playByButton(page, length);
		for (const preset of [...OTHERS, HOME]) await switchTo(page, preset);
		const start = await measure(page, cdp);

		const time = { sliders: 0, plays: 0, switches: 0 };
		const timed = async (what: keyof typeof time, run: () => Promise<void>) => {
			const t0 = Date.now();
			await run();
			time[what] += Date.now() - t0;
		};
		const rounds: Sample[] = [];
		for (let round = 0; round < ROUNDS; round++) {
			await timed('sliders', () => dragSliders(page, SLIDER_EVENTS, round * SLIDER_EVENTS));
			await timed('plays', async () => {
				for (let i = 1; i < PLAY_THROUGHS; i++) await playByKeys(page, length);
				await playByButton(page, length);
			});
			await timed('switches', async () => {
				for (let i = 0; i < SWITCHES - 1; i++)
					await switchTo(page, OTHERS[(round * (SWITCHES - 1) + i) % OTHERS.length]);
				await switchTo(page, HOME);
			});
			rounds.push(await measure(page, cdp));
		}
		const end = rounds[rounds.length - 1];
		const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

		console.log(
			`soak: ${ROUNDS * SLIDER_EVENTS} slider events (${seconds(time.sliders)}), ` +
				`${ROUNDS * PLAY_THROUGHS} play-throughs of ${length} steps, ${ROUNDS} of them by Play ` +
				`(${seconds(time.plays)}), ${ROUNDS * SWITCHES} graph switches (${seconds(time.switches)}); ` +
				`heap after GC ${mb(start.heap)} → ${mb(end.heap)} MB, growth ${mb(end.heap - start.heap)} MB ` +
				`(after each round: ${rounds.map((r) => mb(r.heap - start.heap)).join(' ')}); ` +
				`DOM elements ${start.elements} → ${end.elements}, all nodes ${start.nodes} → ${end.nodes}, ` +
				`live nodes incl. detached ${start.liveNodes} → ${end.liveNodes}, ` +
				`event listeners ${start.listeners} → ${end.listeners}`
		);

		expect(end.heap - start.heap, 'heap growth after GC').toBeLessThan(HEAP_BUDGET);
		for (const [i, r] of rounds.entries()) {
			const after = `after round ${i + 1}`;
			expect(r.elements, `DOM elements ${after}`).toBe(start.elements);
			expect(r.nodes, `DOM nodes ${after}`).toBe(start.nodes);
			expect(r.liveNodes, `live DOM nodes, detached ones included, ${after}`).toBe(start.liveNodes);
			expect(r.listeners, `event listeners ${after}`).toBe(start.listeners);
		}
	}
);
