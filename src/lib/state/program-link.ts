import { decodeCode } from './code-link';
import type { Settings } from './settings.svelte';
import type { TensorProgram } from './tensor-session.svelte';
import {
	decodeView,
	encodeView,
	type Decoded,
	type ParameterSpec,
	type ViewState
} from './url-state';

/**
 * A PyTorch program's view as a link: `code=` (the program, see code-link.ts) and then what the
 * scalar link says, read and written by the same functions (url-state.ts), so the rules are the
 * same: the elements moved away from the program's own values (`w[0]=0.9`, `W1[0,1]=-1.5`), the
 * step when not at the end, quiz, presenter mode and theme. Element values are clamped into
 * their slider's range, and whatever is not understood is named in a note.
 */
export interface ProgramView {
	values: Record<string, number>;
	step: number;
	presenter: boolean;
	sliders: boolean;
	theme: ViewState['theme'];
	quiz: boolean;
	/** the quiz's new numbers came from this seed */
	seed?: number;
}

export interface ProgramDefaults {
	/** every slider's starting value (the program's own, or what the seed drew) */
	values: Record<string, number>;
	/** how many steps the timeline has: the page opens at the end */
	steps: number;
}

/** The program's link: `code=…` first, then only what differs from a freshly built program. */
export function encodeProgramView(
	code: string,
	view: ProgramView,
	defaults: ProgramDefaults
): string {
	const rest = encodeView(
		{ ...view, view: 'named', graph: { kind: 'preset', id: 'textbook' } },
		defaults
	);
	const codeParam = new URLSearchParams({ code }).toString();
	return rest ? `${codeParam}&${rest}` : codeParam;
}

/** What a program link says besides its code, checked against the built program's sliders. */
export function decodeProgramView(
	params: URLSearchParams,
	parameters: readonly ParameterSpec[],
	steps: number
): Decoded<Omit<ProgramView, 'step'> & { step?: number }> {
	// Presets, expressions and the scalar views belong to scalar graphs.
	const own = new URLSearchParams(
		[...params].filter(([key]) => !['code', 'program', 'view'].includes(key))
	);
	const { value, problems } = decodeView(own, parameters, steps);
	for (const key of ['preset', 'expr', 'view'])
		if (params.has(key)) problems.push(`${key}= does not apply to PyTorch code`);
	return {
		value: {
			values: value.values,
			step: value.step,
			presenter: value.presenter,
			sliders: value.sliders,
			theme: value.theme,
			quiz: value.quiz === true,
			seed: value.seed
		},
		problems
	};
}

/** The program on screen as a link (reading it inside an effect tracks every part). */
export function programQuery(program: TensorProgram, code: string, settings: Settings): string {
	const seeded = program.quiz.seeded;
	// Without new numbers only the moved elements can differ from a fresh build: read just those
	// (the big classifier has 34,186 sliders and the link follows every drag).
	const values = seeded
		? Object.fromEntries(program.parameters.map((p, i) => [p.id, program.sliderValue(i)]))
		: Object.fromEntries(program.moved(Infinity));
	return encodeProgramView(
		code,
		{
			values,
			step: program.player.position,
			presenter: settings.presenter,
			sliders: settings.sliders,
			theme: settings.theme,
			quiz: program.quiz.on,
			seed: program.quiz.seed
		},
		{ values: seeded ?? {}, steps: program.steps.length }
	);
}

/** Applies a program link to the program just built from it; returns notes on what was not used. */
export function restoreProgramView(
	params: URLSearchParams,
	program: TensorProgram,
	settings: Settings
): string[] {
	const { value, problems } = decodeProgramView(params, program.parameters, program.steps.length);
	// A seed draws the quiz's numbers; values the link spells out win over them.
	if (value.seed !== undefined) program.quiz.useSeed(value.seed);
	if (Object.keys(value.values).length > 0) program.setMany(value.values);
	// The quiz starts from the beginning; a step in the link says where it was.
	if (value.quiz && !program.quiz.on) program.quiz.toggle();
	if (value.step !== undefined) program.player.seek(value.step);
	settings.presenter = value.presenter;
	settings.sliders = value.sliders;
	if (value.theme !== 'system') settings.theme = value.theme;
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
