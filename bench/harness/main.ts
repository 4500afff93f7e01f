// The page `npm run bench` drives for the layout figures: the app's own browser layout module
// (ELK in its Web Worker) on generated graphs, with the main thread watched for long tasks.
import { layoutInBrowser } from '$lib/layout/browser';
import type { LayoutInput } from '$lib/layout/types';
import { mlpLayoutInput } from './graphs';

export interface LayoutRun {
	nodes: number;
	edges: number;
	/** from the call to the layout's arrival on the main thread */
	ms: number;
	/** tasks of 50 ms or more that the 'longtask' observer saw meanwhile */
	longTasks: number[];
}

const longTasks: PerformanceEntry[] = [];
new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({
	type: 'longtask',
	buffered: true
});

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

let prepared: LayoutInput | undefined;
let calls = 0;

/** Builds the graph to lay out next, apart from the timed call: making a graph is not layout. */
async function prepare(nodes: number): Promise<void> {
	// A fresh id prefix per call, so the layout cache never answers from memory.
	prepared = mlpLayoutInput(nodes, `run${calls++}/`);
	await nextFrame();
}

async function layout(): Promise<LayoutRun> {
	const input = prepared;
	if (!input) throw new Error('bench: call prepare(nodes) first');
	prepared = undefined;
	// The marks bound the layout in the Chromium trace the bench records around this call.
	const start = performance.mark('layout-start').startTime;
	await layoutInBrowser(input);
	const end = performance.mark('layout-end').startTime;
	// Long-task entries arrive after their task ends; give them a frame to be delivered.
	await nextFrame();
	await new Promise((resolve) => setTimeout(resolve, 0));
	return {
		nodes: input.nodes.length,
		edges: input.edges.length,
		ms: end - start,
		longTasks: longTasks
			.filter((t) => t.startTime + t.duration > start && t.startTime < end)
			.map((t) => t.duration)
	};
}

declare global {
	interface Window {
		bench: { prepare: typeof prepare; layout: typeof layout };
	}
}

window.bench = { prepare, layout };
document.body.dataset.ready = 'true';
