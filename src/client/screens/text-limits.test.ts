// Every text a user types into a screen's field is said against its limit (ui/text-limit.ts) before a
// save would refuse it, and a field that saves as the user types keeps what it could not save
// (ui/unsaved-text.ts). A field with no limit of its own says why, in a `no limit:` comment inside it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.tsx') && !name.includes('.test.') ? [path] : [];
  });
}

/** Each `<TextField …/>`, `<TextArea …/>` and `<LiveTextField …/>` of a file, with its line. */
function fieldsOf(path: string): { tag: string; line: number; text: string }[] {
  const source = readFileSync(path, 'utf8');
  const found: { tag: string; line: number; text: string }[] = [];
  for (const m of source.matchAll(/<(TextField|TextArea|LiveTextField)\b/g)) {
    let depth = 0;
    let end = m.index;
    // The element ends at the `/>` outside any braces.
    for (let i = m.index; i < source.length; i++) {
      const c = source[i];
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (depth === 0 && c === '/' && source[i + 1] === '>') {
        end = i + 2;
        break;
      }
    }
    const text = source.slice(m.index, end);
    found.push({ tag: m[1] as string, line: source.slice(0, m.index).split('\n').length, text });
  }
  return found;
}

const NOT_TEXT = /\btype="(date|time|number|search)"/;
const LIMITED = /\bmaxLength=|\.\.\.liveLimit\(|no limit:/;
const KEPT = /\bkeepAs=|\.\.\.liveLimit\(/;

describe('text fields of the screens', () => {
  const fields = sources(ROOT).flatMap((path) =>
    fieldsOf(path).map((f) => ({ ...f, where: `${path.slice(ROOT.length + 1)}:${f.line}` })),
  );

  it('finds the fields', () => {
    expect(fields.length).toBeGreaterThan(40);
  });

  it('give every text field its limit', () => {
    const unlimited = fields.filter((f) => !NOT_TEXT.test(f.text) && !LIMITED.test(f.text));
    expect(unlimited.map((f) => f.where)).toEqual([]);
  });

  it('keep what a live field could not save', () => {
    // A date picker's value is a date or nothing: it cannot be refused for its length.
    const live = fields.filter(
      (f) => f.tag === 'LiveTextField' && !/\btype="date"/.test(f.text) && !KEPT.test(f.text),
    );
    expect(live.map((f) => f.where)).toEqual([]);
  });
});
