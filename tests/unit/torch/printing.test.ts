import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorText, runProgram } from '$lib/torch';
import { programSource } from '../../support/programs';

/**
 * What real PyTorch 1.13 printed (tests/reference/torch-printing.json, made by
 * scripts/reference/torch_printing.py) against what our interpreter prints for the same text.
 */

interface Snippet {
	name: string;
	source: string;
	printed: string;
	error: { type: string; message: string; line: number } | null;
}

const reference = JSON.parse(readFileSync('tests/reference/torch-printing.json', 'utf8')) as {
	programs: { name: string; printed: string }[];
	snippets: Snippet[];
	expressions: Snippet[];
};

// A snippet that only prints has no loss to draw, which the page needs: give it one.
const ROOT = '\n_root = torch.tensor(0.0)\n';

function printedText(lines: { text: string; kind: string }[]): string {
	return lines
		.filter((l) => l.kind === 'print')
		.map((l) => `${l.text}\n`)
		.join('');
}

describe('reference programs print what PyTorch printed', () => {
	it.each(reference.programs.map((p) => [p.name, p] as const))(
		'%s',
		(name, p) => {
			const result = runProgram(programSource(`${name}.py`));
			if (!result.ok) throw new Error(errorText(result));
			expect(printedText(result.printed)).toBe(p.printed);
			expect(result.asserts.every((a) => a.passed)).toBe(true);
		},
		30_000
	);
});

describe('snippets print what PyTorch printed', () => {
	const ok = reference.snippets.filter((s) => !s.error);
	it.each(ok.map((s) => [s.name, s] as const))('%s', (_name, s) => {
		const result = runProgram(s.source + ROOT);
		if (!result.ok) throw new Error(errorText(result));
		expect(printedText(result.printed)).toBe(s.printed);
	});
});

describe('snippets that raise give the same message, at the same line', () => {
	const failing = reference.snippets.filter((s) => s.error);
	it.each(failing.map((s) => [s.name, s] as const))('%s', (_name, s) => {
		const result = runProgram(s.source + ROOT);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.message.endsWith(s.error!.message)).toBe(true);
		expect(result.line).toBe(s.error!.line);
		expect(printedText(result.printed)).toBe(s.printed);
	});
});

describe('random arithmetic prints what Python printed, or raises what Python raised', () => {
	it.each(reference.expressions.map((s) => [s.source.split('\n')[2], s] as const))(
		'%s',
		(_name, s) => {
			const result = runProgram(s.source + ROOT);
			if (s.error) {
				expect(result.ok).toBe(false);
				if (result.ok) return;
				expect(result.message).toBe(s.error.message);
				expect(result.line).toBe(s.error.line);
			} else {
				if (!result.ok) throw new Error(errorText(result));
				expect(printedText(result.printed)).toBe(s.printed);
			}
		}
	);
});
