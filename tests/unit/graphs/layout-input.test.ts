import { describe, expect, it } from 'vitest';
import { Tape, Value } from '$lib/engine';
import { formatNumber } from '$lib/format';
import { textWidth } from '$lib/geometry/text-width';
import { foldGraph } from '$lib/graphs/fold';
import { BOX_TEXT, layoutInputOf, NODE_HEIGHT, symbolText } from '$lib/graphs/layout-input';
import { textbookNetwork } from '$lib/graphs/textbook';
import { structureKey } from '$lib/layout/types';

const graphOf = (root: Value) => foldGraph(Tape.of(root));

describe('layoutInputOf', () => {
	it('makes every box wide enough for −999999.9999, the widest number, on both sides of it', () => {
		const input = layoutInputOf(graphOf(textbookNetwork()));
		// 10 digits, a point and a minus in bold sans at 30.5, and 6 units either side.
		const widest = ((10 * 696 + 380 + 838) * 30.5) / 1000 + 12;
		for (const n of input.nodes) {
			expect(n.width).toBe(Math.ceil(widest));
			expect(n.height).toBe(NODE_HEIGHT);
		}
	});

	it('fits any number formatNumber prints, from 1e−12 to 1e12 and beyond', () => {
		const room = layoutInputOf(graphOf(textbookNetwork())).nodes[0].width - 2 * BOX_TEXT.valueInset;
		const extremes = [-1.4621e-8, -123456.7, NaN, -Infinity, -Number.MIN_VALUE, -Number.MAX_VALUE];
		for (let e = -12; e <= 12; e += 0.5) extremes.push(-7.777 * 10 ** e, -(10 ** e) + 1e-9);
		for (const x of extremes)
			expect(textWidth(formatNumber(x), BOX_TEXT.valueSize), formatNumber(x)).toBeLessThanOrEqual(
				room
			);
	});

	it('widens a box for a long name', () => {
		const long = new Value(1, 'a_rather_long_parameter_name').mul(2).named('out');
		const input = layoutInputOf(graphOf(long));
		const node = input.nodes.find((n) => n.id === 'a_rather_long_parameter_name')!;
		const graph = graphOf(long);
		const text = symbolText(graph.nodes[graph.byId.get(node.id)!]);
		expect(text).toBe('a_rather_long_parameter_name');
		expect(node.width).toBe(
			Math.ceil(BOX_TEXT.symbolX + textWidth(text, BOX_TEXT.symbolSize) + BOX_TEXT.valueInset)
		);
		expect(input.nodes.find((n) => n.id === 'out')!.width).toBeLessThan(node.width);
	});

	it('does not depend on the values, so a drag keeps the layout', () => {
		const at = (w1: number) =>
			structureKey(
				layoutInputOf(graphOf(textbookNetwork({ x1: 1, x2: 0.5, w1, w2: 0.6, v: 0.8, y: 1 })))
			);
		expect(at(-123456.7)).toBe(at(0.4));
	});
});
