import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	MAX_PROGRAM_LENGTH,
	parseMessage,
	readyMessage,
	stateMessage,
	type MessageContext
} from '$lib/embed/messages';
import { textbookNetwork } from '$lib/graphs/textbook';
import { Explorer } from '$lib/state/explorer.svelte';
import { MAX_EXPRESSION_LENGTH } from '$lib/state/url-state';
import { frameAt } from '$lib/timeline/timeline';

const SEED = 20261201;

// The textbook's sliders, and names an expression may give its inputs that objects also have.
const CONTEXT: MessageContext = {
	parameters: [
		...['x1', 'x2', 'w1', 'w2', 'v', 'y'].map((id) => ({ id, min: -3, max: 3 })),
		...['__proto__', 'constructor', 'toString'].map((id) => ({ id, min: -500, max: 500 }))
	],
	steps: 10,
	presets: ['textbook', 'neuron']
};

const parse = (data: unknown) => parseMessage(data, CONTEXT);

describe('parseMessage: valid messages', () => {
	it('reads backprop:set as exactly the names and numbers sent', () => {
		expect(parse({ type: 'backprop:set', values: { w1: 0.5, y: -3 } })).toEqual({
			type: 'backprop:set',
			values: { w1: 0.5, y: -3 }
		});
		expect(parse({ type: 'backprop:set', values: { x1: 3, x2: -0 } })).toEqual({
			type: 'backprop:set',
			values: { x1: 3, x2: -0 }
		});
	});

	it('keeps a parameter named __proto__ as a name, never as a prototype', () => {
		// JSON.parse makes an own property __proto__, as structured cloning from a host does.
		const data: unknown = JSON.parse('{"type":"backprop:set","values":{"__proto__":7}}');
		const message = parse(data);
		expect(message?.type).toBe('backprop:set');
		const values = message?.type === 'backprop:set' ? message.values : {};
		expect(Object.hasOwn(values, '__proto__')).toBe(true);
		expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
		expect(Object.getOwnPropertyDescriptor(values, '__proto__')?.value).toBe(7);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('reads backprop:step for every step from 0 to the end', () => {
		for (let to = 0; to <= CONTEXT.steps; to++)
			expect(parse({ type: 'backprop:step', to })).toEqual({ type: 'backprop:step', to });
	});

	it('reads backprop:load with a preset, an expression or a program', () => {
		expect(parse({ type: 'backprop:load', preset: 'neuron' })).toEqual({
			type: 'backprop:load',
			source: { kind: 'preset', id: 'neuron' }
		});
		expect(parse({ type: 'backprop:load', expression: 'L = (a*b - 1)^2' })).toEqual({
			type: 'backprop:load',
			source: { kind: 'expression', text: 'L = (a*b - 1)^2' }
		});
		const program = 'import torch\nw = torch.tensor([1.0], requires_grad=True)\n';
		expect(parse({ type: 'backprop:load', program })).toEqual({
			type: 'backprop:load',
			source: { kind: 'program', text: program }
		});
	});

	it('parses any valid set exactly (property)', () => {
		const known = CONTEXT.parameters;
		const valid = fc
			.uniqueArray(fc.constantFrom(...known), { minLength: 1, selector: (p) => p.id })
			.chain((specs) =>
				fc.tuple(
					...specs.map((p) =>
						fc
							.double({ min: p.min, max: p.max, noNaN: true })
							.map((x) => [p.id, x] as [string, number])
					)
				)
			);
		fc.assert(
			fc.property(valid, (pairs) => {
				// Built with defineProperty semantics, as a structured clone would be.
				const values = Object.fromEntries(pairs);
				expect(parse({ type: 'backprop:set', values })).toEqual({
					type: 'backprop:set',
					values
				});
			}),
			{ seed: SEED, numRuns: 500 }
		);
	});
});

describe('parseMessage: everything else is ignored', () => {
	const ignored: [string, unknown][] = [
		['not an object', 'backprop:set'],
		['null', null],
		['an array', [{ type: 'backprop:step', to: 1 }]],
		['no type', { to: 1 }],
		['a type that is not a string', { type: 7, to: 1 }],
		['an unknown type', { type: 'backprop:eval', code: 'alert(1)' }],
		['a type in other case', { type: 'Backprop:step', to: 1 }],
		['an extra field', { type: 'backprop:step', to: 1, also: true }],
		['a step as text', { type: 'backprop:step', to: '3' }],
		['a step that is not whole', { type: 'backprop:step', to: 1.5 }],
		['a step past the end', { type: 'backprop:step', to: 11 }],
		['a negative step', { type: 'backprop:step', to: -1 }],
		['a NaN step', { type: 'backprop:step', to: NaN }],
		['an infinite step', { type: 'backprop:step', to: Infinity }],
		['no values', { type: 'backprop:set' }],
		['empty values', { type: 'backprop:set', values: {} }],
		['values as an array', { type: 'backprop:set', values: [0.5] }],
		['values as a Map', { type: 'backprop:set', values: new Map([['w1', 0.5]]) }],
		['an unknown name', { type: 'backprop:set', values: { w1: 0.5, w9: 1 } }],
		['a value as text', { type: 'backprop:set', values: { w1: '0.5' } }],
		['NaN', { type: 'backprop:set', values: { w1: NaN } }],
		['1e999', { type: 'backprop:set', values: { w1: Number('1e999') } }],
		['out of range', { type: 'backprop:set', values: { w1: 3.0001 } }],
		['a nested value', { type: 'backprop:set', values: { w1: { valueOf: 0.5 } } }],
		['a Date', new Date()],
		['an object with a prototype', Object.create({ type: 'backprop:step', to: 1 })],
		['an unknown preset', { type: 'backprop:load', preset: '../../etc/passwd' }],
		['a preset named like a prototype key', { type: 'backprop:load', preset: 'constructor' }],
		['two sources', { type: 'backprop:load', preset: 'neuron', expression: 'L = a*b' }],
		['no source', { type: 'backprop:load' }],
		['an empty expression', { type: 'backprop:load', expression: '' }],
		[
			'a too long expression',
			{ type: 'backprop:load', expression: 'a'.repeat(MAX_EXPRESSION_LENGTH + 1) }
		],
		['a too long program', { type: 'backprop:load', program: 'a'.repeat(MAX_PROGRAM_LENGTH + 1) }],
		['a program that is not text', { type: 'backprop:load', program: ['import torch'] }]
	];
	for (const [what, data] of ignored) {
		it(`ignores ${what}`, () => expect(parse(data)).toBeNull());
	}

	it('ignores a huge values object after counting its keys', () => {
		const values = Object.fromEntries(
			Array.from({ length: 100_000 }, (_, i) => [`w${i}`, 0] as const)
		);
		expect(parse({ type: 'backprop:set', values })).toBeNull();
		expect(parse({ type: 'backprop:step', to: new Array(1_000_000).fill(1) })).toBeNull();
	});

	it('ignores a __proto__ key that is not a parameter, and pollutes nothing', () => {
		const context = { ...CONTEXT, parameters: CONTEXT.parameters.slice(0, 6) };
		for (const text of [
			'{"type":"backprop:set","values":{"__proto__":{"polluted":1}}}',
			'{"type":"backprop:set","values":{"__proto__":1}}',
			'{"type":"backprop:set","values":{"constructor":1}}',
			'{"__proto__":{"type":"backprop:step","to":1}}'
		]) {
			expect(parseMessage(JSON.parse(text), context), text).toBeNull();
		}
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('ignores random objects (property)', () => {
		const name = fc.oneof(
			fc.constantFrom('type', 'values', 'to', 'preset', 'program', 'expression', '__proto__'),
			fc.string()
		);
		const type = fc.oneof(
			fc.constantFrom('backprop:set', 'backprop:step', 'backprop:load', 'backprop:ready'),
			fc.string()
		);
		const anything = fc.anything({
			withBigInt: true,
			withDate: true,
			withMap: true,
			withSet: true,
			withTypedArray: true,
			withNullPrototype: true,
			withSparseArray: true,
			key: name
		});
		const message = fc.oneof(
			anything,
			fc.record({ type, values: anything }),
			fc.record({ type, to: anything }),
			fc.record({ type, preset: anything }),
			fc.dictionary(name, anything)
		);
		fc.assert(
			fc.property(message, (data) => {
				const parsed = parse(data);
				// Whatever got through is one of the three shapes, with checked contents.
				if (parsed === null) return;
				if (parsed.type === 'backprop:step') {
					expect(Number.isInteger(parsed.to)).toBe(true);
					expect(parsed.to).toBeGreaterThanOrEqual(0);
					expect(parsed.to).toBeLessThanOrEqual(CONTEXT.steps);
				} else if (parsed.type === 'backprop:set') {
					for (const [id, x] of Object.entries(parsed.values)) {
						const spec = CONTEXT.parameters.find((p) => p.id === id);
						expect(spec, id).toBeDefined();
						expect(x >= spec!.min && x <= spec!.max).toBe(true);
					}
				} else if (parsed.source.kind === 'preset') {
					expect(CONTEXT.presets).toContain(parsed.source.id);
				} else {
					expect(typeof parsed.source.text).toBe('string');
				}
			}),
			{ seed: SEED, numRuns: 3000 }
		);
	});

	it('ignores a valid set with one bad value among good ones (property)', () => {
		const bad = fc.oneof(
			fc.constantFrom(NaN, Infinity, -Infinity, Number('1e999'), 3.5, -1e308, '1', null, [], {}),
			fc.double({ min: 3.000001, max: 1e300 })
		);
		fc.assert(
			fc.property(fc.constantFrom('x1', 'x2', 'w1', 'w2', 'v', 'y'), bad, (id, x) => {
				expect(parse({ type: 'backprop:set', values: { x1: 1, [id]: x } })).toBeNull();
			}),
			{ seed: SEED, numRuns: 300 }
		);
	});
});

describe('outgoing messages', () => {
	it('ready names the sliders and the timeline length', () => {
		const explorer = new Explorer(textbookNetwork());
		expect(readyMessage(explorer.parameters, explorer.steps.length)).toEqual({
			type: 'backprop:ready',
			parameters: ['x1', 'x2', 'w1', 'w2', 'v', 'y'].map((id) => ({ id, min: -3, max: 3 })),
			steps: 10
		});
	});

	it('state holds what the step shows: known values, known gradients', () => {
		const explorer = new Explorer(textbookNetwork());
		const ids = explorer.graph.nodes.map((n) => n.id);
		const at = (position: number) =>
			stateMessage(
				ids,
				explorer.numbers,
				frameAt(explorer.graph, explorer.steps, position),
				explorer.steps.length
			);
		const start = at(0);
		expect(start).toMatchObject({ type: 'backprop:state', step: 0, steps: 10, phase: 'idle' });
		expect(Object.keys(start.values).sort()).toEqual(['v', 'w1', 'w2', 'x1', 'x2', 'y']);
		expect(start.grads).toEqual({});

		const done = at(10);
		expect(done.phase).toBe('done');
		expect(done.values.L).toBeCloseTo(0.2166, 4);
		expect(done.grads.w1).toBeCloseTo(-0.1651, 4);
		expect(done.grads.w2).toBeCloseTo(-0.082557, 6);
		expect(Object.keys(done.grads)).toHaveLength(ids.length);

		// Half-way back: the loss's gradient is there, the first layer's not yet.
		const seeded = at(5);
		expect(seeded.phase).toBe('backward');
		expect(seeded.grads).toEqual({ L: 1 });
	});
});
