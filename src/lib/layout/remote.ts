import { layoutWith, type ElkLayouter } from './elk';
import { packLayout, transferables, unpackLayout, type PackedLayout } from './packed';
import type { Layout, LayoutInput } from './types';

/** What the page asks the layout worker. */
export interface LayoutRequest {
	id: number;
	input: LayoutInput;
}

/** What the layout worker answers: the layout, packed, or why there is none. */
export type LayoutReply = { id: number; packed: PackedLayout } | { id: number; error: string };

/** The worker's side: lay out with `elk` and pack the result. Never rejects. */
export async function answerLayout(
	elk: ElkLayouter,
	{ id, input }: LayoutRequest
): Promise<{ reply: LayoutReply; transfer: ArrayBuffer[] }> {
	try {
		const packed = packLayout(await layoutWith(elk, input), input);
		return { reply: { id, packed }, transfer: transferables(packed) };
	} catch (error) {
		return {
			reply: { id, error: error instanceof Error ? error.message : String(error) },
			transfer: []
		};
	}
}

/** The part of a Worker the page uses; tests stand in for it. */
export interface LayoutPort {
	postMessage(request: LayoutRequest): void;
	onmessage: ((event: MessageEvent<LayoutReply>) => void) | null;
	onerror: ((event: ErrorEvent) => void) | null;
	terminate(): void;
}

/**
 * The page's side: one request in flight per call, answered in any order. If the worker
 * itself fails (its script did not load), every pending call rejects and `broken` turns true,
 * so the owner can start a new worker for the next call.
 */
export class LayoutClient {
	#port: LayoutPort;
	#next = 0;
	#pending = new Map<
		number,
		{ input: LayoutInput; resolve: (layout: Layout) => void; reject: (error: Error) => void }
	>();
	broken = false;

	constructor(port: LayoutPort) {
		this.#port = port;
		port.onmessage = ({ data }) => this.#receive(data);
		port.onerror = (event) => {
			event.preventDefault?.();
			this.broken = true;
			const error = new Error(`the layout worker failed: ${event.message || 'it did not load'}`);
			for (const { reject } of this.#pending.values()) reject(error);
			this.#pending.clear();
			port.terminate();
		};
	}

	layout(input: LayoutInput): Promise<Layout> {
		if (this.broken) return Promise.reject(new Error('the layout worker failed'));
		const id = this.#next++;
		return new Promise((resolve, reject) => {
			this.#pending.set(id, { input, resolve, reject });
			this.#port.postMessage({ id, input });
		});
	}

	#receive(reply: LayoutReply): void {
		const call = this.#pending.get(reply.id);
		if (!call) return;
		this.#pending.delete(reply.id);
		if ('error' in reply) {
			call.reject(new Error(reply.error));
			return;
		}
		try {
			call.resolve(unpackLayout(reply.packed, call.input));
		} catch (error) {
			call.reject(error instanceof Error ? error : new Error(String(error)));
		}
	}
}
