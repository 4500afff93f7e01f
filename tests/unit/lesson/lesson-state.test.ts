import { beforeAll, describe, expect, it, vi } from 'vitest';
import { SECTIONS } from '$lib/lesson/sections';
import { textbookNetwork } from '$lib/graphs/textbook';
import { Explorer } from '$lib/state/explorer.svelte';
import { LessonState } from '$lib/state/lesson.svelte';
import { Player } from '$lib/state/player.svelte';

// Node has no animation frames; with reduced motion the player only cancels them.
beforeAll(() => {
	vi.stubGlobal('cancelAnimationFrame', () => {});
});

function setup() {
	const explorer = new Explorer(textbookNetwork());
	const player = new Player(() => explorer.steps.length, explorer.steps.length);
	player.reducedMotion = true;
	const lesson = new LessonState(SECTIONS, player, () => explorer.steps);
	/** Where the lesson is, as "section@position". */
	const at = () => `${lesson.section.id}@${player.position}`;
	return { lesson, player, at };
}

// The textbook timeline: 4 forward steps (positions 1–4), the seed (5), 4 backward steps (6–9), done (10).
const WALK = [
	'network@0',
	'forward@0',
	'forward@1',
	'forward@2',
	'forward@3',
	'forward@4',
	'backward@5',
	'backward@6',
	'backward@7',
	'backward@8',
	'backward@9',
	'write@4',
	'verify@10',
	'generalizes@10'
];

describe('LessonState', () => {
	it('opens at the first section, before anything is computed', () => {
		const { lesson, at } = setup();
		expect(at()).toBe('network@0');
		expect(lesson.atStart).toBe(true);
		expect(lesson.atEnd).toBe(false);
	});

	it('steps through each section’s stretch, then on to the next section', () => {
		const { lesson, at } = setup();
		const walked = [at()];
		while (!lesson.atEnd) {
			lesson.next();
			// The exercise holds Page Down; the student goes on with the pager's button.
			if (lesson.stopped) {
				expect(at()).toBe('write@4');
				lesson.goOn();
			}
			walked.push(at());
		}
		expect(walked).toEqual(WALK);
		lesson.next();
		expect(at()).toBe('generalizes@10');
	});

	it('walks back the same way, entering each section at its end', () => {
		const { lesson, at } = setup();
		lesson.last();
		expect(lesson.atEnd).toBe(true);
		const walked = [at()];
		while (!lesson.atStart) {
			lesson.previous();
			walked.push(at());
		}
		expect(walked).toEqual([...WALK].reverse());
		lesson.previous();
		expect(at()).toBe('network@0');
	});

	it('walks the text column like slides: unseen parts first, steps where the section steps', () => {
		const { lesson, at } = setup();
		// A column 300 px high; each of the section's parts 200 px, 20 px apart.
		let top = 0;
		let count = 4;
		const scrolls: number[] = [];
		lesson.column = {
			measure: () => ({
				parts: Array.from({ length: count }, (_, i) => ({ top: i * 220, bottom: i * 220 + 200 })),
				view: { top, height: 300, contentHeight: count * 220 }
			}),
			scrollTo: (to) => {
				scrolls.push(to);
				top = to;
			},
			reset: () => (top = 0),
			destroy: () => {}
		};
		// The network: three parts below the fold, one Page Down each, then the next section.
		lesson.next();
		lesson.next();
		lesson.next();
		expect(scrolls).toEqual([136, 356, 576]);
		expect(at()).toBe('network@0');
		lesson.next();
		expect(at()).toBe('forward@0');
		// The forward pass steps once its first two parts are seen, and shows the rest after.
		lesson.column.reset();
		lesson.next();
		expect(at()).toBe('forward@0');
		expect(scrolls.at(-1)).toBe(136);
		for (let step = 1; step <= 4; step++) {
			lesson.next();
			expect(at()).toBe(`forward@${step}`);
		}
		lesson.next();
		expect(scrolls.at(-1)).toBe(356);
		expect(at()).toBe('forward@4');
		// The exercise: everything seen, Page Down stays until the student goes on.
		lesson.goTo(3);
		count = 1;
		lesson.column.reset();
		lesson.next();
		expect(lesson.stopped).toBe(true);
		expect(at()).toBe('write@4');
		lesson.goOn();
		expect(lesson.stopped).toBe(false);
		expect(at()).toBe('verify@10');
	});

	it('turns the stage where the section says, one press each, once the part is seen', () => {
		const { lesson, at } = setup();
		lesson.goTo(SECTIONS.findIndex((s) => s.id === 'generalizes'));
		// A column 300 px high over the section's parts, 200 px each, 20 px apart.
		let top = 0;
		const count = SECTIONS.at(-1)!.body.length + 2;
		lesson.column = {
			measure: () => ({
				parts: Array.from({ length: count }, (_, i) => ({ top: i * 220, bottom: i * 220 + 200 })),
				view: { top, height: 300, contentHeight: count * 220 }
			}),
			scrollTo: (to) => (top = to),
			reset: () => (top = 0),
			destroy: () => {}
		};
		const walked: string[] = [];
		for (let press = 0; press < 9; press++) {
			lesson.next();
			walked.push(`${lesson.stage}@${top}`);
		}
		// Parts 1 and 2 come into view, then the stage turns to PyTorch's graph (part 2 seen),
		// the classifier (part 3), and back to the live graph (part 4, the gradient step).
		expect(walked).toEqual([
			'scalars@136',
			'scalars@356',
			'tensors@356',
			'tensors@576',
			'classifier@576',
			'classifier@796',
			'scalars@796',
			// then the rest of the section: the update, its last paragraph, the tool
			'scalars@1016',
			'scalars@1236'
		]);
		expect(at()).toBe('generalizes@10');
		// The stage's own switch, and leaving the section, put the live graph back.
		lesson.showStage('classifier');
		expect(lesson.stage).toBe('classifier');
		lesson.previous();
		expect(lesson.section.id).toBe('verify');
		expect(lesson.stage).toBe('scalars');
		lesson.goTo(SECTIONS.length - 1);
		expect(lesson.stage).toBe('scalars');
	});

	it('opens where a link says', () => {
		const { lesson, at } = setup();
		lesson.restore(2, 8);
		expect(at()).toBe('backward@8');
		lesson.restore(3, undefined);
		expect(at()).toBe('write@4');
		lesson.restore(undefined, 7);
		expect(at()).toBe('backward@7');
	});

	it('jumps to a section at its start; first and last go to the ends of the lesson', () => {
		const { lesson, at } = setup();
		lesson.goTo(2);
		expect(at()).toBe('backward@5');
		lesson.goTo(99);
		expect(at()).toBe('generalizes@10');
		lesson.first();
		expect(at()).toBe('network@0');
		lesson.last();
		expect(at()).toBe('generalizes@10');
	});

	it('follows the position when other controls move it out of the section', () => {
		const { lesson, player, at } = setup();
		player.seek(7);
		expect(at()).toBe('backward@7');
		// Back inside the chosen section's stretch, the chosen section shows again.
		player.seek(0);
		expect(at()).toBe('network@0');
		lesson.goTo(4);
		// Behind the chosen section: the nearest one behind it that holds the position.
		player.seek(2);
		expect(at()).toBe('forward@2');
		lesson.goTo(3);
		expect(at()).toBe('write@4');
		player.next();
		expect(at()).toBe('backward@5');
		// Stepping on from a followed section continues from there.
		lesson.next();
		expect(at()).toBe('backward@6');
	});

	it('plays only the section’s stretch, from its start', () => {
		const { lesson, player, at } = setup();
		vi.useFakeTimers();
		try {
			lesson.goTo(1);
			lesson.toggle();
			vi.advanceTimersByTime(60_000);
			expect(at()).toBe('forward@4');
			expect(player.playing).toBe(false);
		} finally {
			vi.useRealTimers();
		}
		lesson.goTo(1);
		lesson.toggle();
		expect(player.playing).toBe(true);
		lesson.toggle();
		expect(player.playing).toBe(false);
		player.seek(4);
		lesson.toggle();
		// At the end of the stretch, playing starts it again.
		expect(player.position).toBe(0);
		expect(player.playing).toBe(true);
		lesson.next();
		expect(player.playing).toBe(true);
		lesson.goTo(2);
		expect(player.playing).toBe(false);
	});
});
