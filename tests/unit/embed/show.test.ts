import { describe, expect, it } from 'vitest';
import { parseShow } from '$lib/embed/show';

describe('parseShow', () => {
	it('reads nothing as nothing', () => {
		expect(parseShow(null)).toEqual({ parts: new Set(), problems: [] });
		expect(parseShow('')).toEqual({ parts: new Set(), problems: [] });
		expect(parseShow(' , ,')).toEqual({ parts: new Set(), problems: [] });
	});

	it('reads comma-separated parts in any order, once each', () => {
		expect(parseShow('sliders,formula').parts).toEqual(new Set(['sliders', 'formula']));
		expect(parseShow(' formula , sliders,sliders ').parts).toEqual(new Set(['formula', 'sliders']));
		expect(parseShow('quiz,code').parts).toEqual(new Set(['quiz', 'code']));
	});

	it('notes unknown parts as short plain text and keeps the known ones', () => {
		const { parts, problems } = parseShow('sliders,Formula,<img src=x onerror=alert(1)>');
		expect(parts).toEqual(new Set(['sliders']));
		expect(problems).toHaveLength(1);
		expect(problems[0]).toContain('“Formula”');
		expect(problems[0]).toMatch(/^show= knows sliders, formula, quiz, code, not /);
	});

	it('names a few unknown parts and counts the rest', () => {
		const raw = Array.from({ length: 5000 }, (_, i) => `part${i}`).join(',');
		const { problems } = parseShow(raw);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toContain('and 4997 more');
		expect(problems[0].length).toBeLessThan(200);
	});
});
