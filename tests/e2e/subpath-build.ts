import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { startStaticServer } from '../../scripts/static-server.js';

export const ROOT = join(import.meta.dirname, '../..');

export interface SubPathSite {
	/** The server's origin; the site is at `${url}${base}/`. */
	url: string;
	/** Where the site was written. */
	dir: string;
	/** Stops the server and removes the site and the build's intermediate files. */
	close: () => void;
}

/**
 * Builds the site with BASE_PATH=`base` into a temporary directory (BUILD_DIR, so build/ is
 * untouched) and serves it only under that sub-path, everything else a 404, as a host would.
 */
export async function buildUnderSubPath(base: string): Promise<SubPathSite> {
	const dir = mkdtempSync(join(tmpdir(), 'backprop-subpath-'));
	// svelte.config.js keeps this build's intermediate files here.
	const intermediate = join(ROOT, '.svelte-kit/alternate', basename(dir));
	const remove = () => {
		rmSync(dir, { recursive: true, force: true });
		rmSync(intermediate, { recursive: true, force: true });
	};
	try {
		await promisify(execFile)(
			process.execPath,
			[join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'],
			{
				cwd: ROOT,
				env: { ...process.env, BASE_PATH: base, BUILD_DIR: dir },
				maxBuffer: 64 * 1024 * 1024
			}
		);
		const server = await startStaticServer(dir, 0, { prefix: base });
		return {
			url: server.url,
			dir,
			close: () => {
				server.close();
				remove();
			}
		};
	} catch (error) {
		remove();
		throw error;
	}
}
