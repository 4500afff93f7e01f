import { describe, expect, it } from 'vitest';
import { MARGIN, pageDown, revealTop, seenCount, type PageState } from '$lib/lesson/paging';

// A text column 500 px high over parts laid out one under the other.
const parts = [
	{ top: 0, bottom: 200 },
	{ top: 220, bottom: 400 },
	{ top: 420, bottom: 600 },
	{ top: 620, bottom: 700 }
];
const view = (top: number, contentHeight = 720) => ({ top, height: 500, contentHeight });
const state = (over: Partial<PageState> = {}): PageState => ({
	parts,
	view: view(0),
	stepsAfter: parts.length,
	stepsLeft: false,
	exercise: false,
	...over
});

describe('revealTop', () => {
	it('leaves a part that is all in view', () => {
		expect(revealTop(parts[1], view(0))).toBeNull();
	});

	it('scrolls just enough to show all of a part that fits', () => {
		expect(revealTop(parts[2], view(0))).toBe(600 + MARGIN - 500);
	});

	it('shows a tall part from its top, then a page at a time, never past its end', () => {
		const tall = { top: 300, bottom: 1500 };
		const v = (top: number) => view(top, 1600);
		expect(revealTop(tall, v(0))).toBe(300 - MARGIN);
		expect(revealTop(tall, v(284))).toBe(284 + 500 - 2 * MARGIN);
		expect(revealTop(tall, v(900))).toBe(1500 + MARGIN - 500);
		expect(revealTop(tall, v(1016))).toBeNull();
	});

	it('counts a part as seen when the container cannot scroll further', () => {
		expect(revealTop({ top: 650, bottom: 720 }, view(220, 720))).toBeNull();
		expect(revealTop({ top: 650, bottom: 720 }, view(0, 720))).toBe(220);
	});
});

describe('pageDown', () => {
	it('brings the next unseen part into view, one at a time, then goes to the next section', () => {
		expect(pageDown(state())).toEqual({ kind: 'scroll', top: 116 });
		expect(pageDown(state({ view: view(116) }))).toEqual({ kind: 'scroll', top: 216 });
		expect(pageDown(state({ view: view(216) }))).toEqual({ kind: 'section' });
	});

	it('steps the graph where the section steps, and shows the rest after the steps', () => {
		const stepping = state({ stepsAfter: 2, stepsLeft: true });
		expect(pageDown(stepping)).toEqual({ kind: 'step' });
		// The parts before the steps come first.
		expect(pageDown(state({ stepsAfter: 3, stepsLeft: true }))).toEqual({
			kind: 'scroll',
			top: 116
		});
		expect(pageDown({ ...stepping, stepsLeft: false })).toEqual({ kind: 'scroll', top: 116 });
	});

	it('steps after every part by default, and goes on once the steps are done', () => {
		expect(pageDown(state({ view: view(216), stepsLeft: true }))).toEqual({ kind: 'step' });
		expect(pageDown(state({ view: view(216) }))).toEqual({ kind: 'section' });
	});

	it('stays at the end of a section with an exercise', () => {
		expect(pageDown(state({ exercise: true }))).toEqual({ kind: 'scroll', top: 116 });
		expect(pageDown(state({ view: view(216), exercise: true }))).toEqual({ kind: 'stay' });
	});

	it('with nothing measured (no text column), walks steps and sections only', () => {
		expect(pageDown(state({ parts: [], stepsLeft: true }))).toEqual({ kind: 'step' });
		expect(pageDown(state({ parts: [] }))).toEqual({ kind: 'section' });
	});
});

describe('seenCount', () => {
	it('counts the parts from the first that are all above the view’s bottom edge', () => {
		expect(seenCount(parts, view(0))).toBe(2);
		expect(seenCount(parts, view(116))).toBe(3);
		expect(seenCount(parts, view(220))).toBe(4);
		expect(seenCount([], view(0))).toBe(0);
	});

	it('counts what a column that cannot scroll further shows as seen', () => {
		expect(seenCount(parts, view(0, 500))).toBe(4);
	});
});
