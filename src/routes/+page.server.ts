import { Tape } from '$lib/engine';
import { foldGraph } from '$lib/graphs/fold';
import { layoutInputOf } from '$lib/graphs/layout-input';
import { textbookNetwork } from '$lib/graphs/textbook';
import { layoutInNode } from '$lib/layout/node';
import { structureKey } from '$lib/layout/types';
import type { PageServerLoad } from './$types';

// The textbook graph is laid out at build time, so the first paint needs no ELK in the browser.
export const load: PageServerLoad = async () => {
	const input = layoutInputOf(foldGraph(Tape.of(textbookNetwork())));
	return { layouts: [{ key: structureKey(input), layout: await layoutInNode(input) }] };
};
