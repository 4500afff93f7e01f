import type { Box } from './render';

/**
 * A tensor step's sentence (`MulBackward0: ∂loss/∂w = ∂loss/∂(w * x) ⊙ x = [−0.1651·1.0000, …]`)
 * as MathML boxes: each ∂a/∂b a fraction, numbers, operators and names as such, and a run of
 * words (`summed to y_hat's shape`) kept as one name so its spaces stay.
 */
const TOKEN =
	/∂([^\s/]+)\/∂(\((?:[^()]|\([^()]*\))*\)|[^\s,)\]]+)|(−?\d+(?:\.\d+)?(?:e[−+]?\d+)?)|([A-Za-z_][\w.]*(?:'s)?(?: [A-Za-z_][\w.]*(?:'s)?)*)|(\S)/gu;

export function tensorLineBoxes(line: string): Box[] {
	const boxes: Box[] = [];
	for (const [, of, wrt, number, words, other] of line.matchAll(TOKEN)) {
		if (of !== undefined)
			boxes.push({
				t: 'frac',
				num: [
					{ t: 'mo', text: '∂' },
					{ t: 'mi', text: of }
				],
				den: [
					{ t: 'mo', text: '∂' },
					{ t: 'mi', text: wrt }
				]
			});
		else if (number !== undefined) boxes.push({ t: 'mn', text: number });
		else if (words !== undefined) boxes.push({ t: 'mi', text: words });
		else boxes.push({ t: 'mo', text: other });
	}
	return boxes;
}
