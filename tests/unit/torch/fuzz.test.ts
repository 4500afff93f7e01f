import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runProgram } from '$lib/torch';
import { hostile, plainTextProblem, SEED, Tally } from '../fuzz/hostile';
import { programSource } from '../../support/programs';

/**
 * runProgram on random and mutated programs: it never throws, and always gives a result or a
 * ProgramError whose position is inside the program and whose message is short printable text
 * (never an "internal error", which would be a bug of ours).
 */

const MESSAGE_LIMIT = 300;
const tally = new Tally();
afterAll(() => console.log(tally.summary('PyTorch code')));

const REFERENCE = ['chapter', 'mlp_batch', 'cross_entropy'].map((name) =>
	programSource(`${name}.py`)
);

// The subset's own words, and some from outside it, so random mixes reach deep into the parser.
const TOKENS = [
	'import torch\n',
	'import math\n',
	'import torch.nn.functional as F\n',
	'torch.tensor(',
	'torch.zeros(',
	'torch.arange(',
	'F.cross_entropy(',
	'requires_grad=True',
	'dtype=torch.long',
	'.backward()',
	'.grad',
	'.item()',
	'.sum(dim=0)',
	'.reshape(2, -1)',
	'.T',
	'[0]',
	'[1, 0]',
	'x',
	'w',
	'loss',
	'__proto__',
	'constructor',
	' = ',
	' + ',
	' * ',
	' @ ',
	' ** ',
	' // ',
	' % ',
	'-',
	'(',
	')',
	'[',
	']',
	'{',
	'}',
	',',
	':',
	'\n',
	'    ',
	'\\\n',
	'#',
	'"',
	"'",
	'"""',
	'f"{',
	'}"',
	'{x:.4f}',
	'print(',
	'assert ',
	'math.isclose(',
	'for ',
	'def ',
	'lambda ',
	'1.5',
	'2',
	'10**9',
	'1e308',
	'0x10',
	'1_000',
	'True',
	'None'
];

function checkResult(source: string): void {
	let result: ReturnType<typeof runProgram>;
	try {
		result = runProgram(source);
	} catch (e) {
		throw new Error(`runProgram threw on ${JSON.stringify(source.slice(0, 200))}`, { cause: e });
	}
	if (result.ok) {
		tally.outcome('ran');
		expect(result.root).toBeDefined();
		return;
	}
	tally.outcome('refused');
	const lines = source.split('\n');
	expect(result.message).not.toMatch(/^internal error/);
	expect(plainTextProblem(result.message, MESSAGE_LIMIT)).toBeNull();
	expect(result.line).toBeGreaterThanOrEqual(1);
	expect(result.line).toBeLessThanOrEqual(lines.length);
	expect(result.column).toBeGreaterThanOrEqual(1);
	expect(result.column).toBeLessThanOrEqual(lines[result.line - 1].length + 1);
}

/** A reference program with a few characters or tokens deleted, repeated or replaced. */
const mutated = fc
	.tuple(
		fc.constantFrom(...REFERENCE),
		fc.array(
			fc.tuple(
				fc.nat(),
				fc.constantFrom('delete', 'insert', 'duplicate'),
				fc.nat({ max: 12 }),
				fc.constantFrom(...TOKENS)
			),
			{ minLength: 1, maxLength: 4 }
		)
	)
	.map(([source, edits]) => {
		let text = source;
		for (const [at, kind, length, token] of edits) {
			const i = at % (text.length + 1);
			if (kind === 'delete') text = text.slice(0, i) + text.slice(i + length);
			else if (kind === 'insert') text = text.slice(0, i) + token + text.slice(i);
			else text = text.slice(0, i) + text.slice(i, i + length).repeat(2) + text.slice(i + length);
		}
		return text;
	});

describe('runProgram on hostile input', () => {
	it('never throws, and places every error inside the program', () => {
		fc.assert(
			fc.property(hostile(TOKENS), (input) => {
				tally.add(input.kind);
				checkResult(input.text);
			}),
			{ seed: SEED, numRuns: 400 }
		);
	}, 60_000);

	it('does the same for mutated reference programs', () => {
		fc.assert(
			fc.property(mutated, (source) => {
				tally.add('mixed');
				checkResult(source);
			}),
			{ seed: SEED, numRuns: 400 }
		);
	}, 60_000);

	it('does the same for random token soups after the imports', () => {
		const soup = fc
			.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 30 })
			.map((parts) => `import torch\nimport math\n${parts.join('')}`);
		fc.assert(
			fc.property(soup, (source) => {
				tally.add('mixed');
				checkResult(source);
			}),
			{ seed: SEED, numRuns: 400 }
		);
	}, 60_000);

	it('refuses deep nesting with a message, not a stack overflow', () => {
		for (const source of [
			`x = ${'('.repeat(5000)}1${')'.repeat(5000)}`,
			`x = ${'-'.repeat(5000)}1`,
			`x = 1${' ** 1'.repeat(3000)}`,
			`x = ${'['.repeat(3000)}${']'.repeat(3000)}`,
			`x = f"{${'('.repeat(500)}1${')'.repeat(500)}}"`,
			`import torch\nx = torch.tensor(1.0)${'.exp()'.repeat(400)}`
		]) {
			checkResult(source);
			expect(runProgram(source).ok).toBe(false);
		}
	});
});
