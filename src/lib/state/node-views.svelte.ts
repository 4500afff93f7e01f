import { formatNumber } from '$lib/format';
import type { DrawnGraph } from '$lib/graphs/fold';
import type { NonFinite, NonFiniteNode } from '$lib/graphs/nonfinite';
import { shownGrad, type Numbers } from '$lib/timeline/explain';
import type { Frame } from '$lib/timeline/timeline';
import type { NodeCheck } from './session.svelte';

export const DASH = '—';

export type GradSign = 'zero' | 'negative' | 'positive';

/**
 * What one drawn node shows. The views are refreshed in place and a field only changes when
 * what it shows does, so a drag re-renders just the boxes whose text or marks differ: on a big
 * graph seen whole (no box readable) it re-renders none.
 */
export class NodeView {
	/** off screen while zoomed in: not drawn at all, so a repaint does not walk it */
	hidden = $state(false);
	/** false: too small or off screen to read, so the box carries no text */
	detail = $state(true);
	valueText = $state(DASH);
	gradText = $state(DASH);
	sign: GradSign = $state('zero');
	active = $state(false);
	/** the quiz asks for this node's value or gradient: that number shows "?" */
	asking: 'value' | 'grad' | undefined = $state();
	/** a learner's answer checked against this node's gradient */
	check: NodeCheck | undefined = $state.raw();
	/** why the node shows NaN or ∞; set only while it does */
	problem: NonFiniteNode | undefined = $state.raw();

	// The full-precision numbers (undefined while not yet known), for the data-value and
	// data-grad test handles. Not reactive: writeNumbers puts them on the page directly.
	value: number | undefined = undefined;
	grad: number | undefined = undefined;
	/** the numbers changed since writeNumbers last wrote them */
	unwritten = true;
}

/** Whether one drawn edge is off screen; refreshed in place like NodeView. */
export class EdgeView {
	hidden = $state(false);
}

export interface NodeViewSource {
	graph: DrawnGraph;
	/** the frame whose knowledge the nodes show (values and gradients known so far) */
	shown: Frame;
	numbers: Numbers;
	/** per node: on screen or near it (see onScreenBoxes) */
	onScreen: readonly boolean[];
	/** per node: readable on screen (see detailedBoxes) */
	detailed: readonly boolean[];
	activeNode: number;
	checks: Record<string, NodeCheck>;
	nonFinite: NonFinite | null;
	/** the number the quiz asks for (shown as "?"), if any */
	asking?: { node: number; what: 'value' | 'grad' };
}

export function nodeViews(count: number): NodeView[] {
	return Array.from({ length: count }, () => new NodeView());
}

function signOf(grad: number | undefined): GradSign {
	if (grad === undefined || grad === 0 || Number.isNaN(grad)) return 'zero';
	return grad < 0 ? 'negative' : 'positive';
}

/** Bring every view up to date with `source`. */
export function refreshNodeViews(views: readonly NodeView[], source: NodeViewSource): void {
	const { graph, shown, numbers, onScreen, detailed, activeNode, checks, nonFinite, asking } =
		source;
	for (let i = 0; i < views.length; i++) {
		const view = views[i];
		const value = shown.valueKnown[i] ? numbers.values[i] : undefined;
		const grad = shownGrad(graph, shown, numbers, i);
		const detail = detailed[i];
		if (!Object.is(value, view.value) || !Object.is(grad, view.grad)) {
			view.value = value;
			view.grad = grad;
			view.unwritten = true;
		}
		view.hidden = !onScreen[i];
		view.detail = detail;
		view.asking = asking?.node === i ? asking.what : undefined;
		view.valueText =
			view.asking === 'value'
				? '?'
				: value === undefined
					? DASH
					: detail
						? formatNumber(value)
						: '';
		view.gradText =
			view.asking === 'grad' ? '?' : grad === undefined ? DASH : detail ? formatNumber(grad) : '';
		view.sign = signOf(grad);
		view.active = activeNode === i;
		view.check = checks[graph.nodes[i].id];
		// Marked only while what the node shows (not a dash) is NaN or ∞.
		const problem = nonFinite?.nodes.get(i);
		const broken =
			problem !== undefined &&
			((value !== undefined && !Number.isFinite(value)) ||
				(grad !== undefined && !Number.isFinite(grad)));
		view.problem = broken ? problem : undefined;
	}
}

/**
 * Put each view's numbers on its element (`elements[i]` draws node i) as data-value and
 * data-grad, full precision, absent while unknown. Only changed numbers are written.
 */
export function writeNumbers(views: readonly NodeView[], elements: ArrayLike<Element>): void {
	const n = Math.min(views.length, elements.length);
	for (let i = 0; i < n; i++) {
		const view = views[i];
		if (!view.unwritten) continue;
		const element = elements[i];
		if (view.value === undefined) element.removeAttribute('data-value');
		else element.setAttribute('data-value', String(view.value));
		if (view.grad === undefined) element.removeAttribute('data-grad');
		else element.setAttribute('data-grad', String(view.grad));
		view.unwritten = false;
	}
}
