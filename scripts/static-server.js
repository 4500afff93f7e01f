import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

/** @type {Record<string, string>} */
const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.woff2': 'font/woff2'
};

/**
 * A minimal static file server for the built site on 127.0.0.1 (tests, screenshots, benchmarks).
 * With a `prefix` such as '/sub/path' the site is served under it, as a host serving it from a
 * sub-path would, and everything outside it is 404.
 * @param {string} root
 * @param {number} [port]
 * @param {{ prefix?: string }} [options]
 * @returns {Promise<{ url: string, close: () => void }>}
 */
export function startStaticServer(root, port = 0, { prefix = '' } = {}) {
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (prefix && url.pathname === prefix) {
			res.writeHead(301, { location: `${prefix}/${url.search}` }).end();
			return;
		}
		if (!url.pathname.startsWith(`${prefix}/`)) {
			res.writeHead(404).end('not found');
			return;
		}
		const path = url.pathname.slice(prefix.length);
		let file = normalize(join(root, decodeURIComponent(path)));
		if (!file.startsWith(normalize(root))) {
			res.writeHead(403).end();
			return;
		}
		if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
		if (!existsSync(file)) {
			res.writeHead(404).end('not found');
			return;
		}
		res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
		createReadStream(file).pipe(res);
	});
	return new Promise((resolve) => {
		server.listen(port, '127.0.0.1', () => {
			const address = /** @type {import('node:net').AddressInfo} */ (server.address());
			resolve({ url: `http://127.0.0.1:${address.port}`, close: () => server.close() });
		});
	});
}
