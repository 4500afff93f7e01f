// The size budget: fails when the JavaScript the built home page needs for its first paint passes
// 150 kB gzipped. Run after `npm run build`: `node scripts/check-size.js [buildDir]`.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/** 150 kB, in bytes (kB = 1000 bytes, as Vite prints sizes). */
export const BUDGET_BYTES = 150_000;

// What index.html loads before anything is shown: modulepreload links, module scripts, and the
// `import("…")` calls of SvelteKit's inline boot script (they run at once, not on demand).
const HTML_LINK = /<link\b[^>]*>/g;
const HTML_SCRIPT_SRC = /<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g;
const HTML_INLINE_SCRIPT = /<script\b[^>]*>([\s\S]*?)<\/script>/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+)["']\s*\)/g;
// Static imports in built chunks: `import{a}from"./x.js"`, `import"./x.js"`, `export*from"./x.js"`.
// A dynamic `import("./x.js")` has a parenthesis and does not match: such chunks (ELK, its worker)
// load when first needed and are not part of the first page.
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g;

/** @param {string} href */
function isLocal(href) {
	return !/^[a-z]+:|^\/\//i.test(href);
}

/**
 * Files the page's HTML asks for straight away, as paths under `htmlDir`.
 * @param {string} html
 * @param {string} htmlDir
 * @returns {string[]}
 */
export function entryScripts(html, htmlDir) {
	/** @type {string[]} */
	const hrefs = [];
	for (const [tag] of html.matchAll(HTML_LINK)) {
		if (!/\brel="modulepreload"/.test(tag)) continue;
		const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
		if (href) hrefs.push(href);
	}
	for (const [, src] of html.matchAll(HTML_SCRIPT_SRC)) hrefs.push(src);
	for (const [, body] of html.matchAll(HTML_INLINE_SCRIPT)) {
		for (const [, href] of body.matchAll(DYNAMIC_IMPORT)) hrefs.push(href);
	}
	return hrefs.filter(isLocal).map((href) => join(htmlDir, href.split(/[?#]/)[0]));
}

/**
 * The JavaScript a built page loads on first paint: its entry scripts and everything they import
 * statically, each file once, with its gzipped size (zlib's default level, as most servers use).
 * @returns {{ files: { file: string, bytes: number, gzipBytes: number }[], gzipBytes: number }}
 */
export function firstPageJs(buildDir = 'build', page = 'index.html') {
	const htmlPath = join(buildDir, page);
	if (!existsSync(htmlPath)) {
		throw new Error(`${htmlPath} not found: run \`npm run build\` first.`);
	}
	const queue = entryScripts(readFileSync(htmlPath, 'utf8'), dirname(htmlPath));
	const seen = new Set();
	const files = [];
	let file;
	while ((file = queue.shift()) !== undefined) {
		if (seen.has(file)) continue;
		seen.add(file);
		if (!existsSync(file)) throw new Error(`${page} loads ${file}, which is not in the build.`);
		const code = readFileSync(file);
		files.push({
			file: relative(buildDir, file),
			bytes: code.length,
			gzipBytes: gzipSync(code).length
		});
		for (const [, href] of code.toString('utf8').matchAll(STATIC_IMPORT)) {
			if (href && isLocal(href)) queue.push(join(dirname(file), href));
		}
	}
	files.sort((a, b) => b.gzipBytes - a.gzipBytes);
	return { files, gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
}

/** @param {number} bytes */
export const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const buildDir = process.argv[2] ?? 'build';
	try {
		const { files, gzipBytes } = firstPageJs(buildDir);
		if (gzipBytes > BUDGET_BYTES) {
			console.error(
				`First-page JS is ${kB(gzipBytes)} gzipped, over the ${kB(BUDGET_BYTES)} budget. ` +
					`Load the biggest parts lazily (dynamic import) or remove them:`
			);
			for (const f of files) console.error(`  ${kB(f.gzipBytes).padStart(9)}  ${f.file}`);
			process.exit(1);
		}
		console.log(
			`First-page JS: ${kB(gzipBytes)} gzipped in ${files.length} files ` +
				`(budget ${kB(BUDGET_BYTES)}).`
		);
	} catch (error) {
		console.error(`check-size: ${error instanceof Error ? error.message : error}`);
		process.exit(1);
	}
}
