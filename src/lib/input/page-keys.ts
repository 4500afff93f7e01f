import { commandFor, type Command } from './keys';

/**
 * What a page does for each command it takes. A command a page leaves out is not its key: the
 * browser keeps it. A handler that returns false did not take the key either.
 */
export type Commands = Partial<Record<Command, () => boolean | void>>;

/** What stepping needs of a player (the scalar graph's, a program's, or the lesson's own). */
export interface Stepping {
	next(): void;
	previous(): void;
	toggle(): void;
	reset(): void;
	end(): void;
	faster(): void;
	slower(): void;
}

/** The stepping and speed keys, for whichever player `player()` gives at the moment of the key. */
export function steppingCommands(player: () => Stepping): Commands {
	return {
		next: () => player().next(),
		previous: () => player().previous(),
		toggle: () => player().toggle(),
		reset: () => player().reset(),
		end: () => player().end(),
		faster: () => player().faster(),
		slower: () => player().slower()
	};
}

/** Runs the page's handler for `command`; true when the page took the key. */
export function runCommand(command: Command | null, commands: Commands): boolean {
	const run = command === null ? undefined : commands[command];
	return run !== undefined && run() !== false;
}

export interface KeyOptions {
	/** Keys do nothing until this says so (the page is hydrated, the frame has focus). */
	enabled: () => boolean;
	/** Escape, which no command names: true when it was taken (a drill-down closed). */
	escape?: () => boolean;
}

/** A keydown listener for a page: the command each key asks for, run if the page has it. */
export function keyHandler(
	commands: Commands,
	options: KeyOptions
): (event: KeyboardEvent) => void {
	return (event) => {
		if (!options.enabled()) return;
		const taken =
			event.key === 'Escape'
				? (options.escape?.() ?? false)
				: runCommand(commandFor(event), commands);
		if (taken) event.preventDefault();
	};
}
