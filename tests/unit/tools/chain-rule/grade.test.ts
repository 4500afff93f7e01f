import { describe, expect, it } from 'vitest';
import {
	exerciseSolution,
	exerciseTemplate,
	READ_NAMES,
	TARGETS,
	type Inputs
} from '$lib/tools/chain-rule/exercise';
import {
	firstOpen,
	firstWrong,
	gradeRun,
	isClose,
	lineText,
	mismatchText,
	problemText,
	roundsTo,
	summaryText
} from '$lib/tools/chain-rule/grade';
import { runProgram } from '$lib/tools/chain-rule/run';
import { TEXTBOOK_VALUES } from '$lib/graphs/textbook';
import { engineGradients, engineTerms } from './support';

const SETTINGS: Inputs[] = [
	{ ...TEXTBOOK_VALUES },
	{ x1: -1.5, x2: 2, w1: 0.73, w2: -1.2, v: -2.4, y: 0.25 },
	{ x1: 1, x2: 0, w1: 0, w2: 3, v: 1, y: 1 }
];

/** Runs a program and grades it against the engine at `values`. */
function check(code: string, values: Inputs = { ...TEXTBOOK_VALUES }) {
	const result = runProgram(code, READ_NAMES);
	if (result.kind !== 'done') throw new Error(`${result.kind}: ${result.message}`);
	return gradeRun(result.values, TARGETS, engineGradients(values), values, engineTerms(values));
}

const statuses = (report: ReturnType<typeof check>) =>
	Object.fromEntries(report.graded.map((g) => [g.name, g.status]));

describe('grading the learner’s program', () => {
	it('grades the solution right at the chapter’s values and two other settings', () => {
		for (const values of SETTINGS) {
			const report = check(exerciseSolution(values), values);
			expect(report.graded.map((g) => g.status)).toEqual(Array(6).fill('right'));
			expect(report.inputs).toEqual([]);
		}
	});

	it('grades the chapter’s numbers against the engine: ∂L/∂w₂ = −0.0825570', () => {
		const report = check(exerciseSolution(TEXTBOOK_VALUES));
		const w2 = report.graded.find((g) => g.name === 'dL_dw2')!;
		expect(w2.node).toBe('w2');
		expect(w2.expected).toBeCloseTo(-0.082557, 6);
	});

	it('marks exactly the wrong line wrong, with what was expected and what came out', () => {
		// A sign slip in ∂L/∂ŷ would make every later gradient wrong too; this one slips only ∂L/∂v.
		const code = exerciseSolution(TEXTBOOK_VALUES).replace(
			'const dL_dv = dL_dyhat * h;',
			'const dL_dv = dL_dyhat * v;'
		);
		const report = check(code);
		expect(statuses(report)).toEqual({
			dL_dyhat: 'right',
			dL_dv: 'wrong',
			dL_dh: 'right',
			dL_dz: 'right',
			dL_dw1: 'right',
			dL_dw2: 'right'
		});
		const v = report.graded[1];
		expect(v.got).toEqual({ kind: 'number', value: expect.closeTo(-0.9309 * 0.8, 4) });
		expect(v.expected).toBeCloseTo(-0.622, 3);
	});

	it('names the gradients not written yet as missing', () => {
		const code = exerciseTemplate(TEXTBOOK_VALUES)
			.replace('const dL_dyhat = undefined;', 'const dL_dyhat = 2 * (yhat - y);')
			.replace(/^const dL_dw2 = .*$/m, '');
		const report = check(code);
		expect(statuses(report)).toEqual({
			dL_dyhat: 'right',
			dL_dv: 'missing',
			dL_dh: 'missing',
			dL_dz: 'missing',
			dL_dw1: 'missing',
			dL_dw2: 'missing'
		});
	});

	it('grades a value that is not a number wrong, and NaN wrong', () => {
		const code = exerciseSolution(TEXTBOOK_VALUES)
			.replace('const dL_dv = dL_dyhat * h;', 'const dL_dv = "-0.6220";')
			.replace('const dL_dw1 = dL_dz * x1;', 'const dL_dw1 = dL_dz * xl;\nvar xl;');
		const report = check(code);
		expect(statuses(report)).toMatchObject({ dL_dv: 'wrong', dL_dw1: 'wrong', dL_dz: 'right' });
		expect(report.graded[1].got).toEqual({ kind: 'other', text: '"-0.6220"' });
		expect(report.graded[4].got).toEqual({ kind: 'number', value: NaN });
	});

	it('says which inputs of the program differ from the sliders', () => {
		const code = exerciseSolution(TEXTBOOK_VALUES).replace('const w1 = 0.4;', 'const w1 = 0.5;');
		const report = check(code);
		expect(report.inputs).toEqual([
			{ name: 'w1', slider: 0.4, got: { kind: 'number', value: 0.5 } }
		]);
		// Every gradient moves with w1; ∂z/∂w₁ = x₁ is still applied rightly to the learner's ∂L/∂z.
		expect(statuses(report)).toMatchObject({
			dL_dyhat: 'wrong',
			dL_dz: 'wrong',
			dL_dw1: 'carried'
		});
	});
});

describe('error carried forward', () => {
	// The program: the factor 2 is missing from ∂L/∂ŷ, every later line is right.
	const missingTwo = () =>
		check(
			exerciseSolution(TEXTBOOK_VALUES).replace(
				'const dL_dyhat = 2 * (yhat - y);',
				'const dL_dyhat = (yhat - y);'
			)
		);

	it('grades each later line by the learner’s own upstream number', () => {
		const report = missingTwo();
		expect(statuses(report)).toEqual({
			dL_dyhat: 'wrong',
			dL_dv: 'carried',
			dL_dh: 'carried',
			dL_dz: 'carried',
			dL_dw1: 'carried',
			dL_dw2: 'carried'
		});
		const [yhat, v, , z] = report.graded;
		expect(yhat.given).toEqual([]);
		expect(v.given).toEqual(['dL_dyhat']);
		expect(z.given).toEqual(['dL_dh']);
		// what the right rule gives with the learner's ∂L/∂ŷ = ŷ − y = −0.4654…
		expect(v.expectedGiven).toBeCloseTo(-0.311, 4);
		expect(v.expected).toBeCloseTo(-0.622, 3);
	});

	it('says so line by line and names the first wrong line to fix', () => {
		const report = missingTwo();
		const [yhat, v] = report.graded;
		expect(lineText(v)).toBe('= −0.3110, right, given your dL_dyhat');
		expect(lineText(yhat)).toBe('wrong: expected −0.9309, got −0.4654');
		expect(firstWrong(report.graded)?.name).toBe('dL_dyhat');
		expect(summaryText(report.graded)).toBe(
			'0 of 6 right, 5 right given your earlier lines. Fix dL_dyhat first: the lines after it use its number.'
		);
		expect(firstOpen(TARGETS, report.graded)?.name).toBe('dL_dyhat');
	});

	it('marks a line wrong that applies the wrong rule to a wrong upstream number', () => {
		const code = exerciseSolution(TEXTBOOK_VALUES)
			.replace('const dL_dyhat = 2 * (yhat - y);', 'const dL_dyhat = (yhat - y);')
			.replace('const dL_dz = dL_dh * h * (1 - h);', 'const dL_dz = dL_dh * h;');
		const report = check(code);
		expect(statuses(report)).toMatchObject({
			dL_dyhat: 'wrong',
			dL_dh: 'carried',
			dL_dz: 'wrong',
			dL_dw1: 'carried'
		});
		const z = report.graded[3];
		expect(z.given).toEqual(['dL_dh']);
		// the learner's ∂L/∂h is half the engine's, so the right rule gives half of −0.1651
		expect(lineText(z)).toBe('wrong: expected −0.0826 from your dL_dh, got −0.2488');
		expect(firstWrong(report.graded)?.name).toBe('dL_dyhat');
		expect(summaryText(report.graded)).toMatch(/^0 of 6 right, 4 right given your earlier lines\./);
	});

	it('does not carry a right upstream forward: a wrong rule under it is just wrong', () => {
		const code = exerciseSolution(TEXTBOOK_VALUES).replace(
			'const dL_dz = dL_dh * h * (1 - h);',
			'const dL_dz = dL_dh * h;'
		);
		const report = check(code);
		expect(statuses(report)).toMatchObject({ dL_dh: 'right', dL_dz: 'wrong', dL_dw1: 'carried' });
		expect(report.graded[3].expectedGiven).toBeUndefined();
		expect(lineText(report.graded[3])).toBe('wrong: expected −0.1651, got −0.4976');
		expect(summaryText(report.graded)).toBe(
			'3 of 6 right, 2 right given your earlier lines. Fix dL_dz first: the lines after it use its number.'
		);
	});

	it('sums the terms of a node used twice, each with the learner’s own gradient', () => {
		// s = a·a style fan-out in miniature: a node with two consumers, one the learner got wrong.
		const targets = [
			{ name: 'dL_dp', node: 'p' },
			{ name: 'dL_dq', node: 'q' },
			{ name: 'dL_da', node: 'a' }
		];
		const terms = {
			dL_dp: [{ upstream: null, grad: 1, partial: 2 }],
			dL_dq: [{ upstream: null, grad: 1, partial: 3 }],
			dL_da: [
				{ upstream: 'dL_dp', grad: 2, partial: 5 },
				{ upstream: 'dL_dq', grad: 3, partial: 7 }
			]
		};
		const number = (value: number) => ({ kind: 'number' as const, value });
		const report = gradeRun(
			{ dL_dp: number(2), dL_dq: number(4), dL_da: number(2 * 5 + 4 * 7) },
			targets,
			{ dL_dp: 2, dL_dq: 3, dL_da: 2 * 5 + 3 * 7 },
			{},
			terms
		);
		expect(report.graded.map((g) => g.status)).toEqual(['right', 'wrong', 'carried']);
		expect(report.graded[2].given).toEqual(['dL_dq']);
	});
});

describe('numbers typed as the graph rounds them', () => {
	it('takes the graph’s rounded numbers as right, and says so', () => {
		const code = exerciseSolution(TEXTBOOK_VALUES).replace(
			'const dL_dh = dL_dyhat * v;',
			'const dL_dh = -0.7447;'
		);
		const report = check(code);
		const h = report.graded[2];
		expect(h.status).toBe('right');
		expect(h.rounded).toBe(true);
		expect(lineText(h)).toBe('= −0.7447, right (taken as rounded)');
		// the exact solution is not "rounded"
		expect(check(exerciseSolution(TEXTBOOK_VALUES)).graded.every((g) => !g.rounded)).toBe(true);
		expect(summaryText(report.graded)).toMatch(/^6 of 6 right/);
		// The lines after it are computed from the rounded number: right, and not typed rounded.
		expect(report.graded.slice(3).map((g) => [g.status, g.rounded])).toEqual([
			['right', false],
			['right', false],
			['right', false]
		]);
	});

	it('rounds as the graph does, and no further', () => {
		expect(roundsTo(-0.7447, -0.7447196516)).toBe(true);
		expect(roundsTo(-0.74475, -0.7447196516)).toBe(false);
		expect(roundsTo(-0.745, -0.7447196516)).toBe(false);
		expect(roundsTo(NaN, NaN)).toBe(false);
		const typed = check(
			exerciseSolution(TEXTBOOK_VALUES).replace(
				'const dL_dh = dL_dyhat * v;',
				'const dL_dh = -0.745;'
			)
		);
		expect(typed.graded[2].status).toBe('wrong');
	});
});

describe('isClose', () => {
	it('accepts a relative error of 1e-6 and not 1e-5', () => {
		expect(isClose(-0.082557 * (1 + 9e-7), -0.082557)).toBe(true);
		expect(isClose(-0.082557 * (1 + 1e-5), -0.082557)).toBe(false);
		expect(isClose(-0.0826, -0.082557)).toBe(false);
	});

	it('accepts rounding noise around an exact zero, and only equal non-finite numbers', () => {
		expect(isClose(1e-17, 0)).toBe(true);
		expect(isClose(1e-9, 0)).toBe(false);
		expect(isClose(NaN, NaN)).toBe(true);
		expect(isClose(Infinity, Infinity)).toBe(true);
		expect(isClose(1, NaN)).toBe(false);
		expect(isClose(NaN, 1)).toBe(false);
	});
});

describe('texts', () => {
	it('writes expected and got as the graph does, with more digits when those look alike', () => {
		expect(mismatchText(-0.622, { kind: 'number', value: 0.622 })).toEqual({
			expected: '−0.6220',
			got: '0.6220'
		});
		expect(mismatchText(-0.62201, { kind: 'number', value: -0.62204 })).toEqual({
			expected: '−0.6220100000',
			got: '−0.6220400000'
		});
		expect(mismatchText(1, { kind: 'other', text: '"1"' }).got).toBe('"1"');
	});

	it('picks the hint for the first gradient that is not right yet', () => {
		expect(firstOpen(TARGETS, null)?.name).toBe('dL_dyhat');
		const report = check(
			exerciseTemplate(TEXTBOOK_VALUES).replace(
				'const dL_dyhat = undefined;',
				'const dL_dyhat = 2 * (yhat - y);'
			)
		);
		expect(firstOpen(TARGETS, report.graded)?.name).toBe('dL_dv');
		expect(firstOpen(TARGETS, check(exerciseSolution(TEXTBOOK_VALUES)).graded)).toBeUndefined();
	});

	it('says where the code could not be read or stopped', () => {
		expect(
			problemText({ kind: 'syntax-error', message: 'SyntaxError: Unexpected token', line: 3 })
		).toBe('The code cannot be read on line 3: SyntaxError: Unexpected token');
		expect(problemText({ kind: 'runtime-error', message: 'Uncaught 1' })).toBe(
			'The code stopped with an error: Uncaught 1'
		);
	});
});
