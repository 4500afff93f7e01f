// No imports: the engine bench (run outside SvelteKit, without $lib) uses it too.

/** Deterministic numbers in [0, 1) from a seed (mulberry32), so the big preset never changes. */
export function seededRandom(seed: number): () => number {
	let t = seed >>> 0;
	return () => {
		t = (t + 0x6d2b79f5) >>> 0;
		let r = Math.imul(t ^ (t >>> 15), 1 | t);
		r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
		return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
	};
}
