// Figures for the closing notes, measured in Debian's Chromium:
//  1. gzipped JavaScript the first page loads (a new device opening the app), from the production build;
//  2. one meeting write (record + outbox in one transaction), median of 100, in a persistent profile.
// Run `npm run bench` (it builds first).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { createApp } from '../src/server/app';
import { openSqliteStorage } from '../src/server/storage/sqlite';
import { measureMeetingWrite } from './bench/meeting-write-run';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

async function firstLoadJs(): Promise<{ files: number; gzipBytes: number; rawBytes: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nastavnik-bench-'));
  const app = await createApp({ storage: openSqliteStorage(join(dataDir, 'db.sqlite')), staticDir: 'dist' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 390, height: 850 } });
  const scripts = new Set<string>();
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('.js') && path.startsWith('/assets/')) scripts.add(path);
  });
  await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'networkidle' });
  await page.getByLabel('Код приглашения').waitFor();
  await browser.close();
  await app.close();
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const path of scripts) {
    const content = readFileSync(join('dist', path));
    rawBytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { files: scripts.size, gzipBytes, rawBytes };
}

const js = await firstLoadJs();
console.log(
  `first page JS: ${js.files} files, ${(js.gzipBytes / 1024).toFixed(1)} KB gzipped (${(js.rawBytes / 1024).toFixed(1)} KB raw)`,
);
const write = await measureMeetingWrite();
console.log(
  `meeting write (record + outbox), steady state: median ${write.medianMs.toFixed(2)} ms, p95 ${write.p95Ms.toFixed(2)} ms over ${write.runs} writes; one Dexie put alone ${write.floorMedianMs.toFixed(2)} ms; the page's first ${write.runs} writes: median ${write.coldMedianMs.toFixed(2)} ms; as the meeting form writes (its id, its draft ended): median ${write.formMedianMs.toFixed(2)} ms`,
);
