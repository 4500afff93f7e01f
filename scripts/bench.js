// `npm run bench`: every performance figure in one table, and the same numbers as JSON in
// bench/results/latest.json so versions can be compared. Steps:
//   1. build the site (skip with --no-build) and the layout harness (bench/harness, to a temp dir)
//   2. engine re-evaluation against a flat Float64Array loop, in Node (bench/engine.ts), and the
//      tensor engine's re-evaluation of the big PyTorch preset (bench/tensor.ts)
//   3. slider-to-paint latency on the built page in headless Chromium (bench/browser.js)
//   4. ELK layout through the app's Web Worker on the harness page, main thread traced
//   5. gzipped JS of the first page (scripts/check-size.js)
// Options: --no-build; --large=<path>[#slider] sets the ~1,000-node graph for step 3, e.g.
// --large='/?preset=big-mlp#x1' (the slider defaults to the first parameter's).
import { chromium } from '@playwright/test';
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild, runnerImport } from 'vite';
import { animationFrames, codeToGraph, layoutInWorker, sliderToPaint } from '../bench/browser.js';
import { browserExecutable } from './browser.js';
import { BUDGET_BYTES, firstPageJs, kB } from './check-size.js';
import { startStaticServer } from './static-server.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', 'results', 'latest.json');

/**
 * The ~1,000-node graph for slider-to-paint: the big MLP preset in the op-level view (every
 * engine node drawn), opened by its link. If the page shows fewer than LARGE_MIN_NODES nodes
 * there, the row says so instead of timing a small graph.
 */
const LARGE_GRAPH = { path: '/?preset=big-mlp&view=ops', slider: undefined };
const LARGE_MIN_NODES = 500;
/** Zoom steps (1.5× each) for the zoomed-in drag on the same graph: enough for boxes to show text. */
const LARGE_ZOOM_STEPS = 6;

/** The PyTorch presets the tensor rows use, as the page's menu offers them. */
const EXAMPLES = join(ROOT, 'src', 'lib', 'torch', 'examples');
const PROGRAMS = [
	{ name: 'the chapter’s script', source: readFileSync(join(EXAMPLES, 'chapter.py'), 'utf8') },
	{
		name: 'the big classifier',
		source: readFileSync(join(EXAMPLES, 'big_classifier.py'), 'utf8')
	}
];
/** The big classifier by its link (`code=` is the program as base64url), and the sliders to
 *  drag: b2[0] is on screen when it opens (W1's sliders start folded); dragging W1[0,0] changes
 *  every tensor's values, the most a drag can. */
const BIG_CLASSIFIER_PATH = `/?code=${Buffer.from(PROGRAMS[1].source).toString('base64url')}`;
const BIG_CLASSIFIER_SLIDERS = ['b2[0]', 'W1[0,0]'];
const BUILD_REPEATS = 5;

const ENGINE_SIZES = [1_000, 16_000, 100_000];
const LAYOUT_SIZES = [50, 500, 2_000];
const LAYOUT_REPEATS = [5, 3, 3];
const SLIDER_EVENTS = 200;
/** Measuring stops after this long, however few events ran: a slow page must not stall the bench. */
const SLIDER_SECONDS = 60;

const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const largeArg = args.find((a) => a.startsWith('--large='))?.slice('--large='.length);
const large = largeArg ? parseLarge(largeArg) : LARGE_GRAPH;

function parseLarge(spec) {
	const [path, slider] = spec.split('#');
	return { path, slider: slider || undefined };
}

const log = (message) => process.stderr.write(`bench: ${message}\n`);

function run(command, argv) {
	try {
		execFileSync(command, argv, { cwd: ROOT, stdio: 'pipe' });
	} catch (error) {
		process.stderr.write(String(error.stdout ?? '') + String(error.stderr ?? ''));
		throw new Error(`${command} ${argv.join(' ')} failed`, { cause: error });
	}
}

async function buildHarness() {
	const outDir = mkdtempSync(join(os.tmpdir(), 'bench-harness-'));
	await viteBuild({
		configFile: false,
		root: join(ROOT, 'bench', 'harness'),
		base: './',
		logLevel: 'error',
		resolve: { alias: { $lib: join(ROOT, 'src', 'lib') } },
		build: { outDir, emptyOutDir: true }
	});
	return outDir;
}

function median(xs) {
	return percentile(xs, 0.5);
}

/** Nearest-rank percentile. */
function percentile(xs, p) {
	const sorted = xs.slice().sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

// performance.now() in the page ticks in 0.1 ms steps; keep the JSON free of float noise.
const tenth = (x) => Math.round(x * 10) / 10;
const fourDigits = (x) => Number(x.toPrecision(4));
const round2 = (x) => Math.round(x * 100) / 100;

function latencySummary(result) {
	const { nodes, textBoxes, samples, stale } = result;
	return {
		nodes,
		textBoxes,
		events: samples.length,
		p50Ms: tenth(percentile(samples, 0.5)),
		p95Ms: tenth(percentile(samples, 0.95)),
		maxMs: tenth(Math.max(...samples)),
		stale
	};
}

function machine(browserVersion, loadAtStart) {
	const cpus = os.cpus();
	return {
		cpu: cpus[0]?.model.trim() ?? 'unknown',
		cores: os.availableParallelism(),
		memoryGB: Math.round(os.totalmem() / 2 ** 30),
		os: `${os.type()} ${os.release()} ${os.arch()}`,
		node: process.version,
		// Other work on the machine skews timings: say how busy it was (runnable processes per minute).
		loadAverage: { start: round2(loadAtStart), end: round2(os.loadavg()[0]) },
		chromium: browserVersion
	};
}

function commit() {
	try {
		const hash = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
		const dirty = execSync('git status --porcelain', { cwd: ROOT }).toString().trim() !== '';
		return dirty ? `${hash}+changes` : hash;
	} catch {
		return 'unknown';
	}
}

// ---- measure ----

const started = performance.now();
const loadAtStart = os.loadavg()[0];
if (!skipBuild) {
	log('building the site (vite build)…');
	run('npx', ['vite', 'build']);
} else if (!existsSync(join(ROOT, 'build', 'index.html'))) {
	throw new Error('no build/index.html: run `npm run bench` without --no-build');
}
log('building the layout harness…');
const harnessDir = await buildHarness();

log('engine: Tape.evaluate() against the flat loop…');
const { module: engineBench } = await runnerImport(join(ROOT, 'bench', 'engine.ts'), {
	configFile: false
});
const engine = (await engineBench.benchEngine(ENGINE_SIZES)).map((row) => ({
	nodes: row.nodes,
	engineMs: fourDigits(row.engineMs),
	flatMs: fourDigits(row.flatMs),
	ratio: fourDigits(row.ratio)
}));

log('tensor engine: TensorTape.evaluate() on the big preset…');
const { module: tensorBench } = await runnerImport(join(ROOT, 'bench', 'tensor.ts'), {
	configFile: false,
	resolve: { alias: { $lib: join(ROOT, 'src', 'lib') } }
});
const tensorRow = tensorBench.benchTensor();
const tensor = {
	parameters: tensorRow.parameters,
	forwardMs: fourDigits(tensorRow.forwardMs),
	backwardMs: fourDigits(tensorRow.backwardMs),
	evaluateMs: fourDigits(tensorRow.evaluateMs),
	flatMs: fourDigits(tensorRow.flatMs),
	ratio: fourDigits(tensorRow.ratio),
	updateB2Ms: fourDigits(tensorRow.updateB2Ms)
};

const browser = await chromium.launch({ executablePath: browserExecutable() });
const browserVersion = browser.version();
const site = await startStaticServer(join(ROOT, 'build'));
const harness = await startStaticServer(harnessDir);
let slider;
let codeBuild;
let layout;
let animation;
try {
	// Without the service worker: its first download of the whole site would run beside the
	// first measurements, and its cache would make ELK's "first use" a warm one.
	const page = await browser.newPage({
		viewport: { width: 1280, height: 800 },
		serviceWorkers: 'block'
	});
	page.on('pageerror', (e) => log(`page error: ${e.message}`));

	log(`slider-to-paint on the textbook page, ${SLIDER_EVENTS} events…`);
	const textbook = latencySummary(
		await sliderToPaint(page, `${site.url}/`, {
			slider: 'w1',
			events: SLIDER_EVENTS,
			maxSeconds: SLIDER_SECONDS
		})
	);
	// The big graph seen whole, then zoomed in: a failure is reported in its row, not thrown.
	const measureLarge = async (zoomIn) => {
		const where = zoomIn ? ` zoomed in ${zoomIn} steps` : '';
		log(`slider-to-paint on ${large.path}${where}, ${SLIDER_EVENTS} events…`);
		try {
			const result = await sliderToPaint(page, site.url + large.path, {
				slider: large.slider,
				events: SLIDER_EVENTS,
				maxSeconds: SLIDER_SECONDS,
				minNodes: LARGE_MIN_NODES,
				zoomIn
			});
			return { path: large.path, zoomSteps: zoomIn, ...latencySummary(result) };
		} catch (error) {
			return { path: large.path, notMeasured: String(error.message ?? error) };
		}
	};
	const largeResult = await measureLarge(0);
	const zoomedResult = await measureLarge(LARGE_ZOOM_STEPS);
	slider = { textbook, large: largeResult, largeZoomed: zoomedResult };

	// The tensor view: a drag on the big classifier, and PyTorch code to graph on screen.
	const tensorSliders = [];
	for (const id of BIG_CLASSIFIER_SLIDERS) {
		log(`slider-to-paint on the big classifier, ${id}, ${SLIDER_EVENTS} events…`);
		try {
			const result = await sliderToPaint(page, site.url + BIG_CLASSIFIER_PATH, {
				slider: id,
				events: SLIDER_EVENTS,
				maxSeconds: SLIDER_SECONDS,
				// more than the textbook graph's 10, which shows until the program is laid out
				minNodes: 12
			});
			tensorSliders.push({ slider: id, ...latencySummary(result) });
		} catch (error) {
			tensorSliders.push({ slider: id, notMeasured: String(error.message ?? error) });
		}
	}
	slider.bigClassifier = tensorSliders;

	log(`PyTorch code to graph on screen, ${BUILD_REPEATS} builds of each program…`);
	const built = await codeToGraph(page, `${site.url}/`, PROGRAMS, { repeats: BUILD_REPEATS });
	codeBuild = {
		first: { program: built.first.name, ms: tenth(built.first.ms) },
		programs: built.results.map(({ name, samples }) => ({
			program: name,
			builds: samples.length,
			medianMs: tenth(median(samples)),
			maxMs: tenth(Math.max(...samples)),
			samplesMs: samples.map(tenth)
		}))
	};

	log('animation frames while the textbook timeline plays…');
	const intervals = await animationFrames(page, `${site.url}/`);
	const sorted = [...intervals].sort((a, b) => a - b);
	const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
	animation = {
		frames: intervals.length,
		p50Ms: tenth(at(0.5)),
		p95Ms: tenth(at(0.95)),
		over20Ms: intervals.filter((x) => x > 20).length
	};

	log('ELK layout in the Web Worker…');
	const { elkLoadMs, results } = await layoutInWorker(
		browser,
		page,
		`${harness.url}/`,
		LAYOUT_SIZES,
		LAYOUT_REPEATS
	);
	layout = {
		elkLoadMs: tenth(elkLoadMs),
		sizes: results.map((runs) => ({
			nodes: runs[0].nodes,
			edges: runs[0].edges,
			runs: runs.length,
			medianMs: tenth(median(runs.map((r) => r.ms))),
			longestMainTaskMs: tenth(Math.max(...runs.map((r) => r.longestMainTaskMs))),
			longestMainTaskMsPerRun: runs.map((r) => tenth(r.longestMainTaskMs)),
			longTasks: runs.flatMap((r) => r.longTasks).length
		}))
	};
	await page.close();
} finally {
	await browser.close();
	site.close();
	harness.close();
	rmSync(harnessDir, { recursive: true, force: true });
}

const size = firstPageJs(join(ROOT, 'build'));
const results = {
	date: new Date().toISOString(),
	commit: commit(),
	machine: machine(browserVersion, loadAtStart),
	engine,
	tensor,
	sliderToPaint: slider,
	codeToGraph: codeBuild,
	animation,
	layout,
	firstPageJs: { gzipBytes: size.gzipBytes, budgetBytes: BUDGET_BYTES, files: size.files },
	benchSeconds: Math.round((performance.now() - started) / 1000)
};

mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, JSON.stringify(results, null, '\t') + '\n');

// ---- report ----

const count = (n) => n.toLocaleString('en-US');
const ms = (x) =>
	x < 1
		? `${(x * 1000).toPrecision(3)} µs`
		: x < 1000
			? `${x.toFixed(x < 10 ? 1 : 0)} ms`
			: `${(x / 1000).toFixed(2)} s`;
const met = (ok) => (ok ? 'yes' : '**no**');

const rows = [];
for (const row of engine) {
	rows.push([
		`Engine re-evaluation (values + grads), MLP of ${count(row.nodes)} nodes, median`,
		`${ms(row.engineMs)}; flat Float64Array bound ${ms(row.flatMs)}; **${row.ratio.toFixed(2)}×**`,
		'≤ 3× bound',
		met(row.ratio <= 3)
	]);
}
rows.push([
	`Tensor re-evaluation (forward + backward), two-layer classifier, batch 64, ${count(tensor.parameters)} parameters, median`,
	`**${ms(tensor.evaluateMs)}** (forward ${ms(tensor.forwardMs)}, backward ${ms(tensor.backwardMs)}); the same network as plain loops a row at a time ${ms(tensor.flatMs)}; ${tensor.ratio.toFixed(2)}×`,
	'≤ 16 ms (a frame)',
	met(tensor.evaluateMs <= 16)
]);
rows.push([
	'Tensor re-evaluation after a drag on b2, as the page runs it (forward only what b2 feeds, whole backward), median',
	`**${ms(tensor.updateB2Ms)}**`,
	'≤ 16 ms (a frame)',
	met(tensor.updateB2Ms <= 16)
]);
const latencyRow = (what, r, target, relation = '<') => [
	`Slider input → painted, ${what} (${count(r.nodes)} nodes), ${r.events} events` +
		(r.events < SLIDER_EVENTS ? ` (time cap ${SLIDER_SECONDS} s)` : ''),
	`p50 ${ms(r.p50Ms)}, **p95 ${ms(r.p95Ms)}**, max ${ms(r.maxMs)}` +
		(r.stale ? `; ${r.stale} frames without the new numbers` : ''),
	`p95 ${relation} ${target} ms`,
	met((relation === '<' ? r.p95Ms < target : r.p95Ms <= target) && r.stale === 0)
];
rows.push(latencyRow('textbook graph', slider.textbook, 8));
if (slider.large.notMeasured) {
	rows.push([
		`Slider input → painted, ~1,000-node graph at ${slider.large.path}`,
		`not measured: ${slider.large.notMeasured}`,
		'p95 < 16 ms',
		'—'
	]);
} else {
	rows.push(latencyRow(`graph at ${slider.large.path}`, slider.large, 16));
}
// Not a target of its own: the same drag while zoomed in far enough to read the boxes on screen.
const zoomed = slider.largeZoomed;
rows.push(
	zoomed.notMeasured
		? [
				`Slider input → painted, the same graph zoomed in`,
				`not measured: ${zoomed.notMeasured}`,
				'',
				''
			]
		: [
				`Slider input → painted, the same graph zoomed in ${zoomed.zoomSteps} steps ` +
					`(${count(zoomed.textBoxes)} boxes showing numbers), ${zoomed.events} events`,
				`p50 ${ms(zoomed.p50Ms)}, **p95 ${ms(zoomed.p95Ms)}**, max ${ms(zoomed.maxMs)}` +
					(zoomed.stale ? `; ${zoomed.stale} frames without the new numbers` : ''),
				'',
				''
			]
);
for (const r of slider.bigClassifier) {
	rows.push(
		r.notMeasured
			? [
					`Slider input → painted, the big classifier, ${r.slider}`,
					`not measured: ${r.notMeasured}`,
					'p95 ≤ 16 ms',
					'—'
				]
			: latencyRow(`big classifier, dragging ${r.slider}`, r, 16, '≤')
	);
}
rows.push([
	`PyTorch code → graph on screen, first build of the page (${codeBuild.first.program}; loads the interpreter and ELK)`,
	ms(codeBuild.first.ms),
	'',
	''
]);
for (const p of codeBuild.programs) {
	rows.push([
		`PyTorch code → graph on screen, ${p.program}, median of ${p.builds} builds`,
		`**${ms(p.medianMs)}**, max ${ms(p.maxMs)}`,
		'≤ 300 ms',
		met(p.medianMs <= 300)
	]);
}
rows.push([
	`Animation while the textbook timeline plays at 4× (markers moving), ${count(animation.frames)} frames`,
	`frame interval p50 ${ms(animation.p50Ms)}, **p95 ${ms(animation.p95Ms)}**; ${animation.over20Ms} over 20 ms`,
	'60 fps: p95 ≤ 17.5 ms',
	met(animation.p95Ms <= 17.5)
]);
rows.push([
	'ELK first use: load the worker and lay out a tiny graph',
	ms(layout.elkLoadMs),
	'',
	''
]);
for (const s of layout.sizes) {
	rows.push([
		`ELK layout in the Web Worker, ${count(s.nodes)} nodes / ${count(s.edges)} edges, median of ${s.runs}`,
		ms(s.medianMs),
		'',
		''
	]);
}
const largest = layout.sizes.at(-1);
rows.push([
	`Longest main-thread task while laying out ${count(largest.nodes)} nodes`,
	`**${ms(largest.longestMainTaskMs)}** (per run: ${largest.longestMainTaskMsPerRun.map(ms).join(', ')}; ` +
		`long tasks ≥ 50 ms: ${largest.longTasks})`,
	'< 50 ms',
	met(largest.longestMainTaskMs < 50)
]);
rows.push([
	`First-page JS, gzipped (${size.files.length} files; ELK loads later)`,
	`**${kB(size.gzipBytes)}**`,
	`< ${kB(BUDGET_BYTES)}`,
	met(size.gzipBytes <= BUDGET_BYTES)
]);

const header = ['Measure', 'Result', 'Target', 'Met'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
const m = results.machine;
console.log(
	`Measured ${results.date.slice(0, 10)} at commit ${results.commit} on ${m.cpu} ` +
		`(${m.cores} cores, ${m.memoryGB} GB), ${m.os}, 1-minute load average ` +
		`${m.loadAverage.start} at the start and ${m.loadAverage.end} at the end, ` +
		`Node ${m.node}, Chromium ${m.chromium}.\n`
);
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) console.log(line(row));
console.log(`\nWritten to ${relative(process.cwd(), OUT)} in ${results.benchSeconds} s.`);
