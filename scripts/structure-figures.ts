// Figures on the code's structure (issue 14): casts of record fields, imports between screen folders and
// the longest functions. Run: `npx tsx scripts/structure-figures.ts` (prints JSON-ish lines; no timing).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..');
const src = join(root, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const all = files(src);
const code = all.filter((f) => !/\.test\.tsx?$/.test(f));

// A cast of a record field: `String(x.fields.y)` / `String(fields.y)` or `fields.y as T` / `fields['y'] as T`.
const stringCast = /String\(\s*[\w.?]*\bfields\b/g;
const asCast = /\bfields(\??\.\w+|\[[^\]]+\])\s+as\s/g;
function count(list: string[], re: RegExp): number {
  return list.reduce((n, f) => n + (readFileSync(f, 'utf8').match(re)?.length ?? 0), 0);
}

// Imports from one screen folder into another (`screens/a/x.ts` importing `screens/b/y.ts`).
const screens = join(src, 'client', 'screens');
const sideways: string[] = [];
for (const file of all) {
  if (!file.startsWith(screens)) continue;
  const from = relative(screens, file).split('/')[0];
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/from\s+'(\.[^']+)'/g)) {
    const target = resolve(dirname(file), m[1] as string);
    if (!target.startsWith(screens)) continue;
    const to = relative(screens, target).split('/')[0];
    if (to !== from) sideways.push(`${relative(src, file)} → ${m[1]}`);
  }
}

// The longest functions (declarations, methods, and arrow/function expressions bound to a name).
type Fn = { name: string; file: string; lines: number };
const functions: Fn[] = [];
for (const file of code) {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line;
  const visit = (node: ts.Node) => {
    let name: string | undefined;
    if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name) {
      name = node.name.getText(source);
    } else if (
      (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) &&
      ts.isVariableDeclaration(node.parent)
    ) {
      name = node.parent.name.getText(source);
    }
    if (name) {
      const lines = lineOf(node.getEnd()) - lineOf(node.getStart(source)) + 1;
      functions.push({ name, file: relative(src, file), lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
functions.sort((a, b) => b.lines - a.lines);

console.log(
  `record-field casts (src, tests excluded): String(…fields…) ${count(code, stringCast)}, fields.x as … ${count(code, asCast)}`,
);
console.log(
  `record-field casts (src, tests included): String(…fields…) ${count(all, stringCast)}, fields.x as … ${count(all, asCast)}`,
);
console.log(`imports between screen folders: ${sideways.length}`);
for (const line of sideways) console.log(`  ${line}`);
console.log('longest functions:');
for (const f of functions.slice(0, 12)) console.log(`  ${f.lines} lines  ${f.name}  (${f.file})`);
