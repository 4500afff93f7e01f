import { LayoutCache } from './cache';
import { LayoutClient } from './remote';
import type { Layout, LayoutInput } from './types';

let client: LayoutClient | undefined;

// ELK (about 1.5 MB) loads on first use, not with the page, and runs in a Web Worker so a
// layout never blocks dragging a slider. One worker serves every request; if it fails to
// load (e.g. offline), the next request starts a new one.
function layoutClient(): LayoutClient {
	if (!client || client.broken) {
		client = new LayoutClient(
			new Worker(new URL('./layout-worker.ts', import.meta.url), { name: 'layout' })
		);
	}
	return client;
}

const cache = new LayoutCache((input) => layoutClient().layout(input));

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
