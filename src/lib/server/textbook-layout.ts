import { Tape } from '$lib/engine';
import { foldGraph } from '$lib/graphs/fold';
import { layoutInputOf } from '$lib/graphs/layout-input';
import { textbookNetwork } from '$lib/graphs/textbook';
import { layoutInNode } from '$lib/layout/prerender';
import { structureKey } from '$lib/layout/types';
import type { PrecomputedLayout } from '$lib/state/session.svelte';

/** The textbook graph laid out at build time, so the first paint needs no ELK in the browser. */
export async function textbookLayouts(): Promise<PrecomputedLayout[]> {
	const input = layoutInputOf(foldGraph(Tape.of(textbookNetwork())));
	return [{ key: structureKey(input), layout: await layoutInNode(input) }];
}
