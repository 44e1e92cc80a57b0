// Which message keys a piece of source code names: as a literal ('nav.sync'), or as the prefix of a key
// built from data (`pairs.status.${status}` names every key under 'pairs.status.'). The i18n tests read
// code with it: the first screens' strings come with their code, and every string is used.

/** Keys-looking literals in `source` (check them against the strings), and prefixes of built keys. */
export function keysNamedIn(source: string): { named: string[]; builtPrefixes: string[] } {
  return {
    named: [...source.matchAll(/['"`]([a-zA-Z]+(?:\.[a-zA-Z0-9-]+)+)['"`]/g)].map((m) => m[1] as string),
    builtPrefixes: [...source.matchAll(/`([a-zA-Z]+(?:\.[a-zA-Z0-9-]+)*\.)\$\{/g)].map((m) => m[1] as string),
  };
}
