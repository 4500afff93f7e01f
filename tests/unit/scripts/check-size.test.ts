import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { BUDGET_BYTES, firstPageJs } from '../../../scripts/check-size.js';

const SCRIPT = join(import.meta.dirname, '../../../scripts/check-size.js');

const HTML = `<!doctype html><html><head>
<link href="./_app/entry/start.js" rel="modulepreload">
<link rel="stylesheet" href="./_app/style.css">
</head><body><script>
	Promise.all([import("./_app/entry/start.js"), import("./_app/entry/app.js")]);
</script></body></html>`;

const dirs: string[] = [];

/** A fake build: files by path relative to the build directory. */
function fakeBuild(files: Record<string, string | Buffer>): string {
	const dir = mkdtempSync(join(tmpdir(), 'check-size-'));
	dirs.push(dir);
	for (const [path, content] of Object.entries(files)) {
		mkdirSync(join(dir, path, '..'), { recursive: true });
		writeFileSync(join(dir, path), content);
	}
	return dir;
}

afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('firstPageJs', () => {
	it('counts entry scripts and their static imports once, not lazy chunks or CSS', () => {
		const build = fakeBuild({
			'index.html': HTML,
			'_app/style.css': 'body{}',
			'_app/entry/start.js': 'import{a}from"../chunks/shared.js";export const s=a;',
			'_app/entry/app.js':
				'import"../chunks/shared.js";export*from"../chunks/page.js";const elk=()=>import("../chunks/elk.js");',
			'_app/chunks/shared.js': 'export const a=1;',
			'_app/chunks/page.js': 'export const p=2;',
			'_app/chunks/elk.js': 'export const big=3;'
		});
		const { files, gzipBytes } = firstPageJs(build);
		expect(files.map((f) => f.file).sort()).toEqual([
			'_app/chunks/page.js',
			'_app/chunks/shared.js',
			'_app/entry/app.js',
			'_app/entry/start.js'
		]);
		const start = 'import{a}from"../chunks/shared.js";export const s=a;';
		expect(files.find((f) => f.file === '_app/entry/start.js')?.gzipBytes).toBe(
			gzipSync(start).length
		);
		expect(gzipBytes).toBe(files.reduce((sum, f) => sum + f.gzipBytes, 0));
	});

	it('says what is wrong when the page or a file it loads is missing', () => {
		expect(() => firstPageJs(fakeBuild({}))).toThrow(/index\.html not found.*npm run build/);
		const build = fakeBuild({ 'index.html': HTML, '_app/entry/start.js': '' });
		expect(() => firstPageJs(build)).toThrow(/loads .*app\.js, which is not in the build/);
	});
});

describe('scripts/check-size.js', () => {
	const run = (build: string) => {
		try {
			return { code: 0, out: execFileSync('node', [SCRIPT, build], { stdio: 'pipe' }).toString() };
		} catch (error) {
			const e = error as { status: number; stderr: Buffer };
			return { code: e.status, out: e.stderr.toString() };
		}
	};
	// Base64 of random bytes gzips to about the number of random bytes.
	const page = (randomByteCount: number) =>
		fakeBuild({
			'index.html': HTML,
			'_app/entry/start.js': 'export {};',
			'_app/entry/app.js': randomBytes(randomByteCount).toString('base64')
		});

	it('passes under the budget', () => {
		const { code, out } = run(page(BUDGET_BYTES / 2));
		expect(code).toBe(0);
		expect(out).toMatch(/First-page JS: .* kB gzipped in 2 files \(budget 150\.0 kB\)/);
	});

	it('fails over the budget and names the files', () => {
		const { code, out } = run(page(1.5 * BUDGET_BYTES));
		expect(code).toBe(1);
		expect(out).toMatch(/over the 150\.0 kB budget/);
		expect(out).toMatch(/_app\/entry\/app\.js/);
	});
});
