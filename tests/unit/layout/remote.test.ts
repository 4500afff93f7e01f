import { describe, expect, it } from 'vitest';
import ELK from 'elkjs/lib/elk.bundled.js';
import { packLayout, transferables, unpackLayout } from '$lib/layout/packed';
import { layoutInNode } from '$lib/layout/prerender';
import {
	answerLayout,
	LayoutClient,
	type LayoutPort,
	type LayoutReply,
	type LayoutRequest
} from '$lib/layout/remote';
import type { LayoutInput } from '$lib/layout/types';
import { small, textbook } from './fixtures';

/** Two parallel edges and a node named like Object.prototype's own properties. */
function awkward(): LayoutInput {
	return {
		nodes: ['__proto__', 'constructor', 'L'].map((id) => ({ id, width: 150, height: 110 })),
		edges: [
			{ id: 'e0', source: '__proto__', target: 'L' },
			{ id: 'e1', source: '__proto__', target: 'L' },
			{ id: 'e2', source: 'constructor', target: 'L' }
		]
	};
}

/** A worker stand-in that answers on the calling thread, as the real worker does. */
function fakeWorker(answer: (request: LayoutRequest) => Promise<LayoutReply | null>) {
	const port: LayoutPort & { terminated: boolean; fail(message: string): void } = {
		onmessage: null,
		onerror: null,
		terminated: false,
		postMessage(request) {
			void answer(structuredClone(request)).then((reply) => {
				if (reply) port.onmessage?.({ data: structuredClone(reply) } as MessageEvent<LayoutReply>);
			});
		},
		terminate() {
			port.terminated = true;
		},
		fail(message) {
			port.onerror?.({ message, preventDefault() {} } as ErrorEvent);
		}
	};
	return port;
}

const elk = new ELK();
const viaWorker = () => fakeWorker(async (request) => (await answerLayout(elk, request)).reply);

describe('packed layouts', () => {
	it('unpack to exactly the layout that was packed', async () => {
		for (const input of [small(), textbook(), awkward()]) {
			const layout = await layoutInNode(input);
			const packed = packLayout(layout, input);
			expect(unpackLayout(structuredClone(packed), input)).toEqual(layout);
			expect(Object.keys(unpackLayout(packed, input).nodes)).toEqual(input.nodes.map((n) => n.id));
		}
	});

	it('travel as three transferable buffers', async () => {
		const input = textbook();
		const packed = packLayout(await layoutInNode(input), input);
		expect(transferables(packed)).toEqual([
			packed.boxes.buffer,
			packed.starts.buffer,
			packed.points.buffer
		]);
		expect(packed.boxes).toHaveLength(4 * input.nodes.length);
		expect(packed.starts).toHaveLength(input.edges.length + 1);
	});

	it('refuse arrays that do not fit the graph', async () => {
		const packed = packLayout(await layoutInNode(small()), small());
		expect(() => unpackLayout(packed, textbook())).toThrow(/does not match/);
	});
});

describe('the layout worker and its client', () => {
	it('give the page the same layout the prerender makes', async () => {
		const client = new LayoutClient(viaWorker());
		for (const input of [small(), textbook(), awkward()]) {
			expect(await client.layout(input)).toEqual(await layoutInNode(input));
		}
	});

	it('match answers to calls when several are in flight', async () => {
		const client = new LayoutClient(viaWorker());
		const [a, b] = await Promise.all([client.layout(textbook()), client.layout(small())]);
		expect(Object.keys(a.nodes)).toHaveLength(10);
		expect(Object.keys(b.nodes)).toEqual(['a', 'b', 's']);
	});

	it('pass on ELK’s error for a graph it cannot lay out', async () => {
		const client = new LayoutClient(viaWorker());
		const bad = { nodes: [{ id: 'a', width: 1, height: 1 }], edges: [] } as LayoutInput;
		bad.edges.push({ id: 'e', source: 'a', target: 'missing' });
		await expect(client.layout(bad)).rejects.toThrow(/unknown node "missing"/);
	});

	it('reject every pending call when the worker fails, and say so', async () => {
		const port = fakeWorker(async () => null);
		const client = new LayoutClient(port);
		const pending = [client.layout(small()), client.layout(textbook())];
		port.fail('404');
		for (const p of pending) await expect(p).rejects.toThrow(/layout worker failed: 404/);
		expect(client.broken).toBe(true);
		expect(port.terminated).toBe(true);
		await expect(client.layout(small())).rejects.toThrow(/layout worker failed/);
	});
});
