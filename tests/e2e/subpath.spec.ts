import { join } from 'node:path';
import { startStaticServer } from '../../scripts/static-server.js';
import type { Page } from '@playwright/test';
import { expect, node, nodeNumber, test } from './fixtures';
import { openLessonByLinkAndDirectly, runChainRuleSolution } from './steps';
import { buildUnderSubPath, ROOT, type SubPathSite } from './subpath-build';

// The site works from any static host under a sub-path: a second build with BASE_PATH, written to
// a temporary directory (BUILD_DIR) so build/ is untouched, served only under that sub-path; and
// the usual build served under another one.

const BASE = '/sub/path';

let site: SubPathSite | undefined;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	test.setTimeout(240_000);
	site = await buildUnderSubPath(BASE);
});

test.afterAll(() => site?.close());

/** Open `home` and use the page as a reader would; every request must stay under `base`. */
async function walk(page: Page, home: string, base: string) {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	const requests: string[] = [];
	page.context().on('request', (r) => requests.push(r.url()));

	await page.goto(home);
	await page.locator('[data-ready="true"]').waitFor();
	await expect(page.locator('[data-node]')).toHaveCount(10);
	const before = await nodeNumber(page, 'L', 'value');
	await page.getByRole('slider', { name: 'w1', exact: true }).fill('0.9');
	await expect.poll(() => nodeNumber(page, 'L', 'value')).not.toBe(before);
	// The address bar keeps the sub-path, and the link it makes opens the same view.
	await expect(page).toHaveURL(`${home}?w1=0.9`);
	await page.reload();
	await page.locator('[data-ready="true"]').waitFor();
	expect(await nodeNumber(page, 'w1', 'value')).toBe(0.9);

	// ELK's worker lays out another graph; the exercise's worker runs code.
	await page.getByLabel('Graph', { exact: true }).selectOption({ label: 'One tanh neuron' });
	await expect(node(page, 'o')).toHaveCount(1);
	await page.getByLabel('Graph', { exact: true }).selectOption({ label: 'The chapter’s network' });
	await expect(node(page, 'w1')).toHaveCount(1);
	await runChainRuleSolution(page);

	// The lesson, by its link (its prerendered data is fetched) and directly.
	await openLessonByLinkAndDirectly(page, home);
	await page.getByRole('link', { name: 'Open the explorer' }).click();
	await expect(page).toHaveURL(home);

	// Everything came from under the sub-path (anything else would have been a 404 and a
	// console error); the workers and the lesson's data were among it.
	const paths = requests.map((url) => new URL(url).pathname);
	expect(paths.filter((p) => !p.startsWith(`${base}/`))).toEqual([]);
	expect(paths.filter((p) => p.includes('/workers/')).length).toBeGreaterThanOrEqual(2);
	expect(paths).toContain(`${base}/lesson/__data.json`);
}

test(`built with BASE_PATH=${BASE} and served there, everything works`, async ({ page }) => {
	test.setTimeout(60_000);
	await walk(page, `${site!.url}${BASE}/`, BASE);
});

// Asset paths are relative (SvelteKit's paths.relative), so even the usual build, made without
// BASE_PATH, works from whatever sub-path a host puts it under.
test('the usual build works under any sub-path too', async ({ page }) => {
	test.setTimeout(60_000);
	const elsewhere = '/any/other';
	const usual = await startStaticServer(join(ROOT, 'build'), 0, { prefix: elsewhere });
	try {
		await walk(page, `${usual.url}${elsewhere}/`, elsewhere);
	} finally {
		usual.close();
	}
});
