import { describe, expect, it } from 'vitest';
import { layoutCaption, textWidth, wrapText } from '$lib/export/wrap';
import { Explorer } from '$lib/state/explorer.svelte';
import { explainStep, explanationText } from '$lib/timeline/explain';
import { frameAt } from '$lib/timeline/timeline';
import { TEXTBOOK_VALUES, textbookNetwork } from '$lib/graphs/textbook';

describe('textWidth', () => {
	it('adds up character widths, wider for digits than for spaces', () => {
		expect(textWidth('', 24)).toBe(0);
		expect(textWidth('0', 10)).toBeCloseTo(6.4, 10);
		expect(textWidth('1 1', 10)).toBeCloseTo(6.4 + 3.2 + 6.4, 10);
		expect(textWidth('−', 24)).toBeGreaterThan(textWidth('/', 24));
	});
});

describe('wrapText', () => {
	it('breaks at spaces so that every line fits', () => {
		const text = 'the quick brown fox jumps over the lazy dog';
		const lines = wrapText(text, 100, 10);
		expect(lines.length).toBeGreaterThan(1);
		expect(lines.join(' ')).toBe(text);
		for (const line of lines) expect(textWidth(line, 10)).toBeLessThanOrEqual(100);
		// each line but the last would overflow with the next word
		for (let i = 0; i < lines.length - 1; i++) {
			const next = lines[i + 1].split(' ')[0];
			expect(textWidth(`${lines[i]} ${next}`, 10)).toBeGreaterThan(100);
		}
	});

	it('breaks outside parentheses where it can, inside where it must', () => {
		const text = 'where ∂h/∂z = h(1 − h) = (0.8249)(1 − 0.8249) = 0.1444';
		const width = textWidth('where ∂h/∂z = h(1 − h)', 10) - 1;
		expect(wrapText(text, width, 10)).toEqual([
			'where ∂h/∂z =',
			'h(1 − h) =',
			'(0.8249)(1 − 0.8249) =',
			'0.1444'
		]);
		const narrow = wrapText(text, textWidth('(0.8249)(1', 10), 10);
		expect(narrow.join(' ')).toBe(text);
		expect(narrow).toContain('(0.8249)(1');
	});

	it('keeps a line that fits whole, and writes nothing for nothing', () => {
		expect(wrapText('L = 0.2166', 1000, 24)).toEqual(['L = 0.2166']);
		expect(wrapText('', 100, 10)).toEqual([]);
		expect(wrapText('a  b', 1000, 10)).toEqual(['a b']);
	});

	it('breaks a word wider than a line between characters, one character at least', () => {
		const lines = wrapText('(0.8249)(1−0.8249)', 40, 10);
		expect(lines.join('')).toBe('(0.8249)(1−0.8249)');
		for (const line of lines) expect(textWidth(line, 10)).toBeLessThanOrEqual(40);
		expect(wrapText('mm', 1, 10)).toEqual(['m', 'm']);
	});
});

describe('layoutCaption', () => {
	it('puts a line and a half between lines, two between paragraphs (empty ones skipped), margins around', () => {
		const caption = layoutCaption(['∂L/∂L = 1', '', 'L = 0.2166', ' '], 1000, 20);
		expect(caption.lines).toEqual([
			{ text: '∂L/∂L = 1', x: 20, y: 30 },
			{ text: 'L = 0.2166', x: 20, y: 75 }
		]);
		expect(caption.height).toBe(75 + 20);
		expect(layoutCaption([], 1000, 20)).toEqual({ lines: [], height: 0 });
	});
});

describe('the export caption at every step', () => {
	// The issue's setting: at w1 = 1.25 step 8's caption ran off the picture mid-formula.
	const explorer = new Explorer(textbookNetwork({ ...TEXTBOOK_VALUES, w1: 1.25 }));
	const { graph, steps, numbers } = explorer;
	// A picture as wide as the textbook graph's in presenter mode, and a narrow one.
	for (const width of [1200, 500]) {
		it(`holds the whole caption inside a ${width}-unit-wide picture`, () => {
			for (let position = 0; position <= steps.length; position++) {
				const equations = explainStep(graph, frameAt(graph, steps, position).step, numbers);
				const text = explanationText(equations);
				// as the page passes it: one paragraph per sentence
				const paragraphs = equations.length > 0 ? text.split('. ') : [];
				const caption = layoutCaption(paragraphs, width, 24);
				expect(caption.lines.map((l) => l.text).join(' '), `step ${position}`).toBe(
					paragraphs.join(' ')
				);
				for (const line of caption.lines) {
					expect(line.x).toBe(24);
					expect(line.x + textWidth(line.text, 24), line.text).toBeLessThanOrEqual(width - 24);
					// the baseline and the descenders below it are inside the caption's height
					expect(line.y + 0.3 * 24).toBeLessThanOrEqual(caption.height);
				}
				if (position === 8) {
					expect(text).toContain('where ∂h/∂z = h(1 − h) = (0.8249)(1 − 0.8249)');
					expect(caption.lines.length).toBeGreaterThan(paragraphs.length);
				}
			}
		});
	}
});
