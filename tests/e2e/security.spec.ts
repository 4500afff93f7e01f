import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, node, openApp, test } from './fixtures';

// The built pages, their Content-Security-Policy, and a walk through every feature under it that
// watches each request: nothing may come from another origin, nothing may be blocked.

const PAGES = ['/', '/lesson/'];

/** The policy in a page's <meta http-equiv> tag, as directive → sources. */
function policyOf(html: string): Map<string, string[]> {
	const content = html.match(/<meta http-equiv="content-security-policy" content="([^"]*)"/)?.[1];
	expect(content, 'CSP meta tag').toBeDefined();
	return new Map(
		content!
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((d) => d[0])
			.map(([name, ...sources]) => [name, sources])
	);
}

// Every CSP violation in a page, as it happens.
test.beforeEach(async ({ page }) => {
	await page.addInitScript(() => {
		const seen: string[] = [];
		Object.assign(window, { __csp: seen });
		window.addEventListener(
			'securitypolicyviolation',
			(e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
			true
		);
	});
});

const cspEvents = (page: Page) =>
	page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

for (const path of PAGES) {
	test(`${path} carries the CSP: own origin only, hashed inline script, no eval`, async ({
		request
	}) => {
		const html = await (await request.get(path)).text();
		const policy = policyOf(html);
		const scriptSrc = policy.get('script-src')!;
		const hashes = scriptSrc.filter((s) => s.startsWith("'sha256-"));
		expect(scriptSrc.filter((s) => !s.startsWith("'sha256-"))).toEqual(["'self'"]);
		expect(Object.fromEntries([...policy].filter(([name]) => name !== 'script-src'))).toEqual({
			'default-src': ["'none'"],
			'style-src': ["'self'"],
			'style-src-attr': ["'unsafe-inline'"],
			'img-src': ["'self'", 'blob:'],
			'connect-src': ["'self'"],
			'worker-src': ["'self'"],
			'manifest-src': ["'self'"],
			'base-uri': ["'none'"],
			'form-action': ["'none'"]
		});
		// Every inline script is one of the hashes, and there is no other way in for script.
		const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
		expect(inline.length).toBeGreaterThan(0);
		for (const code of inline)
			expect(hashes).toContain(`'sha256-${createHash('sha256').update(code).digest('base64')}'`);
		expect(html).not.toMatch(/<script\b(?![^>]*\bsrc=)[^>]*\b(src|type)=/);
		expect(html).not.toMatch(/\son[a-z]+="/);
		// A meta policy covers only what comes after it: it must precede every script and style.
		const meta = html.indexOf('http-equiv="content-security-policy"');
		for (const tag of [
			'<script',
			'<link href',
			'rel="stylesheet"',
			'rel="modulepreload"',
			'rel="manifest"'
		])
			expect(html.indexOf(tag) === -1 || html.indexOf(tag) > meta, tag).toBe(true);
		// Nothing in the page points at another origin.
		expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
	});
}

test('eval is blocked in the page; the exercise worker still runs the learner’s code', async ({
	page,
	errors
}) => {
	await openApp(page);
	// A string timer is compiled by the page itself (page.evaluate's own code is exempt).
	await page.evaluate(() => setTimeout('document.body.dataset.evaluated = "yes"', 0));
	await expect.poll(() => cspEvents(page)).toHaveLength(1);
	expect((await cspEvents(page))[0]).toMatch(/^script-src eval /);
	expect(await page.locator('body').getAttribute('data-evaluated')).toBeNull();
	// The browser reports the blocked eval on the console: that one is expected here.
	expect(errors.splice(0)).toEqual([expect.stringMatching(/unsafe-eval/)]);

	await page.getByRole('tab', { name: 'Write the chain rule' }).click();
	await page.getByRole('button', { name: 'Show the solution' }).click();
	await page.getByRole('button', { name: 'Put it in the editor' }).click();
	await page.getByRole('button', { name: 'Run ▶' }).click();
	await expect(page.locator('[data-outcome]')).toHaveText(/6 of 6 right/);
	expect(await cspEvents(page)).toHaveLength(1);
});

test('every feature, walked through: one origin, no CSP violation', async ({
	page,
	baseURL,
	errors
}) => {
	test.setTimeout(120_000);
	await page.emulateMedia({ reducedMotion: 'reduce' });
	const origin = new URL(baseURL!).origin;
	const requests: string[] = [];
	// Every request the page or its workers make, workers included.
	page.context().on('request', (r) => requests.push(r.url()));
	const violations: string[] = [];
	// Collected part by part, so a failure says where it happened.
	const check = async (where: string) => {
		const seen = await page.evaluate(() =>
			(window as unknown as { __csp: string[] }).__csp.splice(0)
		);
		violations.push(...seen.map((v) => `${where}: ${v}`));
	};

	await openApp(page);
	// The service worker, registered by the app's own script, caches the whole site.
	await page.evaluate(() => navigator.serviceWorker.ready);
	// Sliders, typed values, stepping, presenter, theme, zoom.
	await page.getByRole('slider', { name: 'w1', exact: true }).fill('0.9');
	await page.getByRole('textbox', { name: 'y value' }).fill('-1.5');
	await expect(node(page, 'L')).toHaveAttribute('data-value', /./);
	// The step keys belong to the page, not to a focused field.
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	for (const key of ['Home', 'ArrowRight', 'ArrowRight', 'ArrowLeft', 'End'])
		await page.keyboard.press(key);
	await page.keyboard.press('p');
	await expect(page.locator('[data-mode="presenter"]')).toBeVisible();
	await page.keyboard.press('p');
	await expect(page.locator('[data-mode="normal"]')).toBeVisible();
	await page.keyboard.press('t');
	await page.getByRole('button', { name: 'Zoom in' }).click();
	await page.getByRole('button', { name: 'Fit to screen' }).click();

	// Export: the SVG, and a PNG drawn from it through a blob: image and a canvas.
	await Promise.all([page.waitForEvent('download'), page.keyboard.press('e')]);
	await page.getByText('Share', { exact: true }).click();
	await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'PNG 2×' }).click()
	]);
	await check('explorer');

	// Other graphs are laid out by ELK in its worker; an expression goes through the form.
	await page.getByLabel('Graph', { exact: true }).selectOption({ label: 'One tanh neuron' });
	await expect(node(page, 'o')).toHaveCount(1);
	await page.keyboard.press('o');
	await expect(page.locator('[data-node]')).not.toHaveCount(0);
	await page.getByRole('textbox', { name: 'or write an expression' }).fill('a = 2; L = a*b');
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(node(page, 'L')).toHaveCount(1);
	await page.getByLabel('Graph', { exact: true }).selectOption({ label: 'The chapter’s network' });
	await expect(node(page, 'w1')).toHaveCount(1);
	await check('graphs');

	// The code cell: typing over highlighted code, then a run in the exercise worker.
	await page.getByRole('tab', { name: 'Write the chain rule' }).click();
	await page.locator('.cm-line', { hasText: 'const dL_dyhat =' }).first().click();
	await page.keyboard.press('End');
	await page.keyboard.press('Shift+Home');
	await page.keyboard.insertText('const dL_dyhat = 2 * (yhat - y);');
	await page.getByRole('button', { name: 'Show the solution' }).click();
	await page.getByRole('button', { name: 'Put it in the editor' }).click();
	await page.getByRole('button', { name: 'Run ▶' }).click();
	await expect(page.locator('[data-outcome]')).toHaveText(/6 of 6 right/);
	for (const tab of ['Verify against PyTorch', 'Finite differences', 'What the gradient is for'])
		await page.getByRole('tab', { name: tab }).click();
	await check('tools');

	// The lesson, reached the way a reader does (a client-side navigation), and walked a little.
	await page.getByRole('link', { name: 'Guided lesson' }).click();
	await expect(page).toHaveURL(/\/lesson\/$/);
	await page.locator('[data-ready="true"]').waitFor();
	for (let i = 0; i < 4; i++) await page.keyboard.press('PageDown');
	await page.getByRole('link', { name: 'Open the explorer' }).click();
	await page.locator('[data-ready="true"]').waitFor();
	await check('lesson');

	expect(violations).toEqual([]);
	expect(errors.filter((e) => /Content Security Policy/.test(e))).toEqual([]);
	const foreign = requests.filter((url) => {
		const { protocol, origin: from } = new URL(url);
		return protocol !== 'data:' && from !== origin;
	});
	expect(foreign).toEqual([]);
	// The observation saw what it should: pages, data, the service worker, both workers and the
	// lazy chunks.
	const paths = requests.map((url) => new URL(url).pathname);
	for (const expected of ['/', '/lesson/__data.json', '/service-worker.js'])
		expect(paths, expected).toContain(expected);
	expect(
		paths.some((p) => /\/workers\/layout-worker[^/]*\.js$/.test(p)),
		'layout worker'
	).toBe(true);
	expect(
		paths.some((p) => /\/workers\/worker-[^/]*\.js$/.test(p)),
		'exercise worker'
	).toBe(true);
});
