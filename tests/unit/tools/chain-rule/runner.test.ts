import { afterEach, describe, expect, it } from 'vitest';
import { exerciseSolution, READ_NAMES, TARGETS } from '$lib/tools/chain-rule/exercise';
import { gradeRun } from '$lib/tools/chain-rule/grade';
import type { RunRequest } from '$lib/tools/chain-rule/protocol';
import { ExerciseRunner, type WorkerLike } from '$lib/tools/chain-rule/runner';
import { TEXTBOOK_VALUES } from '$lib/graphs/textbook';
import { engineGradients, threadWorker } from './support';

const runners: ExerciseRunner[] = [];
afterEach(() => runners.splice(0).forEach((r) => r.dispose()));

function runner(create: () => WorkerLike, limit?: number): ExerciseRunner {
	const r = new ExerciseRunner(create, limit);
	runners.push(r);
	return r;
}

describe('ExerciseRunner with a real worker thread', () => {
	it('runs the solution in the thread and every gradient grades right', async () => {
		const r = runner(threadWorker);
		const outcome = await r.run(exerciseSolution(TEXTBOOK_VALUES), READ_NAMES);
		if (outcome.kind !== 'done') throw new Error(outcome.kind);
		const report = gradeRun(outcome.values, TARGETS, engineGradients(TEXTBOOK_VALUES), {
			...TEXTBOOK_VALUES
		});
		expect(report.graded.every((g) => g.status === 'right')).toBe(true);
	});

	it('stops an infinite loop, ends its thread, and runs the next program in a fresh one', async () => {
		const threads: ReturnType<typeof threadWorker>[] = [];
		const r = runner(() => {
			const w = threadWorker();
			threads.push(w);
			return w;
		}, 300);
		const looping = r.run('const a = 1;\nwhile (true) {}', ['a']);
		// the thread exists as soon as the run starts; it must end, or this test times out
		const exited = new Promise((resolve) => threads[0].thread.once('exit', resolve));
		expect(await looping).toEqual({ kind: 'timeout', ms: 300 });
		await exited;
		expect(await r.run('const a = 2;', ['a'])).toEqual({
			kind: 'done',
			values: { a: { kind: 'number', value: 2 } }
		});
		expect(threads).toHaveLength(2);
	});

	it('reports syntax and runtime errors from the thread with their lines', async () => {
		const r = runner(threadWorker);
		expect(await r.run('const a = 1;\nconst b = ;', ['a'])).toMatchObject({
			kind: 'syntax-error',
			line: 2
		});
		expect(await r.run('\n\nnull.x;', [])).toMatchObject({ kind: 'runtime-error', line: 3 });
	});
});

/** A worker the test drives by hand. */
class FakeWorker implements WorkerLike {
	onmessage: ((event: { data: unknown }) => void) | null = null;
	onerror: ((event: { message?: string }) => void) | null = null;
	received: RunRequest[] = [];
	terminated = false;
	postMessage(message: RunRequest): void {
		this.received.push(message);
	}
	terminate(): void {
		this.terminated = true;
	}
	send(data: unknown): void {
		this.onmessage?.({ data });
	}
}

function fakes() {
	const made: FakeWorker[] = [];
	return {
		made,
		create: () => {
			const w = new FakeWorker();
			made.push(w);
			return w;
		}
	};
}

const done = (a: number) => ({ kind: 'done', values: { a: { kind: 'number', value: a } } });

describe('ExerciseRunner protocol', () => {
	it('waits for ready before sending, and reuses a worker that answered', async () => {
		const { made, create } = fakes();
		const r = runner(create);
		const first = r.run('const a = 1;', ['a']);
		expect(made[0].received).toEqual([]);
		made[0].send({ kind: 'ready' });
		expect(made[0].received).toEqual([{ id: 1, code: 'const a = 1;', names: ['a'] }]);
		made[0].send({ id: 1, result: done(1) });
		expect(await first).toEqual(done(1));
		const second = r.run('const a = 2;', ['a']);
		made[0].send({ id: 2, result: done(2) });
		expect(await second).toEqual(done(2));
		expect(made).toHaveLength(1);
		expect(made[0].terminated).toBe(false);
	});

	it('ignores answers to other requests and messages that are not answers', async () => {
		const { made, create } = fakes();
		const r = runner(create);
		const run = r.run('x', ['a']);
		made[0].send({ kind: 'ready' });
		made[0].send({ id: 99, result: done(9) });
		made[0].send({ id: 1, result: { kind: 'done' } });
		made[0].send('hello');
		made[0].send(null);
		made[0].send({ id: 1, result: done(1) });
		expect(await run).toEqual(done(1));
	});

	it('a new run cancels the one in progress and ends its worker', async () => {
		const { made, create } = fakes();
		const r = runner(create);
		const first = r.run('while (true) {}', []);
		made[0].send({ kind: 'ready' });
		const second = r.run('const a = 1;', ['a']);
		expect(await first).toEqual({ kind: 'cancelled' });
		expect(made[0].terminated).toBe(true);
		made[0].send({ id: 1, result: done(0) });
		made[1].send({ kind: 'ready' });
		made[1].send({ id: 2, result: done(1) });
		expect(await second).toEqual(done(1));
	});

	it('reports a worker that fails and starts a fresh one for the next run', async () => {
		const { made, create } = fakes();
		const r = runner(create);
		const run = r.run('x', []);
		made[0].onerror?.({ message: 'could not load' });
		expect(await run).toEqual({
			kind: 'crashed',
			message: 'The checker failed: could not load'
		});
		expect(made[0].terminated).toBe(true);
		void r.run('x', []);
		expect(made).toHaveLength(2);
	});

	it('times out a program that never answers', async () => {
		const { made, create } = fakes();
		const r = runner(create, 20);
		const run = r.run('x', []);
		made[0].send({ kind: 'ready' });
		expect(await run).toEqual({ kind: 'timeout', ms: 20 });
		expect(made[0].terminated).toBe(true);
	});
});
