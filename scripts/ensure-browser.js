// Makes sure the end-to-end tests have a Chromium to drive, installing one if it can:
// Debian's chromium via apt when running as root, else Playwright's own download.
import { chromium } from '@playwright/test';
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { browserExecutable } from './browser.js';

function playwrightBrowser() {
	try {
		const path = chromium.executablePath();
		return existsSync(path) ? path : undefined;
	} catch {
		return undefined;
	}
}

function run(command) {
	console.log(`$ ${command}`);
	try {
		execSync(command, { stdio: 'inherit' });
		return true;
	} catch {
		return false;
	}
}

if (browserExecutable() || playwrightBrowser()) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
	console.log('No Chromium found: installing Debian’s chromium.');
	if (
		run('apt-get update -qq') &&
		run('apt-get install -y -qq chromium fonts-dejavu-core') &&
		browserExecutable()
	) {
		process.exit(0);
	}
} else if (run('npx playwright install chromium') && playwrightBrowser()) {
	process.exit(0);
}

console.error(`
No Chromium for the end-to-end tests, and installing one failed. Do one of:
  sudo apt-get install -y chromium                (Debian/Ubuntu; then rerun npm test)
  npx playwright install chromium                 (Playwright's own build)
  CHROMIUM_PATH=/path/to/chrome npm test          (a Chrome or Chromium you already have)
`);
process.exit(1);
