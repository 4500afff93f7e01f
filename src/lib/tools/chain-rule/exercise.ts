/**
 * The chapter's exercise on the textbook network: the forward pass is written out with the
 * sliders' values, and the learner writes the backward pass, one gradient of L per line.
 */

/** The parameters, in the order the template writes them. */
export const INPUTS = ['x1', 'x2', 'w1', 'w2', 'v', 'y'] as const;

export type Inputs = Record<(typeof INPUTS)[number], number>;

export interface Target {
	/** the name the checker reads in the learner's program */
	name: string;
	/** the graph node whose gradient it is */
	node: string;
	/** how the chapter writes it */
	symbol: string;
	/** the line that computes it, right to left through the graph */
	solution: string;
	hint: string;
}

export const TARGETS: readonly Target[] = [
	{
		name: 'dL_dyhat',
		node: 'yhat',
		symbol: '∂L/∂ŷ',
		solution: '2 * (yhat - y)',
		hint: 'Start at the loss. L = (ŷ − y)²: differentiate with respect to ŷ (the power rule brings the 2 down).'
	},
	{
		name: 'dL_dv',
		node: 'v',
		symbol: '∂L/∂v',
		solution: 'dL_dyhat * h',
		hint: 'ŷ = v·h, so ∂ŷ/∂v = h. Multiply it by the gradient arriving from the right, ∂L/∂ŷ.'
	},
	{
		name: 'dL_dh',
		node: 'h',
		symbol: '∂L/∂h',
		solution: 'dL_dyhat * v',
		hint: 'ŷ = v·h, so ∂ŷ/∂h = v. Multiply it by ∂L/∂ŷ.'
	},
	{
		name: 'dL_dz',
		node: 'z',
		symbol: '∂L/∂z',
		solution: 'dL_dh * h * (1 - h)',
		hint: 'h = σ(z) and σ′(z) = σ(z)(1 − σ(z)). You already have σ(z): it is h.'
	},
	{
		name: 'dL_dw1',
		node: 'w1',
		symbol: '∂L/∂w₁',
		solution: 'dL_dz * x1',
		hint: 'z = w₁x₁ + w₂x₂, so ∂z/∂w₁ = x₁. Multiply it by ∂L/∂z.'
	},
	{
		name: 'dL_dw2',
		node: 'w2',
		symbol: '∂L/∂w₂',
		solution: 'dL_dz * x2',
		hint: 'z = w₁x₁ + w₂x₂, so ∂z/∂w₂ = x₂. Multiply it by ∂L/∂z.'
	}
];

/** Every name the checker reads: the gradients, and the inputs to compare with the sliders. */
export const READ_NAMES: readonly string[] = [...TARGETS.map((t) => t.name), ...INPUTS];

/** The blank the learner replaces; a name left at undefined counts as not written yet. */
export const BLANK = 'undefined';

function program(values: Inputs, backward: (t: Target) => string): string {
	return [
		"// Forward pass, with the sliders' values.",
		...INPUTS.map((name) => `const ${name} = ${String(values[name])};`),
		'',
		'const sigmoid = (t) => 1 / (1 + Math.exp(-t));',
		'const z = w1 * x1 + w2 * x2;',
		'const h = sigmoid(z);',
		'const yhat = v * h;',
		'const L = (yhat - y) ** 2;',
		'',
		'// Backward pass: replace each undefined, right to left.',
		...TARGETS.map((t) => `const ${t.name} = ${backward(t)}; // ${t.symbol}`),
		''
	].join('\n');
}

/** What the editor starts with. */
export function exerciseTemplate(values: Inputs): string {
	return program(values, () => BLANK);
}

/** The template with every backward line written. */
export function exerciseSolution(values: Inputs): string {
	return program(values, (t) => t.solution);
}

// `const w1 = 0.4;` as the template writes it (a trailing comment is kept).
const INPUT_LINE =
	/^(\s*(?:const|let|var)\s+)([A-Za-z_$][\w$]*)(\s*=\s*)(-?[\d.]+(?:e[+-]?\d+)?)(\s*;.*)$/i;

/**
 * The program with its input lines set to the sliders' values, so that what it computes is
 * what the graph shows. Lines the learner rewrote into something else are left alone (the
 * checker then says which inputs differ).
 */
export function withValues(code: string, values: Inputs): string {
	const names = new Set<string>(INPUTS);
	return code
		.split('\n')
		.map((line) => {
			const m = INPUT_LINE.exec(line);
			if (!m || !names.has(m[2])) return line;
			const value = values[m[2] as keyof Inputs];
			if (!Number.isFinite(value) || Number(m[4]) === value) return line;
			return `${m[1]}${m[2]}${m[3]}${String(value)}${m[5]}`;
		})
		.join('\n');
}
