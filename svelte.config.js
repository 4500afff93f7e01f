import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// A second build (the sub-path test) writes its site to BUILD_DIR and its intermediate files
// beside the usual ones, leaving build/ and .svelte-kit/output alone.
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
		outDir: buildDir ? '.svelte-kit/alternate' : '.svelte-kit',
		paths: { base: process.env.BASE_PATH ?? '' },
		// Prerendered pages carry this as a <meta http-equiv> tag, with a hash for SvelteKit's one
		// inline script. Everything comes from the site itself: no other origin, no eval in the
		// page (the code cell's worker is a separate file with no policy of its own, so its
		// `new Function` runs there and only there), no <style> elements (CodeMirror styles its
		// shadow root through adoptedStyleSheets). Style attributes stay allowed: the browser
		// itself writes them when text is typed over highlighted code, and with nothing loadable
		// from elsewhere they cannot send anything out. blob: images are the PNG export.
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
				'base-uri': ['none'],
				'form-action': ['none']
			}
		}
	}
};

export default config;
