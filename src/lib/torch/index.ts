import type { Tensor, TensorTape } from '$lib/tensor';
import type { Statement } from './ast';
import { check } from './check';
import { Interpreter, type AssertOutcome, type Labels, type OutputLine } from './interpret';
import { parse } from './parse';
import { Problem, SourceText, shown } from './source';

/**
 * The PyTorch subset: source text in, the tensors the program made (PyTorch's graph), what it
 * printed and how its asserts went out. Read by our own tokenizer and parser, run by our own
 * interpreter on the tensor engine; nothing is evaluated as JavaScript and nothing leaves the page.
 *
 * Naming: a tensor is named by the Python name it was last bound to. A name assigned several
 * times keeps its plain name on its last assignment; earlier ones get a subscript by assignment
 * order (`h₁`, `h₂`, then `h`). A tensor never bound to a name is named by the expression that
 * made it (`w * x`). Each tensor's `id` is its name when it has one, else `<op>#<k>` (k = its
 * place in creation order), which no Python name can be.
 *
 * Errors: syntax errors and unsupported constructs are found before anything runs. A runtime
 * error (a shape mismatch, a limit) also comes back as a ProgramError, carrying what was printed
 * before it, with the error as the last line. A failing assert is not an error: the run ends
 * there, as in Python, and the result (graph so far, output, asserts) comes back.
 */

export { formatPython, reprFloat, FormatError } from './format';
export type { AssertOutcome, OutputLine } from './interpret';
export { MAX_ELEMENTS, MAX_OPS } from './interpret';

/** A message is cut to this many characters (it may quote a long line of the program). */
const MAX_MESSAGE = 300;

/** Programs longer than this are refused before parsing. */
export const MAX_SOURCE = 50_000;

export interface NamedTensor {
	tensor: Tensor;
	/** the Python name, `h₁` for an earlier binding of `h`, or the expression text */
	name: string;
	/** stable within the program: the name, or `<op>#<k>` for an unnamed tensor */
	id: string;
	/** whether `name` is a Python name (not an expression) */
	named: boolean;
	/** where the expression that made it starts */
	line: number;
	column: number;
	/** made from a gradient (`w.grad[0]`): not part of the forward graph */
	fromGrad: boolean;
}

export interface ProgramResult {
	ok: true;
	/** the tensor backward() was called on; without a call, the last 0-d tensor bound to a name */
	root: Tensor;
	/** whether the program called backward() (then every .grad is filled) */
	backwardCalled: boolean;
	/** the tape backward() ran on, when it was called */
	tape: TensorTape | null;
	tensors: NamedTensor[];
	printed: OutputLine[];
	asserts: AssertOutcome[];
	/** leaves that require grad: the sliders */
	leaves: NamedTensor[];
	dtypeNotes: string[];
	/** the parsed program, for rerun() */
	program: ParsedProgram;
}

export interface ProgramError {
	ok: false;
	message: string;
	line: number;
	column: number;
	/** what the program printed before a runtime error, ending with the error line */
	printed: OutputLine[];
}

export interface ParsedProgram {
	readonly source: string;
	readonly statements: readonly Statement[];
	readonly labels: Labels;
	/** leaf name -> creation index, learnt from a run; rerun() uses it to place overrides */
	readonly leafIndex: ReadonlyMap<string, number> | null;
}

/** "line 3, column 1: for loops are not supported here" */
export function errorText(e: { message: string; line: number; column: number }): string {
	return `line ${e.line}, column ${e.column}: ${e.message}`;
}

/** Tokenizes, parses and checks; never throws. */
export function parseProgram(source: string): ParsedProgram | ProgramError {
	const text = new SourceText(source);
	if (source.length > MAX_SOURCE) {
		return failure(
			text,
			new Problem(
				`the program is ${source.length.toLocaleString('en-US')} characters long; the limit here is ${MAX_SOURCE.toLocaleString('en-US')}`,
				MAX_SOURCE
			)
		);
	}
	try {
		const statements = parse(source);
		const labels = check(statements);
		return { source, statements, labels, leafIndex: null };
	} catch (e) {
		return failure(text, e);
	}
}

/** Parses and runs a program; never throws. */
export function runProgram(source: string): ProgramResult | ProgramError {
	const parsed = parseProgram(source);
	if ('ok' in parsed) return parsed;
	return execute(parsed, new Map());
}

/**
 * Runs an already parsed program again with some leaves' values replaced (by leaf name, as in
 * `leaves`), for printed lines and asserts after a slider drag. Never throws.
 */
export function rerun(
	program: ParsedProgram,
	overrides: ReadonlyMap<string, Float64Array>
): ProgramResult | ProgramError {
	let leafIndex = program.leafIndex;
	if (!leafIndex) {
		const first = execute(program, new Map());
		if (!first.ok) return first;
		leafIndex = first.program.leafIndex!;
	}
	const byIndex = new Map<number, Float64Array>();
	for (const [name, values] of overrides) {
		const index = leafIndex.get(name);
		if (index === undefined) {
			return failure(
				new SourceText(program.source),
				new Problem(`there is no leaf tensor named '${name}'`, 0)
			);
		}
		byIndex.set(index, values);
	}
	return execute(program, byIndex);
}

function execute(
	program: ParsedProgram,
	overrides: ReadonlyMap<number, Float64Array>
): ProgramResult | ProgramError {
	const text = new SourceText(program.source);
	const run = new Interpreter(program.source, (o) => text.line(o), program.labels, overrides);
	try {
		run.run(program.statements as Statement[]);
	} catch (e) {
		return failure(text, e, run.output);
	}
	const tensors = run.made.map((m, k): NamedTensor => {
		const { line, column } = text.position(m.start);
		const name = m.label ?? expressionName(program.source.slice(m.start, m.end));
		if (m.label) m.tensor.label = m.label;
		return {
			tensor: m.tensor,
			name,
			id: m.label ?? `${m.tensor.op}#${k}`,
			named: m.label !== null,
			line,
			column,
			fromGrad: m.fromGrad
		};
	});
	const root = run.root ?? run.lastScalar;
	if (!root) {
		return failure(
			text,
			run.failedAssert
				? new Problem(
						`AssertionError${run.failedAssert.message ? `: ${run.failedAssert.message}` : ''} (before the program made a loss to draw)`,
						run.failedAssert.start
					)
				: new Problem(
						'there is no loss to draw: call loss.backward(), or assign a single-number (0-d) tensor to a name',
						program.source.length
					),
			run.output
		);
	}
	const leaves = tensors.filter((t) => t.tensor.isLeaf && t.tensor.requiresGrad && !t.fromGrad);
	const leafIndex = new Map<string, number>();
	tensors.forEach((t, k) => {
		if (leaves.includes(t)) leafIndex.set(t.name, k);
	});
	const dtypeNotes = [...run.notes];
	if (tensors.some((t) => t.tensor.dtype === 'float32' || t.tensor.dtype === 'float64')) {
		dtypeNotes.unshift(
			'computed in float64: tensors without a dtype are float64 here (PyTorch makes them float32), so digits past the 7th can differ'
		);
	}
	return {
		ok: true,
		root,
		backwardCalled: run.backwardCalled,
		tape: run.tape,
		tensors,
		printed: run.output,
		asserts: run.asserts,
		leaves,
		dtypeNotes,
		program: { ...program, leafIndex }
	};
}

/** An expression as a name: one line, without parentheses around the whole (`w * x`). */
function expressionName(text: string): string {
	let name = text.replace(/\s+/g, ' ').trim();
	while (name.startsWith('(') && name.endsWith(')') && closes(name) === name.length - 1) {
		name = name.slice(1, -1).trim();
	}
	return name;
}

/** Where the parenthesis opening `text` closes (strings aside, which is enough for a name). */
function closes(text: string): number {
	let depth = 0;
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '(') depth++;
		else if (text[i] === ')' && --depth === 0) return i;
	}
	return -1;
}

function failure(text: SourceText, e: unknown, printed: OutputLine[] = []): ProgramError {
	let problem: Problem;
	if (e instanceof Problem) problem = e;
	else if (e instanceof RangeError) problem = new Problem('the program is nested too deeply', 0);
	else problem = new Problem(`internal error: ${e instanceof Error ? e.message : String(e)}`, 0);
	const { line, column } = text.position(problem.offset);
	// Messages quote the program; keep them printable and of a size a page can show.
	const error = { message: shown(problem.message, MAX_MESSAGE), line, column };
	return {
		ok: false,
		...error,
		printed: [...printed, { text: errorText(error), kind: 'error', line }]
	};
}
