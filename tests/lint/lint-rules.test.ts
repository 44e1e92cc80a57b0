// The boundaries `npm run lint` keeps, each shown catching a violation: probe files are linted in a
// scratch folder with the project's own biome.json and knip.json, at the paths the rules cover.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
let dir: string;

function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** Runs a tool in the scratch folder; its output whether it passed or failed. */
async function tool(name: string, args: string[]): Promise<string> {
  try {
    return (await run(bin(name), args, { cwd: dir })).stdout;
  } catch (error) {
    return (error as { stdout: string }).stdout;
  }
}

/** The files (of those given) in which Biome reports `rule`. */
async function flagged(rule: string, files: Record<string, string>): Promise<string[]> {
  write(files);
  // GitHub's annotation format: one `::error title=<rule>,file=<path>,…` line per diagnostic.
  const out = await tool('biome', [
    'lint',
    '--reporter=github',
    '--max-diagnostics=none',
    ...Object.keys(files),
  ]);
  const hits = [...out.matchAll(/^::error title=([^,]+),file=([^,]+),/gm)]
    .filter((m) => m[1] === rule)
    .map((m) => (m[2] as string).slice(dir.length + 1));
  return [...new Set(hits)].sort();
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nastavnik-lint-'));
  const biome = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8'));
  // The scratch folder is no git repository; the rules are the project's.
  write({ 'biome.json': JSON.stringify({ ...biome, vcs: { enabled: false } }) });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RESTRICTED = 'lint/style/noRestrictedImports';

describe('npm run lint', () => {
  it('fails on a screen or UI module that imports from db/, but not on the live-query hook or db types', async () => {
    const files = {
      'src/client/screens/probe/Reaches.tsx':
        "import { getCursor } from '../../db/meta';\nexport const x = getCursor;\n",
      'src/client/screens/probe/Cursor.tsx':
        "import { startPullOver } from '../../db/meta';\nexport const y = startPullOver;\n",
      'src/client/ui/Reaches.tsx':
        "import { createQueries } from '../db/queries';\nexport const z = createQueries;\n",
      'src/client/screens/probe/Allowed.tsx':
        "import { useLiveQuery } from '../../db/live';\nimport type { WriteResult } from '../../db/types';\nexport const a: [typeof useLiveQuery, WriteResult | null] = [useLiveQuery, null];\n",
      'src/client/models/probe-model.ts':
        "import { getCursor } from '../db/meta';\nexport const m = getCursor;\n",
    };
    expect(await flagged(RESTRICTED, files)).toEqual([
      'src/client/screens/probe/Cursor.tsx',
      'src/client/screens/probe/Reaches.tsx',
      'src/client/ui/Reaches.tsx',
    ]);
  });

  it('fails on a UI module that imports the app (or a screen, or a model)', async () => {
    const files = {
      'src/client/ui/UsesApp.tsx': "import { useApp } from '../app/context';\nexport const u = useApp;\n",
      'src/client/ui/UsesModel.tsx':
        "import { loadResults } from '../models/questionnaire-admin-model';\nexport const p = loadResults;\n",
      'src/client/ui/Plain.tsx': "import { t } from '../i18n/i18n';\nexport const q = t;\n",
      'src/client/screens/probe/UsesApp.tsx':
        "import { useApp } from '../../app/context';\nexport const s = useApp;\n",
    };
    expect(await flagged(RESTRICTED, files)).toEqual([
      'src/client/ui/UsesApp.tsx',
      'src/client/ui/UsesModel.tsx',
    ]);
  });

  it('fails on Dexie outside db/ and on impure imports in the domain', async () => {
    const files = {
      'src/client/models/dexie-model.ts': "import Dexie from 'dexie';\nexport const d = Dexie;\n",
      'src/client/db/fine.ts': "import Dexie from 'dexie';\nexport const e = Dexie;\n",
      'src/domain/impure.ts': "import { startOfToday } from 'date-fns';\nexport const f = startOfToday;\n",
      // Calendar arithmetic on dates passed in is pure.
      'src/domain/pure.ts': "import { addDays } from 'date-fns';\nexport const g = addDays;\n",
    };
    expect(await flagged(RESTRICTED, files)).toEqual([
      'src/client/models/dexie-model.ts',
      'src/domain/impure.ts',
    ]);
  });

  it('lists an unused export (knip, with the project’s configuration and the lint script’s options)', async () => {
    const script = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.lint as string;
    const options = script
      .slice(script.indexOf('knip') + 'knip'.length)
      .trim()
      .split(/\s+/);
    write({
      'package.json': JSON.stringify({ name: 'probe', private: true, type: 'module' }),
      'knip.json': readFileSync(join(root, 'knip.json'), 'utf8'),
      'scripts/probe.ts': "import { used } from '../src/domain/probe';\nconsole.log(used);\n",
      'src/domain/probe.ts':
        'export const used = 1;\nexport const neverImported = 2;\nexport type NeverNamed = string;\n',
    });
    const out = await tool('knip', [...options, '--reporter', 'json']);
    const report = JSON.parse(out) as {
      issues: { file: string; exports: { name: string }[]; types: { name: string }[] }[];
    };
    const probe = report.issues.find((i) => i.file === 'src/domain/probe.ts');
    expect(probe?.exports.map((e) => e.name)).toEqual(['neverImported']);
    expect(probe?.types.map((e) => e.name)).toEqual(['NeverNamed']);
  });
});
