// One meeting write (record + outbox in one transaction) in Chromium with a profile on disk, through
// the real repository: median and 95th percentile of 100 writes in the steady state, beside the floor
// measured the same way in the same page (meeting-write.ts says how).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';

/**
 * Milliseconds. `floorMedianMs`: the same record put alone by Dexie, one transaction each, in the same
 * page; `coldMedianMs`: the first hundred writes after the page opened; `formMedianMs`: the write as
 * the meeting form makes it (its id made when it opened, its draft ended in the write).
 */
export async function measureMeetingWrite(): Promise<{
  runs: number;
  medianMs: number;
  p95Ms: number;
  floorMedianMs: number;
  coldMedianMs: number;
  formMedianMs: number;
}> {
  const server = await createServer({
    configFile: false,
    root: process.cwd(),
    logLevel: 'error',
    server: { port: 0 },
  });
  await server.listen();
  const address = server.httpServer?.address() as { port: number };
  const profile = mkdtempSync(join(tmpdir(), 'nastavnik-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`http://localhost:${address.port}/scripts/bench/meeting-write.html`);
  const result = await page.waitForFunction(() => window.benchResult, undefined, { timeout: 60_000 });
  const value = (await result.jsonValue()) as Awaited<ReturnType<typeof measureMeetingWrite>>;
  await context.close();
  await server.close();
  return value;
}
