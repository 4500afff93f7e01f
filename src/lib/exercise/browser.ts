import type { WorkerLike } from './runner';

/** A fresh exercise worker. Vite bundles worker.ts (with acorn) as its own file, loaded only here. */
export function createExerciseWorker(): WorkerLike {
	return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
}
