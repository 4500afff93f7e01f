/** The size an embed is made for: the graph and the step bar fit without a scrollbar. */
export const EMBED_SIZE = { width: 640, height: 400 } as const;

export const EMBED_TITLE = 'backprop-explorer: a computation graph, step by step';

/** The HTML a course page pastes in to show `src` (the embed's address for the current view). */
export function embedCode(src: string, title: string = EMBED_TITLE): string {
	return (
		`<iframe src="${attribute(src)}" title="${attribute(title)}" ` +
		`width="${EMBED_SIZE.width}" height="${EMBED_SIZE.height}" loading="lazy" ` +
		`style="border: 1px solid #8888; max-width: 100%"></iframe>`
	);
}

// An attribute value in double quotes: & and " are all that can end or change it.
function attribute(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
