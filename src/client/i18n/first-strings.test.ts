import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFirstString } from './first-strings';
import { ru } from './ru';

// The modules of the first screens: the shell, the enrolment screen and the homes.
const FIRST_SCREENS = [
  'src/client/app/App.tsx',
  'src/client/ui/SyncIndicator.tsx',
  'src/client/ui/SyncProgress.tsx',
  'src/client/ui/Banners.tsx',
  'src/client/ui/ToastHost.tsx',
  'src/client/ui/Page.tsx',
  'src/client/ui/fields.tsx',
  'src/client/ui/PairCard.tsx',
  'src/client/ui/nudge-text.ts',
  ...['src/client/screens/enrol', 'src/client/screens/home'].flatMap((dir) =>
    readdirSync(dir).map((f) => join(dir, f)),
  ),
];

describe('the strings of the first screens', () => {
  it('come with the first chunk: every key the first screens name is one of them', () => {
    const keys = new Set(Object.keys(ru));
    for (const file of FIRST_SCREENS) {
      const source = readFileSync(file, 'utf8');
      const named = [...source.matchAll(/['`]([a-zA-Z]+(?:\.[a-zA-Z0-9-]+)+)['`]/g)]
        .map((m) => m[1] as string)
        .filter((k) => keys.has(k));
      const built = [...source.matchAll(/`([a-zA-Z]+(?:\.[a-zA-Z0-9-]+)*\.)\$\{/g)].map((m) => `${m[1]}x`);
      for (const key of [...named, ...built]) expect(isFirstString(key), `${file}: ${key}`).toBe(true);
    }
  });
});
