import { describe, expect, it } from 'vitest';
import {
	decodeGraph,
	decodeLesson,
	decodeView,
	encodeView,
	type ViewState
} from '$lib/state/url-state';

const PARAMS = ['x1', 'x2', 'w1', 'w2', 'v', 'y'].map((id) => ({ id, min: -3, max: 3 }));
const DEFAULTS = { values: { x1: 1, x2: 0.5, w1: 0.4, w2: 0.6, v: 0.8, y: 1 }, steps: 10 };

const state = (over: Partial<ViewState> = {}): ViewState => ({
	values: { ...DEFAULTS.values },
	step: 10,
	presenter: false,
	sliders: false,
	theme: 'system',
	view: 'named',
	graph: { kind: 'preset', id: 'textbook' },
	...over
});

describe('url state', () => {
	it('leaves defaults out of the link', () => {
		expect(encodeView(state(), DEFAULTS)).toBe('');
	});

	it('round-trips values, step, mode, theme and view', () => {
		const s = state({
			values: { ...DEFAULTS.values, w1: 0.41, v: -2 },
			step: 3,
			presenter: true,
			sliders: true,
			theme: 'dark',
			view: 'ops'
		});
		const query = encodeView(s, DEFAULTS);
		expect(query).toBe('w1=0.41&v=-2&step=3&view=ops&mode=present&sliders=1&theme=dark');
		const params = new URLSearchParams(query);
		expect(decodeGraph(params, ['textbook'])).toEqual({
			value: { kind: 'preset', id: 'textbook' },
			problems: []
		});
		const decoded = decodeView(params, PARAMS, 10);
		expect(decoded.problems).toEqual([]);
		expect(decoded.value).toEqual({
			values: { w1: 0.41, v: -2 },
			step: 3,
			presenter: true,
			sliders: true,
			theme: 'dark',
			view: 'ops'
		});
	});

	it('round-trips a graph', () => {
		const expr = state({ graph: { kind: 'expression', text: 'L = (a*b - 1)^2' } });
		const params = new URLSearchParams(encodeView(expr, DEFAULTS));
		expect(decodeGraph(params, ['textbook']).value).toEqual(expr.graph);
		const preset = state({ graph: { kind: 'preset', id: 'diamond' } });
		expect(
			decodeGraph(new URLSearchParams(encodeView(preset, DEFAULTS)), ['textbook', 'diamond']).value
		).toEqual(preset.graph);
	});

	it('falls back to defaults for each bad part and says why', () => {
		const params = new URLSearchParams(
			'w1=abc&w2=1e999&v=99&x1=NaN&y=0x10&step=2.5&mode=<b>&theme=pink&bogus=1&view=3d&sliders=yes&x2=0.7'
		);
		const { value, problems } = decodeView(params, PARAMS, 10);
		expect(value).toEqual({
			values: { v: 3, x2: 0.7 },
			step: undefined,
			presenter: false,
			sliders: false,
			theme: 'system',
			view: 'named'
		});
		expect(problems).toEqual([
			'w1 is not a number',
			'w2 is not a number',
			'v=99 clamped to 3 (the highest allowed)',
			'x1 is not a number',
			'y is not a number',
			'unknown setting “bogus”',
			'step must be a whole number from 0 to 10',
			'unknown mode “<b>”',
			'unknown theme “pink”',
			'unknown view “3d”',
			'sliders must be 0 or 1'
		]);
	});

	it('clamps a value beyond its slider’s range, as a typed one, and says what became of it', () => {
		const { value, problems } = decodeView(new URLSearchParams('w1=1e9&w2=-4'), PARAMS, 10);
		expect(value.values).toEqual({ w1: 3, w2: -3 });
		expect(problems).toEqual([
			'w1=1e9 clamped to 3 (the highest allowed)',
			'w2=-4 clamped to -3 (the lowest allowed)'
		]);
	});

	it('keeps hostile text short in its notes', () => {
		const { problems } = decodeGraph(
			new URLSearchParams({ preset: '<script>alert(1)</script>'.repeat(5) }),
			['textbook']
		);
		expect(problems[0].length).toBeLessThan(50);
		expect(decodeGraph(new URLSearchParams({ expr: 'x'.repeat(5000) }), []).problems).toEqual([
			'the expression in the link is too long'
		]);
	});
});

describe('lesson links', () => {
	const SECTION_IDS = ['network', 'forward', 'backward'];

	it('read the section by id and the rest as the main page does', () => {
		const { value, problems } = decodeLesson(
			new URLSearchParams('section=backward&w1=0.9&step=8&theme=dark'),
			SECTION_IDS,
			PARAMS,
			10
		);
		expect(problems).toEqual([]);
		expect(value.section).toBe(2);
		expect(value.view).toMatchObject({ values: { w1: 0.9 }, step: 8, theme: 'dark' });
	});

	it('give the main page’s notes, and one for an unknown section', () => {
		const { value, problems } = decodeLesson(
			new URLSearchParams('section=<b>&w1=1e9'),
			SECTION_IDS,
			PARAMS,
			10
		);
		expect(value.section).toBeUndefined();
		expect(problems).toEqual([
			'unknown section “<b>”',
			...decodeView(new URLSearchParams('w1=1e9'), PARAMS, 10).problems
		]);
	});
});
