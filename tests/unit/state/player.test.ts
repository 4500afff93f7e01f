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
});
