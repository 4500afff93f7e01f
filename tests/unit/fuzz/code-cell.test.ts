import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
	exerciseSolution,
	exerciseTemplate,
	INPUTS,
	READ_NAMES,
	TARGETS,
	withValues,
	type Inputs
} from '$lib/tools/chain-rule/exercise';
import {
	gradeRun,
	lineText,
	mismatchText,
	problemText,
	summaryText
} from '$lib/tools/chain-rule/grade';
import type { Got, RunResult } from '$lib/tools/chain-rule/protocol';
import { runProgram } from '$lib/tools/chain-rule/run';
import { ExerciseRunner, type RunOutcome } from '$lib/tools/chain-rule/runner';
import { TEXTBOOK_VALUES } from '$lib/graphs/textbook';
import { engineGradients, engineTerms, threadWorker } from '../tools/chain-rule/support';
import { hostile, PIECES, plainTextProblem, SEED, Tally, type Hostile } from './hostile';

/** What the page may show for a run: one problem sentence, or per gradient "expected … got …". */
const MESSAGE_LIMIT = 300;
const tally = new Tally();
const threads = new Tally();
afterAll(() => {
	console.log(tally.summary('code cell (run and grade in process)'));
	console.log(threads.summary('code cell (runner with worker threads)'));
});

const expected = engineGradients(TEXTBOOK_VALUES);
const terms = engineTerms(TEXTBOOK_VALUES);
const sliders = { ...TEXTBOOK_VALUES };
const template = exerciseTemplate(TEXTBOOK_VALUES);
const solution = exerciseSolution(TEXTBOOK_VALUES);

/**
 * Hostile text where a learner could put it: the whole program, a gradient's line, a string
 * value, a thrown value, a value that is NaN or ∞. None of it loops (those run in threads below).
 */
const program: fc.Arbitrary<Hostile> = fc
	.tuple(
		hostile(['const ', 'dL_dv', ' = ', ';', '\n', '(', ')', '{', '}', '"', '`', '//', '/*', '1']),
		fc.constantFrom(...TARGETS.map((t) => t.name)),
		fc.nat({ max: 6 })
	)
	.map(([h, name, where]) => {
		const line = (rhs: string) =>
			solution.replace(new RegExp(`const ${name} = .*;`), () => `const ${name} = ${rhs};`);
		const quoted = JSON.stringify(h.text);
		const text = [
			h.text,
			line(h.text),
			line(quoted),
			`${template}\nthrow ${quoted};`,
			`${solution}\nthrow new Error(${quoted});`,
			line(h.text.length > 200 ? 'NaN' : `Number(${quoted})`),
			`${h.text}\n${solution}`
		][where];
		return { kind: h.kind, text };
	});

function checkGot(got: Got) {
	if (got.kind === 'other') expect(plainTextProblem(got.text, 60), got.text).toBeNull();
}

/** Everything the page would show for this result. */
function checkShown(result: RunResult | RunOutcome) {
	if (result.kind === 'done') {
		Object.values(result.values).forEach(checkGot);
		const report = gradeRun(result.values, TARGETS, expected, sliders, terms);
		expect(report.graded).toHaveLength(TARGETS.length);
		for (const g of report.graded) {
			const text = mismatchText(g.expected, g.got);
			expect(plainTextProblem(`expected ${text.expected}, got ${text.got}`, 120)).toBeNull();
			expect(plainTextProblem(lineText(g), 160)).toBeNull();
		}
		expect(plainTextProblem(summaryText(report.graded), 160)).toBeNull();
		return;
	}
	if (result.kind === 'syntax-error' || result.kind === 'runtime-error') {
		const text = problemText(result);
		expect(plainTextProblem(text, MESSAGE_LIMIT), JSON.stringify(text)).toBeNull();
		if (result.line !== undefined) expect(result.line).toBeGreaterThanOrEqual(1);
		return;
	}
	if (result.kind === 'crashed') expect(plainTextProblem(result.message, MESSAGE_LIMIT)).toBeNull();
}

describe('the code cell under hostile input', () => {
	it('answers every program with a result, messages short and plain, never throwing', () => {
		fc.assert(
			fc.property(program, ({ kind, text }) => {
				tally.add(kind);
				const result = runProgram(text, READ_NAMES);
				tally.outcome(result.kind);
				checkShown(result);
			}),
			{ seed: SEED, numRuns: 2000 }
		);
	}, 120_000);

	it('says something even when what was thrown cannot be read', () => {
		const traps = [
			'throw Object.create(Error.prototype, { message: { get() { throw 1; } } });',
			'throw { toString() { throw 1; } };',
			'throw new Error("a\\u202eb\\nc\\u0000".repeat(100));'
		];
		for (const text of traps) {
			tally.add('markup');
			const result = runProgram(text, READ_NAMES);
			expect(result.kind).toBe('runtime-error');
			checkShown(result);
		}
		expect(runProgram(traps[2], [])).toMatchObject({
			message: expect.stringMatching(/^Error: aU\+202Eb cU\+0000aU\+202Eb.*…$/)
		});
	});

	it('keeps the forward pass in step with any slider values, and leaves other lines alone', () => {
		const extreme = fc.constantFrom(0, -0, 5e-324, -1e-300, 1e308, -3, 3, 0.1 + 0.2);
		fc.assert(
			fc.property(
				fc.record(
					Object.fromEntries(INPUTS.map((n) => [n, extreme])) as Record<
						keyof Inputs,
						fc.Arbitrary<number>
					>
				),
				hostile(),
				(values, noise) => {
					tally.add(noise.kind);
					const code = `${noise.text}\n${template}`;
					const synced = withValues(code, values);
					expect(synced.startsWith(noise.text)).toBe(true);
					const result = runProgram(`${withValues(solution, values)}`, READ_NAMES);
					if (result.kind !== 'done') throw new Error(result.kind);
					for (const name of INPUTS)
						expect(result.values[name], name).toEqual({
							kind: 'number',
							value: values[name] === 0 ? 0 : values[name]
						});
				}
			),
			{ seed: SEED, numRuns: 300 }
		);
	}, 120_000);

	it('runs hostile programs in real worker threads: loops stop at the limit, the next run works', async () => {
		const runner = new ExerciseRunner(threadWorker, 400);
		try {
			const loops = [
				'while (true) {}',
				'for (;;) { Math.random(); }',
				'const f = () => f(); try { f(); } catch { while (true); }',
				'let s = ""; while (true) s += "x".repeat(1000);'
			];
			const pieces = Object.entries(PIECES).flatMap(([kind, texts]) =>
				texts.slice(0, 4).map((text) => ({ kind: kind as Hostile['kind'], text }))
			);
			const programs: Hostile[] = [
				...loops.map((text) => ({ kind: 'mixed' as const, text })),
				...pieces,
				...pieces.map(({ kind, text }) => ({
					kind,
					text: `${solution}\nconst dL_dz = ${JSON.stringify(text)};`
				})),
				{ kind: 'mixed', text: 'postMessage({ id: 1, result: { kind: "done", values: {} } });' },
				{ kind: 'mixed', text: 'globalThis.onmessage = null; const dL_dv = 1;' },
				{ kind: 'long', text: `const dL_dv = ${'1+'.repeat(50_000)}1;` }
			];
			for (const { kind, text } of programs) {
				threads.add(kind);
				const outcome = await runner.run(text, READ_NAMES);
				threads.outcome(outcome.kind);
				expect(['done', 'syntax-error', 'runtime-error', 'timeout']).toContain(outcome.kind);
				checkShown(outcome);
				if (loops.includes(text)) expect(outcome).toEqual({ kind: 'timeout', ms: 400 });
			}
			const last = await runner.run(solution, READ_NAMES);
			if (last.kind !== 'done') throw new Error(last.kind);
			expect(gradeRun(last.values, TARGETS, expected, sliders).graded.map((g) => g.status)).toEqual(
				TARGETS.map(() => 'right')
			);
		} finally {
			runner.dispose();
		}
	}, 120_000);
});
