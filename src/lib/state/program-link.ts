import { decodeCode } from './code-link';
import type { Settings } from './settings.svelte';
import type { TensorProgram } from './tensor-session.svelte';

/** At most this many changed tensor elements go into a link; the program itself holds the rest. */
const MAX_LINKED_ELEMENTS = 50;

/**
 * A program's view as a query: its code (see code-link.ts), the elements moved away from the
 * program's own values (`w[0]=0.9`), the step when not at the end, and the theme.
 */
export function programQuery(program: TensorProgram, code: string, settings: Settings): string {
	const params = new URLSearchParams({ code });
	let linked = 0;
	program.parameters.forEach((p, i) => {
		const x = program.sliderValue(i);
		if (x !== p.initial && linked++ < MAX_LINKED_ELEMENTS) params.set(p.id, String(x));
	});
	if (program.player.position !== program.steps.length)
		params.set('step', String(program.player.position));
	if (settings.theme !== 'system') params.set('theme', settings.theme);
	return params.toString();
}

/** What a program's link says besides its elements' values (code= or program=, step=, theme=). */
const LINK_KEYS = new Set(['code', 'program', 'step', 'theme']);

/** A program link's element values and step, applied to the program just built from it. */
export function restoreProgramView(params: URLSearchParams, program: TensorProgram): string[] {
	const problems: string[] = [];
	const values: Record<string, number> = {};
	const ids = new Set(program.parameters.map((p) => p.id));
	for (const [key, text] of params) {
		if (LINK_KEYS.has(key)) continue;
		const x = Number(text);
		if (!ids.has(key)) problems.push(`there is no slider ${key}`);
		else if (!Number.isFinite(x)) problems.push(`${key}=${text} is not a number`);
		else values[key] = x;
	}
	if (Object.keys(values).length > 0) program.setMany(values);
	const step = params.get('step');
	if (step !== null) {
		const k = Number(step);
		if (Number.isInteger(k) && k >= 0 && k <= program.steps.length) program.player.seek(k);
		else problems.push(`step=${step} is not a step of this program`);
	}
	return problems;
}

/** The program a link holds: `code=` (packed, as the app writes it) or `program=` (plain text). */
export async function programInLink(
	params: URLSearchParams
): Promise<{ ok: true; source: string } | { ok: false; message: string } | null> {
	const code = params.get('code');
	if (code !== null) return decodeCode(code);
	const source = params.get('program');
	// The interpreter refuses an empty or too long program with its own message.
	return source === null ? null : { ok: true, source };
}

/** A query without the keys in `own` (what only one page reads, as an embed's show=). */
export function paramsWithout(search: string, own: readonly string[]): URLSearchParams {
	return new URLSearchParams(
		[...new URLSearchParams(search)].filter(([key]) => !own.includes(key))
	);
}
