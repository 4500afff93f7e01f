import { Tape, type Value } from '$lib/engine';
import { edgePartials, foldGraph } from '$lib/graphs/fold';
import type { Numbers } from '$lib/timeline/explain';
import { buildTimeline } from '$lib/timeline/timeline';
import { quizGraph, type Question, type QuizGraph } from '$lib/tools/quiz/scalar';

/** A graph ready for the quiz, evaluated, with its questions found by key. */
export function setup(root: Value): {
	qg: QuizGraph;
	numbers: Numbers;
	question: (key: string) => Question;
} {
	const tape = Tape.of(root);
	const graph = foldGraph(tape);
	const steps = buildTimeline(graph);
	tape.evaluate();
	const values = new Float64Array(graph.nodes.length);
	const grads = new Float64Array(graph.nodes.length);
	graph.nodes.forEach((n, i) => {
		values[i] = tape.values[n.tape];
		grads[i] = tape.grads[n.tape];
	});
	const partials = new Float64Array(graph.edges.length);
	edgePartials(graph, tape, partials);
	const qg = quizGraph(graph, tape, steps);
	return {
		qg,
		numbers: { values, grads, partials },
		question: (key) => {
			const q = qg.questions.find((x) => x.key === key);
			if (!q) throw new Error(`no question ${key}: ${qg.questions.map((x) => x.key).join(' ')}`);
			return q;
		}
	};
}
