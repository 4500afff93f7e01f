import { isReady, isResponseTo, type RunRequest, type RunResult } from './protocol';

/** The part of a Web Worker the runner uses (a Node worker thread can be wrapped to fit). */
export interface WorkerLike {
	postMessage(message: RunRequest): void;
	terminate(): void;
	onmessage: ((event: { data: unknown }) => void) | null;
	onerror: ((event: { message?: string }) => void) | null;
}

export type RunOutcome =
	| RunResult
	/** the program ran longer than the time limit and its worker was ended */
	| { kind: 'timeout'; ms: number }
	/** the worker failed to start or died */
	| { kind: 'crashed'; message: string }
	/** a newer run replaced this one */
	| { kind: 'cancelled' };

export const TIME_LIMIT_MS = 1000;
// Loading the worker is not the learner's time: it gets its own, generous limit.
const START_LIMIT_MS = 15_000;

interface Pending {
	request: RunRequest;
	finish: (outcome: RunOutcome, keepWorker: boolean) => void;
	timer: ReturnType<typeof setTimeout>;
}

/**
 * Runs learner programs in a worker, one at a time, each under a time limit. A program that
 * runs too long (an infinite loop) cannot be interrupted from inside, so its worker is
 * terminated and the next run starts a fresh one.
 */
export class ExerciseRunner {
	#create: () => WorkerLike;
	#limit: number;
	#worker: WorkerLike | null = null;
	#ready = false;
	#pending: Pending | null = null;
	#nextId = 1;

	constructor(createWorker: () => WorkerLike, timeLimitMs = TIME_LIMIT_MS) {
		this.#create = createWorker;
		this.#limit = timeLimitMs;
	}

	run(code: string, names: readonly string[]): Promise<RunOutcome> {
		this.#pending?.finish({ kind: 'cancelled' }, false);
		const request: RunRequest = { id: this.#nextId++, code, names: [...names] };
		return new Promise((resolve) => {
			const pending: Pending = {
				request,
				timer: setTimeout(
					() => pending.finish({ kind: 'crashed', message: 'The checker did not start.' }, false),
					START_LIMIT_MS
				),
				finish: (outcome, keepWorker) => {
					if (this.#pending !== pending) return;
					clearTimeout(pending.timer);
					this.#pending = null;
					if (!keepWorker) this.#drop();
					resolve(outcome);
				}
			};
			this.#pending = pending;
			if (!this.#worker) this.#spawn();
			else if (this.#ready) this.#send(pending);
		});
	}

	/** Ends the worker and any run in progress. */
	dispose(): void {
		this.#pending?.finish({ kind: 'cancelled' }, false);
		this.#drop();
	}

	#spawn(): void {
		const worker = this.#create();
		this.#worker = worker;
		this.#ready = false;
		worker.onmessage = ({ data }) => {
			if (worker !== this.#worker) return;
			const pending = this.#pending;
			if (isReady(data)) {
				this.#ready = true;
				if (pending) this.#send(pending);
			} else if (pending && isResponseTo(data, pending.request.id)) {
				pending.finish(data.result, true);
			}
		};
		worker.onerror = (event) => {
			if (worker !== this.#worker) return;
			const message = event.message
				? `The checker failed: ${event.message}`
				: 'The checker failed.';
			if (this.#pending) this.#pending.finish({ kind: 'crashed', message }, false);
			else this.#drop();
		};
	}

	#send(pending: Pending): void {
		clearTimeout(pending.timer);
		pending.timer = setTimeout(
			() => pending.finish({ kind: 'timeout', ms: this.#limit }, false),
			this.#limit
		);
		this.#worker!.postMessage(pending.request);
	}

	#drop(): void {
		const worker = this.#worker;
		this.#worker = null;
		this.#ready = false;
		if (worker) {
			worker.onmessage = null;
			worker.onerror = null;
			worker.terminate();
		}
	}
}
