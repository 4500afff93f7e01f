import { existsSync } from 'node:fs';

/**
 * The Chromium that end-to-end tests drive: $CHROMIUM_PATH if set, else Debian's chromium,
 * else undefined (Playwright's own download, where one is installed).
 */
export function browserExecutable() {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
	return candidates.find((p) => p && existsSync(p));
}
