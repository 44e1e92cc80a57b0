// No dead strings: every key of ru.ts (and so of en.ts) is named somewhere in the code, as a literal or
// as the prefix of a key built from data (`pairs.status.${status}`). knip finds unused exports; this is
// the same check for the strings, which knip cannot see.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keysNamedIn } from '../../../tests/support/message-keys';
import { ru } from './ru';

const src = resolve(import.meta.dirname, '../..');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !/i18n\/(ru|en)\.ts$/.test(path)
      ? [path]
      : [];
  });

describe('the strings', () => {
  it('are each used by the code', () => {
    const code = files(src)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const { named, builtPrefixes } = keysNamedIn(code);
    const literal = new Set(named);
    const unused = Object.keys(ru).filter(
      (key) => !literal.has(key) && !builtPrefixes.some((prefix) => key.startsWith(prefix)),
    );
    expect(unused).toEqual([]);
  });
});
