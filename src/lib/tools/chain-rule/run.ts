import { parse } from 'acorn';
import type { Got, RunRequest, RunResult, WorkerMessage } from './protocol';

/*
 * The code the exercise worker runs: it executes the learner's program and reads the names the
 * checker asks for. It runs only inside a Web Worker (or a Node worker thread in tests), the
 * one place where the learner's text is turned into code.
 */

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const MAX_TEXT = 60;
const MAX_MESSAGE = 200;

/**
 * Starts serving requests: posts `ready` at once, and returns the handler for incoming
 * messages, which answers each request with its result.
 */
export function serve(post: (message: WorkerMessage) => void): (data: unknown) => void {
	post({ kind: 'ready' });
	return (data) => {
		const { id, code, names } = data as RunRequest;
		post({ id, result: runProgram(code, names) });
	};
}

/** Runs one program and reads `names` from its top level. */
export function runProgram(code: string, names: readonly string[]): RunResult {
	const bad = names.find((n) => !IDENTIFIER.test(n));
	if (bad !== undefined) return { kind: 'runtime-error', message: `Not a name: ${bad}` };

	// V8's SyntaxError from new Function carries no position; acorn's carries the exact one.
	try {
		parse(code, { ecmaVersion: 'latest', sourceType: 'script' });
	} catch (error) {
		const loc = (error as { loc?: { line: number; column: number } }).loc;
		const message = messageOf(error).replace(/ \(\d+:\d+\)$/, '');
		return loc
			? { kind: 'syntax-error', message, line: loc.line, column: loc.column + 1 }
			: { kind: 'syntax-error', message };
	}

	// `typeof` so that a name the program never declared reads as missing, not as an error.
	const read = names.map((n) => `typeof ${n} === 'undefined' ? undefined : ${n}`).join(', ');
	let program: () => unknown[];
	try {
		program = new Function(`${code}\n;return [${read}];`) as () => unknown[];
	} catch (error) {
		return { kind: 'syntax-error', message: messageOf(error) };
	}
	try {
		const out = program();
		return {
			kind: 'done',
			values: Object.fromEntries(names.map((n, i) => [n, describe(out[i])]))
		};
	} catch (error) {
		const line = lineOf(error);
		const lines = code.split('\n').length;
		return line !== undefined && line >= 1 && line <= lines
			? { kind: 'runtime-error', message: messageOf(error), line }
			: { kind: 'runtime-error', message: messageOf(error) };
	}
}

function describe(x: unknown): Got {
	if (typeof x === 'number') return { kind: 'number', value: x };
	if (x === undefined) return { kind: 'missing' };
	let text: string;
	try {
		text = typeof x === 'string' ? JSON.stringify(x) : String(x);
	} catch {
		text = `a ${typeof x}`;
	}
	return { kind: 'other', text: plain(text, MAX_TEXT) };
}

/**
 * Text for the page from whatever the program made: whole characters, line breaks as spaces,
 * invisible and control characters by code point (U+200B), at most `max` characters.
 */
function plain(text: string, max: number): string {
	let out = '';
	for (const c of text) {
		const shown = /[\p{L}\p{N}\p{P}\p{S}\p{Zs}]/u.test(c)
			? c
			: /\s/.test(c)
				? ' '
				: `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
		if (out.length + shown.length > max) return `${out.slice(0, max - 1)}…`;
		out += shown;
	}
	return out;
}

function messageOf(error: unknown): string {
	// What was thrown is the learner's: its name, message or toString may throw in turn.
	try {
		return error instanceof Error
			? plain(`${error.name}: ${error.message}`, MAX_MESSAGE)
			: plain(`Uncaught ${String(error)}`, MAX_MESSAGE);
	} catch {
		return 'Uncaught exception';
	}
}

// Where a frame of the generated function is: V8 writes "<anonymous>:4:6", Firefox "> Function:4:6".
const FRAME = /(?:<anonymous>|> Function):(\d+):\d+/;

let firstLine: number | undefined;

/** The engine's line number for the first line of a `new Function` body (3 in V8). */
function bodyStart(): number | undefined {
	if (firstLine === undefined) {
		try {
			(new Function('throw new Error()') as () => void)();
		} catch (error) {
			firstLine = frameLine(error);
		}
	}
	return firstLine;
}

function frameLine(error: unknown): number | undefined {
	try {
		const stack = error instanceof Error ? error.stack : undefined;
		const match = typeof stack === 'string' ? stack.match(FRAME) : null;
		return match ? Number(match[1]) : undefined;
	} catch {
		return undefined;
	}
}

/** The learner's line where a runtime error was thrown, if the engine says. */
function lineOf(error: unknown): number | undefined {
	const line = frameLine(error);
	const start = bodyStart();
	return line === undefined || start === undefined ? undefined : line - start + 1;
}
