import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { programQuery } from '$lib/state/program-link';
import { Settings } from '$lib/state/settings.svelte';
import { TensorProgram } from '$lib/state/tensor-session.svelte';

const source = (file: string) => readFileSync(`src/lib/torch/examples/${file}`, 'utf8');
const built: TensorProgram[] = [];

function build(file: string): TensorProgram {
	const result = TensorProgram.build(source(file));
	if (!result.ok) throw new Error(result.message);
	built.push(result.program);
	return result.program;
}

afterEach(() => {
	for (const program of built.splice(0)) program.destroy();
});

describe('TensorProgram', () => {
	it('re-evaluates a drag to the numbers a fresh run with that value gives', () => {
		const dragged = build('big_classifier.py');
		dragged.set('b2[3]', 0.7);
		const fresh = TensorProgram.build(
			source('big_classifier.py').replace(
				'b2 = torch.zeros(10, requires_grad=True)',
				'b2 = torch.tensor([0.0, 0.0, 0.0, 0.7, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], requires_grad=True)'
			)
		);
		if (!fresh.ok) throw new Error(fresh.message);
		built.push(fresh.program);
		expect(fresh.program.graph.nodes.map((n) => n.id)).toEqual(
			dragged.graph.nodes.map((n) => n.id)
		);
		dragged.graph.nodes.forEach((node, i) => {
			expect(Array.from(dragged.values(i)), node.name).toEqual(Array.from(fresh.program.values(i)));
			const grad = dragged.grad(i);
			expect(grad && Array.from(grad), node.name).toEqual(
				fresh.program.grad(i) && Array.from(fresh.program.grad(i)!)
			);
		});
	});

	it('counts a change of values only for the tensors a drag reaches: b2 leaves X and W1 alone', () => {
		const program = build('big_classifier.py');
		const names = ['X', 'W1', 'H', 'logits', 'loss'];
		const versions = () =>
			Object.fromEntries(
				names.map((name) => [
					name,
					program.valueVersion(program.graph.nodes.findIndex((n) => n.name === name))
				])
			);
		expect(versions()).toEqual({ X: 0, W1: 0, H: 0, logits: 0, loss: 0 });
		program.set('b2[0]', 0.5);
		expect(versions()).toEqual({ X: 0, W1: 0, H: 0, logits: 1, loss: 1 });
		program.set('W1[0,0]', 0.5);
		expect(versions()).toEqual({ X: 0, W1: 1, H: 1, logits: 2, loss: 2 });
	});

	it('lists the moved sliders in order for the link, and forgets one moved back', () => {
		const program = build('chapter.py');
		expect(program.moved(50)).toEqual([]);
		program.set('w[1]', 0.9);
		program.set('v', 0.5);
		program.set('w[0]', 0.2);
		expect(program.moved(50)).toEqual([
			['v', 0.5],
			['w[0]', 0.2],
			['w[1]', 0.9]
		]);
		expect(program.moved(2)).toHaveLength(2);
		program.set('v', 0.8);
		expect(program.moved(50).map(([id]) => id)).toEqual(['w[0]', 'w[1]']);
		const query = new URLSearchParams(programQuery(program, 'CODE', new Settings()));
		expect([...query]).toEqual([
			['code', 'CODE'],
			['w[0]', '0.2'],
			['w[1]', '0.9']
		]);
	});
});
