import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Value } from '$lib/engine';
import { textbookNetwork } from '$lib/graphs/textbook';
import { Explorer } from '$lib/state/explorer.svelte';

const src = fileURLToPath(new URL('../../../src', import.meta.url));

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sources(path);
		return /\.(ts|svelte)$/.test(entry.name) ? [path] : [];
	});
}

describe('Explorer: no way to the numbers that skips the version', () => {
	// Runes cannot see the engine's typed arrays change; the getters read the version for them.
	// A public field holding the tape or the arrays would let a view read them untracked.
	it('exposes the tape and the numbers only through getters', () => {
		const explorer = new Explorer(textbookNetwork());
		for (const name of ['tape', 'numbers']) {
			expect(Object.hasOwn(explorer, name), name).toBe(false);
			const getter = Object.getOwnPropertyDescriptor(Explorer.prototype, name)?.get;
			expect(getter, name).toBeTypeOf('function');
		}
	});

	it('leaves no view to remember `void explorer.version`', () => {
		const offenders = sources(src).filter((file) =>
			/void\s+[\w.]*\bversion\b/.test(readFileSync(file, 'utf8').replaceAll('this.#version', ''))
		);
		expect(offenders).toEqual([]);
	});

	it('gives the new numbers through every getter after a change', () => {
		const explorer = new Explorer(textbookNetwork());
		const L = explorer.graph.output;
		const before = explorer.numbers.values[L];
		explorer.set('w1', 0.9);
		expect(explorer.numbers.values[L]).not.toBe(before);
		expect(explorer.value(L)).toBe(explorer.numbers.values[L]);
		expect(explorer.tape.values[explorer.tape.size - 1]).toBe(explorer.value(L));
	});

	it('counts operations once, from the structure', () => {
		const explorer = new Explorer(textbookNetwork());
		const count = explorer.opCount;
		explorer.set('w1', 0.2);
		expect(explorer.opCount).toBe(count);
		expect(count.forward).toBeGreaterThan(0);
	});
});

describe('Explorer: slider ranges follow the rule for limits', () => {
	it('grows a slider’s range to hold the graph’s starting value', () => {
		const x = new Value(10, 'x');
		const explorer = new Explorer(x.mul(Value.constant(100)).exp().named('L'));
		expect(explorer.parameters.map((p) => [p.id, p.min, p.max])).toEqual([['x', -10, 10]]);
		const textbook = new Explorer(textbookNetwork());
		expect(textbook.parameters.every((p) => p.min === -3 && p.max === 3)).toBe(true);
	});
});
