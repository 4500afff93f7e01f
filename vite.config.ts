import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		// A slow, shared machine must not fail a test for being slow; speed is for the benchmarks.
		testTimeout: 60_000
	}
});
