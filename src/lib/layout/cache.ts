import { structureKey, type Layout, type LayoutInput } from './types';

export type LayoutFunction = (input: LayoutInput) => Promise<Layout>;

function abortError(message: string): DOMException {
	return new DOMException(message, 'AbortError');
}

/** True for the rejections `LayoutCache.request` uses to say "a newer request won". */
export function isAbortError(error: unknown): boolean {
	// By name, not class: DOMException may come from another realm (a worker, a test runner).
	return (
		typeof error === 'object' && error !== null && 'name' in error && error.name === 'AbortError'
	);
}

/**
 * Remembers layouts by structure and lets only the newest request resolve.
 *
 * - Returning to a structure laid out before resolves from memory.
 * - A new request rejects every older pending request with an AbortError, so a view that
 *   switches graphs quickly never draws a stale layout. The superseded computation still
 *   finishes (ELK cannot be interrupted) and its result is cached.
 * - Requests for a structure already being laid out share that computation.
 * - A failed layout is not cached, so asking again retries.
 *
 * Layouts handed out are shared between callers: treat them as read-only.
 */
export class LayoutCache {
	readonly #layout: LayoutFunction;
	readonly #capacity: number;
	readonly #done = new Map<string, Layout>();
	readonly #running = new Map<string, Promise<Layout>>();
	#supersede: (() => void) | undefined;

	constructor(layout: LayoutFunction, capacity = 32) {
		this.#layout = layout;
		this.#capacity = capacity;
	}

	/** Number of finished layouts held in memory. */
	get size(): number {
		return this.#done.size;
	}

	/** Stores a layout computed elsewhere, e.g. the one prerendered with the page. */
	prime(input: LayoutInput, layout: Layout): void {
		this.#remember(structureKey(input), layout);
	}

	request(input: LayoutInput, signal?: AbortSignal): Promise<Layout> {
		this.#supersede?.();
		this.#supersede = undefined;
		if (signal?.aborted) return Promise.reject(signal.reason);

		const key = structureKey(input);
		const hit = this.#done.get(key);
		if (hit) {
			this.#remember(key, hit);
			return Promise.resolve(hit);
		}

		const work = this.#run(key, input);
		return new Promise<Layout>((resolve, reject) => {
			let settled = false;
			const settle = (finish: () => void) => {
				if (settled) return;
				settled = true;
				signal?.removeEventListener('abort', onAbort);
				if (this.#supersede === supersede) this.#supersede = undefined;
				finish();
			};
			const supersede = () =>
				settle(() => reject(abortError('layout superseded by a newer request')));
			const onAbort = () => settle(() => reject(signal?.reason));

			this.#supersede = supersede;
			signal?.addEventListener('abort', onAbort, { once: true });
			work.then(
				(layout) => settle(() => resolve(layout)),
				(error: unknown) => settle(() => reject(error))
			);
		});
	}

	#run(key: string, input: LayoutInput): Promise<Layout> {
		let work = this.#running.get(key);
		if (!work) {
			let started: Promise<Layout>;
			// A layout function that throws instead of rejecting still yields a rejection.
			try {
				started = this.#layout(input);
			} catch (error) {
				started = Promise.reject(error);
			}
			work = started
				.then((layout) => {
					this.#remember(key, layout);
					return layout;
				})
				.finally(() => this.#running.delete(key));
			this.#running.set(key, work);
		}
		return work;
	}

	// Map keeps insertion order, so re-inserting on use makes the first key the least recent.
	#remember(key: string, layout: Layout): void {
		this.#done.delete(key);
		this.#done.set(key, layout);
		while (this.#done.size > this.#capacity) {
			const oldest = this.#done.keys().next().value as string;
			this.#done.delete(oldest);
		}
	}
}
