import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileFor, startStaticServer } from '../../../scripts/static-server.js';

let dir: string;
let server: { url: string; close: () => void };

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'static-server-'));
	mkdirSync(join(dir, '_app'));
	writeFileSync(join(dir, 'index.html'), '<p>home</p>');
	writeFileSync(join(dir, '_app', 'a.js'), 'export {}');
	server = await startStaticServer(dir, 0, { prefix: '/sub/path' });
});

afterAll(() => {
	server.close();
	rmSync(dir, { recursive: true, force: true });
});

const get = (path: string) => fetch(`${server.url}${path}`, { redirect: 'manual' });

describe('startStaticServer under a prefix', () => {
	it('serves the site under the prefix, directories as their index.html', async () => {
		const home = await get('/sub/path/?w1=0.5');
		expect(home.status).toBe(200);
		expect(home.headers.get('content-type')).toContain('text/html');
		expect(await home.text()).toBe('<p>home</p>');
		const script = await get('/sub/path/_app/a.js');
		expect(script.headers.get('content-type')).toBe('text/javascript');
	});

	it('adds the trailing slash to the bare prefix, keeping the query', async () => {
		const response = await get('/sub/path?step=3');
		expect(response.status).toBe(301);
		expect(response.headers.get('location')).toBe('/sub/path/?step=3');
	});

	it('has nothing outside the prefix', async () => {
		for (const path of ['/', '/index.html', '/_app/a.js', '/sub/pathx/index.html', '/sub/'])
			expect((await get(path)).status, path).toBe(404);
	});
});

describe('startStaticServer and hostile paths', () => {
	let site: string;
	let plain: { url: string; close: () => void };
	beforeAll(async () => {
		// A secret beside the site, as a sibling folder whose name starts like the site's.
		site = join(dir, 'site');
		mkdirSync(site);
		mkdirSync(join(dir, 'site-private'));
		writeFileSync(join(dir, 'site-private', 'key.txt'), 'secret');
		writeFileSync(join(dir, 'secret.txt'), 'secret');
		writeFileSync(join(site, 'index.html'), '<p>site</p>');
		writeFileSync(join(site, '..a.txt'), 'dots in a name are fine');
		plain = await startStaticServer(site, 0);
	});
	afterAll(() => plain.close());

	const raw = (path: string) => fetch(`${plain.url}${path}`, { redirect: 'manual' });

	it('answers 400 to a path that cannot be decoded, and keeps serving', async () => {
		for (const path of ['/%E0%A4%A', '/%', '/%zz', '/a%00b'])
			expect((await raw(path)).status, path).toBe(400);
		expect((await raw('/')).status).toBe(200);
	});

	it('never serves a file outside its root', async () => {
		const attempts = [
			'/..%2fsite-private%2fkey.txt',
			'/..%2f..%2fsecret.txt',
			'/%2e%2e/secret.txt',
			'/%2e%2e%2fsecret.txt',
			'/..%5csecret.txt',
			'/.%2e/site-private/key.txt'
		];
		for (const path of attempts) {
			const response = await raw(path);
			expect(response.status, path).not.toBe(200);
			expect(await response.text(), path).not.toContain('secret');
		}
	});

	it('still serves names that only contain dots', async () => {
		expect(await (await raw('/..a.txt')).text()).toBe('dots in a name are fine');
	});
});

describe('fileFor', () => {
	it('maps a path inside the root and refuses one outside', () => {
		expect(fileFor('/srv/site', '/a/b.js')).toBe('/srv/site/a/b.js');
		expect(fileFor('/srv/site', '/../site-private/key.txt')).toBeUndefined();
		expect(fileFor('/srv/site', '/a/../../x')).toBeUndefined();
		expect(fileFor('/srv/site', '/%E0%A4%A')).toBeUndefined();
	});
});
