import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Tape } from '$lib/engine';
import { MAX_NAME, parseFormula } from '$lib/formula/parse';
import { edgePartials, foldGraph } from '$lib/graphs/fold';
import { layoutInputOf } from '$lib/graphs/layout-input';
import { buildProgram, MAX_NODES } from '$lib/graphs/program';
import { symbolBox, toText } from '$lib/formula/render';
import { fromElk } from '$lib/layout/elk';
import { explainStep } from '$lib/timeline/explain';
import { buildTimeline } from '$lib/timeline/timeline';
import { hostile, plainTextProblem, program, SEED, Tally } from './hostile';

const MESSAGE_LIMIT = 160;
const tally = new Tally();
afterAll(() => console.log(tally.summary('expressions')));

// The language's own words, and names objects already have, so mixes reach deep into the parser.
const TOKENS = [
	'x',
	'w1',
	'a',
	'L',
	'out',
	'__proto__',
	'constructor',
	'toString',
	'valueOf',
	'hasOwnProperty',
	'exp',
	'log',
	'tanh',
	'relu',
	'sigmoid',
	'eval',
	'alert',
	'(',
	')',
	'[',
	']',
	'>',
	'=',
	';',
	',',
	'\n',
	' ',
	'+',
	'-',
	'*',
	'/',
	'^',
	'**',
	'×',
	'·',
	'−',
	'1',
	'0',
	'0.5',
	'1000',
	'1e308',
	'1e-400',
	'x = 1; ',
	'L = ',
	'exp(',
	'log(-'
];

/** Everything the page does with a graph that built: evaluate, fold both views, lay out, explain. */
function useGraph(root: Parameters<typeof Tape.of>[0]) {
	const tape = Tape.of(root);
	tape.evaluate();
	for (const mode of ['named', 'ops'] as const) {
		const graph = foldGraph(tape, mode);
		const partials = new Float64Array(graph.edges.length);
		edgePartials(graph, tape, partials);
		layoutInputOf(graph);
		const steps = buildTimeline(graph);
		const numbers = {
			values: graph.nodes.map((n) => tape.values[n.tape]),
			grads: graph.nodes.map((n) => tape.grads[n.tape]),
			partials
		};
		for (const step of [steps[0], steps[steps.length - 1], steps[steps.length >> 1]])
			explainStep(graph, step, numbers);
		for (const n of graph.nodes) {
			expect(plainTextProblem(n.id, 60), n.id).toBeNull();
			// How the node is labelled: letters, digits, subscripts, a hat; never an object's method.
			expect(toText([symbolBox(n.id)]), n.id).toMatch(/^[\p{L}\p{M}\p{N}_]{1,40}$/u);
		}
	}
}

function check(text: string) {
	const program = buildProgram(text);
	tally.outcome(program.ok ? 'built' : 'refused');
	if (program.ok) {
		expect(program.size).toBeLessThanOrEqual(MAX_NODES);
		for (const name of program.inputs) expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
		useGraph(program.root);
	} else {
		const { message, line, column } = program.error;
		expect(plainTextProblem(message, MESSAGE_LIMIT), JSON.stringify(message)).toBeNull();
		if (line !== undefined) {
			const lines = text.split('\n');
			expect(line).toBeGreaterThanOrEqual(1);
			expect(line).toBeLessThanOrEqual(lines.length);
			expect(column).toBeGreaterThanOrEqual(1);
			expect(column).toBeLessThanOrEqual(lines[line - 1].length + 1);
		}
	}
	const formula = parseFormula(text);
	if (!formula.ok)
		expect(
			plainTextProblem(formula.error.message, MESSAGE_LIMIT),
			formula.error.message
		).toBeNull();
	return program;
}

describe('expressions under hostile input', () => {
	it('build a graph the page can use, or say what is wrong in a short plain message', () => {
		fc.assert(
			fc.property(hostile(TOKENS), (input) => {
				tally.add(input.kind);
				check(input.text);
			}),
			{ seed: SEED, numRuns: 5000 }
		);
	}, 120_000);

	it('build well-formed programs over extreme numbers and names objects already have', () => {
		fc.assert(
			fc.property(program, (text) => {
				tally.add('mixed');
				check(text);
			}),
			{ seed: SEED, numRuns: 1000 }
		);
	}, 120_000);

	it('survive the biggest programs the limits allow', () => {
		const cases = [
			`L = ${'('.repeat(9000)}x${')'.repeat(9000)}`,
			`L = ${'-'.repeat(19_000)}x`,
			`L = ${Array.from({ length: 2400 }, (_, i) => `x${i}`).join('*')}`,
			Array.from({ length: 1500 }, (_, i) => `a${i + 1} = a${i} + 1`).join('\n'),
			`${'a'.repeat(19_000)} = 1; L = ${'a'.repeat(19_000).slice(0, 500)}`,
			`L = x${'^2'.repeat(5000)}`
		];
		for (const text of cases) {
			tally.add('long');
			check(text);
		}
	}, 120_000);

	it('keep nodes named like an object’s own properties through labels and layout', () => {
		const text =
			'__proto__ = 2; constructor = __proto__ * x; toString = exp(constructor); L = toString';
		const built = buildProgram(`${text} + valueOf`);
		if (!built.ok) throw new Error(built.error.message);
		const tape = Tape.of(built.root);
		const graph = foldGraph(tape);
		expect(graph.nodes.map((n) => toText([symbolBox(n.id)]))).toEqual(graph.nodes.map((n) => n.id));
		// What ELK gives back, read into a layout and sent from the layout worker to the page.
		const layout = structuredClone(
			fromElk({
				id: 'root',
				width: 100,
				height: 100,
				children: graph.nodes.map((n, i) => ({ id: n.id, x: i, y: 0, width: 10, height: 10 }))
			})
		);
		for (const [i, n] of graph.nodes.entries()) {
			expect(Object.hasOwn(layout.nodes, n.id), n.id).toBe(true);
			expect(layout.nodes[n.id].x).toBe(i);
		}
	});

	it('refuse names too long for a node, and name a long cycle by its first links', () => {
		const long = 'a'.repeat(MAX_NAME + 1);
		expect(buildProgram(`x = 1; L = ${long} * x`)).toEqual({
			ok: false,
			error: {
				message: `a name longer than ${MAX_NAME} characters at column 12`,
				line: 1,
				column: 12
			}
		});
		const ring = Array.from({ length: 50 }, (_, i) => `a${i} = a${(i + 1) % 50} * 2`).join('; ');
		expect(buildProgram(ring)).toMatchObject({
			ok: false,
			error: { message: 'cycle: a0 uses a1, a1 uses a2, a2 uses a3, … (50 names) (column 1)' }
		});
		expect(buildProgram(`L = x ${'9'.repeat(300)}`)).toMatchObject({
			ok: false,
			error: {
				message: `missing operator or ';' before '${'9'.repeat(15)}…' at column 7`
			}
		});
	});
});
