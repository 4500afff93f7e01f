/**
 * Messages between the page and the exercise worker. The worker answers each request with
 * the same id; the page ignores answers to requests it has given up on.
 */

/** What the learner's program left in one of the names the checker reads. */
export type Got =
	| { kind: 'number'; value: number }
	| { kind: 'missing' }
	/** anything else (a string, an object, a boolean), described as text */
	| { kind: 'other'; text: string };

export interface RunRequest {
	id: number;
	code: string;
	/** the top-level names to read after the program has run */
	names: string[];
}

export type RunResult =
	| { kind: 'done'; values: Record<string, Got> }
	/** line and column are 1-based and count the learner's lines */
	| { kind: 'syntax-error'; message: string; line?: number; column?: number }
	| { kind: 'runtime-error'; message: string; line?: number };

export interface RunResponse {
	id: number;
	result: RunResult;
}

/** Sent once by a fresh worker when it can take requests. */
export interface Ready {
	kind: 'ready';
}

export type WorkerMessage = RunResponse | Ready;

const RESULT_KINDS = new Set(['done', 'syntax-error', 'runtime-error']);

export function isReady(data: unknown): data is Ready {
	return typeof data === 'object' && data !== null && (data as Ready).kind === 'ready';
}

/** The worker runs the learner's code, which can post anything: check the shape. */
export function isResponseTo(data: unknown, id: number): data is RunResponse {
	if (typeof data !== 'object' || data === null) return false;
	const { id: answered, result: r } = data as RunResponse;
	if (answered !== id || typeof r !== 'object' || r === null || !RESULT_KINDS.has(r.kind))
		return false;
	return r.kind === 'done'
		? typeof r.values === 'object' && r.values !== null
		: typeof r.message === 'string';
}
