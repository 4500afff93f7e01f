import { describe, expect, it } from 'vitest';
import { Tape, Value } from '$lib/engine';
import { textbookNetwork } from '$lib/graphs/textbook';
import { Probe } from '$lib/engine/probe';
import {
	clipLine,
	lossPlot,
	outputDomain,
	sampleOutput,
	sparkline
} from '$lib/tools/descent/loss-plot';

describe('sampleOutput', () => {
	it('evaluates the output along one leaf, on a copy', () => {
		const x = new Value(0.5, 'x');
		const tape = Tape.of(x.mul(x).named('L'));
		tape.evaluate();
		const points = sampleOutput(new Probe(tape), tape.indexOf(x), [-1, 1], 5);
		expect(points).toEqual([
			{ x: -1, y: 1 },
			{ x: -0.5, y: 0.25 },
			{ x: 0, y: 0 },
			{ x: 0.5, y: 0.25 },
			{ x: 1, y: 1 }
		]);
		expect(tape.values[tape.size - 1]).toBe(0.25);
	});

	it('gives the textbook loss at the current w1', () => {
		const tape = Tape.of(textbookNetwork());
		tape.evaluate();
		const w1 = tape.nodes.findIndex((v) => v.label === 'w1');
		const [point] = sampleOutput(new Probe(tape), w1, [0.4, 0.4], 1);
		expect(point.y).toBe(tape.values[tape.size - 1]);
	});

	it('leaves out points where the output is not finite', () => {
		const x = new Value(1, 'x');
		const tape = Tape.of(x.log());
		tape.evaluate();
		const points = sampleOutput(new Probe(tape), tape.indexOf(x), [-1, 1], 3);
		expect(points).toEqual([{ x: 1, y: 0 }]);
	});
});

describe('outputDomain', () => {
	it('pads the range by a tenth', () => {
		expect(
			outputDomain([
				{ x: 0, y: 1 },
				{ x: 1, y: 3 }
			])
		).toEqual([0.8, 3.2]);
	});
	it('gives a flat curve a unit band', () => {
		expect(
			outputDomain([
				{ x: 0, y: 2 },
				{ x: 1, y: 2 }
			])
		).toEqual([1.5, 2.5]);
	});
});

describe('clipLine', () => {
	it('keeps a line that stays inside the box whole', () => {
		expect(clipLine(0, 0, 0.5, [-1, 1], [-1, 1])).toEqual([
			{ x: -1, y: -0.5 },
			{ x: 1, y: 0.5 }
		]);
	});
	it('cuts a steep line where it leaves the box', () => {
		expect(clipLine(0, 0, 4, [-1, 1], [-2, 2])).toEqual([
			{ x: -0.5, y: -2 },
			{ x: 0.5, y: 2 }
		]);
		expect(clipLine(0, 0, -4, [-1, 1], [-2, 2])).toEqual([
			{ x: -0.5, y: 2 },
			{ x: 0.5, y: -2 }
		]);
	});
	it('draws a flat line inside the box and nothing outside it', () => {
		expect(clipLine(0, 1, 0, [-1, 1], [0, 2])).toEqual([
			{ x: -1, y: 1 },
			{ x: 1, y: 1 }
		]);
		expect(clipLine(0, 3, 0, [-1, 1], [0, 2])).toBeNull();
		expect(clipLine(0, 0, NaN, [-1, 1], [0, 2])).toBeNull();
	});
});

describe('lossPlot', () => {
	it('maps the curve, tangent and point to pixels', () => {
		const points = [
			{ x: -1, y: 1 },
			{ x: 0, y: 0 },
			{ x: 1, y: 1 }
		];
		const box = { width: 220, height: 120, margin: { top: 10, right: 10, bottom: 10, left: 10 } };
		// y from −0.1 to 1.1 over 100 px; x from −1 to 1 over 200 px.
		const plot = lossPlot(points, { x: 0, y: 0 }, 0, [-1, 1], box);
		expect(plot.curve).toBe('M10,18.33L110,101.67L210,18.33');
		expect(plot.tangent).toBe('M10,101.67L210,101.67');
		expect(plot.point.x).toBe(110);
		expect(plot.point.y).toBeCloseTo(110 - 100 / 12, 12);
		expect(plot.xTicks.map((t) => t.value)).toEqual([-1, -0.5, 0, 0.5, 1]);
		expect(plot.xTicks[0].at).toBe(10);
	});
});

describe('sparkline', () => {
	it('runs from the first loss to the last, with 0 at the bottom', () => {
		const { path, points } = sparkline([2, 1, 0.5], 108, 24, 4);
		expect(path).toBe('M4,4L54,12L104,16');
		expect(points).toHaveLength(3);
	});
	it('puts a single loss at the left', () => {
		expect(sparkline([0.2], 100, 20, 0).path).toBe('M0,0Z');
	});
	it('is empty with no losses', () => {
		expect(sparkline([], 100, 20)).toEqual({ path: '', points: [] });
	});
});
