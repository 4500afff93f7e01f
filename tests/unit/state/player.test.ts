import { afterEach, describe, expect, it, vi } from 'vitest';
import { Player } from '$lib/state/player.svelte';

describe('Player', () => {
	afterEach(() => vi.useRealTimers());

	it('steps, goes back, seeks and clamps to the timeline', () => {
		const player = new Player(() => 10);
		player.next();
		player.next();
		expect(player.position).toBe(2);
		player.previous();
		expect(player.position).toBe(1);
		player.seek(99);
		expect(player.position).toBe(10);
		expect(player.atEnd).toBe(true);
		player.next();
		expect(player.position).toBe(10);
		player.reset();
		expect(player.position).toBe(0);
		player.previous();
		expect(player.position).toBe(0);
		player.end();
		expect(player.position).toBe(10);
	});

	it('changes speed through the steps 0.25× to 4×', () => {
		const player = new Player(() => 10);
		for (let i = 0; i < 10; i++) player.faster();
		expect(player.speed).toBe(4);
		for (let i = 0; i < 10; i++) player.slower();
		expect(player.speed).toBe(0.25);
	});

	it('plays to the end and stops; play at the end starts over', () => {
		vi.useFakeTimers();
		const player = new Player(() => 3);
		player.reducedMotion = true;
		player.play();
		vi.advanceTimersByTime(60_000);
		expect(player.position).toBe(3);
		expect(player.playing).toBe(false);
		player.play();
		expect(player.position).toBe(0);
		player.pause();
	});

	it('moves exactly one step per press, a press during an animation included', () => {
		// Animation frames that never fire: every step stays mid-animation until the next press.
		vi.stubGlobal('requestAnimationFrame', () => 1);
		vi.stubGlobal('cancelAnimationFrame', () => {});
		try {
			const player = new Player(() => 10);
			for (let press = 1; press <= 13; press++) {
				player.next();
				expect(player.position).toBe(Math.min(press, 10));
				if (press < 10) expect(player.progress).toBe(0);
			}
		} finally {
			vi.unstubAllGlobals();
		}
	});

	it('says the new speed for a moment after + or −', () => {
		vi.useFakeTimers();
		const player = new Player(() => 10);
		expect(player.speedNote).toBeNull();
		player.faster();
		expect(player.speedNote).toBe('Speed 1.5×');
		vi.advanceTimersByTime(1000);
		player.slower();
		player.slower();
		expect(player.speedNote).toBe('Speed 0.5×');
		// each change shows for the full time again
		vi.advanceTimersByTime(1000);
		expect(player.speedNote).toBe('Speed 0.5×');
		vi.advanceTimersByTime(1000);
		expect(player.speedNote).toBeNull();
	});
});
