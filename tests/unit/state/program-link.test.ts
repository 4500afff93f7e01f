import { describe, expect, it } from 'vitest';
import { encodeCode } from '$lib/state/code-link';
import { paramsWithout, programInLink } from '$lib/state/program-link';

const SOURCE = 'import torch\nw = torch.tensor([0.5], requires_grad=True)\nL = (w * w).sum()\n';

describe('a program in a link', () => {
	it('is read from code= (packed) or program= (plain text)', async () => {
		const packed = new URLSearchParams({ code: await encodeCode(SOURCE) });
		expect(await programInLink(packed)).toEqual({ ok: true, source: SOURCE });
		expect(await programInLink(new URLSearchParams({ program: SOURCE }))).toEqual({
			ok: true,
			source: SOURCE
		});
	});

	it('prefers code= and says why an unreadable one is not used', async () => {
		const both = new URLSearchParams({ code: '!!', program: SOURCE });
		expect(await programInLink(both)).toMatchObject({ ok: false });
	});

	it('is absent from a link to a scalar graph', async () => {
		expect(await programInLink(new URLSearchParams('w1=0.5&step=3'))).toBeNull();
	});
});

describe('paramsWithout', () => {
	it('leaves out what only one page reads and keeps the rest in order', () => {
		expect(paramsWithout('?show=code&w1=0.5&show=formula&step=2', ['show']).toString()).toBe(
			'w1=0.5&step=2'
		);
	});
});
