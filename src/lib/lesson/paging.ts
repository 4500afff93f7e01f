/**
 * What Page Down does in the lesson, decided from where the section's parts are (its paragraphs,
 * formula blocks, tools and the pager at the end) and what the text column shows. The lesson
 * walks like slides: it brings the next part not yet seen into view; where the section steps
 * the graph, it steps; it moves to the next section only once all of this one has been seen;
 * a section with an exercise stops at its end until the student goes on.
 */

/** A part's top and bottom edge, in the scroll container's content coordinates (px). */
export interface PartBox {
	top: number;
	bottom: number;
}

/** What the scroll container shows: its scroll offset, its height, its content's height. */
export interface ScrollView {
	top: number;
	height: number;
	contentHeight: number;
}

export interface PageState {
	/** The section's parts in reading order. */
	parts: readonly PartBox[];
	view: ScrollView;
	/** The graph steps once this many parts have been seen (the section's text says when). */
	stepsAfter: number;
	/** The section's stretch of the timeline is not walked to its end yet. */
	stepsLeft: boolean;
	/** The section holds an exercise: it does not go on by itself. */
	exercise: boolean;
}

export type PageDown =
	{ kind: 'scroll'; top: number } | { kind: 'step' } | { kind: 'stay' } | { kind: 'section' };

/** Room left above and below a part brought into view, so it does not touch the edge (px). */
export const MARGIN = 16;
/** Rounding in layout: a part this close to the bottom edge counts as seen (px). */
const SLACK = 2;

/** Where to scroll to bring `part` into view, or null when it is already seen. */
export function revealTop(part: PartBox, view: ScrollView): number | null {
	const bottom = view.top + view.height;
	const maxTop = Math.max(0, view.contentHeight - view.height);
	if (part.bottom <= bottom + SLACK) return null;
	let wanted: number;
	if (part.bottom - part.top + 2 * MARGIN <= view.height) {
		// It fits: scroll just enough to show all of it.
		wanted = part.bottom + MARGIN - view.height;
	} else if (part.top - MARGIN > view.top) {
		// Taller than the view: its top first,
		wanted = part.top - MARGIN;
	} else {
		// then a page at a time (keeping a little of what was shown), never past its end.
		wanted = Math.min(view.top + view.height - 2 * MARGIN, part.bottom + MARGIN - view.height);
	}
	const top = Math.min(Math.max(wanted, 0), maxTop);
	// When the container cannot scroll further, what shows is all there is to see.
	return top > view.top + SLACK ? top : null;
}

/** How many of the parts, from the first, have been seen (are above the view's bottom edge). */
export function seenCount(parts: readonly PartBox[], view: ScrollView): number {
	let count = 0;
	while (count < parts.length && revealTop(parts[count], view) === null) count++;
	return count;
}

export function pageDown(state: PageState): PageDown {
	const { parts, view } = state;
	for (let i = 0; i < parts.length; i++) {
		if (state.stepsLeft && i >= state.stepsAfter) return { kind: 'step' };
		const top = revealTop(parts[i], view);
		if (top !== null) return { kind: 'scroll', top };
	}
	if (state.stepsLeft) return { kind: 'step' };
	return state.exercise ? { kind: 'stay' } : { kind: 'section' };
}
