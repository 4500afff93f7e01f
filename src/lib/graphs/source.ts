import type { Value } from '$lib/engine';
import { presetById } from './presets';
import { buildProgram, type ProgramError } from './program';

/** Where the graph on screen comes from: what a shared link needs to rebuild it. */
export type GraphSource = { kind: 'preset'; id: string } | { kind: 'expression'; text: string };

export const DEFAULT_SOURCE: GraphSource = { kind: 'preset', id: 'textbook' };

export type Built = { ok: true; root: Value } | { ok: false; error: ProgramError };

/** A fresh graph from a source; a message (never an exception) when it cannot be built. */
export function buildSource(source: GraphSource): Built {
	if (source.kind === 'expression') {
		const program = buildProgram(source.text);
		return program.ok ? { ok: true, root: program.root } : program;
	}
	const preset = presetById(source.id);
	if (!preset) return { ok: false, error: { message: `there is no preset '${source.id}'` } };
	return { ok: true, root: preset.build() };
}

export function sameSource(a: GraphSource, b: GraphSource): boolean {
	return a.kind === 'preset'
		? b.kind === 'preset' && a.id === b.id
		: b.kind === 'expression' && a.text === b.text;
}
