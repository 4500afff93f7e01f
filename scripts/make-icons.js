// Renders the app's icon, static/icon.svg, to the PNGs the web app manifest lists:
//   node scripts/make-icons.js
// Chromium draws them (the SVG uses no fonts), on a transparent background outside the
// rounded square. The outputs are committed; run this again after changing the SVG.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { browserExecutable } from './browser.js';

const STATIC = join(import.meta.dirname, '..', 'static');
const SIZES = [192, 512];

const svg = readFileSync(join(STATIC, 'icon.svg'));
const source = `data:image/svg+xml;base64,${svg.toString('base64')}`;
const browser = await chromium.launch({ executablePath: browserExecutable() });
try {
	for (const size of SIZES) {
		const page = await browser.newPage({ viewport: { width: size, height: size } });
		await page.setContent(
			`<body style="margin:0"><img src="${source}" width="${size}" height="${size}" alt=""></body>`
		);
		await page.locator('img').evaluate((img) => /** @type {HTMLImageElement} */ (img).decode());
		const out = join(STATIC, `icon-${size}.png`);
		await page.screenshot({ path: out, omitBackground: true });
		await page.close();
		console.log(`wrote ${out}`);
	}
} finally {
	await browser.close();
}
