// A Vite plugin: src/client/i18n/strings-<part>.ts becomes the part of the Russian strings
// (src/client/i18n/ru.ts) that first-strings.ts names, so that a first screen's chunk carries only
// what it shows. ru.ts stays the one place where the strings are written.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { transform } from 'esbuild';
import type { Plugin } from 'vite';
import { FIRST_STRINGS, isInPart, type StringsPart } from '../../src/client/i18n/first-strings.ts';

export function firstStrings(): Plugin {
  const dir = resolve(import.meta.dirname, '../../src/client/i18n');
  const file = resolve(dir, 'ru.ts');
  const parts = new Map(
    (Object.keys(FIRST_STRINGS) as StringsPart[]).map((part) => [resolve(dir, `strings-${part}.ts`), part]),
  );
  return {
    name: 'nastavnik-first-strings',
    enforce: 'pre',
    async load(id) {
      const part = parts.get(id.split('?')[0] as string);
      if (!part) return undefined;
      this.addWatchFile(file);
      // ru.ts is one object of plain strings: compiled and imported as it is, not parsed by hand.
      const { code } = await transform(readFileSync(file, 'utf8'), { loader: 'ts', format: 'esm' });
      const { ru } = (await import(
        `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
      )) as {
        ru: Record<string, string>;
      };
      const strings = Object.fromEntries(Object.entries(ru).filter(([key]) => isInPart(part, key)));
      return `export const strings = ${JSON.stringify(strings)};`;
    },
  };
}
