// The layout worker: ELK runs here, off the page's thread, and the layout goes back packed into
// transferable arrays (see packed.ts).
import ELK from 'elkjs/lib/elk.bundled.js';
import { answerLayout, type LayoutRequest } from './remote';

const elk = new ELK();

// Loaded inside a worker, ELK's bundle sets self.onmessage to its own message protocol; this
// assignment, made after it, puts ours in its place.
self.onmessage = async (event: MessageEvent<LayoutRequest>) => {
	const { reply, transfer } = await answerLayout(elk, event.data);
	self.postMessage(reply, { transfer });
};
