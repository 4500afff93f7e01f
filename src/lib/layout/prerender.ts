import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutWith } from './elk';
import type { Layout, LayoutInput } from './types';

// The bundled build runs on the calling thread: right for prerendering and tests, never
// imported by browser code (see browser.ts).
let elk: InstanceType<typeof ELK> | undefined;

export function layoutInNode(input: LayoutInput): Promise<Layout> {
	elk ??= new ELK();
	return layoutWith(elk, input);
}
