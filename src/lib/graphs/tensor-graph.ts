import { textWidth } from '$lib/geometry/text-width';
import type { LayoutInput } from '$lib/layout/types';
import { TENSOR_OPS, type Tensor, type TensorOpName, type TensorTape } from '$lib/tensor';

/**
 * PyTorch's graph of a program as the tensor view draws it: one box per tensor the root was
 * computed from (number operands such as the 2 in `2 * x` are written into their consumer's
 * formula instead), edges from each input to the op that used it, in input order.
 */
export interface TensorNode {
	/** `data-node`: the Python name, or a generated id for an unnamed result */
	id: string;
	/** what the box says: `w`, `h₁`, or the expression that made it (`w * x`) */
	name: string;
	tensor: Tensor;
	shape: readonly number[];
	/** PyTorch's node name for what made it (`MulBackward0`), `AccumulateGrad` for a leaf that
	 *  requires grad, undefined for a tensor that does not */
	gradFn: string | undefined;
	isLeaf: boolean;
	/** leaf requiring grad: it gets sliders */
	isParameter: boolean;
	/** PyTorch keeps this gradient in `.grad` (a leaf, or `retain_grad()`) */
	keepsGrad: boolean;
	isOutput: boolean;
	/** the box's contents: a table of numbers, or a heatmap with the norm */
	display: Display;
	inEdges: number[];
}

export type Display =
	{ kind: 'table'; rows: number; cols: number } | { kind: 'heatmap'; rows: number; cols: number };

export interface TensorEdge {
	id: string;
	source: number;
	target: number;
	/** which input of the target */
	slot: number;
}

export interface TensorGraph {
	nodes: TensorNode[];
	edges: TensorEdge[];
	output: number;
	/** node index by tensor */
	indexOf: ReadonlyMap<Tensor, number>;
}

export interface Named {
	tensor: Tensor;
	name: string;
	id: string;
}

/** A matrix up to this many rows and columns is a table of numbers; larger ones a heatmap. */
export const TABLE_LIMIT = 4;

/** How a shape is seen as rows × columns: a vector is one row, a 0-d tensor one cell. */
export function gridOf(shape: readonly number[]): { rows: number; cols: number } {
	if (shape.length === 0) return { rows: 1, cols: 1 };
	if (shape.length === 1) return { rows: 1, cols: shape[0] };
	const cols = shape[shape.length - 1];
	return { rows: shape.slice(0, -1).reduce((a, b) => a * b, 1), cols };
}

function displayOf(shape: readonly number[]): Display {
	const { rows, cols } = gridOf(shape);
	const small = shape.length <= 2 && rows <= TABLE_LIMIT && cols <= TABLE_LIMIT;
	return { kind: small ? 'table' : 'heatmap', rows, cols };
}

export function tensorGraph(tape: TensorTape, named: readonly Named[]): TensorGraph {
	const byTensor = new Map(named.map((n) => [n.tensor, n]));
	const drawn = tape.order.filter((t) => !t.isConstant);
	const indexOf = new Map<Tensor, number>(drawn.map((t, i) => [t, i]));
	const usedIds = new Set<string>();
	const nodes: TensorNode[] = drawn.map((t) => {
		const own = byTensor.get(t);
		let id = own?.id ?? `t${t.id}`;
		// Ids are unique even if a program's names are not (two unnamed `w * x`).
		while (usedIds.has(id)) id = `${id}'`;
		usedIds.add(id);
		const isLeaf = t.isLeaf;
		return {
			id,
			name: own?.name ?? id,
			tensor: t,
			shape: t.shape,
			gradFn: t.gradFn,
			isLeaf,
			isParameter: isLeaf && t.requiresGrad,
			keepsGrad: t.requiresGrad && (isLeaf || t.retainsGrad),
			isOutput: t === tape.root,
			display: displayOf(t.shape),
			inEdges: []
		};
	});
	const edges: TensorEdge[] = [];
	drawn.forEach((t, target) => {
		if (t.isLeaf) return;
		t.inputs.forEach((input, slot) => {
			const source = indexOf.get(input);
			if (source === undefined) return;
			nodes[target].inEdges.push(edges.length);
			edges.push({ id: `${nodes[source].id}->${nodes[target].id}#${slot}`, source, target, slot });
		});
	});
	return { nodes, edges, output: indexOf.get(tape.root)!, indexOf };
}

/** What the op in a box computes, as its formula over the inputs' names (`w ⊙ x`, `Σ a`). */
export function opCaption(node: TensorNode, graph: TensorGraph): string {
	const t = node.tensor;
	if (t.isLeaf) return '';
	const spec = TENSOR_OPS[t.op as TensorOpName];
	const names = t.inputs.map((input) => {
		const i = graph.indexOf.get(input);
		if (i === undefined) return String(input.data[0]);
		// An unnamed result is named by its expression: bracket it inside another one.
		const name = graph.nodes[i].name;
		return /^[\w.[\],]+$/.test(name) ? name : `(${name})`;
	});
	// ...but not where it is already a call's argument: torch.tanh(X @ W1 + b1).
	return names.reduce(
		(text, name) =>
			name.startsWith('(')
				? text.replaceAll(
						new RegExp(`(?<=[(,] ?)${escapeRegExp(name)}(?= ?[),])`, 'g'),
						name.slice(1, -1)
					)
				: text,
		spec.python(names, t.attrs)
	);
}

// Box geometry, in layout units (the drawing scales to the screen). Sizes are chosen so that
// the big classifier's thirteen boxes, fitted to the graph area at 1024×768, set their names at
// 12 px or more: a heatmap is at most 10 cells a side, the shape and node name wrap, and a long
// expression name breaks after a space or a bracket.
export const BOX = {
	padding: 14,
	nameSize: 30,
	nameLine: 36,
	metaSize: 22,
	metaLine: 27,
	/** a table cell holds the widest number the formatter writes, at numberSize */
	cellWidth: 118,
	cellHeight: 28,
	numberSize: 21,
	/** space between the values and the gradients */
	gap: 10,
	heatmapCell: 10,
	heatmapMax: 10,
	/** the norm under a heatmap; a norm wider than the box is condensed to fit */
	normSize: 16,
	normLine: 24,
	/** room the open button takes beside the first line of the name */
	opener: 44,
	/** a name wider than this (about 14 characters) wraps */
	nameWrap: 240
} as const;

/** The narrowest content: a usual norm line. */
const MIN_INNER = Math.ceil(textWidth('grad norm 99.9999', BOX.normSize));

/** Where everything in a tensor's box goes: the layout sizes the box, TensorBox draws it. */
export interface BoxLayout {
	width: number;
	height: number;
	nameLines: string[];
	metaLines: string[];
	/** y of the first meta line's top */
	metaTop: number;
	/** y of the values block; the gradient block starts bodyHeight + BOX.gap below it */
	blocksTop: number;
	bodyHeight: number;
	/** a heatmap's grid and cell size (a vector's one row is drawn twice as tall) */
	heat: { rows: number; cols: number; cellWidth: number; cellHeight: number } | null;
}

/** The line under the name: shape, PyTorch's node name, whether .grad keeps the gradient. */
export function metaText(node: TensorNode): string {
	return metaParts(node).join(META_SEPARATOR);
}

const META_SEPARATOR = ' · ';

function metaParts(node: TensorNode): string[] {
	return [
		`[${node.shape.join(', ')}]`,
		node.gradFn ?? 'no grad',
		node.keepsGrad ? '.grad kept' : ''
	].filter(Boolean);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Why PyTorch computes no gradient for a tensor, or '' when it does. (A result of ops on
 *  such tensors is itself a leaf that does not require grad, as in PyTorch.) */
export function noGradReason(node: TensorNode): string {
	return node.tensor.requiresGrad ? '' : `no grad: ${node.name} does not require grad`;
}

/**
 * Joins `pieces` into lines of at most `width` (in text set at `size`), as many per line as fit;
 * a piece wider than `width` gets a line of its own. `first` is what the first line gives up.
 */
export function wrapPieces(
	pieces: readonly string[],
	separator: string,
	size: number,
	width: number,
	first = 0
): string[] {
	const lines: string[] = [];
	for (const piece of pieces) {
		const last = lines.length - 1;
		const joined = last >= 0 ? lines[last] + separator + piece : piece;
		const room = width - (last <= 0 ? first : 0);
		if (last >= 0 && textWidth(joined.trimEnd(), size) <= room) lines[last] = joined;
		else lines.push(piece);
	}
	return lines.map((line) => line.trimEnd());
}

/** A name split where it may break: after a space, an opening bracket or a comma. */
const namePieces = (name: string) => name.split(/(?<=[ ([,])(?! )/);

export function boxLayout(node: TensorNode): BoxLayout {
	const { display } = node;
	const blocks = node.tensor.requiresGrad ? 2 : 1;
	const names = namePieces(node.name);
	const metas = metaParts(node);
	// A table is as wide as its cells; a heatmap is never wider than the text above it.
	const inner = Math.ceil(
		Math.max(
			MIN_INNER,
			display.kind === 'table' ? display.cols * BOX.cellWidth : 0,
			// a name stays on one line unless it is long; a piece of it never breaks
			Math.min(textWidth(node.name, BOX.nameSize), BOX.nameWrap) + BOX.opener,
			textWidth(names[0], BOX.nameSize) + BOX.opener,
			...names.map((piece) => textWidth(piece, BOX.nameSize)),
			...metas.map((part) => textWidth(part, BOX.metaSize))
		)
	);
	let bodyHeight: number;
	let heat: BoxLayout['heat'] = null;
	if (display.kind === 'table') {
		bodyHeight = display.rows * BOX.cellHeight;
	} else {
		// At most heatmapMax rows, and as many columns as the box has room for.
		const rows = Math.min(display.rows, BOX.heatmapMax);
		const cols = Math.min(display.cols, Math.floor(inner / BOX.heatmapCell));
		const cellHeight = rows === 1 ? 2 * BOX.heatmapCell : BOX.heatmapCell;
		heat = { rows, cols, cellWidth: BOX.heatmapCell, cellHeight };
		bodyHeight = rows * cellHeight + BOX.normLine;
	}
	const nameLines = wrapPieces(names, '', BOX.nameSize, inner, BOX.opener);
	const metaLines = wrapPieces(metas, META_SEPARATOR, BOX.metaSize, inner);
	const metaTop = 8 + nameLines.length * BOX.nameLine;
	const blocksTop = metaTop + metaLines.length * BOX.metaLine + 8;
	return {
		width: inner + 2 * BOX.padding,
		height: blocksTop + blocks * bodyHeight + (blocks - 1) * BOX.gap + BOX.padding,
		nameLines,
		metaLines,
		metaTop,
		blocksTop,
		bodyHeight,
		heat
	};
}

/** The box's size: the name, the shape and node name, then values and gradients. */
export function boxSize(node: TensorNode): { width: number; height: number } {
	const { width, height } = boxLayout(node);
	return { width, height };
}

/** Tensor boxes carry no edge labels: the layers sit closer than in the scalar graph. */
export const TENSOR_LAYOUT_STYLE = { direction: 'right', layerGap: 44, nodeGap: 24 } as const;

export function tensorLayoutInput(graph: TensorGraph): LayoutInput {
	return {
		style: TENSOR_LAYOUT_STYLE,
		nodes: graph.nodes.map((n) => ({ id: n.id, ...boxSize(n) })),
		edges: graph.edges.map((e) => ({
			id: e.id,
			source: graph.nodes[e.source].id,
			target: graph.nodes[e.target].id
		}))
	};
}

/** A tensor's numbers as `tolist()` gives them: a plain number for 0-d, nested lists otherwise. */
export function toList(data: ArrayLike<number>, shape: readonly number[]): unknown {
	if (shape.length === 0) return data[0];
	const build = (offset: number, d: number): unknown => {
		const n = shape[d];
		if (d === shape.length - 1) return Array.from({ length: n }, (_, k) => data[offset + k]);
		const stride = shape.slice(d + 1).reduce((a, b) => a * b, 1);
		return Array.from({ length: n }, (_, k) => build(offset + k * stride, d + 1));
	};
	return build(0, 0);
}

/** The 2-norm, as `torch.linalg.norm` of the flattened tensor. */
export function norm(data: ArrayLike<number>): number {
	let sum = 0;
	for (let i = 0; i < data.length; i++) sum += data[i] * data[i];
	return Math.sqrt(sum);
}

/** Up to this many elements a node carries its numbers in `data-value`; beyond, its norm. */
export const ATTRIBUTE_LIMIT = 1000;

/** JSON for `data-value` / `data-grad`: full precision; non-finite numbers as JSON can't hold
 *  them, written as the strings "NaN", "Infinity", "-Infinity". */
export function numbersAttribute(data: ArrayLike<number>, shape: readonly number[]): string {
	// Written out directly rather than JSON.stringify(toList(...)): it runs for every small
	// tensor on every drag. String(x) is JSON's number text for every finite x.
	const text = (x: number) => (Number.isFinite(x) ? String(x) : `"${x}"`);
	if (shape.length === 0) return text(data[0]);
	let at = 0;
	const list = (d: number): string => {
		const items: string[] = [];
		for (let k = 0; k < shape[d]; k++)
			items.push(d === shape.length - 1 ? text(data[at++]) : list(d + 1));
		return `[${items.join(',')}]`;
	};
	return list(0);
}
