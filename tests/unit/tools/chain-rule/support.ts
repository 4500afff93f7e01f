import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';
import { Tape } from '$lib/engine';
import { edgePartials, foldGraph } from '$lib/graphs/fold';
import { TARGETS, type Inputs } from '$lib/tools/chain-rule/exercise';
import { chainTerms, type Term } from '$lib/tools/chain-rule/grade';
import type { WorkerLike } from '$lib/tools/chain-rule/runner';
import { textbookNetwork } from '$lib/graphs/textbook';

/** The engine's gradients for the exercise's targets, by the names the checker reads. */
export function engineGradients(values: Inputs): Record<string, number> {
	const tape = Tape.of(textbookNetwork(values));
	tape.evaluate();
	return Object.fromEntries(
		TARGETS.map((t) => {
			const i = tape.nodes.findIndex((n) => n.label === t.node);
			if (i < 0) throw new Error(`no node ${t.node}`);
			return [t.name, tape.grads[i]];
		})
	);
}

/** The exercise's chain-rule terms on the drawn textbook graph at `values`, as the page reads them. */
export function engineTerms(values: Inputs): Record<string, Term[]> {
	const tape = Tape.of(textbookNetwork(values));
	tape.evaluate();
	const graph = foldGraph(tape);
	const partials = new Float64Array(graph.edges.length);
	edgePartials(graph, tape, partials);
	const grads = graph.nodes.map((n) => tape.grads[n.tape]);
	return chainTerms(graph, { values: [], grads, partials }, TARGETS);
}

// The worker's code (run.ts) compiled to a script for a Node worker thread, set up like
// worker.ts sets it up in the browser: serve() posts ready, then answers each message.
const runSource = ts.transpileModule(
	readFileSync(new URL('../../../../src/lib/tools/chain-rule/run.ts', import.meta.url), 'utf8'),
	{ compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }
).outputText;

const bootstrap = `
const { parentPort } = require('node:worker_threads');
const module = { exports: {} };
new Function('exports', 'require', 'module', ${JSON.stringify(runSource)})(module.exports, require, module);
const handle = module.exports.serve((message) => parentPort.postMessage(message));
parentPort.on('message', handle);
`;

/** A real thread running the worker's code: an infinite loop in it really has to be terminated. */
export function threadWorker(): WorkerLike & { thread: Worker } {
	const thread = new Worker(bootstrap, { eval: true });
	const worker: WorkerLike & { thread: Worker } = {
		thread,
		onmessage: null,
		onerror: null,
		postMessage: (message) => thread.postMessage(message),
		terminate: () => void thread.terminate()
	};
	thread.on('message', (data: unknown) => worker.onmessage?.({ data }));
	thread.on('error', (error: Error) => worker.onerror?.({ message: error.message }));
	return worker;
}
