import { describe, expect, it } from 'vitest';
import { exerciseTemplate, INPUTS, TARGETS, withValues } from '$lib/tools/chain-rule/exercise';
import { TEXTBOOK_VALUES } from '$lib/graphs/textbook';

describe('the exercise template', () => {
	it('writes the forward pass with the given values and one blank line per gradient', () => {
		const code = exerciseTemplate({ ...TEXTBOOK_VALUES, w1: 0.41000000000000003 });
		expect(code).toContain('const w1 = 0.41000000000000003;\n');
		expect(code).toContain('const L = (yhat - y) ** 2;\n');
		for (const t of TARGETS)
			expect(code).toContain(`const ${t.name} = undefined; // ${t.symbol}\n`);
		expect(INPUTS.every((name) => code.includes(`const ${name} = `))).toBe(true);
	});

	it('sets the input lines to new slider values and leaves everything else alone', () => {
		const code = exerciseTemplate(TEXTBOOK_VALUES)
			.replace('const x2 = 0.5;', 'const x2 = 0.5; // half')
			.replace('const y = 1;', 'const y = 2 - 1;');
		const moved = { ...TEXTBOOK_VALUES, x2: -2.5e-7, w1: 0.45, y: 3 };
		const synced = withValues(code, moved);
		expect(synced).toContain('const x2 = -2.5e-7; // half\n');
		expect(synced).toContain('const w1 = 0.45;\n');
		// rewritten by the learner: not a plain number any more, so not touched
		expect(synced).toContain('const y = 2 - 1;\n');
		expect(synced.split('\n').length).toBe(code.split('\n').length);
		expect(withValues(synced, moved)).toBe(synced);
		expect(withValues(code, TEXTBOOK_VALUES)).toBe(code);
	});
});
