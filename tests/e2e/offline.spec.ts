import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startStaticServer } from '../../scripts/static-server.js';
import type { Page } from '@playwright/test';
import { expect, node, nodeNumber, test } from './fixtures';
import { openLessonByLinkAndDirectly, runChainRuleSolution } from './steps';
import { buildUnderSubPath, ROOT } from './subpath-build';

// After one visit the service worker (src/service-worker.ts) has the whole app: with the network
// off, the pages, every preset (laid out by ELK in its worker) and the code cell (its own
// worker) still work, from the root and from a sub-path build. A new version waits for the
// reader's "Reload". The web app manifest installs the app from wherever it is served.

const laying = (page: Page) => page.getByRole('status').filter({ hasText: 'Laying out' });
const updateNote = (page: Page) =>
	page.getByRole('status').filter({ hasText: 'A new version is ready' });

/** The paths `dir` serves under `base`, as the service worker caches them (a page by its folder). */
function servedPaths(dir: string, base: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
		.map((file) => `${base}/${file.replace(/(^|\/)index\.html$/, '$1')}`)
		.sort();
}

/** Every path in the page's caches, with the cache names. */
function cached(page: Page) {
	return page.evaluate(async () => {
		const names = await caches.keys();
		const paths: string[] = [];
		for (const name of names)
			for (const request of await (await caches.open(name)).keys())
				paths.push(new URL(request.url).pathname);
		return { names, paths: paths.sort() };
	});
}

/** Open `home` once and wait until the service worker has cached the app and controls the page. */
async function visitOnce(page: Page, home: string) {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await page.goto(home);
	await page.locator('[data-ready="true"]').waitFor();
	// Active means installed, and installing means everything was cached.
	await page.evaluate(() => navigator.serviceWorker.ready);
	// The page opened before the worker existed is taken over as well.
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

/** Everything the build wrote is cached, except the worker itself and SvelteKit's version file. */
async function expectAllCached(page: Page, dir: string, base: string) {
	const unneeded = [`${base}/service-worker.js`, `${base}/_app/version.json`];
	const expected = servedPaths(dir, base).filter((path) => !unneeded.includes(path));
	// The workers are chunks of their own under _app/immutable: they must be among them.
	expect(
		expected.filter((path) => path.includes('/_app/immutable/workers/')).length
	).toBeGreaterThanOrEqual(2);
	expect((await cached(page)).paths).toEqual(expected);
}

/** With the network off: the page, a slider, presets, the code cell and the lesson. */
async function useOffline(page: Page, home: string, presets: 'all' | 'one') {
	await page.context().setOffline(true);
	await page.reload();
	await page.locator('[data-ready="true"]').waitFor();
	await expect(page.locator('[data-node]')).toHaveCount(10);
	const before = await nodeNumber(page, 'L', 'value');
	await page.getByRole('slider', { name: 'w1', exact: true }).fill('0.9');
	await expect.poll(() => nodeNumber(page, 'L', 'value')).not.toBe(before);

	// Each preset is laid out by ELK in its worker, loaded only now.
	const picker = page.getByLabel('Graph', { exact: true });
	const ids = () =>
		page.locator('[data-node]').evaluateAll((nodes) => nodes.map((n) => n.dataset.node).join());
	const all = await picker
		.locator('option')
		.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
	const chosen = presets === 'all' ? all.filter((id) => id !== 'textbook') : ['neuron'];
	expect(chosen.length).toBeGreaterThan(0);
	for (const id of [...chosen, 'textbook']) {
		const shown = await ids();
		await picker.selectOption(id);
		await expect.poll(ids, { message: id, timeout: 90_000 }).not.toBe(shown);
		await expect(laying(page)).toHaveCount(0, { timeout: 90_000 });
	}
	await expect(node(page, 'w1')).toHaveCount(1);

	// The code cell runs the learner's code in its worker.
	await runChainRuleSolution(page);

	// The lesson, by its link (its data comes from the cache) and directly; then a shared link.
	await openLessonByLinkAndDirectly(page, home);
	await expect(page.locator('[data-node]')).toHaveCount(10);
	await page.goto(`${home}?w1=0.25`);
	await page.locator('[data-ready="true"]').waitFor();
	expect(await nodeNumber(page, 'w1', 'value')).toBe(0.25);
	await page.context().setOffline(false);
}

test('after one visit, the app works with the network off', async ({ page, baseURL }) => {
	test.setTimeout(240_000);
	await visitOnce(page, `${baseURL}/`);
	await expectAllCached(page, join(ROOT, 'build'), '');
	await useOffline(page, `${baseURL}/`, 'all');
});

test.describe('built for a sub-path', () => {
	const BASE = '/offline/sub';
	let site: Awaited<ReturnType<typeof buildUnderSubPath>> | undefined;

	test.beforeAll(async () => {
		test.setTimeout(240_000);
		site = await buildUnderSubPath(BASE);
	});
	test.afterAll(() => site?.close());

	test(`BASE_PATH=${BASE}: cached there, works offline there`, async ({ page }) => {
		test.setTimeout(120_000);
		const home = `${site!.url}${BASE}/`;
		await visitOnce(page, home);
		// The worker's scope is the sub-path, not the whole origin.
		const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
		expect(scope).toBe(home);
		await expectAllCached(page, site!.dir, BASE);
		await useOffline(page, home, 'one');
	});
});

test('a new version waits until the reader chooses Reload', async ({ page }) => {
	test.setTimeout(120_000);
	// A copy of the site, so a new version can be deployed over it.
	const dir = mkdtempSync(join(tmpdir(), 'backprop-update-'));
	cpSync(join(ROOT, 'build'), dir, { recursive: true });
	const server = await startStaticServer(dir, 0);
	try {
		const home = `${server.url}/`;
		await visitOnce(page, home);
		const first = await cached(page);
		expect(first.names).toHaveLength(1);

		// Deploy: the same site with another version name (SvelteKit's kit.version.name).
		const { version } = JSON.parse(readFileSync(join(dir, '_app/version.json'), 'utf8'));
		const worker = readFileSync(join(dir, 'service-worker.js'), 'utf8');
		expect(worker.split(version)).toHaveLength(2);
		writeFileSync(join(dir, 'service-worker.js'), worker.replace(version, `${version}-next`));

		// A reload makes the browser look for a new worker: it installs and waits.
		await page.reload();
		await page.locator('[data-ready="true"]').waitFor();
		await expect(updateNote(page)).toHaveText(/^A new version is ready — Reload/);
		// Nothing switched by itself: the old version still serves the page, the new one waits.
		expect(await page.evaluate(async () => !!(await navigator.serviceWorker.ready).waiting)).toBe(
			true
		);
		await expect.poll(async () => (await cached(page)).names).toHaveLength(2);
		expect((await cached(page)).names).toContain(first.names[0]);

		await Promise.all([
			page.waitForEvent('framenavigated'),
			updateNote(page).getByRole('button', { name: 'Reload' }).click()
		]);
		await page.locator('[data-ready="true"]').waitFor();
		await expect(updateNote(page)).toHaveCount(0);
		// The new version took over and removed the old one's cache.
		await expect
			.poll(async () => (await cached(page)).names)
			.toEqual([expect.stringMatching(new RegExp(`${version}-next$`))]);
		await expect(page.locator('[data-node]')).toHaveCount(10);
	} finally {
		server.close();
		rmSync(dir, { recursive: true, force: true });
	}
});

test('the web app manifest: its fields, relative start_url and scope, icons that load', async ({
	page,
	request
}) => {
	await page.goto('/lesson/');
	const link = page.locator('link[rel="manifest"]');
	await expect(link).toHaveAttribute('href', '../manifest.webmanifest');
	const response = await request.get('/manifest.webmanifest');
	expect(response.ok()).toBe(true);
	const manifest = await response.json();
	expect(manifest).toMatchObject({
		name: 'backprop-explorer',
		short_name: 'Backprop',
		start_url: './',
		scope: './',
		display: 'standalone',
		theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/)
	});
	const meta = page.locator('meta[name="theme-color"]');
	await expect(meta).toHaveAttribute('content', manifest.theme_color);

	// Each icon is a PNG of the size it claims (width and height are in its IHDR chunk).
	const sizes: string[] = [];
	for (const icon of manifest.icons) {
		expect(icon.src).not.toMatch(/^\/|:/);
		const png = await (await request.get(`/${icon.src}`)).body();
		expect(png.subarray(1, 4).toString()).toBe('PNG');
		expect(icon.type).toBe('image/png');
		expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(icon.sizes);
		sizes.push(icon.sizes);
	}
	expect(sizes.sort()).toEqual(['192x192', '512x512']);

	// Chromium reads it from the page with no complaint, and (the worker active) finds the app
	// installable.
	await page.evaluate(() => navigator.serviceWorker.ready);
	const cdp = await page.context().newCDPSession(page);
	const { errors, url } = await cdp.send('Page.getAppManifest');
	expect(errors).toEqual([]);
	expect(url).toMatch(/\/manifest\.webmanifest$/);
	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	// Playwright's browser contexts are incognito ones, where nothing installs; nothing else.
	expect(installabilityErrors.map((e) => e.errorId)).toEqual(['in-incognito']);
});
