import { ATTRIBUTE_LIMIT, toList, type TensorGraph } from '$lib/graphs/tensor-graph';
import type { Frame, Phase } from '$lib/timeline/timeline';
import type { TensorFrame } from '$lib/timeline/tensor-timeline';
import { MAX_EXPRESSION_LENGTH, type ParameterSpec } from '$lib/state/url-state';
import { MAX_SOURCE } from '$lib/torch';

/**
 * The messages between a host page and the embedded explorer. Everything a host sends is
 * untrusted: `parseMessage` accepts only the exact shapes below (known type, exactly the
 * expected fields, known names, finite numbers in range, bounded sizes) and turns anything
 * else into null, which the frame ignores without a word. Nothing parsed here is ever run or
 * inserted as markup: values become numbers on sliders, names are looked up, never evaluated.
 */

/** The main page's limit for PyTorch code: a longer program is refused before it is parsed. */
export const MAX_PROGRAM_LENGTH = MAX_SOURCE;

export type LoadSource =
	| { kind: 'preset'; id: string }
	| { kind: 'expression'; text: string }
	| { kind: 'program'; text: string };

export type Incoming =
	| { type: 'backprop:set'; values: Record<string, number> }
	| { type: 'backprop:step'; to: number }
	| { type: 'backprop:load'; source: LoadSource };

/** What the frame knows that a message is checked against. */
export interface MessageContext {
	parameters: readonly ParameterSpec[];
	/** the timeline's length: steps run from 0 to `steps` */
	steps: number;
	presets: readonly string[];
}

export function parseMessage(data: unknown, context: MessageContext): Incoming | null {
	const message = plainObject(data);
	if (!message || typeof message.type !== 'string') return null;
	switch (message.type) {
		case 'backprop:set': {
			if (!hasExactly(message, ['type', 'values'])) return null;
			const values = parseValues(message.values, context.parameters);
			return values && { type: 'backprop:set', values };
		}
		case 'backprop:step': {
			const to = message.to;
			if (!hasExactly(message, ['type', 'to'])) return null;
			if (typeof to !== 'number' || !Number.isInteger(to) || to < 0 || to > context.steps)
				return null;
			return { type: 'backprop:step', to };
		}
		case 'backprop:load': {
			const source = parseSource(message, context.presets);
			return source && { type: 'backprop:load', source };
		}
		default:
			return null;
	}
}

function parseSource(message: Record<string, unknown>, presets: readonly string[]) {
	if (hasExactly(message, ['type', 'preset'])) {
		const id = message.preset;
		return typeof id === 'string' && presets.includes(id)
			? ({ kind: 'preset', id } satisfies LoadSource)
			: null;
	}
	if (hasExactly(message, ['type', 'expression'])) {
		const text = message.expression;
		return typeof text === 'string' && text.length > 0 && text.length <= MAX_EXPRESSION_LENGTH
			? ({ kind: 'expression', text } satisfies LoadSource)
			: null;
	}
	if (hasExactly(message, ['type', 'program'])) {
		const text = message.program;
		return typeof text === 'string' && text.length > 0 && text.length <= MAX_PROGRAM_LENGTH
			? ({ kind: 'program', text } satisfies LoadSource)
			: null;
	}
	return null;
}

/** name → number for known parameters only, each finite and within its slider's range. */
function parseValues(
	data: unknown,
	parameters: readonly ParameterSpec[]
): Record<string, number> | null {
	const values = plainObject(data);
	if (!values) return null;
	const names = Object.keys(values);
	// Checked before anything else is looked at, so a huge object costs no more than its keys.
	if (names.length === 0 || names.length > parameters.length) return null;
	// A Map, so that a parameter named __proto__ or constructor is looked up like any other.
	const known = new Map(parameters.map((p) => [p.id, p]));
	const parsed: [string, number][] = [];
	for (const name of names) {
		const spec = known.get(name);
		const x = values[name];
		if (!spec || typeof x !== 'number' || !Number.isFinite(x) || x < spec.min || x > spec.max)
			return null;
		parsed.push([name, x]);
	}
	// fromEntries defines own properties: a key named __proto__ stays a key, never a prototype.
	return Object.fromEntries(parsed);
}

/** An ordinary object (what structured cloning makes of one), not an array, a Map or a Date. */
function plainObject(data: unknown): Record<string, unknown> | null {
	if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
	const proto: unknown = Object.getPrototypeOf(data);
	if (proto !== Object.prototype && proto !== null) return null;
	return data as Record<string, unknown>;
}

function hasExactly(object: Record<string, unknown>, fields: readonly string[]): boolean {
	const own = Object.keys(object);
	return own.length === fields.length && fields.every((f) => Object.hasOwn(object, f));
}

/** Sent once the frame has read its link and can take messages. */
export interface ReadyMessage {
	type: 'backprop:ready';
	/** the graph's sliders: what `backprop:set` accepts */
	parameters: { id: string; min: number; max: number }[];
	/** the timeline's length: what `backprop:step` accepts is 0 to `steps` */
	steps: number;
}

/** A tensor's numbers as `tolist()` gives them: a number for a 0-d tensor, else nested lists. */
export type NestedNumbers = number | NestedNumbers[];

/** Sent after each change (at most one per animation frame): what the graph shows now. */
export interface StateMessage {
	type: 'backprop:state';
	step: number;
	steps: number;
	phase: Phase;
	/** every node whose value is shown at this step, by its id */
	values: Record<string, NestedNumbers>;
	/** every node whose gradient is shown at this step (a dash on the graph is absent here) */
	grads: Record<string, NestedNumbers>;
}

/** Sent when a valid `backprop:load` could not be honoured; the graph on screen stays. */
export interface ErrorMessage {
	type: 'backprop:error';
	/** plain text: why (the interpreter's message for a program, the parser's for an expression) */
	message: string;
}

export function readyMessage(parameters: readonly ParameterSpec[], steps: number): ReadyMessage {
	return {
		type: 'backprop:ready',
		parameters: parameters.map(({ id, min, max }) => ({ id, min, max })),
		steps
	};
}

/** The numbers a frame shows, by node id: the same ones the graph's data-value/data-grad hold. */
export function stateMessage(
	ids: readonly string[],
	numbers: { values: ArrayLike<number>; grads: ArrayLike<number> },
	frame: Pick<Frame, 'position' | 'phase' | 'valueKnown' | 'gradKnown'>,
	steps: number
): StateMessage {
	const values: [string, number][] = [];
	const grads: [string, number][] = [];
	ids.forEach((id, i) => {
		if (frame.valueKnown[i]) values.push([id, numbers.values[i]]);
		if (frame.gradKnown[i]) grads.push([id, numbers.grads[i]]);
	});
	return {
		type: 'backprop:state',
		step: frame.position,
		steps,
		phase: frame.phase,
		values: Object.fromEntries(values),
		grads: Object.fromEntries(grads)
	};
}

/** A program's tensors and their current numbers (a TensorProgram: reading them tracks them). */
export interface ProgramNumbers {
	graph: TensorGraph;
	values(node: number): ArrayLike<number>;
	/** null where PyTorch computes no gradient */
	grad(node: number): ArrayLike<number> | null;
}

/**
 * A PyTorch program's numbers at a frame, by tensor id, as its nodes' data-value and data-grad
 * hold them: nested lists, only for tensors of up to ATTRIBUTE_LIMIT elements (a larger one shows
 * its norm instead, and is left out here), a gradient only where PyTorch computes one.
 */
export function programStateMessage(
	program: ProgramNumbers,
	frame: Pick<TensorFrame, 'position' | 'phase' | 'valueKnown' | 'gradKnown'>,
	steps: number
): StateMessage {
	const values: [string, NestedNumbers][] = [];
	const grads: [string, NestedNumbers][] = [];
	program.graph.nodes.forEach(({ id, tensor, shape }, i) => {
		if (tensor.size > ATTRIBUTE_LIMIT) return;
		if (frame.valueKnown[i]) values.push([id, toList(program.values(i), shape) as NestedNumbers]);
		const grad = tensor.requiresGrad ? program.grad(i) : null;
		if (frame.gradKnown[i] && grad) grads.push([id, toList(grad, shape) as NestedNumbers]);
	});
	return {
		type: 'backprop:state',
		step: frame.position,
		steps,
		phase: frame.phase,
		values: Object.fromEntries(values),
		grads: Object.fromEntries(grads)
	};
}
