import type { PartBox, ScrollView } from './paging';

/** What the lesson needs of its text column to walk it like slides (see paging.ts). */
export interface TextColumn {
	/** The shown section's parts and what the column shows, measured now. */
	measure(): { parts: PartBox[]; view: ScrollView };
	scrollTo(top: number): void;
	/** Back to the top, at once (a new section starts at the top of its text). */
	reset(): void;
	/** Stop listening to the page. */
	destroy(): void;
}

/**
 * The lesson's text column in the browser: `article` when it scrolls by itself (wide screens),
 * else the page (narrow screens, where the column is part of the page). `parts` are the
 * section's parts in reading order. A smooth scroll still under way counts as arrived, so a
 * quick second Page Down goes on from where the first one is going.
 */
export function textColumn(
	article: HTMLElement,
	parts: () => readonly HTMLElement[],
	smooth: () => boolean
): TextColumn {
	let heading: number | null = null;
	const scroller = () =>
		getComputedStyle(article).overflowY === 'visible'
			? (document.scrollingElement as HTMLElement)
			: article;
	const done = () => (heading = null);
	article.addEventListener('scrollend', done);
	window.addEventListener('scrollend', done);
	return {
		measure() {
			const box = scroller();
			const page = box !== article;
			const origin = page ? 0 : article.getBoundingClientRect().top + article.clientTop;
			const top = heading ?? box.scrollTop;
			return {
				parts: parts().map((el) => {
					const r = el.getBoundingClientRect();
					return { top: r.top - origin + box.scrollTop, bottom: r.bottom - origin + box.scrollTop };
				}),
				view: {
					top,
					height: page ? window.innerHeight : box.clientHeight,
					contentHeight: box.scrollHeight
				}
			};
		},
		scrollTo(top) {
			const behavior = smooth() ? 'smooth' : 'instant';
			heading = behavior === 'smooth' ? top : null;
			scroller().scrollTo({ top, behavior });
		},
		reset() {
			heading = null;
			article.scrollTop = 0;
		},
		destroy() {
			article.removeEventListener('scrollend', done);
			window.removeEventListener('scrollend', done);
		}
	};
}
