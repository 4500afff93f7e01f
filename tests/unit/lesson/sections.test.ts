import { describe, expect, it } from 'vitest';
import { textbookNetwork } from '$lib/graphs/textbook';
import {
	lessonToolTitle,
	p,
	positionOf,
	rangeOf,
	referencedNodes,
	SECTIONS,
	value
} from '$lib/lesson/sections';
import { Explorer } from '$lib/state/explorer.svelte';
import { buildTimeline } from '$lib/timeline/timeline';
import { foldGraph } from '$lib/graphs/fold';
import { Tape, Value } from '$lib/engine';

const textbook = new Explorer(textbookNetwork());

describe('lesson sections', () => {
	it('follow the chapter, in order, with unique ids', () => {
		expect(SECTIONS.map((s) => s.title)).toEqual([
			'The network',
			'The forward pass',
			'The backward pass',
			'Write it yourself',
			'Verify',
			'Why it generalizes'
		]);
		expect(new Set(SECTIONS.map((s) => s.id)).size).toBe(SECTIONS.length);
	});

	it('cover the textbook timeline: forward 0–4, backward 5–9, the exercise after the forward pass', () => {
		expect(SECTIONS.map((s) => rangeOf(s, textbook.steps))).toEqual([
			{ from: 0, to: 0 },
			{ from: 0, to: 4 },
			{ from: 5, to: 9 },
			{ from: 4, to: 4 },
			{ from: 10, to: 10 },
			{ from: 10, to: 10 }
		]);
	});

	it('place the landmarks by the shape of any timeline', () => {
		// out = a·b + c is one drawn node (the product is folded into it): one forward step.
		const a = new Value(2, 'a');
		const out = a.mul(new Value(3, 'b')).add(new Value(1, 'c')).named('out');
		const steps = buildTimeline(foldGraph(Tape.of(out)));
		const marks = (['start', 'loss', 'seed', 'gradients', 'end'] as const).map((m) =>
			positionOf(m, steps)
		);
		expect(steps.map((s) => s.kind)).toEqual(['forward', 'seed', 'backward', 'done']);
		expect(marks).toEqual([0, 1, 2, 3, 4]);
	});

	it('refer only to nodes of the textbook network', () => {
		for (const section of SECTIONS) {
			for (const id of referencedNodes(section)) expect(textbook.graph.byId.has(id), id).toBe(true);
		}
	});

	it('turn the stage at parts of their text, in reading order, back to the live graph', () => {
		for (const section of SECTIONS) {
			const cues = section.stage ?? [];
			cues.forEach((cue, i) => {
				expect(cue.at).toBeLessThan(section.body.length);
				if (i > 0) expect(cue.at).toBeGreaterThan(cues[i - 1].at);
			});
			if (cues.length > 0) expect(cues.at(-1)!.view).toBe('scalars');
		}
		expect(SECTIONS.find((s) => s.id === 'generalizes')!.stage!.map((c) => c.view)).toEqual([
			'tensors',
			'classifier',
			'scalars'
		]);
	});

	it('name their tools', () => {
		expect(lessonToolTitle('chapter-script')).toBe('The chapter’s script, run here');
		expect(lessonToolTitle('pytorch')).toBe('Verify against PyTorch');
	});

	it('write paragraphs as text and formulas in reading order', () => {
		expect(p`the loss ${value('L')} is small`).toEqual({
			kind: 'text',
			pieces: ['the loss ', { kind: 'value', node: 'L' }, ' is small']
		});
		expect(p`${value('L')}`).toEqual({ kind: 'text', pieces: [{ kind: 'value', node: 'L' }] });
	});
});
