import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tape, type Value } from '$lib/engine';
import { foldGraph } from '$lib/graphs/fold';
import {
	buildProgram,
	DEFAULT_VALUE,
	MAX_LENGTH,
	MAX_NODES,
	type Program
} from '$lib/graphs/program';
import { textbookNetwork } from '$lib/graphs/textbook';
import { buildCase, expectClose, loadTorchCases, type TorchCase } from '../engine/support';

const SYMBOL: Record<string, string> = { add: '+', sub: '-', mul: '*', div: '/' };
const FUNCTION_OPS = ['exp', 'log', 'tanh', 'relu', 'sigmoid'];

/** A reference case as a program: one `name = number` line per input, one line per op. */
function caseProgram(c: TorchCase): string {
	const lines = Object.entries(c.inputs).map(([name, x]) => `${name} = ${x}`);
	for (const [out, op, a, b] of c.ops) {
		if (op in SYMBOL) lines.push(`${out} = ${a} ${SYMBOL[op]} ${b}`);
		else if (op === 'pow') lines.push(`${out} = ${a}^${b}`);
		else if (op === 'neg') lines.push(`${out} = -${a}`);
		else if (FUNCTION_OPS.includes(op)) lines.push(`${out} = ${op}(${a})`);
		else throw new Error(`unknown op ${op}`);
	}
	return lines.join('\n');
}

/** The same case as one nested expression: every intermediate name written out in place. */
function caseExpression(c: TorchCase): string {
	const defined = new Map<string, string>();
	const operand = (o: string | number) =>
		typeof o === 'number' ? `(${o})` : (defined.get(o) ?? o);
	for (const [out, op, a, b] of c.ops) {
		let text: string;
		if (op in SYMBOL) text = `(${operand(a)} ${SYMBOL[op]} ${operand(b!)})`;
		else if (op === 'pow') text = `${operand(a)}^${b}`;
		else if (op === 'neg') text = `(-${operand(a)})`;
		else text = `${op}(${operand(a)})`;
		defined.set(out, text);
	}
	const inputs = Object.entries(c.inputs).map(([name, x]) => `${name} = ${x}; `);
	return `${inputs.join('')}${c.output} = ${defined.get(c.output)}`;
}

function built(program: Program) {
	if (!program.ok) throw new Error(program.error.message);
	return program;
}

function leafGrads(root: Value): Map<string, number> {
	const tape = Tape.of(root);
	tape.evaluate();
	const grads = new Map<string, number>();
	tape.nodes.forEach((v, i) => {
		if (v.op === 'leaf' && v.label) grads.set(v.label, tape.grads[i]);
	});
	return grads;
}

/** What makes two graphs the same: per node in topological order, op, name, exponent, value. */
function shape(root: Value) {
	const tape = Tape.of(root);
	return tape.nodes.map((v, i) => [
		v.op,
		v.label,
		v.k,
		v.isConstant,
		v.data,
		tape.inputIndex(i, 0),
		tape.inputIndex(i, 1)
	]);
}

const CHAPTER =
	'x1 = 1.0; x2 = 0.5; w1 = 0.4; w2 = 0.6; v = 0.8; y = 1.0\n' +
	'z = w1*x1 + w2*x2; h = sigmoid(z); yhat = v*h; L = (yhat - y)^2';

describe('buildProgram against the PyTorch reference cases', () => {
	const cases = loadTorchCases();

	describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
		it('one line per op builds the engine API’s graph exactly', () => {
			const program = built(buildProgram(caseProgram(c), { output: c.output }));
			expect(program.output).toBe(c.output);
			expect(shape(program.root)).toEqual(shape(buildCase(c).get(c.output)!));
		});

		it('one line per op matches PyTorch’s values and gradients to 1e-9', () => {
			const program = built(buildProgram(caseProgram(c), { output: c.output }));
			const tape = Tape.of(program.root);
			tape.evaluate();
			for (const [name, x] of Object.entries(c.values)) {
				const i = tape.nodes.findIndex((v) => v.label === name);
				if (i >= 0) expectClose(tape.values[i], x, `value ${name}`);
			}
			const grads = leafGrads(program.root);
			for (const [name, g] of Object.entries(c.grads)) {
				expectClose(grads.get(name) ?? 0, g, `grad ${name}`);
			}
		});

		it('as one nested expression gives the same output and gradients', () => {
			const program = built(buildProgram(caseExpression(c)));
			expect(program.output).toBe(c.output);
			expectClose(program.root.data, c.values[c.output], 'output');
			const grads = leafGrads(program.root);
			for (const [name, g] of Object.entries(c.grads)) {
				expectClose(grads.get(name) ?? 0, g, `grad ${name}`);
			}
		});
	});
});

describe('buildProgram', () => {
	it('builds the chapter’s network as textbookNetwork() does', () => {
		const program = built(buildProgram(CHAPTER));
		expect(shape(program.root)).toEqual(shape(textbookNetwork()));
		expect(program.output).toBe('L');
		expect(program.inputs).toEqual(['x1', 'x2', 'w1', 'w2', 'v', 'y']);
		expect(program.size).toBe(13);
		const drawn = foldGraph(Tape.of(program.root));
		expect(drawn.nodes.map((n) => n.id).sort()).toEqual(
			['L', 'h', 'v', 'w1', 'w2', 'x1', 'x2', 'y', 'yhat', 'z'].sort()
		);
	});

	it('starts names without a number at 1, in the order they are written', () => {
		const program = built(
			buildProgram('z = w1*x1 + w2*x2; h = sigmoid(z); yhat = v*h; L = (yhat - y)^2')
		);
		expect(program.inputs).toEqual(['w1', 'x1', 'w2', 'x2', 'v', 'y']);
		const leaves = Tape.of(program.root).nodes.filter((v) => v.op === 'leaf');
		expect(leaves.every((v) => v.data === DEFAULT_VALUE)).toBe(true);
	});

	it('takes starting values from options over the program’s own', () => {
		const program = built(buildProgram('a = 2; L = a*b', { values: { a: 5, b: 3, c: 9 } }));
		expect(program.root.data).toBe(15);
		// Not-a-number values are ignored.
		expect(built(buildProgram('L = a*b', { values: { a: NaN } })).root.data).toBe(1);
	});

	it('lets a name be used before its line, and leaves unused lines off the graph', () => {
		const program = built(
			buildProgram('L = h^2\nh = tanh(z)\nz = 3*x\nq = exp(x)', { output: 'L' })
		);
		expect(program.root.label).toBe('L');
		expect(program.root.data).toBeCloseTo(Math.tanh(3) ** 2, 15);
		expect(Tape.of(program.root).nodes.some((v) => v.label === 'q')).toBe(false);
		expect(program.inputs).toEqual(['x']);
	});

	it('names a bare expression out (or out2 when out is taken)', () => {
		expect(built(buildProgram('x*y + 1')).output).toBe('out');
		expect(built(buildProgram('x*y + 1')).root.label).toBe('out');
		expect(built(buildProgram('out = 2; out*y')).output).toBe('out2');
	});

	it('makes a minus before a number part of the constant', () => {
		const root = built(buildProgram('L = x * -2')).root;
		expect(root.op).toBe('mul');
		expect(root.inputs[1].isConstant).toBe(true);
		expect(root.inputs[1].data).toBe(-2);
	});

	it('keeps to the node limit and the length limit, saying so', () => {
		// 1+1+…+x: each "1+" is a constant and an add.
		const many = buildProgram('1+'.repeat(2500) + 'x');
		expect(many).toEqual({
			ok: false,
			error: { message: 'the graph has 5,001 nodes; the limit is 5,000' }
		});
		expect(MAX_NODES).toBe(5000);
		const fits = built(buildProgram('1+'.repeat(2499) + 'x'));
		expect(fits.size).toBe(4999);
		const long = buildProgram('x+'.repeat(MAX_LENGTH / 2) + 'x');
		expect(long).toEqual({
			ok: false,
			error: { message: 'the program is 20,001 characters long; the limit is 20,000' }
		});
	});

	it('builds a long chain of names without running out of stack', () => {
		// Written last first, so every line uses a name defined further down.
		const lines = [];
		for (let i = 1500; i >= 1; i--) lines.push(`a${i}=a${i - 1}+1`);
		const program = built(buildProgram(lines.join(';'), { output: 'a1500' }));
		expect(program.inputs).toEqual(['a0']);
		expect(program.size).toBe(1 + 2 * 1500);
		expect(program.root.data).toBe(DEFAULT_VALUE + 1500);
	});
});

describe('buildProgram on malformed input', () => {
	// [input, message]: every message names the problem and, where it has one, the place.
	const CASES: [string, string][] = [
		['', 'the program is empty: write an expression such as w*x + b'],
		[' ;; \n ; ', 'the program is empty: write an expression such as w*x + b'],
		['z = (a + b))', "unexpected ')' at column 12"],
		[
			'z = sigmoidd(x)',
			"unknown function 'sigmoidd' at column 5 (known: exp, log, tanh, relu, sigmoid)"
		],
		['L = f(x)', "unknown function 'f' at column 5 (known: exp, log, tanh, relu, sigmoid)"],
		['z = z + 1', 'cycle: z uses itself (column 1)'],
		['a = b + 1; b = a * 2', 'cycle: a uses b, b uses a (column 1)'],
		[
			'x = 1\na = c*x\nb = a + 1\nc = exp(b)',
			'cycle: a uses c, c uses b, b uses a (line 2, column 1)'
		],
		['z = x*y; z = x + y', 'z is assigned twice, at column 1 and at column 10; use a new name'],
		['a = 1\nb = a', 'b = a at line 2, column 1 only renames a; use a itself'],
		['2x', "missing operator or ';' before 'x' at column 2"],
		['z = w x', "missing operator or ';' before 'x' at column 7"],
		['x1 = 1 x2 = 2', "missing operator or ';' before 'x2' at column 8"],
		['z = 3(x + 1)', "missing operator or ';' before '(' at column 6"],
		['L = x^y', 'the exponent at column 7 must be a number, as in x^2'],
		['L = x ^ 2 ^ y', 'the exponent at column 13 must be a number, as in x^2'],
		['x = ', 'unexpected end of input at column 5'],
		['= 3', "unexpected '=' at column 1"],
		['L = x == 3', "unexpected '=' at column 7"],
		['L = a + ', 'unexpected end of input at column 9'],
		['L = (a + b', "missing ')' for '(' at column 5"],
		['L = tanh(x', "missing ')' for 'tanh' at column 5"],
		['L = relu()', "unexpected ')' at column 10"],
		['L = x $ y', "unexpected '$' at column 7"],
		['L = x, y', "unexpected ',' at column 6"],
		['L = a.b', "unexpected '.' at column 6"],
		['L = é*x', "unexpected 'é' at column 5"],
		['L = x\u200b*y', "unexpected 'U+200B' at column 6"],
		['L = [x > 0]', "unexpected '[' at column 5"],
		['L = x**', 'unexpected end of input at column 8'],
		['L = 1e999*x', 'number too large at column 5'],
		['z = x*y\nL = (z - 1))', "unexpected ')' at line 2, column 12"],
		['z = x +\nL = z*2', 'unexpected end of line at line 1, column 8'],
		['exp = 2; L = exp*x', "'exp' at column 1 is a function; choose another name"],
		['x*y; L = x + y', 'an expression without a name at column 1: write name = …'],
		['a = 1/0; L = a*x', 'a at column 1 is not a finite number'],
		['L = 3*4', 'nothing to compute: the output L is an input'],
		['3*4 + 1', 'nothing to differentiate: the output out uses only numbers'],
		['x = 2', 'nothing to compute: the output x is an input'],
		['y = 1; x = 2', 'nothing to compute: the output x is an input']
	];

	it('has at least 30 cases', () => {
		expect(CASES.length).toBeGreaterThanOrEqual(30);
	});

	it.each(CASES)('%j says: %s', (text, message) => {
		let result: Program | undefined;
		expect(() => (result = buildProgram(text))).not.toThrow();
		expect(result!.ok).toBe(false);
		if (!result!.ok) expect(result!.error.message).toBe(message);
	});

	it('reports an unknown output', () => {
		expect(buildProgram('z = x*y', { output: 'q' })).toEqual({
			ok: false,
			error: { message: "unknown output 'q': no statement assigns it" }
		});
	});

	it('reports the line and column of positioned problems as numbers too', () => {
		const result = buildProgram('x = 1\n\nL = sigmoidd(x)');
		expect(result).toMatchObject({ ok: false, error: { line: 3, column: 5 } });
	});

	it('reports nesting too deep to build', () => {
		const result = buildProgram('L = ' + '('.repeat(9000) + 'x' + ')'.repeat(9000));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error.message).toMatch(/nested too deeply/);
	});

	it('never throws, whatever the text', () => {
		const alphabet = fc.constantFrom(
			...'abxyz12.+-*/^()=;\n '.split(''),
			'tanh(',
			'exp(',
			'**',
			'a = ',
			'; b = a'
		);
		fc.assert(
			fc.property(fc.array(alphabet, { maxLength: 30 }), (parts) => {
				const result = buildProgram(parts.join(''));
				if (result.ok) expect(result.size).toBeGreaterThan(1);
				else expect(result.error.message.length).toBeGreaterThan(0);
			}),
			{ numRuns: 3000 }
		);
	});
});
