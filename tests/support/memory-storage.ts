// localStorage as a browser keeps it, for a test in Node (the drafts' copies, db/draft-mirror.ts).
import type { MirrorStorage } from '../../src/client/db/draft-mirror';

export function memoryStorage(): MirrorStorage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i: number) => [...items.keys()][i] ?? null,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}
