// A Vite plugin: src/client/i18n/first-strings-data.ts becomes the part of the Russian strings
// (src/client/i18n/ru.ts) that the first screens use (src/client/i18n/first-strings.ts), so that the
// first chunk carries only those. ru.ts stays the one place where the strings are written.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { transform } from 'esbuild';
import type { Plugin } from 'vite';
import { isFirstString } from '../../src/client/i18n/first-strings.ts';

export function firstStrings(): Plugin {
  const file = resolve(import.meta.dirname, '../../src/client/i18n/ru.ts');
  const data = resolve(import.meta.dirname, '../../src/client/i18n/first-strings-data.ts');
  return {
    name: 'nastavnik-first-strings',
    enforce: 'pre',
    async load(id) {
      if (id.split('?')[0] !== data) return undefined;
      this.addWatchFile(file);
      // ru.ts is one object of plain strings: compiled and imported as it is, not parsed by hand.
      const { code } = await transform(readFileSync(file, 'utf8'), { loader: 'ts', format: 'esm' });
      const { ru } = (await import(
        `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
      )) as {
        ru: Record<string, string>;
      };
      const first = Object.fromEntries(Object.entries(ru).filter(([key]) => isFirstString(key)));
      return `export const first = ${JSON.stringify(first)};`;
    },
  };
}
