import { describe, expect, it } from 'vitest';
import { Tape, Value } from '$lib/engine';
import { foldGraph, type ViewMode } from '$lib/graphs/fold';
import { textbookNetwork } from '$lib/graphs/textbook';
import { pythonNames, pythonNumber, pytorchScript } from '$lib/tools/pytorch/pytorch';
import { buildCase, loadTorchCases } from '../../engine/support';
import {
	hasPython,
	hasTorch,
	noTorchReason,
	runScript,
	runScripts,
	syntaxErrors
} from '../../support/python';

if (!hasTorch) console.warn(`Skipping the PyTorch runs: ${noTorchReason}.`);

/** The textbook tape with some leaves moved, as the sliders would move them. */
function textbookTape(values: Record<string, number> = {}): Tape {
	const tape = Tape.of(textbookNetwork());
	for (let i = 0; i < tape.size; i++) {
		const label = tape.nodes[i].label;
		if (tape.nodes[i].op === 'leaf' && label !== undefined && label in values)
			tape.setLeaf(i, values[label]);
	}
	tape.evaluate();
	return tape;
}

function scriptOf(tape: Tape, mode: ViewMode = 'named'): string {
	return pytorchScript(tape, foldGraph(tape, mode));
}

const SETTINGS: [string, Record<string, number>][] = [
	['the chapter’s values', {}],
	['negative weights and a target of 0.3', { x1: -1.2, x2: 2.5, w1: -0.7, w2: 1.3, v: -2, y: 0.3 }],
	['a saturated sigmoid', { x1: 3, x2: -3, w1: 2.9, w2: -2.9, v: 3, y: -3 }]
];

describe('pytorchScript on the textbook network', () => {
	it('writes the forward pass as the chapter does', () => {
		const script = scriptOf(textbookTape());
		expect(script).toContain('x1 = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)\n');
		expect(script).toContain('w2 = torch.tensor(0.6, dtype=torch.float64, requires_grad=True)\n');
		expect(script).toContain(
			'z = w1 * x1 + w2 * x2\nh = torch.sigmoid(z)\nyhat = v * h\nL = (yhat - y) ** 2\n'
		);
		expect(script).toContain('\nL.backward()\n');
		for (const id of ['z', 'h', 'yhat', 'L']) expect(script).toContain(`\n${id}.retain_grad()\n`);
	});

	it('fills in the engine’s values and gradients at full precision', () => {
		const tape = textbookTape();
		const script = scriptOf(tape);
		for (let i = 0; i < tape.size; i++) {
			const label = tape.nodes[i].label;
			if (label === undefined) continue;
			expect(script).toContain(
				`"${label}": (${label}, ${pythonNumber(tape.values[i])}, ${pythonNumber(tape.grads[i])}),`
			);
		}
		expect(script).toContain('"w2": (w2, 0.6, -0.08255696687978296),');
	});

	it('follows the sliders', () => {
		const script = scriptOf(textbookTape({ w1: -0.7 }));
		expect(script).toContain('w1 = torch.tensor(-0.7, dtype=torch.float64, requires_grad=True)');
		expect(script).not.toContain('"L": (L, 0.2166434998109707,');
	});

	it('names every primitive op in the op view', () => {
		const script = scriptOf(textbookTape(), 'ops');
		expect(script).toMatch(/\nmul\d+ = w1 \* x1\n/);
		expect(script).toMatch(/\nL = sub\d+ \*\* 2\n/);
	});
});

describe('pytorchScript on other graphs', () => {
	function script(root: Value): string {
		const tape = Tape.of(root);
		tape.evaluate();
		return scriptOf(tape);
	}
	const leaf = (name: string, x = 0.5) => new Value(x, name);

	it('brackets by Python precedence and keeps the engine’s order of additions', () => {
		const [a, b, c] = ['a', 'b', 'c'].map((n) => leaf(n));
		expect(script(a.sub(b.sub(c)).named('out'))).toContain('\nout = a - (b - c)\n');
		expect(script(a.add(b.add(c)).named('out'))).toContain('\nout = a + (b + c)\n');
		expect(script(a.add(b).add(c).named('out'))).toContain('\nout = a + b + c\n');
		expect(script(a.mul(b.add(c)).named('out'))).toContain('\nout = a * (b + c)\n');
		expect(script(a.div(b.mul(c)).named('out'))).toContain('\nout = a / (b * c)\n');
		expect(script(a.neg().pow(2).named('out'))).toContain('\nout = (-a) ** 2\n');
		expect(script(a.pow(2).neg().named('out'))).toContain('\nout = -a ** 2\n');
		expect(script(a.pow(-0.5).named('out'))).toContain('\nout = a ** (-0.5)\n');
		expect(script(a.mul(b).tanh().relu().named('out'))).toContain(
			'\nout = torch.relu(torch.tanh(a * b))\n'
		);
	});

	it('writes constants as numbers and a constant-only part as its value', () => {
		const x = leaf('x');
		const root = x.mul(-2).add(Value.constant(2).exp()).named('out');
		expect(script(root)).toContain(`\nout = x * (-2.0) + ${Math.exp(2)}\n`);
	});

	it('renames nodes that are not valid or free Python names', () => {
		expect(pythonNames(['lambda', 'torch', 'x', 'x', '2a', 'θ', 'print'])).toEqual([
			'n_lambda',
			'n_torch',
			'x',
			'x_2',
			'n_2a',
			'_',
			'n_print'
		]);
	});

	it('writes numbers that Python reads back exactly', () => {
		expect(pythonNumber(0.1)).toBe('0.1');
		expect(pythonNumber(3)).toBe('3.0');
		expect(pythonNumber(-0)).toBe('-0.0');
		expect(pythonNumber(1e-7)).toBe('1e-7');
		expect(pythonNumber(1e21)).toBe('1e+21');
		expect(pythonNumber(NaN)).toBe('float("nan")');
		expect(pythonNumber(-Infinity)).toBe('-float("inf")');
	});
});

describe.skipIf(!hasPython)('the scripts are valid Python', () => {
	it('compiles every generated script (no PyTorch needed)', () => {
		const scripts = [
			...SETTINGS.map(([, values]) => scriptOf(textbookTape(values))),
			...loadTorchCases().flatMap((c) => {
				const tape = Tape.of(buildCase(c).get(c.output)!);
				tape.evaluate();
				return [scriptOf(tape), scriptOf(tape, 'ops')];
			})
		];
		expect(syntaxErrors(scripts)).toBe('');
	});
});

describe('running the scripts with PyTorch', () => {
	it.skipIf(!hasTorch).each(SETTINGS)(
		'passes for %s',
		(_name, values) => {
			const { status, out } = runScript(scriptOf(textbookTape(values)));
			expect(out).toMatch(/^OK: PyTorch agrees on all 10 values and 10 gradients/);
			expect(status).toBe(0);
		},
		60_000
	);

	it.skipIf(!hasTorch)(
		'fails, naming the number, when the explorer’s gradient is wrong',
		() => {
			const script = scriptOf(textbookTape()).replace(
				'"w2": (w2, 0.6, -0.08255696687978296),',
				'"w2": (w2, 0.6, -0.0825),'
			);
			const { status, out } = runScript(script);
			// PyTorch's last digit may differ from ours; both are within the tolerance.
			expect(out).toMatch(
				/MISMATCH gradient of w2: PyTorch -0\.0825569668797\d+, backprop-explorer -0\.0825\n/
			);
			expect(out).toContain('FAILED: 1 of 20 numbers differ');
			expect(status).toBe(1);
		},
		60_000
	);

	it.skipIf(!hasTorch)(
		'passes for every reference graph, folded and op by op',
		() => {
			// One Python process for all of them (importing torch takes a second each time).
			const cases = loadTorchCases().flatMap((c) =>
				(['named', 'ops'] as const).map((mode) => {
					const tape = Tape.of(buildCase(c).get(c.output)!);
					tape.evaluate();
					return { name: `${c.name} (${mode})`, script: scriptOf(tape, mode) };
				})
			);
			const outcomes = runScripts(
				cases.map((c) => c.script),
				120_000
			);
			expect(outcomes).toHaveLength(cases.length);
			cases.forEach((c, i) => {
				expect(outcomes[i].out, c.name).toMatch(/^OK: /);
				expect(outcomes[i].status, c.name).toBe(0);
			});
		},
		120_000
	);
});
