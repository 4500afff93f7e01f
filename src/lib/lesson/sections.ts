import type { Step } from '$lib/timeline/timeline';
import { toolTitle, type ToolId } from '$lib/tools/catalogue';

/**
 * The guided lesson as data: the chapter's sections in order, each with the stretch of the
 * timeline it walks and a short text whose numbers are filled in live from the graph.
 */

/**
 * Landmarks of a timeline, so sections need not know how many steps a graph has:
 * `start` nothing computed yet; `loss` every forward step taken (the loss is known);
 * `seed` ∂L/∂L = 1 set; `gradients` every backward step taken; `end` the timeline's last position.
 */
export type Mark = 'start' | 'loss' | 'seed' | 'gradients' | 'end';

/** A live formula inside the text, named by the graph node it is about. */
export type MathRef =
	/** `w₁`, the name alone */
	| { kind: 'symbol'; node: string }
	/** `∂L/∂w₁`, no number */
	| { kind: 'partial'; node: string }
	/** `z = 0.7000` */
	| { kind: 'value'; node: string }
	/** `z = w₁x₁ + w₂x₂`, symbols only */
	| { kind: 'define'; node: string }
	/** `z = w₁x₁ + w₂x₂ = (0.4)(1.0) + (0.6)(0.5) = 0.7000` */
	| { kind: 'forward'; node: string }
	/** `∂L/∂w₁ = −0.1651` */
	| { kind: 'grad'; node: string }
	/** `∂L/∂v = ∂L/∂ŷ · h = (−0.9309)(0.6682) = −0.6220`: the chain rule at one node */
	| { kind: 'chain'; node: string }
	/** `η = 0.5` */
	| { kind: 'rate' }
	/** `θ − η · ∂L/∂θ`, the update rule */
	| { kind: 'rule' }
	/** `w₁ − η·∂L/∂w₁ = 0.4 − (0.5)(−0.1651) = 0.4826`: one gradient step */
	| { kind: 'update'; node: string };

/** Prose with formulas inline, or formulas set apart, one per line. */
export type Block =
	{ kind: 'text'; pieces: (string | MathRef)[] } | { kind: 'display'; lines: MathRef[] };

/** The app's panels a section can embed, and the chapter's own script run in the page. */
export type LessonTool = ToolId | 'chapter-script';

export function lessonToolTitle(tool: LessonTool): string {
	return tool === 'chapter-script' ? 'The chapter’s script, run here' : toolTitle(tool);
}

/** What the lesson's stage shows: the live scalar graph, or PyTorch's graph of a program (the
 *  chapter's script, or the two-layer classifier). */
export type StageView = 'scalars' | 'tensors' | 'classifier';

/** Page Down turns the stage to `view` once the section's part `at` has been seen. */
export interface StageCue {
	at: number;
	view: StageView;
}

export interface LessonSection {
	id: string;
	title: string;
	/** The positions the section walks, inclusive; it opens at the first. */
	from: Mark;
	to: Mark;
	body: Block[];
	tools: LessonTool[];
	/** Page Down steps the graph once this many blocks of the text have been seen (default: all
	 *  of the section, tools included). */
	stepsAfter?: number;
	/** The section holds an exercise: Page Down stops at its end until the student goes on. */
	exercise?: boolean;
	/** Where Page Down turns the stage to another view, in reading order (one press each). */
	stage?: StageCue[];
}

export const symbol = (node: string): MathRef => ({ kind: 'symbol', node });
export const partial = (node: string): MathRef => ({ kind: 'partial', node });
export const value = (node: string): MathRef => ({ kind: 'value', node });
export const define = (node: string): MathRef => ({ kind: 'define', node });
export const forward = (node: string): MathRef => ({ kind: 'forward', node });
export const grad = (node: string): MathRef => ({ kind: 'grad', node });
export const chain = (node: string): MathRef => ({ kind: 'chain', node });
export const update = (node: string): MathRef => ({ kind: 'update', node });
export const rate: MathRef = { kind: 'rate' };
export const rule: MathRef = { kind: 'rule' };

/** A paragraph written as a template: p`the loss ${value('L')} …`. */
export function p(strings: TemplateStringsArray, ...math: MathRef[]): Block {
	const pieces: (string | MathRef)[] = [];
	strings.forEach((text, i) => {
		if (text) pieces.push(text);
		if (i < math.length) pieces.push(math[i]);
	});
	return { kind: 'text', pieces };
}

export const display = (...lines: MathRef[]): Block => ({ kind: 'display', lines });

/** The chapter ("Backprop by hand"), on the textbook network. */
export const SECTIONS: readonly LessonSection[] = [
	{
		id: 'network',
		title: 'The network',
		from: 'start',
		to: 'start',
		tools: [],
		body: [
			p`This is the chapter’s network. Two inputs, ${value('x1')} and ${value('x2')}, are weighted by ${value('w1')} and ${value('w2')} and added up; a sigmoid squashes the sum into one hidden unit; an output weight ${value('v')} turns that into a prediction, which is compared with the target ${value('y')}.`,
			display(define('z'), define('h'), define('yhat'), define('L')),
			p`Each box shows its value on top and its gradient below: how fast the loss ${symbol('L')} changes when that quantity changes. Only the leaves on the left are known so far; everything else shows a dash.`,
			p`The sliders under the graph change the inputs, weights and target at any time. Every number in this lesson follows them, the text included.`
		]
	},
	{
		id: 'forward',
		title: 'The forward pass',
		from: 'start',
		to: 'loss',
		tools: [],
		stepsAfter: 2,
		body: [
			p`The forward pass computes each node from the nodes feeding into it, from left to right. Press → or Page Down to take one step: the node’s value lands on the graph, and its equation, with the numbers plugged in, appears under the graph.`,
			display(forward('z'), forward('h'), forward('yhat'), forward('L')),
			p`The loss ${value('L')} measures how far the prediction ${symbol('yhat')} is from the target ${symbol('y')}. This pass has to come first: the backward pass uses every one of these values.`
		]
	},
	{
		id: 'backward',
		title: 'The backward pass',
		from: 'seed',
		to: 'gradients',
		tools: [],
		stepsAfter: 2,
		body: [
			p`Now go from right to left. The gradient of ${symbol('L')} with respect to itself is 1. Each step takes the gradient that has reached a node and multiplies it by the local derivative along each edge coming into the node. That product is the chain rule, and it is all that backprop does.`,
			display(chain('yhat'), chain('v'), chain('h'), chain('z'), chain('w1'), chain('w2')),
			p`Every local derivative uses only values from the forward pass, which is why that pass came first. The sign says which way to move: a negative ${partial('w1')} means that a little more ${symbol('w1')} lowers the loss; a positive one, that it raises it.`
		]
	},
	{
		id: 'write',
		title: 'Write it yourself',
		from: 'loss',
		to: 'loss',
		tools: ['chain-rule'],
		exercise: true,
		body: [
			p`Your turn. The graph is back at the end of the forward pass: every value is known, no gradient is shown. The editor holds the same forward pass with the sliders’ values; fill in the backward lines from right to left, each using only what is already computed, and press Run.`,
			p`Each gradient you get right is marked ✓ on its node; a wrong one is marked ✗, with the expected number beside yours. Stuck? “Show a hint” explains the next line to write.`
		]
	},
	{
		id: 'verify',
		title: 'Verify',
		from: 'end',
		to: 'end',
		tools: ['finite-differences', 'chapter-script', 'pytorch'],
		body: [
			p`Two independent checks that these gradients are right.`,
			p`Finite differences need no calculus: nudge one slider a tiny step ε each way and see how much ${symbol('L')} changes. The table below does this for every slider, live, next to the gradient from backprop.`,
			p`PyTorch is the check the chapter uses. Its script, check_backprop.py, is further down, run right here by the explorer’s own interpreter of PyTorch code: the lines beside it are what it prints. Copy it and run it with PyTorch to see the same. The last script builds the network with the sliders’ values and checks every gradient on this page against PyTorch, such as ${grad('w1')} and ${grad('w2')}.`
		]
	},
	{
		id: 'generalizes',
		title: 'Why it generalizes',
		from: 'end',
		to: 'end',
		tools: ['gradient-step'],
		stage: [
			{ at: 2, view: 'tensors' },
			{ at: 3, view: 'classifier' },
			{ at: 4, view: 'scalars' }
		],
		body: [
			p`Nothing here was special to this network. Each backward step used two things only: the gradient arriving from the node’s consumers, and the node’s local derivative, which depends on nothing but its own operation and inputs. Where a value feeds several nodes, its gradient is the sum of what comes back along each edge.`,
			p`So one backward step per forward step computes every gradient at once, whatever the graph. That is what loss.backward() does for a network with millions of weights.`,
			p`PyTorch records the same network with tensors. The graph beside this text is the chapter’s script as PyTorch builds it: w and x are vectors, and where the scalar graph had ${define('z')}, there is one MulBackward0 for w * x and one SumBackward0 for its sum. The leaves w and v end in AccumulateGrad, which stores their gradients in .grad. Its backward pass is the same chain rule, one node at a time.`,
			p`The mechanism is the same; only the graph is bigger. A two-layer classifier on a batch of 64 examples has 34,186 parameters, yet PyTorch’s graph of it is about a dozen boxes: each box is a whole tensor, and each backward step one product of a gradient with a local derivative, for every element at once.`,
			p`The optimizer then moves each weight θ a little against its gradient, to ${rule}. With the learning rate ${rate}, ${symbol('w1')} moves to`,
			display(update('w1')),
			p`Press “Gradient step” below to do this for ${symbol('w1')}, ${symbol('w2')} and ${symbol('v')} at once, and watch what happens to ${symbol('L')}. Change η there, and the numbers here follow.`
		]
	}
];

/** Where a landmark falls on a timeline of `steps` (positions run from 0 to steps.length). */
export function positionOf(mark: Mark, steps: readonly Step[]): number {
	const forwardSteps = steps.filter((s) => s.kind === 'forward').length;
	switch (mark) {
		case 'start':
			return 0;
		case 'loss':
			return forwardSteps;
		case 'seed':
			return Math.min(forwardSteps + 1, steps.length);
		case 'gradients':
			return Math.max(steps.length - 1, 0);
		case 'end':
			return steps.length;
	}
}

export interface Range {
	from: number;
	to: number;
}

export function rangeOf(section: LessonSection, steps: readonly Step[]): Range {
	const from = positionOf(section.from, steps);
	return { from, to: Math.max(from, positionOf(section.to, steps)) };
}

/** Every node a section's text refers to, to check that it fits a graph. */
export function referencedNodes(section: LessonSection): string[] {
	const refs = section.body.flatMap((b) =>
		b.kind === 'text' ? b.pieces.filter((x): x is MathRef => typeof x !== 'string') : b.lines
	);
	return [...new Set(refs.flatMap((r) => ('node' in r ? [r.node] : [])))];
}
