import { describe, expect, it } from 'vitest';
import { formulaText } from '$lib/formula/render';
import { textbookNetwork } from '$lib/graphs/textbook';
import { lessonBlocks, lessonSides } from '$lib/lesson/math';
import {
	chain,
	define,
	display,
	forward,
	grad,
	p,
	partial,
	rate,
	rule,
	symbol,
	update,
	value,
	type MathRef
} from '$lib/lesson/sections';
import { Explorer } from '$lib/state/explorer.svelte';
import { Value } from '$lib/engine';

const explorer = new Explorer(textbookNetwork());
const text = (ref: MathRef, e: Explorer = explorer, eta = 0.5) => {
	const sides = lessonSides(ref, e.graph, e.numbers, eta);
	return sides && formulaText(...sides);
};

describe('lessonSides', () => {
	it('writes the chapter’s forward pass with the numbers plugged in', () => {
		expect(text(symbol('yhat'))).toBe('ŷ');
		expect(text(value('x1'))).toBe('x₁ = 1.0000');
		expect(text(define('L'))).toBe('L = (ŷ − y)²');
		expect(text(forward('z'))).toBe(
			'z = w₁x₁ + w₂x₂ = (0.4000)(1.0000) + (0.6000)(0.5000) = 0.7000'
		);
		expect(text(forward('h'))).toBe('h = σ(z) = σ(0.7000) = 0.6682');
		expect(text(forward('L'))).toBe('L = (ŷ − y)² = (0.5346 − 1.0000)² = 0.2166');
		// A leaf has nothing to compute: its value.
		expect(text(forward('w1'))).toBe('w₁ = 0.4000');
	});

	it('writes the backward pass as the chain rule at each node', () => {
		expect(text(chain('L'))).toBe('∂L/∂L = 1');
		expect(text(chain('yhat'))).toBe('∂L/∂ŷ = 2(ŷ − y) = 2(0.5346 − 1.0000) = −0.9309');
		expect(text(chain('v'))).toBe('∂L/∂v = ∂L/∂ŷ · h = (−0.9309)(0.6682) = −0.6220');
		expect(text(chain('z'))).toBe('∂L/∂z = ∂L/∂h · h(1 − h) = (−0.7447)(0.2217) = −0.1651');
		expect(text(chain('w2'))).toBe('∂L/∂w₂ = ∂L/∂z · x₂ = (−0.1651)(0.5000) = −0.0826');
		expect(text(grad('w1'))).toBe('∂L/∂w₁ = −0.1651');
		expect(text(partial('w1'))).toBe('∂L/∂w₁');
	});

	it('sums over every edge leaving a node that feeds several', () => {
		const a = new Value(3, 'a');
		const b = a.mul(a).named('b');
		const out = b.add(a).named('out');
		const e = new Explorer(out);
		// ∂out/∂a = 1 directly, plus 2a through b: 1 + 6 = 7.
		expect(text(chain('a'), e)).toBe(
			'∂out/∂a = ∂out/∂b · a + ∂out/∂b · a + 1 = (1.0000)(3.0000) + (1.0000)(3.0000) + 1 = 7.0000'
		);
	});

	it('writes one gradient step with the learning rate', () => {
		expect(text(rate, explorer, 0.5)).toBe('η = 0.5000');
		expect(text(rule)).toBe('θ − η · ∂L/∂θ');
		expect(text(update('w1'), explorer, 0.5)).toBe(
			'w₁ − η · ∂L/∂w₁ = 0.4000 − (0.5000)(−0.1651) = 0.4826'
		);
	});

	it('follows the sliders', () => {
		const e = new Explorer(textbookNetwork());
		e.set('w1', 0.5);
		expect(text(forward('z'), e)).toBe(
			'z = w₁x₁ + w₂x₂ = (0.5000)(1.0000) + (0.6000)(0.5000) = 0.8000'
		);
		expect(text(value('w1'), e)).toBe('w₁ = 0.5000');
	});

	it('says nothing about a node the graph does not have', () => {
		expect(text(value('nope'))).toBeNull();
	});
});

describe('lessonBlocks', () => {
	it('fills in every formula of a section’s text, and names what is missing', () => {
		const blocks = lessonBlocks(
			[p`so ${value('L')}.`, display(grad('v'), value('q'))],
			explorer.graph,
			explorer.numbers,
			0.5
		);
		const shown = blocks.map((b) =>
			(b.kind === 'text' ? b.pieces : b.lines).map((x) =>
				'text' in x ? x.text : formulaText(...x.sides)
			)
		);
		expect(shown).toEqual([
			['so ', 'L = 0.2166', '.'],
			['∂L/∂v = −0.6220', '(q is not in this graph)']
		]);
	});
});
