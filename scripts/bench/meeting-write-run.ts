// One meeting write (record + outbox in one transaction) in Chromium with a profile on disk, through
// the real repository: median and 95th percentile of 100 writes in the steady state, beside the floor
// measured the same way in the same page (meeting-write.ts says how).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import type { MeetingWriteResult } from './meeting-write';

/** One run of meeting-write.html in a fresh profile (meeting-write.ts says what each figure is). */
export async function measureMeetingWrite(): Promise<MeetingWriteResult> {
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
  const value = (await result.jsonValue()) as MeetingWriteResult;
  await context.close();
  await server.close();
  return value;
}
