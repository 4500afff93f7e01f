import { pageDown, seenCount } from '$lib/lesson/paging';
import { rangeOf, type LessonSection, type Range, type StageView } from '$lib/lesson/sections';
import type { TextColumn } from '$lib/lesson/text-column';
import type { Step } from '$lib/timeline/timeline';
import type { Player } from './player.svelte';

/**
 * Where the guided lesson is: a section, and the player's position inside that section's stretch
 * of the timeline. Next and previous step inside the stretch first, then move to the next or
 * previous section, so a clicker walks the whole chapter. The player stays the one source of
 * the position: when it is moved by other controls (the step buttons, the scrubber) beyond the
 * section's stretch, the lesson shows the nearest section that contains the new position.
 */
export class LessonState {
	/** The section chosen last through the lesson's own controls. */
	#chosen = $state(0);
	/** The section whose exercise Page Down stopped at, until the lesson moves on. */
	#stopped = $state<number | null>(null);
	/** The text column, once the page has one: Page Down walks it before moving on. */
	column: TextColumn | null = null;
	#stage: StageView = $state('scalars');
	/** How many of the section's stage cues Page Down has taken. */
	#cues = 0;

	readonly ranges: Range[] = $derived.by(() => {
		const steps = this.steps();
		return this.sections.map((s) => rangeOf(s, steps));
	});

	/** The section shown: the one chosen, unless the position has left its stretch. */
	readonly index: number = $derived.by(() => {
		const position = this.player.position;
		const holds = (i: number) => this.ranges[i].from <= position && position <= this.ranges[i].to;
		const chosen = this.#chosen;
		if (holds(chosen)) return chosen;
		const ahead = position > this.ranges[chosen].to;
		const order = this.sections.map((_, i) => i);
		const near = ahead ? order.slice(chosen + 1) : order.slice(0, chosen).reverse();
		return near.find(holds) ?? order.find(holds) ?? chosen;
	});

	// $derived.by: TypeScript reads a bare $derived(expression) as run before the constructor's
	// parameter properties are assigned.
	readonly section: LessonSection = $derived.by(() => this.sections[this.index]);
	readonly range: Range = $derived.by(() => this.ranges[this.index]);
	readonly atStart: boolean = $derived.by(
		() => this.index === 0 && this.player.position <= this.range.from
	);
	readonly atEnd: boolean = $derived.by(
		() => this.index === this.sections.length - 1 && this.player.position >= this.range.to
	);
	/** Page Down stopped at this section's exercise: the student goes on with the pager. */
	readonly stopped: boolean = $derived.by(() => this.#stopped === this.index);

	/** What the stage shows beside the text: the live scalar graph, unless the section turns it. */
	get stage(): StageView {
		return this.section.stage ? this.#stage : 'scalars';
	}

	/** The stage's own switch: show `view` (Page Down goes on from the cues it has taken). */
	showStage(view: StageView): void {
		this.#stage = view;
	}

	/** Opens the lesson at the first section's first position. */
	constructor(
		readonly sections: readonly LessonSection[],
		readonly player: Player,
		/** The timeline the player walks (it changes only with the graph). */
		readonly steps: () => readonly Step[]
	) {
		if (sections.length === 0) throw new Error('a lesson needs at least one section');
		this.goTo(0);
	}

	/** Show section `i`, at the start of its stretch (or its end, when walking backwards). */
	goTo(i: number, at: 'from' | 'to' = 'from'): void {
		const index = Math.max(0, Math.min(i, this.sections.length - 1));
		this.#chosen = index;
		this.#stopped = null;
		this.#stage = 'scalars';
		this.#cues = 0;
		this.player.pause();
		this.player.seek(this.ranges[index][at]);
	}

	/**
	 * Page Down: the next part of the section's text not seen yet, the next step where the
	 * section steps, and the next section once all of this one has been seen; a section with an
	 * exercise stops at its end (see paging.ts).
	 */
	next(): void {
		const measured = this.column?.measure();
		const parts = measured?.parts ?? [];
		// A part that turns the stage, once seen, takes a press of its own.
		const cue = this.section.stage?.[this.#cues];
		if (cue && measured && seenCount(parts, measured.view) > cue.at) {
			this.#cues++;
			this.#stage = cue.view;
			return;
		}
		const action = pageDown({
			parts,
			view: measured?.view ?? { top: 0, height: 0, contentHeight: 0 },
			stepsAfter: this.section.stepsAfter ?? parts.length,
			stepsLeft: this.player.position < this.range.to || this.player.progress < 1,
			exercise: this.section.exercise ?? false
		});
		if (action.kind === 'scroll') this.column?.scrollTo(action.top);
		else if (action.kind === 'stay') this.#stopped = this.index;
		else this.goOn();
	}

	/** The next step of the section's stretch, else the next section (the pager's button). */
	goOn(): void {
		const { index, range } = this;
		const position = this.player.position;
		this.#chosen = index;
		this.#stopped = null;
		if (position < range.from) this.player.seek(range.from);
		else if (position < range.to) this.player.next();
		else if (this.player.progress < 1) this.player.next();
		else if (index < this.sections.length - 1) this.goTo(index + 1);
		else this.player.pause();
	}

	/** Open the lesson where a link says: a section (at its start) and a position, if given. */
	restore(section: number | undefined, position: number | undefined): void {
		this.goTo(section ?? 0);
		if (position !== undefined) this.player.seek(position);
	}

	previous(): void {
		const { index, range } = this;
		const position = this.player.position;
		this.#chosen = index;
		this.#stopped = null;
		if (position > range.to) this.player.seek(range.to);
		else if (position > range.from) this.player.previous();
		else if (index > 0) this.goTo(index - 1, 'to');
		else this.player.pause();
	}

	/** Play the section's stretch, from its start when it has been played to the end. */
	toggle(): void {
		if (this.player.playing) {
			this.player.pause();
			return;
		}
		const { from, to } = this.range;
		this.#chosen = this.index;
		if (this.player.position >= to || this.player.position < from) this.player.seek(from);
		this.player.play(to);
	}

	first(): void {
		this.goTo(0);
	}

	last(): void {
		this.goTo(this.sections.length - 1, 'to');
	}
}
