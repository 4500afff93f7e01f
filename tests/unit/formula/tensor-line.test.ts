import { describe, expect, it } from 'vitest';
import { tensorLineBoxes } from '$lib/formula/tensor-line';

/** ∂name: ∂ then the name, as a numerator or a denominator holds them. */
const partialOf = (name: string) => [
	{ t: 'mo', text: '∂' },
	{ t: 'mi', text: name }
];
/** The box of ∂top/∂bottom. */
const partial = (top: string, bottom: string) => ({
	t: 'frac',
	num: partialOf(top),
	den: partialOf(bottom)
});

describe('tensor step sentences as MathML boxes', () => {
	it('makes each ∂a/∂b a fraction and keeps numbers and operators apart', () => {
		expect(
			tensorLineBoxes('MulBackward0: ∂loss/∂w = ∂loss/∂(w * x) ⊙ x = [−0.1651·1.0000]')
		).toEqual([
			{ t: 'mi', text: 'MulBackward0' },
			{ t: 'mo', text: ':' },
			partial('loss', 'w'),
			{ t: 'mo', text: '=' },
			partial('loss', '(w * x)'),
			{ t: 'mo', text: '⊙' },
			{ t: 'mi', text: 'x' },
			{ t: 'mo', text: '=' },
			{ t: 'mo', text: '[' },
			{ t: 'mn', text: '−0.1651' },
			{ t: 'mo', text: '·' },
			{ t: 'mn', text: '1.0000' },
			{ t: 'mo', text: ']' }
		]);
	});

	it('keeps a run of words as one name, with its spaces', () => {
		const boxes = tensorLineBoxes(
			"∂loss/∂y_hat = ∂loss/∂(y_hat - y) summed to y_hat's shape = −0.9309"
		);
		expect(boxes).toContainEqual({ t: 'mi', text: "summed to y_hat's shape" });
		expect(boxes.at(-1)).toEqual({ t: 'mn', text: '−0.9309' });
	});
});
