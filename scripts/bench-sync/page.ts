// Bundles the benchmark's page into a folder the proxy serves under /__bench/.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

export async function buildPage(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'nastavnik-bench-page-'));
  await build({
    entryPoints: [join(import.meta.dirname, 'page', 'harness.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    outfile: join(dir, 'app.js'),
    // PouchDB 9 expects Node's `global` and `events` (the npm package stands in for it).
    define: { global: 'globalThis', 'process.env.NODE_ENV': '"production"', 'import.meta.env.DEV': 'false' },
    logLevel: 'warning',
  });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html lang="ru"><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body><script type="module" src="app.js"></script></body></html>',
  );
  return dir;
}
