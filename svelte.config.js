import { basename } from 'node:path';
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// A second build (the sub-path tests) writes its site to BUILD_DIR and its intermediate files
// beside the usual ones, one folder per BUILD_DIR so two such builds can run at once, leaving
// build/ and .svelte-kit/output alone.
const buildDir = process.env.BUILD_DIR;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({
			pages: buildDir ?? 'build',
			assets: buildDir ?? 'build',
			fallback: undefined
		}),
		outDir: buildDir ? `.svelte-kit/alternate/${basename(buildDir)}` : '.svelte-kit',
		paths: { base: process.env.BASE_PATH ?? '' },
		// src/service-worker.ts is registered by the page itself (src/lib/state/app-update.svelte.ts),
		// after load and never in dev, and watched there for new versions.
		serviceWorker: { register: false },
		// Prerendered pages carry this as a <meta http-equiv> tag, with a hash for SvelteKit's one
		// inline script. Everything comes from the site itself: no other origin, no eval in the
		// page (the code cell's worker is a separate file with no policy of its own, so its
		// `new Function` runs there and only there), no <style> elements (CodeMirror styles its
		// shadow root through adoptedStyleSheets). Style attributes stay allowed: the browser
		// itself writes them when text is typed over highlighted code, and with nothing loadable
		// from elsewhere they cannot send anything out. blob: images are the PNG export. The
		// service worker (also a worker, from 'self') is registered by the app's own script.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['none'],
				'script-src': ['self'],
				'style-src': ['self'],
				'style-src-attr': ['unsafe-inline'],
				'img-src': ['self', 'blob:'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'base-uri': ['none'],
				'form-action': ['none']
			}
		}
	}
};

export default config;
