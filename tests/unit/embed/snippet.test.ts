import { describe, expect, it } from 'vitest';
import { embedCode } from '$lib/embed/snippet';

describe('embedCode', () => {
	it('is an iframe with the src, a title, a size and lazy loading', () => {
		expect(embedCode('https://example.org/embed/?w1=0.5&step=3')).toBe(
			'<iframe src="https://example.org/embed/?w1=0.5&amp;step=3" ' +
				'title="backprop-explorer: a computation graph, step by step" width="640" height="400" ' +
				'loading="lazy" style="border: 1px solid #8888; max-width: 100%"></iframe>'
		);
	});

	it('keeps quotes and markup in the address inside the attribute', () => {
		const code = embedCode('https://example.org/embed/?expr="><script>alert(1)</script>');
		expect(code).toContain(
			'src="https://example.org/embed/?expr=&quot;>&lt;script>alert(1)&lt;/script>" title='
		);
		// Six attributes in quotes, and no other quote anywhere.
		expect(code.match(/"/g)).toHaveLength(12);
	});
});
