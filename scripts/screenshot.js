// Screenshots of the built site for looking at, e.g.
//   node scripts/screenshot.js out.png 1280x800 "/?step=3" [keys...]
import { chromium } from '@playwright/test';
import { browserExecutable } from './browser.js';
import { startStaticServer } from './static-server.js';

const [out = 'shot.png', size = '1280x800', path = '/', ...keys] = process.argv.slice(2);
const [width, height] = size.split('x').map(Number);
const server = await startStaticServer('build');
const browser = await chromium.launch({ executablePath: browserExecutable() });
const page = await browser.newPage({ viewport: { width, height } });
page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
await page.goto(server.url + path);
await page.locator('[data-ready="true"]').waitFor();
for (const key of keys) {
	if (key.startsWith('wait:')) await page.waitForTimeout(Number(key.slice(5)));
	else await page.keyboard.press(key);
}
await page.screenshot({ path: out });
await browser.close();
server.close();
