import { describe, expect, it } from 'vitest';
import { buildSource, DEFAULT_SOURCE, sameSource } from '$lib/graphs/source';

describe('buildSource', () => {
	it('builds presets and expressions', () => {
		const preset = buildSource(DEFAULT_SOURCE);
		expect(preset.ok && preset.root.label).toBe('L');
		const expression = buildSource({ kind: 'expression', text: 'q = a*b' });
		expect(expression.ok && expression.root.label).toBe('q');
	});

	it('says what is wrong instead of throwing', () => {
		expect(buildSource({ kind: 'preset', id: 'nope' })).toEqual({
			ok: false,
			error: { message: "there is no preset 'nope'" }
		});
		expect(buildSource({ kind: 'expression', text: 'q = (a' })).toMatchObject({
			ok: false,
			error: { message: "missing ')' for '(' at column 5" }
		});
	});
});

describe('sameSource', () => {
	it('compares kind and id or text', () => {
		expect(sameSource({ kind: 'preset', id: 'mlp' }, { kind: 'preset', id: 'mlp' })).toBe(true);
		expect(sameSource({ kind: 'preset', id: 'mlp' }, { kind: 'preset', id: 'big-mlp' })).toBe(
			false
		);
		expect(
			sameSource({ kind: 'expression', text: 'a*b' }, { kind: 'expression', text: 'a*b' })
		).toBe(true);
		expect(sameSource({ kind: 'expression', text: 'mlp' }, { kind: 'preset', id: 'mlp' })).toBe(
			false
		);
	});
});
