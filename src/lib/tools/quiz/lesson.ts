import type { Block, LessonSection, MathRef } from '$lib/lesson/sections';

// The lesson formulas that print a gradient's number.
const SHOWS_GRADIENT = new Set<MathRef['kind']>(['grad', 'chain', 'update']);

/**
 * A lesson section as the quiz may show it: no gradient's number before the learner has
 * predicted it. Displays of gradients are left out; inline ones keep only their name (∂L/∂w₁).
 */
export function withoutGradients(section: LessonSection): LessonSection {
	const body = section.body.flatMap((block): Block[] => {
		if (block.kind === 'display') {
			return block.lines.some((ref) => SHOWS_GRADIENT.has(ref.kind)) ? [] : [block];
		}
		const pieces = block.pieces.map((piece) =>
			typeof piece !== 'string' && SHOWS_GRADIENT.has(piece.kind) && 'node' in piece
				? { kind: 'partial' as const, node: piece.node }
				: piece
		);
		return [{ kind: 'text', pieces }];
	});
	return { ...section, body };
}
