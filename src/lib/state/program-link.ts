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
	for (const [id, x] of program.moved(MAX_LINKED_ELEMENTS)) params.set(id, String(x));
	if (program.player.position !== program.steps.length)
		params.set('step', String(program.player.position));
	if (settings.theme !== 'system') params.set('theme', settings.theme);
	return params.toString();
}

/** A program link's element values and step, applied to the program just built from it. */
export function restoreProgramView(params: URLSearchParams, program: TensorProgram): string[] {
	const problems: string[] = [];
	const values: Record<string, number> = {};
	const ids = new Set(program.parameters.map((p) => p.id));
	for (const [key, text] of params) {
		if (key === 'code' || key === 'step' || key === 'theme') continue;
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
