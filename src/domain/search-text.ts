// Words for offline search: folded like every name (fold-text.ts), split on anything but letters and digits.
import { foldText } from './fold-text';

const MAX_WORDS = 400;

function normaliseWord(word: string): string {
  return foldText(word);
}

function collect(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) collect(v, out);
  else if (value && typeof value === 'object') {
    // Objects such as next steps: their texts, not their ids.
    for (const [key, v] of Object.entries(value)) if (typeof v === 'string' && !/id$/i.test(key)) out.push(v);
  }
}

/** The distinct words of some texts (strings, lists of strings, or objects holding strings). */
export function wordsOf(values: readonly unknown[]): string[] {
  const texts: string[] = [];
  for (const v of values) collect(v, texts);
  const words = new Set<string>();
  for (const text of texts) {
    for (const raw of text.split(/[^\p{L}\p{N}]+/u)) {
      if (raw.length < 2) continue;
      words.add(normaliseWord(raw));
      if (words.size >= MAX_WORDS) return [...words];
    }
  }
  return [...words];
}

/** The words a query is made of; the last one is a prefix (the user is still typing it). */
export function queryWords(query: string): string[] {
  return query
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map(normaliseWord);
}
