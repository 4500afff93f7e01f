import { describe, expect, it } from 'vitest';
import { Tape, Value } from '$lib/engine';
import { formatNumber } from '$lib/format';
import { textWidth } from '$lib/geometry/text-width';
import { foldGraph } from '$lib/graphs/fold';
import {
	BOX_TEXT,
	condensedLength,
	layoutInputOf,
	NODE_HEIGHT,
	NODE_WIDTH,
	symbolText
} from '$lib/graphs/layout-input';
import { textbookNetwork } from '$lib/graphs/textbook';
import { structureKey } from '$lib/layout/types';

const graphOf = (root: Value) => foldGraph(Tape.of(root));

describe('layoutInputOf', () => {
	it('makes every box wide enough for −9.9999 at full size, with 6 units either side', () => {
		const input = layoutInputOf(graphOf(textbookNetwork()));
		// 5 digits, a point and a minus in bold sans at 30.5.
		const usual = ((5 * 696 + 380 + 838) * 30.5) / 1000 + 12;
		for (const n of input.nodes) {
			expect(n.width).toBe(Math.max(NODE_WIDTH, Math.ceil(usual)));
			expect(n.height).toBe(NODE_HEIGHT);
			expect(condensedLength(formatNumber(-9.9999), n.width)).toBeUndefined();
		}
	});

	it('condenses any wider number formatNumber prints into the box, from 1e−12 to 1e12 and beyond', () => {
		const width = layoutInputOf(graphOf(textbookNetwork())).nodes[0].width;
		const room = width - 2 * BOX_TEXT.valueInset;
		const extremes = [-1.4621e-8, -123456.7, NaN, -Infinity, -Number.MIN_VALUE, -Number.MAX_VALUE];
		for (let e = -12; e <= 12; e += 0.5) extremes.push(-7.777 * 10 ** e, -(10 ** e) + 1e-9);
		let condensed = 0;
		for (const x of extremes) {
			const text = formatNumber(x);
			const set = condensedLength(text, width) ?? textWidth(text, BOX_TEXT.valueSize);
			expect(set, text).toBeLessThanOrEqual(room);
			if (condensedLength(text, width) !== undefined) condensed++;
		}
		// −1.462e−8 and −123456.7000 are among those condensed; 0.7000 is not.
		expect(condensedLength(formatNumber(-1.4621e-8), width)).toBe(room);
		expect(condensedLength(formatNumber(-123456.7), width)).toBe(room);
		expect(condensedLength(formatNumber(0.7), width)).toBeUndefined();
		expect(condensed).toBeGreaterThan(0);
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
