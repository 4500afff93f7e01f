import { describe, expect, it } from 'vitest';
import { changeBetween } from '$lib/tools/chain-rule/change';

const apply = (text: string, c: { from: number; to: number; insert: string }) =>
	text.slice(0, c.from) + c.insert + text.slice(c.to);

describe('changeBetween', () => {
	it('replaces only what differs', () => {
		expect(changeBetween('const w1 = 0.4;\nrest', 'const w1 = 0.45;\nrest')).toEqual({
			from: 14,
			to: 14,
			insert: '5'
		});
		expect(changeBetween('abc', 'abc')).toEqual({ from: 3, to: 3, insert: '' });
		expect(changeBetween('', 'xyz')).toEqual({ from: 0, to: 0, insert: 'xyz' });
		expect(changeBetween('xyz', '')).toEqual({ from: 0, to: 3, insert: '' });
	});

	it('never lets the common start and end overlap (repeated letters)', () => {
		const pairs: [string, string][] = [
			['aaa', 'aaaa'],
			['aaaa', 'aa'],
			['abab', 'ab'],
			['0.4;\n0.4;', '0.4;'],
			['x = 1;', 'x = 11;']
		];
		for (const [a, b] of pairs) {
			const c = changeBetween(a, b);
			expect(c.from).toBeLessThanOrEqual(c.to);
			expect(apply(a, c)).toBe(b);
		}
	});
});
