import { describe, expect, it } from 'vitest';
import { runCommand, steppingCommands, type Stepping } from '$lib/input/page-keys';

function recorder() {
	const calls: string[] = [];
	const player = Object.fromEntries(
		['next', 'previous', 'toggle', 'reset', 'end', 'faster', 'slower'].map((name) => [
			name,
			() => void calls.push(name)
		])
	) as unknown as Stepping;
	return { calls, player };
}

describe('page commands', () => {
	it('step whichever player is current when the key comes', () => {
		const first = recorder();
		const second = recorder();
		let current = first.player;
		const commands = steppingCommands(() => current);
		expect(runCommand('next', commands)).toBe(true);
		current = second.player;
		expect(runCommand('end', commands)).toBe(true);
		expect(runCommand('slower', commands)).toBe(true);
		expect(first.calls).toEqual(['next']);
		expect(second.calls).toEqual(['end', 'slower']);
	});

	it('leave a key the page has no command for to the browser', () => {
		const { calls, player } = recorder();
		const commands = steppingCommands(() => player);
		expect(runCommand(null, commands)).toBe(false);
		expect(runCommand('presenter', commands)).toBe(false);
		expect(calls).toEqual([]);
	});

	it('leave the key when the handler says it did not take it', () => {
		let open = false;
		const commands = { view: () => (open ? undefined : false) };
		expect(runCommand('view', commands)).toBe(false);
		open = true;
		expect(runCommand('view', commands)).toBe(true);
	});
});
