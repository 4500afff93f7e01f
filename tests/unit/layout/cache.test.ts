import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { isAbortError, LayoutCache } from '$lib/layout/cache';
import { structureKey, type Layout, type LayoutInput } from '$lib/layout/types';

const graph = (...ids: string[]): LayoutInput => ({
	nodes: ids.map((id) => ({ id, width: 10, height: 10 })),
	edges: []
});
const layoutOf = (input: LayoutInput): Layout => ({
	width: input.nodes.length,
	height: 1,
	nodes: {},
	edges: {}
});

/** A layout function whose calls stay pending until the test settles them. */
function controlled() {
	const calls: {
		input: LayoutInput;
		resolve: (layout?: Layout) => void;
		reject: (error: unknown) => void;
	}[] = [];
	const layout = (input: LayoutInput) =>
		new Promise<Layout>((resolve, reject) => {
			calls.push({ input, resolve: (l) => resolve(l ?? layoutOf(input)), reject });
		});
	return { calls, layout };
}

// Lets pending promise callbacks run.
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('LayoutCache', () => {
	it('lays out once per structure and answers again from memory', async () => {
		const { calls, layout } = controlled();
		const cache = new LayoutCache(layout);
		const first = cache.request(graph('a', 'b'));
		calls[0].resolve();
		const layoutAB = await first;
		expect(layoutAB.width).toBe(2);

		await expect(cache.request(graph('a', 'b'))).resolves.toBe(layoutAB);
		expect(calls).toHaveLength(1);
		expect(cache.size).toBe(1);

		const other = cache.request(graph('c'));
		expect(calls).toHaveLength(2);
		calls[1].resolve();
		expect((await other).width).toBe(1);
	});

	it('rejects an older pending request with an AbortError when a newer one arrives', async () => {
		const { calls, layout } = controlled();
		const cache = new LayoutCache(layout);
		const older = cache.request(graph('a'));
		const newer = cache.request(graph('b'));
		await expect(older).rejects.toSatisfy(isAbortError);
		calls[1].resolve();
		await expect(newer).resolves.toEqual(layoutOf(graph('b')));
	});

	it('still caches the superseded layout when it finishes', async () => {
		const { calls, layout } = controlled();
		const cache = new LayoutCache(layout);
		const older = cache.request(graph('a')).catch((e: unknown) => e);
		cache.request(graph('b')).catch(() => {});
		calls[0].resolve();
		expect(isAbortError(await older)).toBe(true);
		await flush();
		await expect(cache.request(graph('a'))).resolves.toEqual(layoutOf(graph('a')));
		expect(calls).toHaveLength(2);
	});

	it('supersedes pending requests even when the newer one is answered from memory', async () => {
		const { calls, layout } = controlled();
		const cache = new LayoutCache(layout);
		const warm = cache.request(graph('a'));
		calls[0].resolve();
		await warm;
		const pending = cache.request(graph('b'));
		const cached = cache.request(graph('a'));
		await expect(pending).rejects.toSatisfy(isAbortError);
		await expect(cached).resolves.toEqual(layoutOf(graph('a')));
	});

	it('shares one computation between requests for the same structure', async () => {
		const { calls, layout } = controlled();
		const cache = new LayoutCache(layout);
		const first = cache.request(graph('a'));
		const again = cache.request(graph('a'));
		expect(calls).toHaveLength(1);
		calls[0].resolve();
		await expect(first).rejects.toSatisfy(isAbortError);
		await expect(again).resolves.toEqual(layoutOf(graph('a')));
	});

	it('rejects with the signal’s reason, before or during the layout', async () => {
		const { calls, layout } = controlled();
		const cache = new LayoutCache(layout);

		const before = new AbortController();
		before.abort();
		await expect(cache.request(graph('a'), before.signal)).rejects.toSatisfy(isAbortError);
		expect(calls).toHaveLength(0);

		const during = new AbortController();
		const pending = cache.request(graph('a'), during.signal);
		during.abort(new Error('left the page'));
		await expect(pending).rejects.toThrow('left the page');

		// The work itself goes on and is remembered.
		calls[0].resolve();
		await flush();
		await expect(cache.request(graph('a'))).resolves.toEqual(layoutOf(graph('a')));
		expect(calls).toHaveLength(1);
	});

	it('ignores a signal aborted after its request resolved', async () => {
		const { calls, layout } = controlled();
		const cache = new LayoutCache(layout);
		const controller = new AbortController();
		const request = cache.request(graph('a'), controller.signal);
		calls[0].resolve();
		const result = await request;
		controller.abort();
		expect(result).toEqual(layoutOf(graph('a')));
	});

	it('passes failures on and does not cache them, so asking again retries', async () => {
		const { calls, layout } = controlled();
		const cache = new LayoutCache(layout);
		const failing = cache.request(graph('a'));
		calls[0].reject(new Error('ELK failed'));
		await expect(failing).rejects.toThrow('ELK failed');

		const retry = cache.request(graph('a'));
		expect(calls).toHaveLength(2);
		calls[1].resolve();
		await expect(retry).resolves.toEqual(layoutOf(graph('a')));
	});

	it('turns a layout function that throws into a rejection', async () => {
		const cache = new LayoutCache(() => {
			throw new Error('sync');
		});
		await expect(cache.request(graph('a'))).rejects.toThrow('sync');
	});

	it('swallows the failure of a superseded request instead of leaving it unhandled', async () => {
		const { calls, layout } = controlled();
		const cache = new LayoutCache(layout);
		const older = cache.request(graph('a'));
		const newer = cache.request(graph('b'));
		await expect(older).rejects.toSatisfy(isAbortError);
		calls[0].reject(new Error('late failure'));
		calls[1].resolve();
		await expect(newer).resolves.toEqual(layoutOf(graph('b')));
		await flush();
	});

	it('answers from a primed layout without laying out', async () => {
		const { calls, layout } = controlled();
		const cache = new LayoutCache(layout);
		const prerendered = layoutOf(graph('a', 'b'));
		cache.prime(graph('a', 'b'), prerendered);
		await expect(cache.request(graph('a', 'b'))).resolves.toBe(prerendered);
		expect(calls).toHaveLength(0);
	});

	it('recognises AbortErrors by name, whatever made them', () => {
		expect(isAbortError(new DOMException('x', 'AbortError'))).toBe(true);
		expect(isAbortError(Object.assign(new Error('x'), { name: 'AbortError' }))).toBe(true);
		expect(isAbortError(new Error('AbortError'))).toBe(false);
		expect(isAbortError('AbortError')).toBe(false);
		expect(isAbortError(null)).toBe(false);
	});

	it('forgets the least recently used layout beyond its capacity', async () => {
		const seen: string[] = [];
		const cache = new LayoutCache(async (input) => {
			seen.push(structureKey(input));
			return layoutOf(input);
		}, 2);
		await cache.request(graph('a'));
		await cache.request(graph('b'));
		await cache.request(graph('a'));
		await cache.request(graph('c'));
		expect(cache.size).toBe(2);
		await cache.request(graph('a'));
		expect(seen).toHaveLength(3);
		await cache.request(graph('b'));
		expect(seen).toHaveLength(4);
	});
});

describe('browser entry', () => {
	// ELK must stay out of the first page's JavaScript: browser code may only import its types.
	const staticElkImports = (file: string) => {
		const source = readFileSync(
			new URL(`../../../src/lib/layout/${file}`, import.meta.url),
			'utf8'
		);
		return source.match(/^import(?! type)[^;]*from '[^']*elkjs[^']*'/gm) ?? [];
	};

	it('imports elkjs only as types or through dynamic import()', () => {
		for (const file of ['browser.ts', 'cache.ts', 'elk.ts', 'types.ts']) {
			expect(staticElkImports(file), file).toEqual([]);
		}
		// The check itself can see a static import: the Node entry has one.
		expect(staticElkImports('prerender.ts')).toHaveLength(1);
	});
});
