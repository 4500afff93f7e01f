import { describe, expect, it } from 'vitest';
import { exerciseSolution, exerciseTemplate, READ_NAMES } from '$lib/tools/chain-rule/exercise';
import { runProgram, serve } from '$lib/tools/chain-rule/run';
import { TEXTBOOK_VALUES } from '$lib/graphs/textbook';

describe('runProgram', () => {
	it('reads the named top-level values of a program', () => {
		const result = runProgram('const a = 2;\nlet b = a * 3;\nvar c = "x";', ['a', 'b', 'c']);
		expect(result).toEqual({
			kind: 'done',
			values: {
				a: { kind: 'number', value: 2 },
				b: { kind: 'number', value: 6 },
				c: { kind: 'other', text: '"x"' }
			}
		});
	});

	it('reads undeclared names and names left undefined as missing', () => {
		const result = runProgram('const a = undefined;', ['a', 'b']);
		expect(result).toEqual({
			kind: 'done',
			values: { a: { kind: 'missing' }, b: { kind: 'missing' } }
		});
	});

	it('describes values that are not numbers as text, cut short', () => {
		const result = runProgram(
			'const f = () => 1;\nconst s = "a".repeat(200);\nconst o = Object.create(null);',
			['f', 's', 'o']
		);
		if (result.kind !== 'done') throw new Error(result.kind);
		expect(result.values.f).toEqual({ kind: 'other', text: '() => 1' });
		const s = result.values.s;
		expect(s.kind === 'other' && s.text.length).toBe(60);
		expect(result.values.o).toEqual({ kind: 'other', text: 'a object' });
	});

	it('reports a syntax error with its line and column, as the learner counts them', () => {
		const result = runProgram('const a = 1;\nconst b = ;\n', ['a']);
		expect(result).toEqual({
			kind: 'syntax-error',
			message: 'SyntaxError: Unexpected token',
			line: 2,
			column: 11
		});
	});

	it('treats a top-level return as a syntax error (the program is not a function)', () => {
		const result = runProgram('const a = 1;\n\nreturn 5;', ['a']);
		expect(result).toMatchObject({ kind: 'syntax-error', line: 3 });
	});

	it('reports a runtime error with its line, also inside a function the program defines', () => {
		expect(runProgram('const a = 1;\nconst b = c + 1;', ['a'])).toEqual({
			kind: 'runtime-error',
			message: 'ReferenceError: c is not defined',
			line: 2
		});
		const nested = runProgram('const f = (o) =>\n  o.x;\n\n\nconst a = f(null);', ['a']);
		expect(nested).toMatchObject({ kind: 'runtime-error', line: 2 });
		expect(runProgram('throw "no";', [])).toEqual({
			kind: 'runtime-error',
			message: 'Uncaught no',
			line: undefined
		});
	});

	it('refuses to read something that is not a name', () => {
		expect(runProgram('', ['a; b'])).toMatchObject({ kind: 'runtime-error' });
	});

	it('runs the template (every gradient missing) and the solution (every gradient a number)', () => {
		const blank = runProgram(exerciseTemplate(TEXTBOOK_VALUES), READ_NAMES);
		const solved = runProgram(exerciseSolution(TEXTBOOK_VALUES), READ_NAMES);
		if (blank.kind !== 'done' || solved.kind !== 'done') throw new Error('did not run');
		expect(blank.values.dL_dw2).toEqual({ kind: 'missing' });
		expect(blank.values.w1).toEqual({ kind: 'number', value: 0.4 });
		expect(solved.values.dL_dw2.kind).toBe('number');
	});
});

describe('serve', () => {
	it('says it is ready, then answers each request with its id', () => {
		const posted: unknown[] = [];
		const handle = serve((m) => posted.push(m));
		handle({ id: 7, code: 'const a = 1;', names: ['a'] });
		expect(posted).toEqual([
			{ kind: 'ready' },
			{ id: 7, result: { kind: 'done', values: { a: { kind: 'number', value: 1 } } } }
		]);
	});
});
