import { describe, expect, it } from 'vitest';
import { Tape } from '$lib/engine';
import type { Formula } from '$lib/formula/ast';
import { formulaText } from '$lib/formula/render';
import { edgePartials, foldGraph, type ViewMode } from '$lib/graphs/fold';
import { PRESETS } from '$lib/graphs/presets';
import { textbookNetwork } from '$lib/graphs/textbook';
import { explainStep, explanationText, type Numbers } from '$lib/timeline/explain';
import { buildTimeline } from '$lib/timeline/timeline';

function evaluated(tape: Tape, mode: ViewMode = 'named') {
	tape.evaluate();
	const graph = foldGraph(tape, mode);
	const partials = new Float64Array(graph.edges.length);
	edgePartials(graph, tape, partials);
	const numbers: Numbers = {
		values: graph.nodes.map((n) => tape.values[n.tape]),
		grads: graph.nodes.map((n) => tape.grads[n.tape]),
		partials
	};
	return { graph, numbers, steps: buildTimeline(graph) };
}

/** Every symbol and derivative a formula names, as text (`z`, `∂L/∂ŷ`). */
function names(f: Formula): string[] {
	switch (f.kind) {
		case 'sym':
		case 'derivative':
			return [formulaText(f)];
		case 'num':
			return [];
		case 'binary':
			return [...names(f.left), ...names(f.right)];
		case 'neg':
		case 'call':
		case 'indicator':
			return names(f.arg);
		case 'pow':
			return [...names(f.base), ...names(f.exponent)];
	}
}

describe('explanations never use one symbol on both sides', () => {
	it('writes the first backward step as the chapter does', () => {
		const { graph, numbers, steps } = evaluated(Tape.of(textbookNetwork()));
		const first = steps.findIndex((s) => s.kind === 'backward');
		const lines = explainStep(graph, steps[first], numbers);
		expect(lines.map((l) => l.where)).toEqual([undefined, undefined]);
		// Numbers as the formatter prints them (0.5346 − 1.0 or − 1.0000): the shape is the point.
		expect(formulaText(...lines[0].sides)).toMatch(
			/^∂L\/∂ŷ = 2\(ŷ − y\) = 2\(0\.5346 − 1\.0(000)?\) = −0\.9309$/
		);
		expect(explanationText(lines)).not.toContain('∂L/∂L');
	});

	for (const preset of PRESETS) {
		for (const mode of ['named', 'ops'] as const) {
			it(`${preset.id}, ${mode} view: every step`, () => {
				const { graph, numbers, steps } = evaluated(Tape.of(preset.build()), mode);
				const clashes: string[] = [];
				for (const step of steps) {
					for (const line of explainStep(graph, step, numbers)) {
						const [left, ...right] = line.sides;
						const lhs = formulaText(left);
						const rest = [...right, ...(line.where ?? [])].flatMap(names);
						if (rest.includes(lhs)) clashes.push(explanationText([line]));
					}
				}
				expect(clashes).toEqual([]);
			});
		}
	}
});
