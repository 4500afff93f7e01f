import { OPS, type Tape } from '$lib/engine';
import { formatConstant, formatNumber } from '$lib/format';
import { symbolBox, toText } from '$lib/formula/render';
import type { DrawnGraph } from './fold';

/**
 * When numbers leave float64 (exp(1000) = ∞, log(−1) = NaN, 0·∞ = NaN) the graph shows NaN or ∞,
 * and this says why: for each drawn node showing one, a short reason taken from its op and the
 * values going in, and where it first appeared (forward for values, backward for gradients).
 */
export interface NonFiniteNode {
	/** what the node shows: 'NaN', '∞' or '−∞' */
	shown: string;
	what: 'value' | 'gradient';
	/** why, in a few words: "exp(1000) is larger than the largest number (≈1.8e308)" */
	why: string;
}

export interface NonFinite {
	/** by drawn node index: every node whose value or gradient is NaN or ±∞ */
	nodes: Map<number, NonFiniteNode>;
	/** the drawn node where it first appears */
	first: number;
	/** one line for beside the graph */
	note: string;
}

const LARGEST = 'the largest number (≈1.8e308)';

function overflow(expression: string, out: number): string {
	return out > 0
		? `${expression} is larger than ${LARGEST}`
		: `${expression} is below −1.8e308, the most negative number`;
}

/** The drawn node each tape node belongs to: itself when drawn, else the one it is folded into. */
function owners(graph: DrawnGraph, tape: Tape): Int32Array {
	const owner = new Int32Array(tape.size).fill(-1);
	graph.nodes.forEach((n, i) => (owner[n.tape] = i));
	for (let i = tape.size - 1; i >= 0; i--) {
		if (owner[i] < 0) continue;
		for (let s = 0; s < tape.nodes[i].inputs.length; s++) {
			const input = tape.inputIndex(i, s);
			// Drawn nodes already have their own; a folded op has one consumer.
			if (owner[input] < 0) owner[input] = owner[i];
		}
	}
	return owner;
}

/** An op whose exact result is not 0 but whose float64 result is: it underflowed. */
function underflowed(tape: Tape, i: number): boolean {
	const v = tape.values;
	if (v[i] !== 0) return false;
	const node = tape.nodes[i];
	const a = node.inputs.length > 0 ? v[tape.inputIndex(i, 0)] : NaN;
	const b = node.inputs.length > 1 ? v[tape.inputIndex(i, 1)] : NaN;
	return OPS[node.op].underflows?.(a, b) ?? false;
}

/** An op with its input values: exp(−1000), 1e200 × 1e200, 2^0.5. */
function opText(tape: Tape, i: number): string {
	const node = tape.nodes[i];
	const input = (s: number) => formatNumber(tape.values[tape.inputIndex(i, s)]);
	if (node.op === 'leaf') return formatNumber(tape.values[i]);
	if (node.op === 'pow') return `${input(0)}^${formatConstant(node.k)}`;
	if (node.op === 'neg') return `−${input(0)}`;
	const syntax = OPS[node.op].syntax;
	return syntax.kind === 'infix'
		? `${input(0)} ${syntax.shown} ${input(1)}`
		: `${node.op}(${input(0)})`;
}

/** Why tape node i's value is not finite, given that it is not. */
function valueReason(tape: Tape, i: number, name: (tapeIndex: number) => string): string {
	const node = tape.nodes[i];
	const v = tape.values;
	const out = v[i];
	const ia = node.inputs.length > 0 ? tape.inputIndex(i, 0) : -1;
	const ib = node.inputs.length > 1 ? tape.inputIndex(i, 1) : -1;
	const a = ia >= 0 ? v[ia] : NaN;
	const b = ib >= 0 ? v[ib] : NaN;
	const tiny = (input: number) =>
		underflowed(tape, input) ? `; ${name(input)} underflowed to 0 (below ≈4.9e−324)` : '';

	if ((ia >= 0 && !Number.isFinite(a)) || (ib >= 0 && !Number.isFinite(b))) {
		// Carried in from an input, except where two infinities or ∞ and 0 meet.
		if (Number.isNaN(out) && !Number.isNaN(a) && !Number.isNaN(b)) {
			if (node.op === 'add' || node.op === 'sub') return '∞ − ∞ has no value';
			if (node.op === 'mul') return '0 × ∞ has no value';
			if (node.op === 'div') return '∞ / ∞ has no value';
		}
		const from = Number.isFinite(a) ? ib : ia;
		return `from ${name(from)} = ${formatNumber(v[from])}`;
	}
	switch (node.op) {
		case 'log':
			return a === 0
				? `log(0) is minus infinity${tiny(ia)}`
				: `log of a negative number (log(${formatNumber(a)}))`;
		case 'div':
			if (b !== 0) return overflow(opText(tape, i), out);
			return a === 0
				? `0 / 0 has no value${tiny(ib)}`
				: `${formatNumber(a)} / 0 divides by zero${tiny(ib)}`;
		case 'pow':
			if (a === 0) return `0^${formatConstant(node.k)} divides by zero${tiny(ia)}`;
			if (a < 0 && Number.isNaN(out))
				return `a negative number to a fractional power (${formatNumber(a)}^${formatConstant(node.k)})`;
			return overflow(opText(tape, i), out);
		default:
			// exp, add, sub, mul: finite numbers in, too big a number out.
			return overflow(opText(tape, i), out);
	}
}

/**
 * What shows NaN or ±∞ on the drawn graph, and why; null when every number is finite (the
 * common case, checked first). `partials` are the drawn edges' local derivatives.
 */
export function findNonFinite(
	graph: DrawnGraph,
	tape: Tape,
	partials: ArrayLike<number>
): NonFinite | null {
	const value = (d: number) => tape.values[graph.nodes[d].tape];
	const grad = (d: number) => tape.grads[graph.nodes[d].tape];
	if (graph.nodes.every((_, d) => Number.isFinite(value(d)) && Number.isFinite(grad(d))))
		return null;

	const symbol = (d: number) => toText([symbolBox(graph.nodes[d].id)]);
	const owner = owners(graph, tape);
	const drawnAt = new Map(graph.nodes.map((n, d) => [n.tape, d]));
	// A drawn node by its symbol; an op folded into one by what it computed: exp(−1000).
	const name = (t: number): string => {
		const d = drawnAt.get(t);
		return d !== undefined ? symbol(d) : opText(tape, t);
	};
	const nodes = new Map<number, NonFiniteNode>();
	let first = -1;

	// Values, forward: each drawn node takes the reason of the first non-finite op it holds.
	for (let t = 0; t < tape.size; t++) {
		const d = owner[t];
		if (Number.isFinite(tape.values[t]) || d < 0 || nodes.has(d)) continue;
		if (Number.isFinite(value(d))) continue;
		nodes.set(d, { shown: formatNumber(value(d)), what: 'value', why: valueReason(tape, t, name) });
		if (first < 0) first = d;
	}

	// Gradients, backward (drawn order is topological): the first one with finite gradients
	// downstream is where it started.
	const outputSymbol = symbol(graph.output);
	for (let d = graph.nodes.length - 1; d >= 0; d--) {
		const g = grad(d);
		if (Number.isFinite(g) || nodes.has(d)) continue;
		let why = '';
		for (const e of graph.nodes[d].outEdges) {
			const t = graph.edges[e].target;
			const upstream = grad(t);
			const p = partials[e];
			const local = `∂${symbol(t)}/∂${symbol(d)}`;
			if (!Number.isFinite(upstream)) {
				why =
					p === 0 && !Number.isNaN(upstream)
						? `0 × ∞ has no value (${local} = 0, ∂${outputSymbol}/∂${symbol(t)} = ${formatNumber(upstream)})`
						: `from ∂${outputSymbol}/∂${symbol(t)} = ${formatNumber(upstream)}`;
				break;
			}
			if (!Number.isFinite(p)) {
				why = `the local derivative ${local} is ${formatNumber(p)} at ${symbol(d)} = ${formatNumber(value(d))}`;
				break;
			}
		}
		if (why === '') why = overflow(`∂${outputSymbol}/∂${symbol(d)}`, g);
		nodes.set(d, { shown: formatNumber(g), what: 'gradient', why });
		if (first < 0) first = d;
	}

	const start = nodes.get(first)!;
	const what =
		start.what === 'value'
			? `${symbol(first)} = ${start.shown}`
			: `∂${outputSymbol}/∂${symbol(first)} = ${start.shown}`;
	const more = nodes.size - 1;
	const note =
		more === 0
			? `${what}: ${start.why}.`
			: `${what} first: ${start.why}; ${more} more ${more === 1 ? 'node follows' : 'nodes follow'} from it.`;
	return { nodes, first, note };
}
