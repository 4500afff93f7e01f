import { OPS, type Tape } from '$lib/engine';
import type { DrawnGraph } from '$lib/graphs/fold';

/**
 * A runnable PyTorch script that rebuilds a graph, runs forward and backward in float64, and
 * asserts every value and gradient against the numbers our engine computed (like the chapter's
 * check_backprop.py). It is written from the tape, so it works for any graph: each drawn node
 * becomes a Python variable (named as on screen), folded ops are written inline, constants are
 * written as numbers.
 */
export const SCRIPT_NAME = 'check_backprop.py';

/** Tolerances of the comparison: float64 on both sides, so only rounding differs. */
export const RELATIVE_TOLERANCE = 1e-9;
export const ABSOLUTE_TOLERANCE = 1e-12;

const PYTHON_KEYWORDS = new Set(
	(
		'False None True and as assert async await break class continue def del elif else except ' +
		'finally for from global if import in is lambda nonlocal not or pass raise return try while ' +
		'with yield'
	).split(' ')
);
// Names the script itself uses after the graph is built; a node may not shadow them.
const SCRIPT_NAMES = new Set(['torch', 'math', 'sys', 'float', 'print', 'len']);

/** A number as a Python literal that reads back as the same float64. */
export function pythonNumber(x: number): string {
	if (Number.isNaN(x)) return 'float("nan")';
	if (x === Infinity) return 'float("inf")';
	if (x === -Infinity) return '-float("inf")';
	if (Object.is(x, -0)) return '-0.0';
	// String(x) is the shortest text that round-trips, and Python parses it to the same double;
	// whole numbers get a ".0" so they read as floats.
	const text = String(x);
	return /^-?\d+$/.test(text) ? `${text}.0` : text;
}

/** Python identifiers for the drawn ids: kept where valid, otherwise made valid and unique. */
export function pythonNames(ids: readonly string[]): string[] {
	const taken = new Set<string>();
	return ids.map((id) => {
		let name = id.replace(/[^A-Za-z0-9_]/g, '_');
		if (/^[0-9]/.test(name) || PYTHON_KEYWORDS.has(name) || SCRIPT_NAMES.has(name)) {
			name = `n_${name}`;
		}
		let unique = name;
		for (let k = 2; taken.has(unique); k++) unique = `${name}_${k}`;
		taken.add(unique);
		return unique;
	});
}

// Python precedence, loosest to tightest. `**` binds tighter than unary minus (-a ** 2 is
// -(a ** 2)) and its base must be an atom here, so (a - b) ** 2 keeps its brackets.
const SUM = 1;
const PRODUCT = 2;
const UNARY = 3;
const POWER = 4;
const ATOM = 5;

interface Code {
	text: string;
	precedence: number;
}

const atom = (text: string): Code => ({ text, precedence: ATOM });

function literal(x: number): Code {
	const text = pythonNumber(x);
	return atom(text.startsWith('-') ? `(${text})` : text);
}

/** `code` as an operand that needs at least precedence `min`. */
function operand(code: Code, min: number): string {
	return code.precedence >= min ? code.text : `(${code.text})`;
}

export function pytorchScript(tape: Tape, graph: DrawnGraph): string {
	const nodes = tape.nodes;
	const root = tape.size - 1;

	// Which nodes depend on a leaf the learner can change; the others are constants.
	const variable = new Uint8Array(tape.size);
	for (let i = 0; i < tape.size; i++) {
		const v = nodes[i];
		if (v.op === 'leaf') variable[i] = v.isConstant ? 0 : 1;
		else for (let s = 0; s < v.inputs.length; s++) variable[i] |= variable[tape.inputIndex(i, s)];
	}

	// Python variables: every drawn node except constant leaves (they are written as numbers).
	const named = graph.nodes
		.filter((n) => !(n.isLeaf && !n.isParameter))
		.map((n) => ({ tape: n.tape, id: n.id }));
	// A graph whose output is a bare constant draws nothing; name the output anyway.
	if (!named.some((n) => n.tape === root)) named.push({ tape: root, id: 'output' });
	const nameOf = new Map<number, string>();
	const idOf = new Map<number, string>();
	pythonNames(named.map((n) => n.id)).forEach((name, j) => {
		nameOf.set(named[j].tape, name);
		idOf.set(named[j].tape, named[j].id);
	});

	// The expression for node i, with the variables named and folded ops written out.
	const expression = (i: number, owner: number): Code => {
		if (i !== owner && nameOf.has(i)) return atom(nameOf.get(i)!);
		const v = nodes[i];
		if (!variable[i]) return literal(tape.values[i]);
		const a = () => expression(tape.inputIndex(i, 0), owner);
		const b = () => expression(tape.inputIndex(i, 1), owner);
		const syntax = OPS[v.op].syntax;
		switch (syntax.kind) {
			case 'infix': {
				const [precedence, right] =
					syntax.symbol === '+' || syntax.symbol === '-' ? [SUM, PRODUCT] : [PRODUCT, UNARY];
				// The right operand keeps its brackets even for + and *: float addition is not
				// associative, and PyTorch should add in the engine's order.
				const text = `${operand(a(), precedence)} ${syntax.python} ${operand(b(), right)}`;
				return { text, precedence };
			}
			case 'pow': {
				// A whole exponent reads best as an int (x ** 2); Python computes it the same.
				const k = Number.isInteger(v.k) && v.k >= 0 ? String(v.k) : literal(v.k).text;
				return { text: `${operand(a(), ATOM)} ** ${k}`, precedence: POWER };
			}
			case 'neg':
				return { text: `-${operand(a(), UNARY)}`, precedence: UNARY };
			case 'call':
				return atom(`${syntax.python}(${a().text})`);
			case 'leaf':
				return literal(tape.values[i]);
		}
	};

	const tensor = (x: number) =>
		`torch.tensor(${pythonNumber(x)}, dtype=torch.float64, requires_grad=True)`;
	const order = [...nameOf.keys()].sort((a, b) => a - b);
	// Leaves in the order they were made (x1, x2, w1, ...), as the sliders list them.
	const isLeaf = (i: number) => nodes[i].op === 'leaf' || !variable[i];
	const leaves = order.filter(isLeaf).sort((a, b) => nodes[a].id - nodes[b].id);
	const computed = order.filter((i) => !isLeaf(i));
	const name = (i: number) => nameOf.get(i)!;
	const rootName = name(root);
	const dRoot = `d${idOf.get(root)}`;

	const lines = [
		`# ${SCRIPT_NAME}: does PyTorch agree with backprop-explorer?`,
		'# Written by backprop-explorer for the graph and slider values on screen.',
		`# Run it with:  python3 ${SCRIPT_NAME}   (needs PyTorch)`,
		'import math',
		'import sys',
		'',
		'import torch',
		'',
		'# The leaves, in float64 like the explorer.',
		`# requires_grad=True asks PyTorch for ${dRoot}/d(leaf).`,
		...leaves.map((i) => `${name(i)} = ${tensor(tape.values[i])}`),
		'',
		'# Forward pass: the same ops as the graph.',
		...computed.map((i) => `${name(i)} = ${expression(i, i).text}`),
		...(computed.length > 0
			? ['# PyTorch keeps gradients of leaves only, unless asked to keep the others too.']
			: []),
		...computed.map((i) => `${name(i)}.retain_grad()`),
		'',
		'# Backward pass: fills .grad of every tensor above.',
		`${rootName}.backward()`,
		'',
		`# What backprop-explorer computed. name: (tensor, value, ${dRoot}/d(name))`,
		'expected = {',
		...[...leaves, ...computed].map(
			(i) =>
				`    ${JSON.stringify(idOf.get(i))}: (${name(i)}, ${pythonNumber(tape.values[i])}, ${pythonNumber(tape.grads[i])}),`
		),
		'}',
		'',
		`RTOL, ATOL = ${RELATIVE_TOLERANCE}, ${ABSOLUTE_TOLERANCE}`,
		'',
		'',
		'def close(got, want):',
		'    both_nan = math.isnan(got) and math.isnan(want)',
		'    return both_nan or math.isclose(got, want, rel_tol=RTOL, abs_tol=ATOL)',
		'',
		'',
		'failures = 0',
		'for key, (t, value, grad) in expected.items():',
		'    got_grad = t.grad.item() if t.grad is not None else 0.0',
		'    for what, got, want in (("value", t.item(), value), ("gradient", got_grad, grad)):',
		'        if not close(got, want):',
		'            failures += 1',
		'            print(f"MISMATCH {what} of {key}: PyTorch {got!r}, backprop-explorer {want!r}")',
		'',
		'if failures:',
		'    print(f"FAILED: {failures} of {2 * len(expected)} numbers differ")',
		'    sys.exit(1)',
		'count = len(expected)',
		'print(f"OK: PyTorch agrees on all {count} values and {count} gradients (rtol {RTOL:g})")'
	];
	return lines.join('\n') + '\n';
}
