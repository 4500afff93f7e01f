import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { PRESETS } from '$lib/graphs/presets';
import { decodeGraph, decodeView, MAX_EXPRESSION_LENGTH } from '$lib/state/url-state';
import { hostile, plainNumber, plainTextProblem, SEED, Tally, type Hostile } from './hostile';

// The textbook's sliders, and names an expression may give its inputs that objects also have.
const PARAMETERS = [
	...['x1', 'x2', 'w1', 'w2', 'v', 'y'].map((id) => ({ id, min: -3, max: 3 })),
	...['__proto__', 'constructor', 'toString', 'hasOwnProperty'].map((id) => ({
		id,
		min: -500,
		max: 500
	}))
];
const STEPS = 30;
const RESERVED = ['step', 'mode', 'theme', 'sliders', 'view', 'preset', 'expr'];
const PRESET_IDS = PRESETS.map((p) => p.id);
/** A note on the page lists every problem: together they must stay readable. */
const NOTES_LIMIT = 800;
const tally = new Tally();
afterAll(() => console.log(tally.summary('URL parameters')));

const key = fc.oneof(
	fc.constantFrom(...PARAMETERS.map((p) => p.id), ...RESERVED),
	hostile().map((h) => h.text.slice(0, 200))
);
const value = fc.oneof(
	{
		arbitrary: hostile(['1', '0.5', '-', 'e', 'present', 'dark', 'ops', ...PRESET_IDS]),
		weight: 4
	},
	{ arbitrary: plainNumber.map((text): Hostile => ({ kind: 'mixed', text })), weight: 1 }
);

/** A link's query: hostile pairs (encoded the way a browser would), or hostile raw text. */
const query = fc.oneof(
	fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 6 }).map((pairs) => ({
		kind: pairs[0][1].kind,
		params: new URLSearchParams(pairs.map(([k, v]) => [k, v.text]))
	})),
	hostile(['&', '=', '%', '%2', '%E2%88%9E', '%00', 'x1=', 'step=', 'expr=', '+']).map((h) => ({
		kind: h.kind,
		params: new URLSearchParams(h.text)
	}))
);

function check(params: URLSearchParams) {
	const graph = decodeGraph(params, PRESET_IDS);
	if (graph.value.kind === 'preset') expect(PRESET_IDS).toContain(graph.value.id);
	else expect(graph.value.text.length).toBeLessThanOrEqual(MAX_EXPRESSION_LENGTH);

	const view = decodeView(params, PARAMETERS, STEPS);
	for (const [id, x] of Object.entries(view.value.values)) {
		const spec = PARAMETERS.find((p) => p.id === id);
		expect(spec, id).toBeDefined();
		expect(Number.isFinite(x)).toBe(true);
		expect(x).toBeGreaterThanOrEqual(spec!.min);
		expect(x).toBeLessThanOrEqual(spec!.max);
	}
	const step = view.value.step;
	if (step !== undefined) expect(Number.isInteger(step) && step >= 0 && step <= STEPS).toBe(true);
	expect(['system', 'light', 'dark']).toContain(view.value.theme);
	expect(['named', 'ops']).toContain(view.value.view);

	const problems = [...graph.problems, ...view.problems];
	for (const p of problems) expect(plainTextProblem(p, 120), JSON.stringify(p)).toBeNull();
	expect(problems.join('; ').length).toBeLessThanOrEqual(NOTES_LIMIT);
	return view;
}

describe('links under hostile input', () => {
	it('read only checked values from any query, and say what was ignored in short plain notes', () => {
		fc.assert(
			fc.property(query, ({ kind, params }) => {
				tally.add(kind);
				check(params);
			}),
			{ seed: SEED, numRuns: 5000 }
		);
	});

	it('keep every valid value, whatever the parameter is called', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...PARAMETERS),
				fc.double({ min: -3, max: 3, noNaN: true }),
				(spec, x) => {
					const view = check(new URLSearchParams([[spec.id, String(x)]]));
					expect(view.problems).toEqual([]);
					expect(Object.hasOwn(view.value.values, spec.id), spec.id).toBe(true);
					expect(view.value.values[spec.id]).toBe(x === 0 ? 0 : x);
				}
			),
			{ seed: SEED, numRuns: 500 }
		);
	});

	it('stay short for a 100 kB link of thousands of bad settings', () => {
		const many = new URLSearchParams(
			Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i % 2 ? 'x' : '1'])
		);
		for (let i = 0; i < 2000; i++) many.append('x1', 'NaN');
		tally.add('long');
		const view = check(many);
		expect(view.problems.length).toBeGreaterThan(1);
	});
});
