import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer } from '../../../scripts/static-server.js';

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
