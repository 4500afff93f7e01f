import { select } from 'd3-selection';
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior } from 'd3-zoom';
import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';
import { IDENTITY, maxZoom, revealShift, type Rect, type Transform } from '$lib/geometry/viewport';

const STEP = 1.5;

/**
 * Pan and zoom of the graph. d3-zoom handles the gestures (wheel, drag, pinch, double-click) on
 * the SVG element it is attached to and reports a transform; Svelte renders with it. The view
 * rectangle is the SVG's viewBox, i.e. the whole drawing: zooming out stops at "fit", panning
 * stops at the drawing's edges, so the graph can never be lost off screen.
 */
export class Viewport {
	transform: Transform = $state.raw(IDENTITY);
	#attached: {
		behavior: ZoomBehavior<SVGSVGElement, unknown>;
		svg: SVGSVGElement;
		view: Rect;
	} | null = null;

	get zoomed(): boolean {
		return this.transform.k > 1 + 1e-9;
	}

	/**
	 * An attachment for the SVG whose viewBox is `view`. A new view (another graph) builds a new
	 * attachment, so every graph opens fitted to the screen.
	 */
	zoomable(view: Rect, nodeWidth: number): Attachment<SVGSVGElement> {
		return (svg) => {
			const extent: [[number, number], [number, number]] = [
				[view.x, view.y],
				[view.x + view.width, view.y + view.height]
			];
			const behavior = zoom<SVGSVGElement, unknown>()
				.extent(extent)
				.translateExtent(extent)
				.scaleExtent([1, maxZoom(view, nodeWidth)])
				.on('zoom', (event: D3ZoomEvent<SVGSVGElement, unknown>) => {
					const { x, y, k } = event.transform;
					this.transform = { x, y, k };
				});
			const selection = select(svg);
			untrack(() => {
				selection.call(behavior);
				behavior.transform(selection, zoomIdentity);
			});
			this.#attached = { behavior, svg, view };
			return () => {
				selection.on('.zoom', null);
				if (this.#attached?.svg === svg) this.#attached = null;
			};
		};
	}

	fit(): void {
		const a = this.#attached;
		if (a) a.behavior.transform(select(a.svg), zoomIdentity);
	}

	/** Zoom and pan to t (kept inside the drawing, as a gesture would be). */
	show(t: Transform): void {
		const a = this.#attached;
		if (a) a.behavior.transform(select(a.svg), zoomIdentity.translate(t.x, t.y).scale(t.k));
	}

	zoomIn(): void {
		const a = this.#attached;
		if (a) a.behavior.scaleBy(select(a.svg), STEP);
	}

	zoomOut(): void {
		const a = this.#attached;
		if (a) a.behavior.scaleBy(select(a.svg), 1 / STEP);
	}

	/**
	 * Pan just enough that `box` (drawing coordinates) is on screen; used while stepping.
	 * `screen` is what the SVG element shows, in viewBox coordinates (see screenRect).
	 */
	reveal(box: Rect, screen?: Rect, margin = 24): void {
		const a = this.#attached;
		if (!a) return;
		// Read without tracking: the caller's effect must follow the step, not every pan.
		const shift = revealShift(
			untrack(() => this.transform),
			box,
			screen ?? a.view,
			margin
		);
		if (shift) a.behavior.translateBy(select(a.svg), -shift.dx, -shift.dy);
	}
}
