import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** @type {Record<string, string>} */
const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.woff2': 'font/woff2',
	'.webmanifest': 'application/manifest+json'
};

/**
 * The file under `root` that a URL path names, or undefined for a path that cannot be decoded or
 * that leads outside `root` (`/..%2fsecret`, `/%2e%2e/secret`, a NUL byte).
 * @param {string} root
 * @param {string} path
 * @returns {string | undefined}
 */
export function fileFor(root, path) {
	let decoded;
	try {
		decoded = decodeURIComponent(path);
	} catch {
		return undefined;
	}
	if (decoded.includes('\0')) return undefined;
	const base = resolve(root);
	const file = resolve(base, `.${decoded}`);
	// relative() says how to get from the root to the file: '..' first means outside it.
	const inside = relative(base, file);
	if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return undefined;
	return file;
}

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
		// A request the URL parser rejects gets an answer, never a thrown error.
		if (!URL.canParse(req.url ?? '/', 'http://localhost')) {
			res.writeHead(400).end('bad request');
			return;
		}
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (prefix && url.pathname === prefix) {
			res.writeHead(301, { location: `${prefix}/${url.search}` }).end();
			return;
		}
		if (!url.pathname.startsWith(`${prefix}/`)) {
			res.writeHead(404).end('not found');
			return;
		}
		let file = fileFor(root, url.pathname.slice(prefix.length));
		if (file === undefined) {
			res.writeHead(400).end('bad request');
			return;
		}
		if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
		if (!existsSync(file)) {
			res.writeHead(404).end('not found');
			return;
		}
		res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
		createReadStream(file)
			.on('error', () => res.destroy())
			.pipe(res);
	});
	return new Promise((resolve) => {
		server.listen(port, '127.0.0.1', () => {
			const address = /** @type {import('node:net').AddressInfo} */ (server.address());
			resolve({ url: `http://127.0.0.1:${address.port}`, close: () => server.close() });
		});
	});
}
