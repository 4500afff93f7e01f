import { afterEach, describe, expect, it } from 'vitest';
import {
	decodeProgramView,
	encodeProgramView,
	paramsWithout,
	programInLink,
	programQuery,
	restoreProgramView,
	type ProgramView
} from '$lib/state/program-link';
import { encodeCode } from '$lib/state/code-link';
import { Settings } from '$lib/state/settings.svelte';
import { LocalStore } from '$lib/state/storage.svelte';
import { TensorProgram } from '$lib/state/tensor-session.svelte';
import { programSource } from '../../support/programs';

const CHAPTER = programSource('chapter.py');
const SLIDERS = ['w[0]', 'w[1]', 'v', 'W1[0,1]'].map((id) => ({ id, min: -3, max: 3 }));
const DEFAULTS = { values: { 'w[0]': 0.4, 'w[1]': 0.6, v: 0.8, 'W1[0,1]': 0 }, steps: 20 };
const view = (over: Partial<ProgramView> = {}): ProgramView => ({
	values: { ...DEFAULTS.values },
	step: 20,
	presenter: false,
	sliders: false,
	theme: 'system',
	quiz: false,
	...over
});

const built: TensorProgram[] = [];
function build(source = CHAPTER): TensorProgram {
	const result = TensorProgram.build(source);
	if (!result.ok) throw new Error(result.message);
	built.push(result.program);
	return result.program;
}
const sliders = (p: TensorProgram) =>
	Object.fromEntries(p.parameters.map((s, i) => [s.id, p.sliderValue(i)]));
afterEach(() => built.splice(0).forEach((p) => p.destroy()));

describe('a program’s link', () => {
	it('holds only the code while nothing differs from the program as built', () => {
		expect(encodeProgramView('abc', view(), DEFAULTS)).toBe('code=abc');
	});

	it('round-trips changed elements, the step, the quiz, mode and theme', () => {
		const query = encodeProgramView(
			'abc',
			view({
				values: { ...DEFAULTS.values, 'w[0]': 0.9, 'W1[0,1]': -1.5 },
				step: 7,
				quiz: true,
				presenter: true,
				theme: 'dark'
			}),
			DEFAULTS
		);
		expect(query).toBe(
			'code=abc&w%5B0%5D=0.9&W1%5B0%2C1%5D=-1.5&step=7&mode=present&theme=dark&quiz=1'
		);
		const { value, problems } = decodeProgramView(new URLSearchParams(query), SLIDERS, 20);
		expect(problems).toEqual([]);
		expect(value).toEqual({
			values: { 'w[0]': 0.9, 'W1[0,1]': -1.5 },
			step: 7,
			presenter: true,
			sliders: false,
			theme: 'dark',
			quiz: true,
			seed: undefined
		});
	});

	it('reads elements written plainly too (w[0]=0.9, as typed into the address bar)', () => {
		const { value } = decodeProgramView(
			new URLSearchParams('code=abc&w[0]=0.9&W1[0,1]=1'),
			SLIDERS,
			20
		);
		expect(value.values).toEqual({ 'w[0]': 0.9, 'W1[0,1]': 1 });
	});

	it('says what is wrong with a malformed value, as the scalar link does, and uses the rest', () => {
		const { value, problems } = decodeProgramView(
			new URLSearchParams(
				'code=abc&w[0]=abc&w[1]=1e9&v=NaN&w[7]=1&W1[0,1]=0.5&step=99&quiz=2&preset=textbook'
			),
			SLIDERS,
			20
		);
		expect(value.values).toEqual({ 'w[1]': 3, 'W1[0,1]': 0.5 });
		expect(value.step).toBeUndefined();
		expect(problems).toEqual([
			'w[0] is not a number',
			'w[1]=1e9 clamped to 3 (the highest allowed)',
			'v is not a number',
			'unknown setting “w[7]”',
			'step must be a whole number from 0 to 20',
			'quiz must be 0 or 1',
			'preset= does not apply to PyTorch code'
		]);
	});

	it('gives a few notes and a count for a link with thousands of bad elements', () => {
		const bad = Array.from({ length: 5000 }, (_, i) => `w[${i + 2}]=1`).join('&');
		const { problems } = decodeProgramView(new URLSearchParams(`code=abc&${bad}`), SLIDERS, 20);
		expect(problems).toHaveLength(12);
		expect(problems.at(-1)).toBe('4,989 more problems');
	});

	it('brings a program back with the element values and the step it had', () => {
		const settings = new Settings(new LocalStore(() => null));
		const first = build();
		first.set('w[0]', 0.9);
		first.player.seek(12);
		const query = programQuery(first, 'abc', settings);
		expect(query).toBe('code=abc&w%5B0%5D=0.9&step=12');

		const again = build();
		expect(restoreProgramView(new URLSearchParams(query), again, settings)).toEqual([]);
		expect(again.player.position).toBe(12);
		expect(sliders(again)).toEqual({ 'w[0]': 0.9, 'w[1]': 0.6, v: 0.8 });
		const loss = again.graph.nodes.findIndex((n) => n.name === 'loss');
		const w = again.graph.nodes.findIndex((n) => n.name === 'w');
		expect(again.values(loss)[0]).toBe(first.values(loss)[0]);
		expect([...again.grad(w)!]).toEqual([...first.grad(w)!]);
	});

	it('keeps the quiz’s seed, not every element it drew', () => {
		const settings = new Settings(new LocalStore(() => null));
		const first = build();
		first.quiz.toggle();
		first.quiz.newNumbers(4242);
		const query = programQuery(first, 'abc', settings);
		expect(query).toBe('code=abc&step=0&quiz=1&seed=4242');
		const again = build();
		restoreProgramView(new URLSearchParams(query), again, settings);
		expect(again.quiz.on).toBe(true);
		expect(sliders(again)).toEqual(sliders(first));
		expect(sliders(again)).not.toEqual({ 'w[0]': 0.4, 'w[1]': 0.6, v: 0.8 });
	});
});

const LINKED_SOURCE =
	'import torch\nw = torch.tensor([0.5], requires_grad=True)\nL = (w * w).sum()\n';

describe('a program in a link', () => {
	it('is read from code= (packed) or program= (plain text)', async () => {
		const packed = new URLSearchParams({ code: await encodeCode(LINKED_SOURCE) });
		expect(await programInLink(packed)).toEqual({ ok: true, source: LINKED_SOURCE });
		expect(await programInLink(new URLSearchParams({ program: LINKED_SOURCE }))).toEqual({
			ok: true,
			source: LINKED_SOURCE
		});
	});

	it('prefers code= and says why an unreadable one is not used', async () => {
		const both = new URLSearchParams({ code: '!!', program: LINKED_SOURCE });
		expect(await programInLink(both)).toMatchObject({ ok: false });
	});

	it('is absent from a link to a scalar graph', async () => {
		expect(await programInLink(new URLSearchParams('w1=0.5&step=3'))).toBeNull();
	});
});

describe('paramsWithout', () => {
	it('leaves out what only one page reads and keeps the rest in order', () => {
		expect(paramsWithout('?show=code&w1=0.5&show=formula&step=2', ['show']).toString()).toBe(
			'w1=0.5&step=2'
		);
	});
});
