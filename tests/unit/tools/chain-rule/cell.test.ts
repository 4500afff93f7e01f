import { describe, expect, it } from 'vitest';
import { TEXTBOOK_VALUES } from '$lib/graphs/textbook';
import { Workspace } from '$lib/state/workspace.svelte';
import { ChainRuleCell, checkMarks } from '$lib/tools/chain-rule/cell.svelte';
import { exerciseSolution, READ_NAMES, TARGETS } from '$lib/tools/chain-rule/exercise';
import { gradeRun } from '$lib/tools/chain-rule/grade';
import { runProgram } from '$lib/tools/chain-rule/run';
import { engineGradients, engineTerms } from './support';

describe('the chain-rule cell', () => {
	it('starts from the sliders’ values, with nothing run yet', () => {
		const { session } = new Workspace();
		session.explorer.set('w1', 0.25);
		const cell = new ChainRuleCell(session);
		expect(cell.fits).toBe(true);
		expect(cell.code).toContain('0.25');
		expect(cell.outcome).toBeNull();
	});

	it('undoes “Start over” until the learner edits again', () => {
		const cell = new ChainRuleCell(new Workspace().session);
		cell.code = 'const dL_dyhat = 1;';
		cell.startOver();
		expect(cell.code).not.toContain('dL_dyhat = 1;');
		expect(cell.undoable).toBe(true);
		cell.undoReset();
		expect(cell.code).toBe('const dL_dyhat = 1;');
		cell.startOver();
		cell.code += '\n// edited';
		expect(cell.undoable).toBe(false);
	});

	it('puts the solution for the sliders’ values in the editor', () => {
		const cell = new ChainRuleCell(new Workspace().session);
		cell.putSolution();
		expect(cell.code).toBe(exerciseSolution({ ...TEXTBOOK_VALUES }));
	});
});

describe('the graph’s marks for a run', () => {
	it('mark each right or wrong line on its node, and leave unwritten ones alone', () => {
		const values = { ...TEXTBOOK_VALUES };
		const code = exerciseSolution(values)
			.replace(/const dL_dw2 = [^;]+;/, 'const dL_dw2 = 5;')
			.replace(/const dL_dw1 = [^;]+;/, 'const dL_dw1 = undefined;');
		const result = runProgram(code, READ_NAMES);
		if (result.kind !== 'done') throw new Error(result.kind);
		const report = gradeRun(
			result.values,
			TARGETS,
			engineGradients(values),
			values,
			engineTerms(values)
		);
		const marks = checkMarks(report);
		const nodeOf = (name: string) => TARGETS.find((t) => t.name === name)!.node;
		expect(marks[nodeOf('dL_dw2')]).toMatchObject({ status: 'wrong', got: '5.0000' });
		expect(marks[nodeOf('dL_dv')]).toMatchObject({ status: 'right' });
		expect(marks[nodeOf('dL_dw1')]).toBeUndefined();
	});
});
