// What a phone loads before its first screen: the shell and the home or enrolment screen, following
// static imports only (type-only imports load nothing; dynamic import() loads later). The schema library
// and the write path must not be among them: they load with the first write; nor the queries of the other
// screens (db/queries.ts): they come with those screens.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  for (const st of source.statements) {
    if (!ts.isImportDeclaration(st) && !ts.isExportDeclaration(st)) continue;
    if (!st.moduleSpecifier || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    if (ts.isImportDeclaration(st)) {
      const clause = st.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      const allTypes =
        clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length > 0
          ? named.elements.every((e) => e.isTypeOnly)
          : false;
      if (allTypes) continue;
    } else if (st.isTypeOnly) continue;
    found.push(st.moduleSpecifier.text);
  }
  return found;
}

/** Every module a start module loads eagerly: our files by path, packages by name. */
function eagerGraph(start: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of runtimeImports(file)) {
      if (!spec.startsWith('.')) {
        seen.add(spec);
        continue;
      }
      const base = resolve(dirname(file), spec);
      const target = ['.ts', '.tsx', '/index.ts'].map((e) => base + e).find(existsSync);
      if (target) visit(target);
    }
  };
  visit(resolve(root, start));
  return new Set([...seen].map((f) => (f.startsWith(root) ? relative(root, f) : f)));
}

describe('a phone’s first load', () => {
  for (const screen of [
    'src/client/screens/home/HomeScreen.tsx',
    'src/client/screens/enrol/EnrolScreen.tsx',
  ]) {
    it(`(shell + ${screen.split('/').at(-1)}) loads neither the schema library, the write path nor other screens' queries`, () => {
      const graph = new Set([...eagerGraph('src/client/main.tsx'), ...eagerGraph(screen)]);
      expect(graph.has('src/client/app/App.tsx')).toBe(true);
      expect(graph.has(screen)).toBe(true);
      const heavy = [...graph].filter(
        (m) =>
          m === 'valibot' ||
          m.startsWith('valibot/') ||
          m === 'src/domain/record-types.ts' ||
          m === 'src/domain/validate.ts' ||
          m === 'src/client/db/repository.ts' ||
          m === 'src/client/db/outbox.ts' ||
          m === 'src/client/db/sync-store.ts' ||
          m === 'src/client/db/queries.ts',
      );
      expect(heavy).toEqual([]);
    });
  }
});
