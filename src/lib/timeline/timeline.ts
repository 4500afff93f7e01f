import type { DrawnGraph } from '$lib/graphs/fold';

/**
 * The lesson as data. Position 0 is before anything is computed (leaves known); each step then
 * computes one node forward (topological order), seeds the output's gradient with 1, and sends
 * gradients back from one node at a time (reverse topological order) along its incoming edges.
 * The last step is `done`. What a position shows is a pure function of the graph and position.
 */
export type Step =
	| { kind: 'forward'; node: number; edges: number[] }
	| { kind: 'seed'; node: number }
	| { kind: 'backward'; node: number; edges: number[] }
	| { kind: 'done' };

export type Phase = 'idle' | 'forward' | 'backward' | 'done';

export function buildTimeline(graph: DrawnGraph): Step[] {
	const steps: Step[] = [];
	const ops = graph.nodes.map((n, i) => i).filter((i) => !graph.nodes[i].isLeaf);
	for (const node of ops) steps.push({ kind: 'forward', node, edges: graph.nodes[node].inEdges });
	steps.push({ kind: 'seed', node: graph.output });
	for (let j = ops.length - 1; j >= 0; j--) {
		const node = ops[j];
		steps.push({ kind: 'backward', node, edges: graph.nodes[node].inEdges });
	}
	steps.push({ kind: 'done' });
	return steps;
}

export interface Frame {
	/** 0 = before the first step; k = after step k (1-based) was taken */
	position: number;
	phase: Phase;
	/** the indicator's words: Ready, Forward, Loss, Backward, Done */
	label: 'Ready' | 'Forward' | 'Loss' | 'Backward' | 'Done';
	step: Step | undefined;
	valueKnown: boolean[];
	/** a gradient is shown once at least one contribution has arrived */
	gradKnown: boolean[];
	/** every contribution has arrived: the gradient is final */
	gradComplete: boolean[];
	/** edges whose backward contribution has arrived */
	gradArrived: boolean[];
	activeNode: number;
	activeEdges: number[];
}

export function phaseOf(step: Step | undefined): Phase {
	if (!step) return 'idle';
	if (step.kind === 'forward') return 'forward';
	if (step.kind === 'done') return 'done';
	return 'backward';
}

export function frameAt(graph: DrawnGraph, steps: Step[], position: number): Frame {
	const p = Math.max(0, Math.min(position, steps.length));
	const n = graph.nodes.length;
	const valueKnown = graph.nodes.map((node) => node.isLeaf);
	const gradKnown = new Array<boolean>(n).fill(false);
	const arrivedCount = new Array<number>(n).fill(0);
	const gradArrived = new Array<boolean>(graph.edges.length).fill(false);
	for (let j = 0; j < p; j++) {
		const step = steps[j];
		if (step.kind === 'forward') valueKnown[step.node] = true;
		else if (step.kind === 'seed') gradKnown[step.node] = true;
		else if (step.kind === 'backward') {
			for (const e of step.edges) {
				gradArrived[e] = true;
				const source = graph.edges[e].source;
				gradKnown[source] = true;
				arrivedCount[source]++;
			}
		} else {
			valueKnown.fill(true);
		}
	}
	const gradComplete = graph.nodes.map((node, i) =>
		i === graph.output ? gradKnown[i] : gradKnown[i] && arrivedCount[i] === node.outEdges.length
	);
	const step = p > 0 ? steps[p - 1] : undefined;
	const phase = phaseOf(step);
	const isLoss = (step?.kind === 'forward' && step.node === graph.output) || step?.kind === 'seed';
	return {
		position: p,
		phase,
		label: isLoss
			? 'Loss'
			: phase === 'idle'
				? 'Ready'
				: phase === 'forward'
					? 'Forward'
					: phase === 'backward'
						? 'Backward'
						: 'Done',
		step,
		valueKnown,
		gradKnown,
		gradComplete,
		gradArrived,
		activeNode: step && step.kind !== 'done' ? step.node : -1,
		activeEdges: step && (step.kind === 'forward' || step.kind === 'backward') ? step.edges : []
	};
}
