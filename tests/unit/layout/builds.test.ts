import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import ElkApi from 'elkjs/lib/elk-api';
import { layoutWith } from '$lib/layout/elk';
import { layoutInNode } from '$lib/layout/node';
import { small, textbook } from './fixtures';

// Outside a browser the worker script exports a stand-in Worker that runs on the calling thread.
const { Worker: InProcessWorker } = createRequire(import.meta.url)('elkjs/lib/elk-worker.min.js');

describe('ELK builds', () => {
	// The page is prerendered with the bundled build and relaid in the browser with the worker
	// build; if they disagreed, the graph would jump on load.
	it('the worker build lays out exactly like the bundled build', async () => {
		const elk = new ElkApi({ workerFactory: () => new InProcessWorker() });
		for (const input of [small(), textbook()]) {
			expect(await layoutWith(elk, input)).toEqual(await layoutInNode(input));
		}
	});
});
