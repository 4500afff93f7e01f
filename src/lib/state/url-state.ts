import type { GraphSource } from '$lib/graphs/source';
import { clampToRange } from '$lib/input/number';

/**
 * The view as a link: parameter values, the timeline position, presenter mode, theme, and the
 * graph. Reading never trusts the URL: every value is checked, anything bad falls back to its
 * default, and each problem is reported as a short plain-text note (never markup).
 */
export type Theme = 'system' | 'light' | 'dark';

export interface ViewState {
	values: Record<string, number>;
	step: number | undefined;
	presenter: boolean;
	sliders: boolean;
	theme: Theme;
	view: 'named' | 'ops';
	graph: GraphSource;
	/** quiz mode on (`quiz=1`) */
	quiz?: boolean;
	/** the quiz's new numbers came from this seed (`seed=`) */
	seed?: number;
}

export type { GraphSource };

export interface ParameterSpec {
	id: string;
	min: number;
	max: number;
}

const RESERVED = new Set([
	'step',
	'mode',
	'theme',
	'sliders',
	'view',
	'preset',
	'expr',
	'quiz',
	'seed'
]);
/** Seeds are whole numbers from 1 to this (what the quiz's newSeed makes, with room). */
export const MAX_SEED = 2 ** 31 - 1;
export const MAX_EXPRESSION_LENGTH = 2000;
const MAX_NOTE_TEXT = 24;
/** A link with thousands of bad settings gets a few notes and a count, not thousands of notes. */
const MAX_NOTES = 12;

/** Encode for the address bar; defaults are left out so links stay short. */
export function encodeView(
	state: ViewState,
	defaults: { values: Record<string, number>; steps: number }
): string {
	const params = new URLSearchParams();
	if (state.graph.kind === 'preset' && state.graph.id !== 'textbook')
		params.set('preset', state.graph.id);
	if (state.graph.kind === 'expression') params.set('expr', state.graph.text);
	for (const [id, value] of Object.entries(state.values)) {
		if (defaults.values[id] !== value) params.set(id, String(value));
	}
	if (state.step !== undefined && state.step !== defaults.steps)
		params.set('step', String(state.step));
	if (state.view === 'ops') params.set('view', 'ops');
	if (state.presenter) params.set('mode', 'present');
	if (state.sliders) params.set('sliders', '1');
	if (state.theme !== 'system') params.set('theme', state.theme);
	if (state.quiz) params.set('quiz', '1');
	if (state.seed !== undefined) params.set('seed', String(state.seed));
	return params.toString();
}

export interface Decoded<T> {
	value: T;
	problems: string[];
}

/** What a link says about the graph; read before the graph is built. */
export function decodeGraph(
	params: URLSearchParams,
	presets: readonly string[]
): Decoded<GraphSource> {
	const problems: string[] = [];
	const expr = params.get('expr');
	const preset = params.get('preset');
	if (expr !== null) {
		if (expr.length > MAX_EXPRESSION_LENGTH)
			problems.push(`the expression in the link is too long`);
		else return { value: { kind: 'expression', text: expr }, problems };
	}
	if (preset !== null) {
		if (presets.includes(preset)) return { value: { kind: 'preset', id: preset }, problems };
		problems.push(`unknown graph “${quote(preset)}”`);
	}
	return { value: { kind: 'preset', id: 'textbook' }, problems };
}

/** Everything else a link says, checked against the built graph's parameters and timeline. */
export function decodeView(
	params: URLSearchParams,
	parameters: readonly ParameterSpec[],
	steps: number
): Decoded<Omit<ViewState, 'graph'>> {
	const problems: string[] = [];
	// A Map, so that an input named __proto__ or constructor is kept like any other.
	const values = new Map<string, number>();
	const known = new Map(parameters.map((p) => [p.id, p]));
	for (const [key, raw] of params) {
		if (RESERVED.has(key)) continue;
		const spec = known.get(key);
		if (!spec) {
			problems.push(`unknown setting “${quote(key)}”`);
			continue;
		}
		const x = strictNumber(raw);
		if (x === undefined) {
			problems.push(`${quote(key)} is not a number`);
			continue;
		}
		// The rule for limits (input/number.ts): clamped into the slider's range, and said.
		const limited = clampToRange(x, spec);
		if (limited.note) problems.push(`${quote(key)}=${quote(raw)} ${lowerFirst(limited.note)}`);
		values.set(key, limited.value);
	}
	let step: number | undefined;
	const rawStep = params.get('step');
	if (rawStep !== null) {
		const s = strictNumber(rawStep);
		if (s === undefined || !Number.isInteger(s) || s < 0 || s > steps)
			problems.push(`step must be a whole number from 0 to ${steps}`);
		else step = s;
	}
	const mode = params.get('mode');
	if (mode !== null && mode !== 'present') problems.push(`unknown mode “${quote(mode)}”`);
	const theme = params.get('theme');
	if (theme !== null && theme !== 'light' && theme !== 'dark')
		problems.push(`unknown theme “${quote(theme)}”`);
	const view = params.get('view');
	if (view !== null && view !== 'ops' && view !== 'named')
		problems.push(`unknown view “${quote(view)}”`);
	const sliders = params.get('sliders');
	if (sliders !== null && sliders !== '1' && sliders !== '0')
		problems.push('sliders must be 0 or 1');
	const quiz = params.get('quiz');
	if (quiz !== null && quiz !== '1' && quiz !== '0') problems.push('quiz must be 0 or 1');
	let seed: number | undefined;
	const rawSeed = params.get('seed');
	if (rawSeed !== null) {
		const s = strictNumber(rawSeed);
		if (s === undefined || !Number.isInteger(s) || s < 1 || s > MAX_SEED)
			problems.push(`seed must be a whole number from 1 to ${MAX_SEED}`);
		else seed = s;
	}
	return {
		value: {
			values: Object.fromEntries(values),
			step,
			presenter: mode === 'present',
			sliders: sliders === '1',
			theme: theme === 'light' || theme === 'dark' ? theme : 'system',
			view: view === 'ops' ? 'ops' : 'named',
			// Left undefined when the link does not ask, so a plain link decodes as before.
			quiz: quiz === '1' ? true : undefined,
			seed
		},
		problems: summarize(problems)
	};
}

/** "Clamped to 3 (the highest allowed)." as part of a sentence. */
function lowerFirst(sentence: string): string {
	return sentence.charAt(0).toLowerCase() + sentence.slice(1).replace(/\.$/, '');
}

/** What a lesson link says: its section (by id, `section=`), the rest as on the main page. */
export function decodeLesson(
	params: URLSearchParams,
	sections: readonly string[],
	parameters: readonly ParameterSpec[],
	steps: number
): Decoded<{ section: number | undefined; view: Omit<ViewState, 'graph'> }> {
	const problems: string[] = [];
	const id = params.get('section');
	const section = id === null ? -1 : sections.indexOf(id);
	if (id !== null && section < 0) problems.push(`unknown section “${quote(id)}”`);
	const rest = new URLSearchParams([...params].filter(([key]) => key !== 'section'));
	const view = decodeView(rest, parameters, steps);
	return {
		value: { section: section < 0 ? undefined : section, view: view.value },
		problems: summarize([...problems, ...view.problems])
	};
}

function summarize(problems: string[]): string[] {
	const distinct = [...new Set(problems)];
	if (distinct.length <= MAX_NOTES) return distinct;
	const more = distinct.length - (MAX_NOTES - 1);
	return [...distinct.slice(0, MAX_NOTES - 1), `${more.toLocaleString('en-US')} more problems`];
}

function strictNumber(raw: string): number | undefined {
	const t = raw.trim();
	if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
	const x = Number(t);
	return Number.isFinite(x) ? x : undefined;
}

// Notes quote what the link said; keep them short and printable.
function quote(text: string): string {
	// Whole characters only; the first few are enough to decide (a link may be 100 kB long).
	const chars = [...text.slice(0, 2 * MAX_NOTE_TEXT + 2)].map((c) =>
		/[\p{L}\p{N}\p{P}\p{S} ]/u.test(c) ? c : '?'
	);
	return chars.length > MAX_NOTE_TEXT
		? `${chars.slice(0, MAX_NOTE_TEXT - 1).join('')}…`
		: chars.join('');
}
