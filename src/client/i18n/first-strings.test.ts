import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keysNamedIn } from '../../../tests/support/message-keys';
import { isInPart, type StringsPart } from './first-strings';
import { ru } from './ru';

const files = (dir: string) => readdirSync(dir).map((f) => join(dir, f));

// The modules of the first screens, and the parts of the strings each may count on.
const FIRST_SCREENS: [string[], StringsPart[]][] = [
  [
    // The sync status and the other banners come after the first screen, with all the strings (App.tsx).
    [
      'src/client/app/App.tsx',
      'src/client/app/StorageBanner.tsx',
      'src/client/ui/ToastHost.tsx',
      'src/client/ui/Page.tsx',
    ],
    ['shell'],
  ],
  [
    [
      // A curator's part of the home loads behind it, with all the strings (HomeScreen.tsx).
      ...files('src/client/screens/home').filter(
        (f) => !/(CuratorHome|CuratorHomeScreen|SetupGuide)\.tsx$/.test(f),
      ),
      'src/client/models/home-model.ts',
      'src/client/models/my-questionnaires-model.ts',
      'src/client/ui/person-name.ts',
      'src/client/ui/pair-side.ts',
      'src/client/ui/nudge-text.ts',
    ],
    // A mentee's words come with the home's data when it reads a pair from a mentee's side.
    ['shell', 'home', 'mentee'],
  ],
  [
    [
      ...files('src/client/screens/enrol'),
      'src/client/models/enrol-model.ts',
      'src/client/ui/fields.tsx',
      'src/client/ui/save-message.ts',
    ],
    ['shell', 'enrol'],
  ],
];

describe('the strings of the first screens', () => {
  it('come with their code: every key a first screen names is in a part it loads', () => {
    const keys = new Set(Object.keys(ru));
    for (const [modules, parts] of FIRST_SCREENS) {
      for (const file of modules) {
        const { named, builtPrefixes } = keysNamedIn(readFileSync(file, 'utf8'));
        const built = builtPrefixes.map((prefix) => `${prefix}x`);
        for (const key of [...named.filter((k) => keys.has(k)), ...built])
          expect(
            parts.some((part) => isInPart(part, key)),
            `${file}: ${key}`,
          ).toBe(true);
      }
    }
  });
});
