import { describe, expect, it } from 'vitest';
import { chain, display, grad, p, partial, SECTIONS, symbol, value } from '$lib/lesson/sections';
import { withoutGradients } from '$lib/tools/quiz/lesson';

describe('withoutGradients', () => {
	const section = {
		...SECTIONS[0],
		body: [
			p`Here ${grad('w1')} and ${value('z')} and ${symbol('h')}.`,
			display(chain('v'), chain('h')),
			display(value('z'))
		]
	};

	it('drops displays of gradients and names inline gradients without their number', () => {
		expect(withoutGradients(section).body).toEqual([
			p`Here ${partial('w1')} and ${value('z')} and ${symbol('h')}.`,
			display(value('z'))
		]);
	});

	it('leaves the backward section with no gradient number in it', () => {
		const backward = withoutGradients(SECTIONS.find((s) => s.id === 'backward')!);
		const refs = backward.body.flatMap((b) =>
			b.kind === 'display' ? b.lines : b.pieces.filter((x) => typeof x !== 'string')
		);
		expect(refs.map((r) => r.kind).filter((k) => ['grad', 'chain', 'update'].includes(k))).toEqual(
			[]
		);
		expect(refs.length).toBeGreaterThan(0);
	});
});
