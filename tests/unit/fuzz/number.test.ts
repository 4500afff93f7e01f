import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isNumberPrefix, normalizeNumberText, readNumber } from '$lib/input/number';
import { hostile, lookalike, plainNumber, plainTextProblem, SEED, Tally } from './hostile';

// Ranges the sliders use: ±3 by default, wider for big starting values.
const RANGES: [number, number][] = [
	[-3, 3],
	[-500, 500],
	[-1, 1]
];
const MESSAGE_LIMIT = 80;
const tally = new Tally();
afterAll(() => console.log(tally.summary('numeric fields')));

/** What a plain ASCII number means, clamped to the field's range; undefined when it is not one. */
function oracle(text: string, min: number, max: number): number | undefined {
	const t = text.trim();
	if (t.length > 40 || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
	const x = Number(t);
	if (!Number.isFinite(x)) return undefined;
	const clamped = Math.min(max, Math.max(min, x));
	return clamped === 0 ? 0 : clamped;
}

function checkReading(text: string, min: number, max: number) {
	const reading = readNumber(text, min, max);
	if (reading.ok) {
		expect(Number.isFinite(reading.value), text).toBe(true);
		expect(reading.value).toBeGreaterThanOrEqual(min);
		expect(reading.value).toBeLessThanOrEqual(max);
		expect(Object.is(reading.value, -0), 'never −0').toBe(false);
		expect(reading.clamped).toBe(reading.note !== undefined);
		if (reading.note)
			expect(plainTextProblem(reading.note, MESSAGE_LIMIT), reading.note).toBeNull();
	} else {
		expect(plainTextProblem(reading.message, MESSAGE_LIMIT), JSON.stringify(text)).toBeNull();
	}
	const expected = oracle(text, min, max);
	if (expected !== undefined) expect(reading).toMatchObject({ ok: true, value: expected });
	expect(typeof isNumberPrefix(text)).toBe('boolean');
	expect(typeof normalizeNumberText(text)).toBe('string');
	return reading;
}

describe('numeric fields under hostile input', () => {
	it('read every input as a finite number in range, or refuse it with a short plain message', () => {
		const numbers = ['1', '0', '.', '-', '+', 'e', 'E', ',', '5', '2.5', '-1e3'];
		fc.assert(
			fc.property(hostile(numbers), fc.constantFrom(...RANGES), (input, [min, max]) => {
				tally.add(input.kind);
				checkReading(input.text, min, max);
			}),
			{ seed: SEED, numRuns: 5000 }
		);
	});

	it('read a lookalike (other minus signs, digits, points, invisible marks) as what it stands for', () => {
		fc.assert(
			fc.property(lookalike, fc.constantFrom(...RANGES), (input, [min, max]) => {
				tally.add(input.kind);
				const reading = checkReading(input.text, min, max);
				const meant = readNumber(input.meaning!, min, max);
				expect(reading, JSON.stringify(input)).toEqual(
					meant.ok ? meant : { ok: false, message: expect.any(String) }
				);
			}),
			{ seed: SEED, numRuns: 2000 }
		);
	});

	it('read every plain number exactly (clamped to the range)', () => {
		fc.assert(
			fc.property(plainNumber, fc.constantFrom(...RANGES), (text, [min, max]) => {
				checkReading(text, min, max);
			}),
			{ seed: SEED, numRuns: 2000 }
		);
	});
});
