import { describe, expect, it } from 'vitest';
import {
	MAX_PROGRAM_LENGTH,
	parseMessage,
	programStateMessage,
	type MessageContext
} from '$lib/embed/messages';
import { EmbedHost, type OutgoingMessage } from '$lib/state/embed-host.svelte';
import { TensorProgram } from '$lib/state/tensor-session.svelte';
import { Workspace } from '$lib/state/workspace.svelte';
import { MAX_SOURCE } from '$lib/torch';
import { programSource } from '../../support/programs';

const CHAPTER = programSource('chapter.py');
const CONTEXT: MessageContext = { parameters: [], steps: 10, presets: ['textbook'] };

function chapterProgram(): TensorProgram {
	const built = TensorProgram.build(CHAPTER);
	if (!built.ok) throw new Error(built.message);
	return built.program;
}

/** A workspace with the frame's side of the API, and every message the host would receive. */
function framed() {
	const workspace = new Workspace();
	const sent: OutgoingMessage[] = [];
	const host = new EmbedHost(workspace, { post: (m) => sent.push(m) });
	return { workspace, host, sent };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('backprop:load with a program', () => {
	it('takes PyTorch code up to the main page’s limit and no longer', () => {
		expect(MAX_PROGRAM_LENGTH).toBe(MAX_SOURCE);
		const longest = `x = 1\n${'#'.repeat(MAX_SOURCE - 6)}`;
		expect(longest).toHaveLength(MAX_SOURCE);
		expect(parseMessage({ type: 'backprop:load', program: longest }, CONTEXT)).toEqual({
			type: 'backprop:load',
			source: { kind: 'program', text: longest }
		});
		expect(parseMessage({ type: 'backprop:load', program: `${longest}#` }, CONTEXT)).toBeNull();
		expect(parseMessage({ type: 'backprop:load', program: '' }, CONTEXT)).toBeNull();
	});

	it('answers a program the interpreter rejects with backprop:error and keeps the graph', async () => {
		const { workspace, host, sent } = framed();
		const explorer = workspace.session.explorer;
		host.receive({ type: 'backprop:load', program: 'import torch\nw = torch.tensor([1.0]' });
		await settle();
		expect(workspace.program).toBeNull();
		expect(workspace.session.explorer).toBe(explorer);
		expect(sent).toHaveLength(1);
		const [answer] = sent;
		expect(answer.type).toBe('backprop:error');
		expect(answer.type === 'backprop:error' && answer.message).toBe(workspace.codeError);
		expect(workspace.codeError).toMatch(/line 2/);
	});

	it('runs nothing the interpreter does not know: Python’s own modules are refused', async () => {
		const { workspace, host, sent } = framed();
		host.receive({ type: 'backprop:load', program: 'import os\nos.system("true")' });
		await settle();
		expect(workspace.program).toBeNull();
		expect(sent.map((m) => m.type)).toEqual(['backprop:error']);
	});

	it('ignores a too long program without a word', async () => {
		const { workspace, host, sent } = framed();
		host.receive({ type: 'backprop:load', program: 'x'.repeat(MAX_SOURCE + 1) });
		await settle();
		expect(workspace.program).toBeNull();
		expect(workspace.codeError).toBeNull();
		expect(sent).toEqual([]);
	});
});

describe('messages while a program is shown', () => {
	it('check names and steps against the program and drive it', () => {
		const { workspace, host } = framed();
		const program = chapterProgram();
		workspace.program = program;
		expect(host.context.parameters.map((p) => p.id).sort()).toEqual(['v', 'w[0]', 'w[1]']);
		expect(host.context.steps).toBe(program.steps.length);
		host.receive({ type: 'backprop:set', values: { 'w[0]': 0.5 } });
		expect(program.values(program.graph.nodes.findIndex((n) => n.id === 'w'))[0]).toBe(0.5);
		expect(host.state.values.w).toEqual([0.5, 0.6]);
		// A name of the scalar graph is not a slider here.
		host.receive({ type: 'backprop:set', values: { w1: 0.1 } });
		const w0 = program.parameters.findIndex((p) => p.id === 'w[0]');
		expect(program.sliderValue(w0)).toBe(0.5);
		host.receive({ type: 'backprop:step', to: 2 });
		expect(program.player.position).toBe(2);
		expect(workspace.session.player.position).toBe(workspace.session.explorer.steps.length);
		program.destroy();
	});

	it('report the program’s tensors as nested lists, by their ids, as far as the step shows', () => {
		const program = chapterProgram();
		const end = programStateMessage(program, program.frame, program.steps.length);
		expect(end).toMatchObject({ type: 'backprop:state', phase: 'done', step: end.steps });
		expect(end.values.w).toEqual([0.4, 0.6]);
		expect(end.values.x).toEqual([1, 0.5]);
		expect(end.values.loss).toBeCloseTo(0.2166, 4);
		const dw = end.grads.w as number[];
		expect(dw[0]).toBeCloseTo(-0.1651, 4);
		expect(dw[1]).toBeCloseTo(-0.0826, 4);
		// PyTorch computes no gradient for x and y: none is reported.
		expect(Object.keys(end.grads)).not.toContain('x');
		expect(Object.keys(end.grads)).not.toContain('y');
		program.player.seek(0);
		const start = programStateMessage(program, program.frame, program.steps.length);
		expect(start.phase).toBe('idle');
		expect(start.grads).toEqual({});
		expect(Object.keys(start.values).sort()).toEqual(['v', 'w', 'x', 'y']);
		program.destroy();
	});
});
