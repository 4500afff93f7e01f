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
