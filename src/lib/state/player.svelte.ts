/**
 * Walks the timeline: the current position, playback and the tween of the step being shown.
 * Timers and animation frames live here and nowhere else; the view only reads `position` and
 * `progress` (0 → 1 while a step's markers travel, 1 when it has landed).
 */
export const SPEEDS = [0.25, 0.5, 1, 1.5, 2, 4] as const;
const STEP_MS = 1100;
// Long enough to read from the back of a lecture hall.
const SPEED_NOTE_MS = 1500;

export class Player {
	position = $state(0);
	playing = $state(false);
	speed = $state(1);
	progress = $state(1);
	reducedMotion = $state(false);
	/** Set for a moment after + or − so the view can say the new speed ("Speed 2×"), else null. */
	speedNote: string | null = $state(null);

	/** Asked before each step forward; true when it took the press instead (the quiz's question). */
	intercept: (() => boolean) | undefined = undefined;

	#length: () => number;
	#frame = 0;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#until = Infinity;
	#noteTimer: ReturnType<typeof setTimeout> | undefined;

	/** `length` is the number of steps; positions run from 0 (ready) to length (done). */
	constructor(length: () => number, start = 0) {
		this.#length = length;
		this.position = start;
	}

	get length(): number {
		return this.#length();
	}

	get atEnd(): boolean {
		return this.position >= this.length;
	}

	next(): void {
		// The quiz may take the press (to reveal what it asks); the step lands at once then.
		if (this.intercept?.()) {
			this.#finish();
			return;
		}
		// A press while a step animates lands that step at once and moves on: every press of a
		// clicker is one step, however fast the teacher presses.
		this.#finish();
		if (this.atEnd) {
			this.pause();
			return;
		}
		this.position++;
		this.#animate();
	}

	previous(): void {
		this.pause();
		this.#finish();
		if (this.position > 0) this.position--;
	}

	seek(position: number): void {
		this.#finish();
		this.position = Math.max(0, Math.min(Math.round(position), this.length));
	}

	reset(): void {
		this.pause();
		this.seek(0);
	}

	end(): void {
		this.pause();
		this.seek(this.length);
	}

	toggle(): void {
		if (this.playing) this.pause();
		else this.play();
	}

	/** Play from here; `until` stops at that position (a lesson section's end) instead of the last. */
	play(until = Infinity): void {
		if (this.atEnd) this.seek(0);
		this.#until = until;
		this.playing = true;
		this.#schedule();
	}

	pause(): void {
		this.playing = false;
		clearTimeout(this.#timer);
		this.#timer = undefined;
	}

	faster(): void {
		this.speed = SPEEDS[Math.min(SPEEDS.indexOf(this.#speedStep()) + 1, SPEEDS.length - 1)];
		this.#noteSpeed();
	}

	slower(): void {
		this.speed = SPEEDS[Math.max(SPEEDS.indexOf(this.#speedStep()) - 1, 0)];
		this.#noteSpeed();
	}

	destroy(): void {
		this.pause();
		this.#finish();
		clearTimeout(this.#noteTimer);
		this.speedNote = null;
	}

	get stepMs(): number {
		return STEP_MS / this.speed;
	}

	#noteSpeed(): void {
		clearTimeout(this.#noteTimer);
		this.speedNote = `Speed ${this.speed}×`;
		this.#noteTimer = setTimeout(() => (this.speedNote = null), SPEED_NOTE_MS);
	}

	#speedStep(): (typeof SPEEDS)[number] {
		return SPEEDS.find((s) => s >= this.speed) ?? 1;
	}

	#schedule(): void {
		clearTimeout(this.#timer);
		if (!this.playing) return;
		// While a step animates, wait for it; then hold briefly so the class can read the numbers.
		this.#timer = setTimeout(
			() => {
				if (!this.playing) return;
				if (this.atEnd || this.position >= this.#until) {
					this.pause();
					return;
				}
				this.next();
				this.#schedule();
			},
			this.position === 0 ? 150 : this.stepMs * (this.reducedMotion ? 1 : 1.6)
		);
	}

	#animate(): void {
		// No animation frames outside a browser (unit tests, prerendering): steps land at once.
		if (typeof requestAnimationFrame === 'undefined') {
			this.progress = 1;
			return;
		}
		cancelAnimationFrame(this.#frame);
		if (this.reducedMotion) {
			this.progress = 1;
			return;
		}
		const start = performance.now();
		this.progress = 0;
		const tick = (now: number) => {
			this.progress = Math.min(1, (now - start) / this.stepMs);
			if (this.progress < 1) this.#frame = requestAnimationFrame(tick);
		};
		this.#frame = requestAnimationFrame(tick);
	}

	#finish(): void {
		if (typeof cancelAnimationFrame !== 'undefined') cancelAnimationFrame(this.#frame);
		this.progress = 1;
	}
}
