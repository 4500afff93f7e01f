import { describe, expect, it } from 'vitest';
import { textWidth } from '$lib/geometry/text-width';

describe('textWidth', () => {
	it('adds the bold sans advances, scaled to the font size', () => {
		expect(textWidth('−0.1651', 1000)).toBe(838 + 5 * 696 + 380);
		expect(textWidth('w₁', 10)).toBe((924 + 438) / 100);
		expect(textWidth('', 30)).toBe(0);
	});

	it('takes an unknown character as wide as a W, and a combining hat as nothing', () => {
		expect(textWidth('中', 1000)).toBe(1103);
		expect(textWidth('y\u0302', 1000)).toBe(652);
	});
});
