import { PRESETS } from '$lib/graphs/presets';
import type { LessonState } from './lesson.svelte';
import type { Session } from './session.svelte';
import type { Settings } from './settings.svelte';
import { decodeGraph, decodeLesson, decodeView, encodeView, type ViewState } from './url-state';

/** The current view as URL state; reading it inside an effect tracks every part. */
export function viewStateOf(session: Session, settings: Settings): ViewState {
	const explorer = session.explorer;
	return {
		values: Object.fromEntries(explorer.parameters.map((p) => [p.id, explorer.value(p.node)])),
		step: session.player.position,
		presenter: settings.presenter,
		sliders: settings.sliders,
		theme: settings.theme,
		view: explorer.graph.mode,
		graph: session.source,
		quiz: session.quiz.on,
		seed: session.quiz.seed
	};
}

export function queryOf(session: Session, settings: Settings): string {
	const explorer = session.explorer;
	return encodeView(viewStateOf(session, settings), {
		values: Object.fromEntries(explorer.parameters.map((p) => [p.id, p.initial])),
		steps: explorer.steps.length
	});
}

/**
 * Apply what a link says: first the graph (built and laid out if it is not the one on screen),
 * then values, step, mode and theme. Resolves to notes on whatever was ignored.
 */
export async function restoreView(
	params: URLSearchParams,
	session: Session,
	settings: Settings
): Promise<string[]> {
	const graph = decodeGraph(
		params,
		PRESETS.map((p) => p.id)
	);
	const problems = [...graph.problems];
	const wantsOps = params.get('view') === 'ops';
	const isDefault = graph.value.kind === 'preset' && graph.value.id === 'textbook';
	if (!isDefault || wantsOps) {
		const loaded = await session.load(graph.value, { mode: wantsOps ? 'ops' : 'named' });
		if (!loaded && session.loadError) problems.push(session.loadError);
	}
	const explorer = session.explorer;
	const view = decodeView(params, explorer.parameters, explorer.steps.length);
	problems.push(...view.problems);
	// A seed draws the quiz's numbers; values the link spells out win over them.
	if (view.value.seed !== undefined) session.quiz.useSeed(view.value.seed);
	if (Object.keys(view.value.values).length > 0) explorer.setMany(view.value.values);
	if (view.value.quiz && !session.quiz.on) session.quiz.toggle();
	if (view.value.step !== undefined) session.player.seek(view.value.step);
	settings.presenter = view.value.presenter;
	settings.sliders = view.value.sliders;
	// A link's theme wins over the one remembered in this browser; without one, that one stays.
	if (view.value.theme !== 'system') settings.theme = view.value.theme;
	return problems;
}

/**
 * The lesson as a link: `section=` (its id; left out for the first), the values and the theme as
 * on the main page, and `step=` when the position is not where the section starts.
 */
export function lessonQueryOf(session: Session, settings: Settings, lesson: LessonState): string {
	const explorer = session.explorer;
	const position = session.player.position;
	const rest = encodeView(
		{
			...viewStateOf(session, settings),
			step: position === lesson.range.from ? undefined : position,
			presenter: false,
			sliders: false
		},
		// steps: -1, so that any step given is written
		{ values: Object.fromEntries(explorer.parameters.map((p) => [p.id, p.initial])), steps: -1 }
	);
	const section = lesson.index > 0 ? `section=${encodeURIComponent(lesson.section.id)}` : '';
	return [section, rest].filter((part) => part !== '').join('&');
}

/** Open the lesson where a link says; returns notes on whatever was changed or ignored. */
export function restoreLesson(
	params: URLSearchParams,
	session: Session,
	settings: Settings,
	lesson: LessonState
): string[] {
	const explorer = session.explorer;
	const { value, problems } = decodeLesson(
		params,
		lesson.sections.map((s) => s.id),
		explorer.parameters,
		explorer.steps.length
	);
	const { values, step, theme } = value.view;
	if (Object.keys(values).length > 0) explorer.setMany(values);
	lesson.restore(value.section, step);
	if (theme !== 'system') settings.theme = theme;
	return problems;
}

/** The note a page shows on what a link could not use as written ('' when it could). */
export function linkNotice(problems: readonly string[]): string {
	return problems.length > 0
		? `Some of the link was changed or ignored: ${problems.join('; ')}.`
		: '';
}

/** The address of `query` on this page, keeping the base path (`/sub/path/?w1=0.5`). */
export function hrefOf(query: string, base: string): string {
	return `${base}${query ? `?${query}` : ''}`;
}

/**
 * Keeps the address bar on the current view from the moment `restored()` says the link has
 * been read: history is replaced (never pushed), at most a few times a second. Call it during
 * component initialisation.
 */
export function followInAddressBar(
	query: () => string,
	restored: () => boolean,
	write: (href: string) => void,
	base: string
): void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	$effect(() => {
		if (!restored()) return;
		const next = query();
		clearTimeout(timer);
		timer = setTimeout(() => {
			if (next !== location.search.slice(1)) write(hrefOf(next, base));
		}, 250);
		return () => clearTimeout(timer);
	});
}
