import type { Session } from './session.svelte';
import type { Settings } from './settings.svelte';
import { decodeView, encodeView, type GraphSource, type ViewState } from './url-state';

/** The current view as URL state; reading it inside an effect tracks every part. */
export function viewStateOf(session: Session, settings: Settings, graph: GraphSource): ViewState {
	const explorer = session.explorer;
	return {
		values: Object.fromEntries(explorer.parameters.map((p) => [p.id, explorer.value(p.node)])),
		step: session.player.position,
		presenter: settings.presenter,
		sliders: settings.sliders,
		theme: settings.theme,
		view: explorer.graph.mode,
		graph
	};
}

export function queryOf(session: Session, settings: Settings, graph: GraphSource): string {
	const explorer = session.explorer;
	return encodeView(viewStateOf(session, settings, graph), {
		values: Object.fromEntries(explorer.parameters.map((p) => [p.id, p.initial])),
		steps: explorer.steps.length
	});
}

/** Apply what a link says to the current graph; returns the notes on what was ignored. */
export function restoreView(
	params: URLSearchParams,
	session: Session,
	settings: Settings
): string[] {
	const explorer = session.explorer;
	const { value, problems } = decodeView(params, explorer.parameters, explorer.steps.length);
	if (Object.keys(value.values).length > 0) explorer.setMany(value.values);
	if (value.step !== undefined) session.player.seek(value.step);
	settings.presenter = value.presenter;
	settings.sliders = value.sliders;
	settings.theme = value.theme;
	return problems;
}
