import { defineConfig, devices } from '@playwright/test';
import { browserExecutable } from './scripts/browser.js';

// PW_PORT lets two test runs share a machine.
const PORT = Number(process.env.PW_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	workers: process.env.CI ? 2 : undefined,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		...devices['Desktop Chrome'],
		viewport: { width: 1280, height: 800 },
		launchOptions: {
			executablePath: browserExecutable(),
			// This machine has no network beyond localhost: keep Chromium from calling home.
			args: [
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		}
	},
	webServer: {
		command: `node scripts/serve.js build ${PORT}`,
		url: `http://127.0.0.1:${PORT}/`,
		reuseExistingServer: !process.env.CI,
		timeout: 60_000
	}
});
