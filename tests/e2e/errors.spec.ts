import { expect, nodeNumber, openApp, test } from './fixtures';

// A failure while drawing leaves a message with a way back, never a blank page. The failures are
// injected from outside, into the real built site: the app has no switch for them.

test('an error while drawing shows “Something went wrong”; Reset view brings the page back', async ({
	page,
	errors
}) => {
	await openApp(page, '/?w1=0.9');
	// From now on, formatting a number for the screen throws: the next redraw fails.
	await page.evaluate(() => {
		const toFixed = Number.prototype.toFixed;
		Number.prototype.toFixed = function (digits?: number) {
			if (document.body.dataset.fault === 'on') throw new Error('injected fault');
			return toFixed.call(this, digits);
		};
		document.body.dataset.fault = 'on';
	});
	await page.getByRole('textbox', { name: 'w2 value' }).fill('0.1');
	const alert = page.getByRole('alert').filter({ hasText: 'Something went wrong' });
	await expect(alert).toBeVisible();
	await expect(page.locator('[data-node]')).toHaveCount(0);
	// The error goes to the console for whoever debugs it; it is the only one.
	expect(errors.splice(0)).toEqual([expect.stringContaining('injected fault')]);

	// A fresh page, without the link's settings and without the fault.
	await alert.getByRole('button', { name: 'Reset view' }).click();
	await page.locator('[data-ready="true"]').waitFor();
	await expect(page).toHaveURL(/\/$/);
	await expect(page.locator('[data-node]')).toHaveCount(10);
	expect(await nodeNumber(page, 'w1', 'value')).toBe(0.4);
});

test('when the page’s own code cannot load, SvelteKit’s error page offers Reset view', async ({
	page,
	request,
	errors
}) => {
	// The page's node is the last of the node ids in SvelteKit's boot script.
	const html = await (await request.get('/')).text();
	const ids = html
		.match(/node_ids:\s*\[([\d,\s]+)\]/)![1]
		.split(',')
		.map(Number);
	const pageNode = new RegExp(`/_app/immutable/nodes/${ids.at(-1)}\\.[^/]+\\.js$`);
	await page.route(pageNode, (route) => route.abort());
	await page.goto('/');
	const alert = page.getByRole('alert').filter({ hasText: 'Something went wrong' });
	await expect(alert).toBeVisible();
	await expect(page).toHaveTitle(/Something went wrong/);
	// The failed download and SvelteKit's report of it are expected; nothing else.
	expect(errors.length).toBeGreaterThan(0);
	for (const error of errors.splice(0))
		expect(error).toMatch(/Failed to load resource|dynamically imported module/);

	await page.unroute(pageNode);
	await alert.getByRole('button', { name: 'Reset view' }).click();
	await page.locator('[data-ready="true"]').waitFor();
	await expect(page.locator('[data-node]')).toHaveCount(10);
});
