import { OPS, type OpName, type Tape } from '$lib/engine';
import { binary, derivative, num, substitute, sym, type Formula } from '$lib/formula/ast';
import { parseFormula } from '$lib/formula/parse';
import { simplify } from '$lib/formula/simplify';

/**
 * The graph as drawn. In the named view, unnamed intermediate ops (the products inside
 * z = w1*x1 + w2*x2) are folded into the drawn node that consumes them; each drawn edge then
 * carries the local partial through what was folded (∂z/∂w1 = x1), as a formula and as a
 * number recomputed from the tape on every evaluation. In the op view every primitive op is
 * drawn. Nothing here depends on which graph it is.
 */
export type ViewMode = 'named' | 'ops';

export interface DrawnNode {
	/** `data-node` id: the label, or a generated id such as `mul7` */
	id: string;
	tape: number;
	/** how the node appears inside formulas: its name, or the number for a constant */
	symbol: Formula;
	op: OpName;
	isLeaf: boolean;
	/** a leaf the learner can change (has a slider) */
	isParameter: boolean;
	isOutput: boolean;
	/** what the node computes, in terms of the drawn nodes feeding it (null for leaves) */
	expression: Formula | null;
	inEdges: number[];
	outEdges: number[];
}

export interface DrawnEdge {
	id: string;
	source: number;
	target: number;
	/** ∂target/∂source through the folded ops, simplified, in terms of drawn symbols */
	partial: Formula;
	/** sum over paths of products of tape local partials: flat [tape, slot, tape, slot, ...] per path */
	paths: Int32Array[];
}

export interface DrawnGraph {
	mode: ViewMode;
	nodes: DrawnNode[];
	edges: DrawnEdge[];
	output: number;
	byId: Map<string, number>;
}

const MAX_FOLD_DEPTH = 6;

const opTemplates = new Map<OpName, Formula[]>();

/** The engine's partial-derivative templates, parsed once. */
function partialTemplates(op: OpName): Formula[] {
	let parsed = opTemplates.get(op);
	if (!parsed) {
		parsed = OPS[op].partialFormula.map((text) => {
			const result = parseFormula(text);
			if (!result.ok) throw new Error(`bad template for ${op}: ${result.error.message}`);
			return result.value;
		});
		opTemplates.set(op, parsed);
	}
	return parsed;
}

function opExpression(op: OpName, a: Formula, b: Formula, k: number): Formula {
	const syntax = OPS[op].syntax;
	switch (syntax.kind) {
		case 'infix':
			return binary(syntax.symbol, a, b);
		case 'pow':
			return { kind: 'pow', base: a, exponent: num(k) };
		case 'neg':
			return { kind: 'neg', arg: a };
		case 'leaf':
			return a;
		case 'call':
			return { kind: 'call', fn: op, arg: a };
	}
}

export function foldGraph(tape: Tape, mode: ViewMode = 'named'): DrawnGraph {
	const nodes = tape.nodes;
	const size = nodes.length;
	const root = size - 1;
	const inputIndex = (i: number, slot: number) => tape.inputIndex(i, slot);

	// Count consumers (edges, so a*a counts twice) to find fan-out.
	const uses = new Int32Array(size);
	for (let i = 0; i < size; i++) {
		for (let s = 0; s < nodes[i].inputs.length; s++) uses[inputIndex(i, s)]++;
	}
	const drawnAt = new Int32Array(size).fill(-1);
	// Fold depth bounds formula size: a long unnamed chain is drawn every MAX_FOLD_DEPTH ops.
	const foldDepth = new Int32Array(size);
	const isDrawn = (i: number): boolean => {
		const v = nodes[i];
		if (v.isConstant) return mode === 'ops';
		if (mode === 'ops' || v.op === 'leaf' || i === root) return true;
		if (v.label !== undefined || uses[i] !== 1) return true;
		let depth = 1;
		for (let s = 0; s < v.inputs.length; s++) {
			depth = Math.max(depth, 1 + foldDepth[inputIndex(i, s)]);
		}
		foldDepth[i] = depth;
		return depth > MAX_FOLD_DEPTH;
	};

	const drawn: DrawnNode[] = [];
	const byId = new Map<string, number>();
	for (let i = 0; i < size; i++) {
		if (!isDrawn(i)) continue;
		const v = nodes[i];
		let id = v.label ?? (v.isConstant ? `c${i}` : v.op === 'leaf' ? `leaf${i}` : `${v.op}${i}`);
		if (byId.has(id)) id = `${id}_${i}`;
		drawnAt[i] = drawn.length;
		byId.set(id, drawn.length);
		drawn.push({
			id,
			tape: i,
			symbol: v.isConstant ? num(v.data) : sym(id),
			op: v.op,
			isLeaf: v.op === 'leaf',
			isParameter: v.op === 'leaf' && !v.isConstant,
			isOutput: i === root,
			expression: null,
			inEdges: [],
			outEdges: []
		});
	}

	// How a tape node reads inside the formula of the drawn node consuming it.
	const expressionOf = (i: number, owner: number): Formula => {
		if (i !== owner && drawnAt[i] >= 0) return drawn[drawnAt[i]].symbol;
		const v = nodes[i];
		if (v.isConstant) return num(v.data);
		const a = v.inputs.length > 0 ? expressionOf(inputIndex(i, 0), owner) : num(0);
		const b = v.inputs.length > 1 ? expressionOf(inputIndex(i, 1), owner) : num(0);
		return opExpression(v.op, a, b, v.k);
	};

	const edges: DrawnEdge[] = [];
	for (const target of drawn) {
		if (target.isLeaf) continue;
		const owner = target.tape;
		target.expression = expressionOf(owner, owner);
		const v = nodes[owner];
		for (let slot = 0; slot < v.inputs.length; slot++) {
			// Walk the folded tree under this input slot, collecting one path per use of a drawn node.
			const found = new Map<number, { paths: Int32Array[]; partial: Formula[] }>();
			const stack: { node: number; slot: number; chain: number[]; factors: Formula[] }[] = [
				{ node: owner, slot, chain: [], factors: [] }
			];
			while (stack.length > 0) {
				const { node, slot: s, chain, factors } = stack.pop()!;
				const chainHere = [...chain, node, s];
				const factorsHere = [...factors, localPartialFormula(node, s, owner)];
				const input = inputIndex(node, s);
				if (drawnAt[input] >= 0) {
					const entry = found.get(input) ?? { paths: [], partial: [] };
					entry.paths.push(Int32Array.from(chainHere));
					entry.partial.push(factorsHere.reduce((acc, f) => binary('*', acc, f)));
					found.set(input, entry);
				} else {
					for (let t = nodes[input].inputs.length - 1; t >= 0; t--) {
						stack.push({ node: input, slot: t, chain: chainHere, factors: factorsHere });
					}
				}
			}
			for (const [input, { paths, partial }] of found) {
				const source = drawnAt[input];
				const sourceId = drawn[source].id;
				let id = `${sourceId}->${target.id}`;
				if (edges.some((e) => e.id === id)) id = `${id}#${slot}`;
				const edgeIndex = edges.length;
				edges.push({
					id,
					source,
					target: drawnAt[owner],
					partial: simplify(partial.reduce((acc, f) => binary('+', acc, f))),
					paths
				});
				drawn[source].outEdges.push(edgeIndex);
				target.inEdges.push(edgeIndex);
			}
		}
	}

	function localPartialFormula(node: number, slot: number, owner: number): Formula {
		const v = nodes[node];
		const template = partialTemplates(v.op)[slot];
		const a = v.inputs.length > 0 ? expressionOf(inputIndex(node, 0), owner) : num(0);
		const b = v.inputs.length > 1 ? expressionOf(inputIndex(node, 1), owner) : num(0);
		const out = node === owner ? drawn[drawnAt[owner]].symbol : expressionOf(node, owner);
		return substitute(template, (name) =>
			name === 'a'
				? a
				: name === 'b'
					? b
					: name === 'out'
						? out
						: name === 'k'
							? num(v.k)
							: undefined
		);
	}

	return { mode, nodes: drawn, edges, output: drawnAt[root], byId };
}

/** Numeric local partial of every drawn edge, from the tape's current values. */
export function edgePartials(graph: DrawnGraph, tape: Tape, out: Float64Array): void {
	for (let e = 0; e < graph.edges.length; e++) {
		let sum = 0;
		for (const path of graph.edges[e].paths) {
			let product = 1;
			for (let j = 0; j < path.length; j += 2) product *= tape.localPartial(path[j], path[j + 1]);
			sum += product;
		}
		out[e] = sum;
	}
}

/** ∂(target)/∂(source) as a derivative symbol, e.g. ∂z/∂w1. */
export function edgeDerivative(graph: DrawnGraph, edge: number): Formula {
	const e = graph.edges[edge];
	return derivative(graph.nodes[e.target].id, graph.nodes[e.source].id);
}
