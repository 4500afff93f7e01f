import type { WorkerLike } from './runner';

/** A fresh exercise worker. Vite bundles worker.ts (with acorn) as its own file, loaded only here. */
export function createExerciseWorker(): WorkerLike {
	const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
	const like: WorkerLike = {
		onmessage: null,
		onerror: null,
		postMessage: (message) => worker.postMessage(message),
		terminate: () => worker.terminate()
	};
	worker.onmessage = (event) => like.onmessage?.(event);
	worker.onerror = (event) => like.onerror?.(event);
	return like;
}
