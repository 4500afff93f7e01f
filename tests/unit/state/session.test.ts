import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Tape } from '$lib/engine';
import { foldGraph } from '$lib/graphs/fold';
import { layoutInputOf } from '$lib/graphs/layout-input';
import { textbookNetwork } from '$lib/graphs/textbook';
import { structureKey, type Layout, type LayoutInput } from '$lib/layout/types';
import { Session } from '$lib/state/session.svelte';

// The layout worker, replaced by requests the test settles by hand.
const worker = vi.hoisted(() => ({
	requests: [] as {
		input: LayoutInput;
		resolve: (layout: Layout) => void;
		reject: (error: unknown) => void;
	}[]
}));
vi.mock('$lib/layout/browser', () => ({
	layoutInBrowser: (input: LayoutInput) =>
		new Promise<Layout>((resolve, reject) => worker.requests.push({ input, resolve, reject }))
}));

function fakeLayout(input: LayoutInput): Layout {
	const nodes = Object.fromEntries(
		input.nodes.map((n, i) => [
			n.id,
			{ id: n.id, x: 200 * i, y: 0, width: n.width, height: n.height }
		])
	);
	const edges = Object.fromEntries(
		input.edges.map((e) => [
			e.id,
			{
				...e,
				points: [
					{ x: 0, y: 0 },
					{ x: 1, y: 1 }
				]
			}
		])
	);
	return { width: 200 * input.nodes.length, height: 120, nodes, edges };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const ids = (session: Session) => session.explorer.graph.nodes.map((n) => n.id);

/** A session on the textbook graph whose named layout was prerendered. */
function textbookSession(): Session {
	const input = layoutInputOf(foldGraph(Tape.of(textbookNetwork())));
	return new Session(textbookNetwork(), [{ key: structureKey(input), layout: fakeLayout(input) }]);
}

beforeEach(() => {
	worker.requests.length = 0;
});

describe('Session.load', () => {
	it('keeps the graph on screen while the new one is laid out, then shows it at its end', async () => {
		const session = textbookSession();
		const before = session.explorer;
		const done = session.load({ kind: 'preset', id: 'neuron' });
		await settle();
		expect(session.loading).toBe(true);
		expect(session.explorer).toBe(before);
		expect(worker.requests).toHaveLength(1);
		worker.requests[0].resolve(fakeLayout(worker.requests[0].input));
		expect(await done).toBe(true);
		expect(session.loading).toBe(false);
		expect(session.source).toEqual({ kind: 'preset', id: 'neuron' });
		expect(ids(session)).toContain('o');
		expect(session.player.position).toBe(session.explorer.steps.length);
		expect(session.layout!.nodes.o).toBeDefined();
	});

	it('keeps the old graph and says why when an expression is wrong', async () => {
		const session = textbookSession();
		const before = session.explorer;
		expect(await session.load({ kind: 'expression', text: 'z = (a + b))' })).toBe(false);
		expect(session.loadError).toBe("unexpected ')' at column 12");
		expect(session.explorer).toBe(before);
		expect(session.source).toEqual({ kind: 'preset', id: 'textbook' });
		expect(worker.requests).toHaveLength(0);
	});

	it('keeps the old graph when the layout fails', async () => {
		const session = textbookSession();
		const before = session.explorer;
		const done = session.load({ kind: 'preset', id: 'diamond' });
		await settle();
		worker.requests[0].reject(new Error('worker crashed'));
		expect(await done).toBe(false);
		expect(session.loadError).toBe('The graph could not be laid out: worker crashed');
		expect(session.explorer).toBe(before);
		expect(session.loading).toBe(false);
	});

	it('lets a newer request win over an older one still laying out', async () => {
		const session = textbookSession();
		const older = session.load({ kind: 'preset', id: 'mlp' });
		await settle();
		const newer = session.load({ kind: 'expression', text: 'q = a*b' });
		await settle();
		expect(worker.requests).toHaveLength(2);
		worker.requests[1].resolve(fakeLayout(worker.requests[1].input));
		expect(await newer).toBe(true);
		worker.requests[0].resolve(fakeLayout(worker.requests[0].input));
		expect(await older).toBe(false);
		expect(session.source).toEqual({ kind: 'expression', text: 'q = a*b' });
		expect(ids(session)).toEqual(['a', 'b', 'q']);
	});

	it('uses the prerendered layout without the worker, and takes starting values', async () => {
		const session = textbookSession();
		expect(await session.load({ kind: 'preset', id: 'textbook' }, { values: { w1: 0.5 } })).toBe(
			true
		);
		expect(worker.requests).toHaveLength(0);
		expect(session.explorer.parameterValue('w1')).toBe(0.5);
	});
});

describe('Session.setMode', () => {
	it('switches to the op-level view and back, keeping the values and the source', async () => {
		const session = textbookSession();
		session.explorer.set('v', 0.9);
		const toOps = session.toggleMode();
		await settle();
		worker.requests[0].resolve(fakeLayout(worker.requests[0].input));
		expect(await toOps).toBe(true);
		expect(session.mode).toBe('ops');
		expect(session.explorer.graph.nodes).toHaveLength(13);
		expect(session.explorer.parameterValue('v')).toBe(0.9);
		expect(session.source).toEqual({ kind: 'preset', id: 'textbook' });

		// Back to the named view: its layout was prerendered.
		expect(await session.setMode('named')).toBe(true);
		expect(session.explorer.graph.nodes).toHaveLength(10);
		expect(session.explorer.parameterValue('v')).toBe(0.9);
		// Reset still goes back to the chapter's values.
		session.explorer.reset();
		expect(session.explorer.parameterValue('v')).toBe(0.8);
	});
});
