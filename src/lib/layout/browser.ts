import { LayoutCache } from './cache';
import { layoutWith, type ElkLayouter } from './elk';
import type { Layout, LayoutInput } from './types';

let elk: Promise<ElkLayouter> | undefined;

// ELK (about 1.5 MB) loads on first use, not with the page, and runs in a Web Worker so a
// layout never blocks dragging a slider. One worker serves every request.
function loadElk(): Promise<ElkLayouter> {
	elk ??= Promise.all([
		import('elkjs/lib/elk-api'),
		import('elkjs/lib/elk-worker.min.js?worker')
	]).then(
		([{ default: ELK }, { default: ElkWorker }]) =>
			new ELK({ workerFactory: () => new ElkWorker() }),
		(error: unknown) => {
			// Forget the failure (e.g. offline) so the next request tries the download again.
			elk = undefined;
			throw error;
		}
	);
	return elk;
}

const cache = new LayoutCache(async (input) => layoutWith(await loadElk(), input));

/**
 * Lays out a structure in the browser. Resolves from memory for a structure seen before; rejects
 * with an AbortError when a newer call arrives first or `signal` aborts (see `isAbortError`).
 */
export function layoutInBrowser(input: LayoutInput, signal?: AbortSignal): Promise<Layout> {
	return cache.request(input, signal);
}

/**
 * Hands the browser cache a layout made elsewhere (the prerendered one), so coming back to that
 * structure later does not need ELK at all.
 */
export function rememberLayout(input: LayoutInput, layout: Layout): void {
	cache.prime(input, layout);
}

export { isAbortError } from './cache';
