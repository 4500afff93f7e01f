import {
	FUNCTIONS,
	INFIX_OPS,
	isFunctionName,
	OPS,
	topoOrder,
	Value,
	type FunctionName
} from '$lib/engine';
import type { Formula } from '$lib/formula/ast';
import { parseProgram, type Statement } from '$lib/formula/parse';

/**
 * A graph written as text: statements `name = expression`, separated by `;` or new lines, the
 * last one (or a bare expression) being the output.
 *
 *   x1 = 1.0; w1 = 0.4          a name given only numbers is an input with a slider
 *   z = w1*x1 + w2*x2           other assigned names are named nodes (data-node="z")
 *   L = (sigmoid(z) - y)^2      names never assigned (w2, x2, y) are inputs starting at 1
 *
 * Order does not matter (a name may be used before its line), so a name that depends on itself
 * is a cycle, not "the old value". Every problem comes back as a message; nothing throws.
 */

export { FUNCTIONS } from '$lib/engine';

/** Inputs nobody gave a number start here. */
export const DEFAULT_VALUE = 1;
/** The largest graph (nodes as the op-level view draws them, constants included). */
export const MAX_NODES = 5000;
export const MAX_LENGTH = 20_000;
/** A cycle message lists this many links of the loop at most. */
const MAX_CYCLE_LINKS = 3;
/** A bare expression as output is named this (or out2, out3… if the program uses the name). */
const BARE_OUTPUT = 'out';

export interface ProgramOptions {
	/** starting values by input name, over the program's own and the default */
	values?: Readonly<Record<string, number>>;
	/** the output's name; the last statement by default */
	output?: string;
}

export interface ProgramError {
	message: string;
	line?: number;
	column?: number;
}

export type Program =
	| {
			ok: true;
			root: Value;
			/** the output's name */
			output: string;
			/** input names in the order their sliders appear */
			inputs: string[];
			/** nodes on the graph, as the op-level view draws them */
			size: number;
	  }
	| { ok: false; error: ProgramError };

export function buildProgram(text: string, options: ProgramOptions = {}): Program {
	try {
		return build(text, options);
	} catch (e) {
		// Expressions nested deeper than the stack: the parser reports most; this catches the rest.
		if (e instanceof RangeError) return failure('the expression is nested too deeply');
		throw e;
	}
}

function build(text: string, options: ProgramOptions): Program {
	if (text.length > MAX_LENGTH) {
		return failure(
			`the program is ${count(text.length)} characters long; the limit is ${count(MAX_LENGTH)}`
		);
	}
	const parsed = parseProgram(text, { functions: FUNCTIONS });
	if (!parsed.ok) return { ok: false, error: parsed.error };
	const statements = parsed.value;
	if (statements.length === 0) {
		return failure('the program is empty: write an expression such as w*x + b');
	}

	// Check the statements one by one: names, reassignments, bare expressions.
	const byName = new Map<string, Statement>();
	for (const [i, s] of statements.entries()) {
		if (s.name === undefined) {
			if (i < statements.length - 1) {
				return failure(`an expression without a name at ${s.where}: write name = …`, s);
			}
			continue;
		}
		if (isFunctionName(s.name)) {
			return failure(`'${s.name}' at ${s.where} is a function; choose another name`, s);
		}
		const earlier = byName.get(s.name);
		if (earlier) {
			return failure(
				`${s.name} is assigned twice, at ${earlier.where} and at ${s.where}; use a new name`,
				s
			);
		}
		if (s.expression.kind === 'sym') {
			return failure(
				`${s.name} = ${s.expression.name} at ${s.where} only renames ${s.expression.name}; use ${s.expression.name} itself`,
				s
			);
		}
		byName.set(s.name, s);
	}

	const last = statements[statements.length - 1];
	const outputStatement = options.output === undefined ? last : byName.get(options.output);
	if (!outputStatement) {
		return failure(`unknown output '${options.output}': no statement assigns it`);
	}
	const outputName = outputStatement.name ?? freeName(statements);

	const cycle = findCycle(statements, byName);
	if (cycle) return cycle;

	// Inputs first, in reading order, so sliders come in the order the learner wrote them.
	const values = new Map<string, Value>();
	const inputs: string[] = [];
	const addInput = (name: string, x: number) => {
		const given = options.values?.[name];
		values.set(name, new Value(given !== undefined && Number.isFinite(given) ? given : x, name));
		inputs.push(name);
	};
	for (const s of statements) {
		const constant = s.name === undefined ? undefined : constantValue(s.expression);
		if (s.name !== undefined && constant !== undefined) {
			if (!Number.isFinite(constant)) {
				return failure(`${s.name} at ${s.where} is not a finite number`, s);
			}
			if (!values.has(s.name)) addInput(s.name, constant);
		}
		for (const name of namesIn(s.expression)) {
			if (!byName.has(name) && !values.has(name)) addInput(name, DEFAULT_VALUE);
		}
	}

	// Then every computed statement, each after the names it uses.
	const root = evaluate(outputStatement, byName, values);
	if (outputStatement.name === undefined) root.named(outputName);
	if (root.op === 'leaf') {
		return failure(`nothing to compute: the output ${outputName} is an input`);
	}
	const nodes = topoOrder(root);
	if (!nodes.some((v) => v.op === 'leaf' && !v.isConstant)) {
		return failure(`nothing to differentiate: the output ${outputName} uses only numbers`);
	}
	if (nodes.length > MAX_NODES) {
		return failure(`the graph has ${count(nodes.length)} nodes; the limit is ${count(MAX_NODES)}`);
	}
	const onGraph = new Set(nodes);
	return {
		ok: true,
		root,
		output: outputName,
		inputs: inputs.filter((name) => onGraph.has(values.get(name)!)),
		size: nodes.length
	};
}

/** The output's Value, building each named statement it needs once (depth-first, no recursion
 *  over statements: a chain of thousands of names must not overflow the stack). */
function evaluate(
	output: Statement,
	byName: Map<string, Statement>,
	values: Map<string, Value>
): Value {
	const pending: Statement[] = [output];
	while (pending.length > 0) {
		const s = pending[pending.length - 1];
		const missing = namesIn(s.expression).filter((n) => !values.has(n));
		if (missing.length > 0) {
			for (const name of missing) pending.push(byName.get(name)!);
			continue;
		}
		pending.pop();
		if (s.name !== undefined && values.has(s.name)) continue;
		const v = toValue(s.expression, values);
		if (s.name === undefined) return v;
		values.set(s.name, v.named(s.name));
	}
	return values.get(output.name!)!;
}

function toValue(f: Formula, values: Map<string, Value>): Value {
	// A minus written before a number is part of the number: x * -2 multiplies by the constant −2.
	const constant = literal(f);
	if (constant !== undefined) return Value.constant(constant);
	switch (f.kind) {
		case 'sym':
			return values.get(f.name)!;
		case 'binary': {
			const a = toValue(f.left, values);
			return a.apply(INFIX_OPS[f.op], toValue(f.right, values));
		}
		case 'neg':
			return toValue(f.arg, values).neg();
		case 'pow':
			// The parser has checked that the exponent uses no names.
			return toValue(f.base, values).pow(constantValue(f.exponent)!);
		case 'call':
			return toValue(f.arg, values).apply(f.fn as FunctionName);
		default:
			// num is handled above; the program parser makes no other kinds.
			throw new Error(`cannot build a ${f.kind} node`);
	}
}

/** A number literal, or a minus before one. */
function literal(f: Formula): number | undefined {
	if (f.kind === 'num') return f.value;
	if (f.kind === 'neg' && f.arg.kind === 'num') return -f.arg.value;
	return undefined;
}

/** The value of a formula made of numbers only (1/2, -3, exp(1)); undefined if it uses names. */
export function constantValue(f: Formula): number | undefined {
	switch (f.kind) {
		case 'num':
			return f.value;
		case 'neg': {
			const a = constantValue(f.arg);
			return a === undefined ? undefined : -a;
		}
		case 'binary': {
			const a = constantValue(f.left);
			const b = constantValue(f.right);
			if (a === undefined || b === undefined) return undefined;
			return OPS[INFIX_OPS[f.op]].forward(a, b, 0);
		}
		case 'pow': {
			const a = constantValue(f.base);
			const k = constantValue(f.exponent);
			return a === undefined || k === undefined ? undefined : OPS.pow.forward(a, 0, k);
		}
		case 'call': {
			const a = constantValue(f.arg);
			return a === undefined ? undefined : OPS[f.fn as FunctionName].forward(a, 0, 0);
		}
		default:
			return undefined;
	}
}

/** Names a formula uses, each once, in reading order. */
function namesIn(f: Formula): string[] {
	const names = new Set<string>();
	const visit = (g: Formula): void => {
		switch (g.kind) {
			case 'sym':
				names.add(g.name);
				return;
			case 'binary':
				visit(g.left);
				visit(g.right);
				return;
			case 'pow':
				visit(g.base);
				return;
			case 'neg':
			case 'call':
				visit(g.arg);
				return;
		}
	};
	visit(f);
	return [...names];
}

/** The first cycle among assigned names, as "cycle: a uses b, b uses a". */
function findCycle(
	statements: Statement[],
	byName: Map<string, Statement>
): { ok: false; error: ProgramError } | undefined {
	const uses = new Map<string, string[]>();
	for (const [name, s] of byName)
		uses.set(
			name,
			namesIn(s.expression).filter((n) => byName.has(n))
		);
	const DONE = 2;
	const state = new Map<string, number>();
	for (const s of statements) {
		if (s.name === undefined || state.has(s.name)) continue;
		// Iterative depth-first search; `path` is the chain of names being visited.
		const path: string[] = [s.name];
		const next: number[] = [0];
		state.set(s.name, 1);
		while (path.length > 0) {
			const top = path[path.length - 1];
			const deps = uses.get(top)!;
			const i = next[next.length - 1]++;
			if (i >= deps.length) {
				state.set(top, DONE);
				path.pop();
				next.pop();
				continue;
			}
			const dep = deps[i];
			if (state.get(dep) === 1) {
				const loop = path.slice(path.indexOf(dep));
				const where = byName.get(dep)!;
				// A long loop is named by its first links and its length, so the message stays short.
				const links = loop
					.slice(0, MAX_CYCLE_LINKS)
					.map((n, j) => `${n} uses ${loop[(j + 1) % loop.length]}`);
				if (loop.length > MAX_CYCLE_LINKS) links.push(`… (${count(loop.length)} names)`);
				const message =
					loop.length === 1
						? `cycle: ${dep} uses itself (${where.where})`
						: `cycle: ${links.join(', ')} (${where.where})`;
				return failure(message, where);
			}
			if (!state.has(dep)) {
				state.set(dep, 1);
				path.push(dep);
				next.push(0);
			}
		}
	}
	return undefined;
}

/** `out`, or out2, out3… when the program already uses that name. */
function freeName(statements: Statement[]): string {
	const used = new Set(statements.flatMap((s) => [s.name ?? '', ...namesIn(s.expression)]));
	let name = BARE_OUTPUT;
	for (let i = 2; used.has(name); i++) name = `${BARE_OUTPUT}${i}`;
	return name;
}

function failure(
	message: string,
	at?: { line: number; column: number }
): { ok: false; error: ProgramError } {
	return { ok: false, error: at ? { message, line: at.line, column: at.column } : { message } };
}

function count(n: number): string {
	return n.toLocaleString('en-US');
}
