// Renders the app icons (public/*.png) from their SVG sources in Chromium: `npx tsx scripts/make-icons.ts`.
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

const targets = [
  { svg: 'public/icon.svg', png: 'public/icon-192.png', size: 192 },
  { svg: 'public/icon.svg', png: 'public/icon-512.png', size: 512 },
  { svg: 'public/icon-maskable.svg', png: 'public/icon-maskable-512.png', size: 512 },
  { svg: 'public/icon-maskable.svg', png: 'public/apple-touch-icon.png', size: 180 },
];

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
for (const { svg, png, size } of targets) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  const markup = readFileSync(svg, 'utf8').replace('<svg ', `<svg width="${size}" height="${size}" `);
  await page.setContent(`<html><body style="margin:0">${markup}</body></html>`);
  await page.screenshot({ path: png, omitBackground: true });
  await page.close();
}
await browser.close();
