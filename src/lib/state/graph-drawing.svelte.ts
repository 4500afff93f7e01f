import { untrack } from 'svelte';
import { MediaQuery } from 'svelte/reactivity';
import { symbolBox, toText } from '$lib/formula/render';
import { formatNumber } from '$lib/format';
import {
	clearLabels,
	labelBoxAt,
	labelSize,
	placeEdgeLabels,
	type Rect
} from '$lib/geometry/edge-labels';
import { arrowHead, edgePath } from '$lib/geometry/path';
import { pointAlong } from '$lib/geometry/polyline';
import {
	boundsOf,
	detailedBoxes,
	IDENTITY,
	leftEdgeAt,
	onScreenBoxes,
	readableZoom,
	screenRect
} from '$lib/geometry/viewport';
import type { DrawnGraph, DrawnNode } from '$lib/graphs/fold';
import { symbolText } from '$lib/graphs/layout-input';
import type { Layout, Point } from '$lib/layout/types';
import type { Frame } from '$lib/timeline/timeline';
import { EdgeView, nodeViews, refreshNodeViews, writeNumbers } from './node-views.svelte';
import type { NodeCheck, Session } from './session.svelte';
import type { Viewport } from './viewport.svelte';

/** Room around the drawing, in drawing units. */
export const PAD = 12;
/** the node values' font size, in drawing units (NodeBox) */
export const VALUE_TEXT_UNITS = 30.5;
/** the edge labels' font size, in drawing units */
export const EDGE_LABEL_SIZE = 18;
/** 14 px, the least a phone's numbers may be, with a margin so rounding never falls short */
const MIN_TEXT_PX = 14.5;

export interface EdgeGeometry {
	points: readonly Point[];
	/** the line */
	d: string;
	/** its arrowhead */
	head: string;
}

/** Each edge's path and arrowhead: from the layout only, so a drag never recomputes them. */
export function edgeGeometry(graph: DrawnGraph, layout: Layout): EdgeGeometry[] {
	return graph.edges.map((e) => {
		const points = layout.edges[e.id].points;
		return { points, d: edgePath(points), head: arrowHead(points, 14, 11) };
	});
}

export type NodeKind = 'output' | 'parameter' | 'constant' | 'op';

export function nodeKind(node: DrawnNode): NodeKind {
	if (node.isOutput) return 'output';
	if (node.isParameter) return 'parameter';
	return node.isLeaf ? 'constant' : 'op';
}

/** What the drawing needs of the numbers: an edge's local derivative, a node's value and grad. */
export interface EdgeNumbers {
	value(node: number): number;
	grad(node: number): number;
	partial(edge: number): number;
}

export interface Marker {
	e: number;
	x: number;
	y: number;
	text: string;
	/** whether its number is drawn this frame: only where it clears the boxes and the others */
	showText: boolean;
}

/** The travelling numbers' size, and how far above its marker a number's baseline sits. */
export const MARKER_TEXT = { size: 22, above: 22 } as const;

/**
 * Travelling markers: while a step plays (progress below 1), values ride forward along the
 * active edges (source → target) and gradients ride back, each carrying its number. Markers
 * converging on one node would pile their numbers onto each other and onto the boxes: a number
 * is drawn only while it clears every box in `boxes` and the numbers drawn before it.
 */
export function travellingMarkers(
	graph: DrawnGraph,
	frame: Pick<Frame, 'step' | 'phase' | 'activeEdges'>,
	progress: number,
	geometry: readonly EdgeGeometry[],
	numbers: EdgeNumbers,
	boxes: readonly Rect[]
): Marker[] {
	const kind = frame.step?.kind;
	if (progress >= 1 || !kind || kind === 'seed' || kind === 'done') return [];
	const backward = frame.phase === 'backward';
	const markers = frame.activeEdges.map((e) => {
		const edge = graph.edges[e];
		const carried = backward
			? numbers.grad(edge.target) * numbers.partial(e)
			: numbers.value(edge.source);
		const at = pointAlong(geometry[e].points, backward ? 1 - progress : progress);
		return { e, x: at.x, y: at.y, text: formatNumber(carried) };
	});
	const clear = clearLabels(
		markers.map((m) => labelBoxAt(m.text, MARKER_TEXT.size, m.x, m.y - MARKER_TEXT.above)),
		boxes
	);
	return markers.map((m, i) => ({ ...m, showText: clear[i] }));
}

export interface EdgeLabel {
	e: number;
	text: string;
	x: number;
	y: number;
}

/**
 * The local derivative the backward pass multiplies by, on each active edge ("×0.2217"), placed
 * off every box and off each other; none in the forward pass.
 */
export function edgeLabels(
	frame: Pick<Frame, 'phase' | 'activeEdges'>,
	geometry: readonly EdgeGeometry[],
	boxes: readonly Rect[],
	bounds: Rect,
	partial: (edge: number) => number
): EdgeLabel[] {
	if (frame.phase !== 'backward') return [];
	const texts = frame.activeEdges.map((e) => `×${formatNumber(partial(e))}`);
	const placed = placeEdgeLabels(
		frame.activeEdges.map((e, i) => ({
			points: geometry[e].points,
			...labelSize(texts[i], EDGE_LABEL_SIZE)
		})),
		boxes,
		{ bounds }
	);
	return frame.activeEdges.map((e, i) => ({ e, text: texts[i], x: placed[i].x, y: placed[i].y }));
}

/** Notes beside wrong answers, in graph order. */
export function wrongChecks(
	graph: DrawnGraph,
	checks: Record<string, NodeCheck>
): (readonly [string, NodeCheck])[] {
	return graph.nodes.flatMap((n) => {
		const check = checks[n.id];
		return check?.status === 'wrong' ? [[n.id, check] as const] : [];
	});
}

export interface DrawingProps {
	session: Session;
	viewport?: Viewport;
	showEdgeLabels: boolean;
	readable: boolean;
}

/**
 * Everything GraphView draws that is computed rather than drawn: the view box, what is on
 * screen and readable at the current zoom, the nodes' views, the travelling markers and the edge
 * labels. Geometry depends on the layout only; the numbers come through the explorer's getters.
 */
export class GraphDrawing {
	/** the SVG element's size on screen, in CSS pixels (0 before the first measurement) */
	pxWidth = $state(0);
	pxHeight = $state(0);
	readonly #props: DrawingProps;

	constructor(props: DrawingProps) {
		this.#props = props;
	}

	get session(): Session {
		return this.#props.session;
	}
	get graph(): DrawnGraph {
		return this.#props.session.explorer.graph;
	}
	get layout(): Layout {
		return this.#props.session.layout!;
	}
	get frame(): Frame {
		return this.#props.session.frame;
	}
	get viewport(): Viewport | undefined {
		return this.#props.viewport;
	}

	// The viewBox is the whole drawing; pan and zoom move the groups inside it.
	readonly view: Rect = $derived({
		x: -PAD,
		y: -PAD,
		width: this.layout.width + 2 * PAD,
		height: this.layout.height + 2 * PAD
	});
	// What the SVG element shows, in viewBox coordinates: more than the drawing along one axis.
	readonly screen: Rect = $derived(screenRect(this.view, this.pxWidth, this.pxHeight));
	readonly outputSymbol = $derived(toText([symbolBox(this.graph.nodes[this.graph.output].id)]));
	readonly edgeGeometry = $derived(edgeGeometry(this.graph, this.layout));
	readonly symbols = $derived(this.graph.nodes.map(symbolText));
	readonly transform = $derived(this.viewport?.transform ?? IDENTITY);
	readonly nodeBoxes = $derived(this.graph.nodes.map((n) => this.layout.nodes[n.id]));
	readonly edgeBoxes = $derived(
		this.graph.edges.map((e) => boundsOf(this.layout.edges[e.id].points))
	);
	// Zoomed in, only what is on screen (or near it) is drawn: a repaint after a drag or a pan
	// then walks a few dozen boxes, not thousands. Seen whole, everything is on screen.
	readonly nodesOnScreen = $derived(
		this.pxWidth === 0
			? this.graph.nodes.map(() => true)
			: onScreenBoxes(this.nodeBoxes, this.transform, this.screen)
	);
	// Text only where it can be read: laying out thousands of unreadable labels is what would make
	// a drag on a big graph slow. Small graphs that fit the screen always get all their text.
	readonly detailed = $derived(
		this.pxWidth === 0
			? this.graph.nodes.map(() => true)
			: detailedBoxes(
					this.nodeBoxes,
					this.transform,
					this.screen,
					Math.min(this.pxWidth / this.view.width, this.pxHeight / this.view.height),
					VALUE_TEXT_UNITS
				)
	);
	readonly edgeViews = $derived(this.graph.edges.map(() => new EdgeView()));
	// One view per node, refreshed in place: a drag re-renders only the boxes whose text or marks
	// change (none, on a big graph seen whole). Filled when made, so the first render (and the
	// prerendered page) shows the numbers.
	readonly views = $derived.by(() => {
		const made = nodeViews(this.graph.nodes.length);
		untrack(() => this.#refresh(made));
		return made;
	});
	readonly wrongChecks = $derived(wrongChecks(this.graph, this.session.checks));
	/** per edge: active at this step (a step has a few active edges) */
	readonly edgeActive = $derived(
		this.graph.edges.map((_, e) => this.frame.activeEdges.includes(e))
	);
	readonly backward = $derived(this.frame.phase === 'backward');
	// The markers and labels carry the step's numbers: none while the quiz asks for them.
	readonly markers = $derived(
		this.session.quiz.hidesNumbers
			? []
			: travellingMarkers(
					this.graph,
					this.frame,
					this.session.player.progress,
					this.edgeGeometry,
					this.session.explorer,
					this.nodeBoxes
				)
	);
	readonly edgeLabels = $derived(
		!this.#showEdgeLabels || this.session.quiz.hidesNumbers
			? []
			: edgeLabels(this.frame, this.edgeGeometry, this.nodeBoxes, this.view, (e) =>
					this.session.explorer.partial(e)
				)
	);

	get #showEdgeLabels(): boolean {
		return this.#props.showEdgeLabels;
	}

	#refresh(views: ReturnType<typeof nodeViews>): void {
		const { session } = this;
		refreshNodeViews(views, {
			graph: this.graph,
			shown: session.quiz.mask(session.shown),
			numbers: session.explorer.numbers,
			onScreen: this.nodesOnScreen,
			detailed: this.detailed,
			activeNode: this.frame.activeNode,
			checks: session.checks,
			nonFinite: session.nonFinite,
			asking: session.quiz.asking
		});
	}

	/**
	 * The drawing's effects; call during component initialisation. `nodeGroup` holds the node
	 * boxes in graph order (the full-precision numbers go straight onto them).
	 */
	follow(nodeGroup: () => SVGGElement | undefined): void {
		// While stepping, the active node stays on screen (big graphs are read zoomed in).
		$effect(() => {
			const i = this.frame.activeNode;
			const { viewport } = this.#props;
			if (viewport && i >= 0)
				viewport.reveal(
					this.layout.nodes[this.graph.nodes[i].id],
					untrack(() => this.screen)
				);
		});
		// On a phone or a tablet the whole graph may be too small to read: it opens zoomed in until
		// the numbers are MIN_TEXT_PX on screen, showing the inputs (the left edge, where the passes
		// start); stepping pans along with the active node (above), and a pinch shows the rest.
		const handheld = new MediaQuery('(max-width: 700px), (max-height: 500px), (pointer: coarse)');
		$effect(() => {
			const { viewport, readable } = this.#props;
			const { pxWidth, pxHeight, view } = this;
			if (!viewport || !readable || !handheld.current || pxWidth === 0 || pxHeight === 0) return;
			const k = readableZoom(view, pxWidth, pxHeight, VALUE_TEXT_UNITS, MIN_TEXT_PX);
			if (k > 1) untrack(() => viewport.show(leftEdgeAt(k, view, this.screen)));
		});
		// Presenter mode (entered after the first paint when the link asks for it) shows it whole.
		$effect(() => {
			if (!this.#props.readable) untrack(() => this.#props.viewport?.fit());
		});
		$effect(() => {
			if (this.pxWidth === 0) return;
			const shown = onScreenBoxes(this.edgeBoxes, this.transform, this.screen);
			this.edgeViews.forEach((v, e) => (v.hidden = !shown[e]));
		});
		$effect(() => {
			const views = this.views;
			this.#refresh(views);
			const group = nodeGroup();
			if (group) writeNumbers(views, group.children);
		});
	}
}
