// JSON with object keys sorted, so equal values have equal text whatever their key order.

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  return a === b || canonicalJson(a) === canonicalJson(b);
}

/** The keys of `next` whose values differ from `before`'s (a key `before` lacks counts as changed). */
export function changedKeys(next: Record<string, unknown>, before: Record<string, unknown>): string[] {
  return Object.keys(next).filter((k) => !jsonEqual(next[k], before[k]));
}
