// First-load JavaScript: the scripts a page has asked for when its first screen marks itself ready
// (state/ready-mark.ts), gzipped at level 9; and what it loads after that, behind the screen (sync,
// search index, service worker registration), which a phone downloads while the user already reads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { build } from 'esbuild';

export type FirstLoad = {
  files: number;
  gzipBytes: number;
  laterFiles: number;
  laterGzipBytes: number;
  /** Each first-load script and its gzipped size, largest first: where the bytes go. */
  first: { path: string; gzipBytes: number }[];
};

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Loads `url` and sums the app's scripts the page requested before the `screen` ready mark. */
export async function firstLoad(
  page: Page,
  url: string,
  screen: string,
  distDir: string,
): Promise<FirstLoad> {
  await page.goto(url);
  await page.waitForFunction(
    (name) => performance.getEntriesByName(`screen-ready:${name}`).length > 0,
    screen,
    {
      timeout: 60_000,
    },
  );
  await page.waitForLoadState('networkidle');
  // Page times (resource timing and the mark), whether a script came from the network or the
  // service worker's cache.
  const { readyAt, scripts } = await page.evaluate((name) => {
    const mark = performance.getEntriesByName(`screen-ready:${name}`)[0] as PerformanceEntry;
    const entries = performance.getEntriesByType('resource').map((e) => ({ url: e.name, at: e.startTime }));
    return { readyAt: mark.startTime, scripts: entries };
  }, screen);
  const app = scripts
    .map((s) => ({ path: new URL(s.url).pathname, at: s.at }))
    .filter((s) => s.path.startsWith('/assets/') && s.path.endsWith('.js'));
  const first = new Set(app.filter((s) => s.at <= readyAt).map((s) => s.path));
  const later = new Set(app.map((s) => s.path).filter((p) => !first.has(p)));
  const sum = (paths: Set<string>) => [...paths].reduce((total, p) => total + gz(join(distDir, p)), 0);
  const sizes = [...first].map((path) => ({ path, gzipBytes: gz(join(distDir, path)) }));
  return {
    files: first.size,
    gzipBytes: sum(first),
    laterFiles: later.size,
    laterGzipBytes: sum(later),
    first: sizes.sort((a, b) => b.gzipBytes - a.gzipBytes),
  };
}

/** The floor: preact, Dexie and workbox-window alone, minified and gzipped. */
export async function libraryFloor(): Promise<number> {
  const out = await build({
    stdin: {
      contents:
        "import { render, h } from 'preact'; import Dexie from 'dexie'; import { Workbox } from 'workbox-window'; render(h('p', null, String(Dexie.semVer) + typeof Workbox), document.body);",
      resolveDir: process.cwd(),
      loader: 'js',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    logLevel: 'warning',
  });
  return gzipSync(out.outputFiles[0]?.contents ?? new Uint8Array(), { level: 9 }).length;
}
