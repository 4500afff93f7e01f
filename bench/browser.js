// Measurements taken in headless Chromium through Playwright: slider-to-paint latency on the
// app's page, and ELK layout in the browser on the bench harness page.

/**
 * Time from a slider's `input` event to the end of the frame that paints the new numbers, over
 * `events` events (after `warmup` untimed ones), on the page at `url`, stopping early after
 * `maxSeconds` (a slow page must not stall the bench; the result says how many events ran).
 * Works for any graph: `slider` is the leaf's id (the slider's accessible name), by default the
 * first parameter's. `zoomIn` presses the Zoom in button that many times first (each step is
 * 1.5×, centred), to time a drag while the boxes on screen show their numbers; the result says
 * how many boxes carried text (`textBoxes`).
 *
 * Method: each event is dispatched at the start of a frame, inside a requestAnimationFrame
 * callback, as Chromium itself does with the pointer moves of a drag (continuous input is
 * aligned to frames). t0 is taken just before dispatch. The app's handler runs and Svelte
 * flushes its DOM updates in the microtask checkpoint after the callback; then the browser runs
 * style, layout and paint for that same frame. A message posted from the callback through a
 * MessageChannel is delivered only after that rendering work, so its arrival (t1) marks "painted".
 * At t1 the graph's numbers (its text, and the nodes' data-value: a big graph seen whole draws no
 * text) must differ from before the event, or the sample is counted as stale: the numbers were
 * not in the frame we timed. Dispatching at an arbitrary time instead would add
 * a random 0 to 16.7 ms wait for the next frame, which says nothing about the app.
 * Untrusted events are used because the Event Timing API ignores them and rounds to 8 ms anyway.
 */
export async function sliderToPaint(
	page,
	url,
	{ slider, events = 200, warmup = 10, maxSeconds = 60, minNodes = 1, zoomIn = 0 }
) {
	await page.goto(url);
	await page.locator('[data-ready="true"]').waitFor();
	// A graph from a link replaces the first one once ELK has laid it out.
	const drawn = () => page.locator('[data-phase] [data-node]').count();
	try {
		await page.waitForFunction(
			(min) => document.querySelectorAll('[data-phase] [data-node]').length >= min,
			minNodes,
			{ timeout: 90_000 }
		);
	} catch {
		throw new Error(`after 90 s the page shows ${await drawn()} nodes there, not ${minNodes}+`);
	}
	const nodes = await drawn();
	for (let i = 0; i < zoomIn; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
	if (zoomIn > 0) {
		await page.waitForFunction(
			(k) => Number(document.querySelector('[data-phase]')?.getAttribute('data-zoom')) >= k,
			1.5 ** zoomIn * 0.999
		);
	}
	const textBoxes = await page.locator('[data-phase] [data-node] text.value').count();
	const { samples, stale } = await page.evaluate(
		async ({ slider, events, warmup, maxSeconds }) => {
			const input = document.querySelector(
				slider ? `input[type="range"][aria-label="${slider}"]` : 'input[type="range"][aria-label]'
			);
			if (!(input instanceof HTMLInputElement)) throw new Error(`no slider ${slider ?? ''}`);
			const graph = document.querySelector('[data-phase]');
			if (!graph) throw new Error('no graph ([data-phase]) on the page');
			const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

			// A triangle sweep over the slider's range: every event moves it a visible distance.
			const min = Number(input.min);
			const max = Number(input.max);
			const stepsPerSweep = 50;
			const valueAt = (i) => {
				const phase = i % (2 * stepsPerSweep);
				const t = phase <= stepsPerSweep ? phase : 2 * stepsPerSweep - phase;
				return min + ((max - min) * (t + 0.5)) / (stepsPerSweep + 1);
			};

			const samples = [];
			let stale = 0;
			let deadline = Infinity;
			for (let i = 0; i < warmup + events && performance.now() < deadline; i++) {
				if (i === warmup) deadline = performance.now() + maxSeconds * 1000;
				// Two quiet frames, so no event is measured while the previous one is still painting.
				await nextFrame();
				await nextFrame();
				const numbers = () =>
					graph.textContent +
					[...graph.querySelectorAll('[data-node]')]
						.map((n) => n.getAttribute('data-value'))
						.join();
				const before = numbers();
				const ms = await new Promise((resolve) => {
					requestAnimationFrame(() => {
						const t0 = performance.now();
						input.value = String(valueAt(i));
						input.dispatchEvent(new Event('input', { bubbles: true }));
						const channel = new MessageChannel();
						channel.port1.onmessage = () => resolve(performance.now() - t0);
						channel.port2.postMessage(null);
					});
				});
				if (i < warmup) continue;
				samples.push(ms);
				if (numbers() === before) stale++;
			}
			return { samples, stale };
		},
		{ slider, events, warmup, maxSeconds }
	);
	return { nodes, textBoxes, samples, stale };
}

/**
 * Lays out MLP-shaped graphs of about `sizes` nodes through the app's `layoutInBrowser` (ELK in
 * a Web Worker) on the harness page at `url`, `repeats[i]` times each, with a Chromium trace
 * recording every main-thread task meanwhile. The first layout loads ELK and is timed apart.
 * Each run starts from a collected heap: otherwise V8's memory reducer, seeing the main thread
 * idle while the worker works, collects the garbage of the runs before (up to 51 ms in one
 * task on this machine) and charges it to this one.
 */
export async function layoutInWorker(browser, page, url, sizes, repeats) {
	await page.goto(url);
	await page.locator('[data-ready="true"]').waitFor();
	const cdp = await page.context().newCDPSession(page);
	const elkLoad = await page.evaluate(() =>
		window.bench.prepare(10).then(() => window.bench.layout())
	);
	const results = [];
	for (const [i, size] of sizes.entries()) {
		const runs = [];
		for (let r = 0; r < repeats[i]; r++) {
			// The graph is built before tracing starts: building it is not layout.
			await page.evaluate((n) => window.bench.prepare(n), size);
			await cdp.send('HeapProfiler.collectGarbage');
			await browser.startTracing(page, {
				categories: ['disabled-by-default-devtools.timeline', 'blink.user_timing']
			});
			const run = await page.evaluate(() => window.bench.layout());
			const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
			runs.push({ ...run, longestMainTaskMs: longestMainThreadTask(trace) });
		}
		results.push(runs);
	}
	return { elkLoadMs: elkLoad.ms, results };
}

/**
 * The longest task on the page's main thread (the renderer's CrRendererMain) in a trace, in ms,
 * among those overlapping the harness's layout-start and layout-end marks: tracing's own work
 * when it starts and stops is not the layout's.
 */
export function longestMainThreadTask({ traceEvents }) {
	const main = new Set(
		traceEvents
			.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain')
			.map((e) => `${e.pid}:${e.tid}`)
	);
	if (main.size === 0) throw new Error('trace has no renderer main thread');
	const mark = (name) => {
		const found = traceEvents.find((e) => e.name === name && main.has(`${e.pid}:${e.tid}`));
		if (!found) throw new Error(`trace has no ${name} mark`);
		return found.ts;
	};
	const start = mark('layout-start');
	const end = mark('layout-end');
	let longest = 0;
	for (const e of traceEvents) {
		if (
			e.ph === 'X' &&
			e.name === 'RunTask' &&
			main.has(`${e.pid}:${e.tid}`) &&
			e.ts < end &&
			e.ts + e.dur > start
		) {
			longest = Math.max(longest, e.dur / 1000);
		}
	}
	return longest;
}

/**
 * Frame intervals while the textbook timeline plays with motion on (markers travelling along
 * every edge of each step), at 4× so a run takes a few seconds. 60 fps is a 16.7 ms interval;
 * an interval over 20 ms is a dropped frame.
 */
export async function animationFrames(page, url) {
	await page.emulateMedia({ reducedMotion: 'no-preference' });
	await page.goto(url);
	await page.locator('[data-ready="true"]').waitFor();
	await page.keyboard.press('Home');
	for (let i = 0; i < 4; i++) await page.keyboard.press('+');
	return page.evaluate(async () => {
		const graph = document.querySelector('[data-phase]');
		const play = document.querySelector('button[aria-label="Play"]');
		if (!graph || !(play instanceof HTMLButtonElement)) throw new Error('no graph or Play button');
		const intervals = [];
		let running = true;
		let last = 0;
		const tick = (t) => {
			if (last) intervals.push(t - last);
			last = t;
			if (running) requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
		play.click();
		await new Promise((resolve) => {
			const check = () =>
				graph.getAttribute('data-phase') === 'done' ? resolve() : setTimeout(check, 50);
			check();
		});
		running = false;
		return intervals;
	});
}

/**
 * Time from pressing "Build the graph" to the frame that paints the program's tensor graph, for
 * each of `programs` ({ name, source }) on the page at `url`: the first build of the page apart
 * (it loads the interpreter's chunk and starts the ELK worker), then `repeats` builds of each.
 * Every build is a new structure (its loss is renamed `loss1`, `loss2`, …), so each one runs the
 * interpreter, the tape, the layout in the worker and the drawing, never a cached layout. The
 * code goes into the field as a paste would, before the clock starts. "Painted" is taken as in
 * sliderToPaint: a message posted from the first animation frame after the graph is in the DOM
 * arrives once that frame has been rendered.
 */
export async function codeToGraph(page, url, programs, { repeats = 5 } = {}) {
	await page.goto(url);
	await page.locator('[data-ready="true"]').waitFor();
	await page.locator('summary', { hasText: 'PyTorch code' }).click();
	const field = page.getByRole('textbox', { name: 'PyTorch code' });
	let k = 0;
	const build = async (source) => {
		k++;
		const root = `loss${k}`;
		await field.click();
		await page.keyboard.press('ControlOrMeta+a');
		await page.keyboard.press('Delete');
		await page.keyboard.insertText(source.replace(/\bloss\b/g, root));
		return page.evaluate(
			(root) =>
				new Promise((resolve, reject) => {
					const button = [...document.querySelectorAll('button')].find(
						(b) => b.textContent?.trim() === 'Build the graph'
					);
					if (!button) return reject(new Error('no Build the graph button'));
					const shown = () =>
						document.querySelector(`svg[data-view="tensors"] [data-node="${root}"]`) !== null;
					const t0 = performance.now();
					const observer = new MutationObserver(() => {
						if (!shown()) return;
						observer.disconnect();
						requestAnimationFrame(() => {
							const channel = new MessageChannel();
							channel.port1.onmessage = () => resolve(performance.now() - t0);
							channel.port2.postMessage(null);
						});
					});
					observer.observe(document.body, { childList: true, subtree: true });
					button.click();
				}),
			root
		);
	};
	const firstMs = await build(programs[0].source);
	const results = [];
	for (const program of programs) {
		const samples = [];
		for (let r = 0; r < repeats; r++) samples.push(await build(program.source));
		results.push({ name: program.name, samples });
	}
	return { first: { name: programs[0].name, ms: firstMs }, results };
}
