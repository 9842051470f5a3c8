import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

/**
 * Dependencies point one way (README "Architecture"). The folders directly under src/ are the rooms
 * (`config`, `common`, `database`, `scripts` and one per feature); these rules hold over the import
 * statements of src/ (specs aside):
 * - no cycle between rooms: if a file of A imports a file of B, no file of B leads back to A;
 * - only `database/` and `scripts/` (and the composition root, src/*.ts) import the seeder, `database/seed/`;
 * - `@Global()` only for the configuration and the common module: a feature names what it uses in `imports:`.
 * One exception: an entity may import another feature's entity. Their relations mirror the foreign keys of
 * the schema, and TypeORM's inverse sides (`Series.operations`, `Operation.series`) point both ways by nature.
 */
const SRC = resolve(__dirname, '../src');

interface Edge {
  from: string;
  to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The relative module specifiers a file imports or re-exports (static, dynamic `import()` and `require`). */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers.filter((s) => s.startsWith('.'));
}

/** `src/figures/figure-store.ts` → `figures`; a file directly in src/ → null (the composition root). */
function roomOf(path: string): string | null {
  const parts = relative(SRC, path).split('/');
  return parts.length > 1 ? parts[0] : null;
}

const isEntity = (path: string) => path.includes('/entities/');
const show = (path: string) => relative(resolve(SRC, '..'), path);

const files = sourceFiles(SRC);
const edges: Edge[] = files.flatMap((from) =>
  importsOf(from).map((specifier) => ({ from, to: resolve(dirname(from), specifier) })),
);

/** Room → room → the file imports that make the dependency (the entity exception left out). */
function roomGraph(): Map<string, Map<string, Edge[]>> {
  const graph = new Map<string, Map<string, Edge[]>>();
  for (const edge of edges) {
    const a = roomOf(edge.from);
    const b = roomOf(edge.to);
    if (a === null || b === null || a === b || (isEntity(edge.from) && isEntity(edge.to))) continue;
    if (!graph.has(a)) graph.set(a, new Map());
    const targets = graph.get(a)!;
    if (!targets.has(b)) targets.set(b, []);
    targets.get(b)!.push(edge);
  }
  return graph;
}

/** Every elementary cycle's first occurrence, found by a depth-first search from each room (the graph is small). */
function cycles(graph: Map<string, Map<string, Edge[]>>): string[][] {
  const found = new Map<string, string[]>();
  const walk = (start: string, path: string[]) => {
    const last = path[path.length - 1];
    for (const next of graph.get(last)?.keys() ?? []) {
      if (next === start) {
        const key = [...path].sort().join(' ');
        if (!found.has(key)) found.set(key, [...path, start]);
      } else if (!path.includes(next) && next > start) {
        walk(start, [...path, next]);
      }
    }
  };
  for (const room of [...graph.keys()].sort()) walk(room, [room]);
  return [...found.values()];
}

describe('dependency rules (imports of src/)', () => {
  it('reads the imports it checks', () => {
    // A sanity check on the parser: the store imports the change log, the seed writer the store.
    const store = edges.filter((e) => show(e.from) === 'src/figures/figure-store.ts').map((e) => show(e.to));
    expect(store).toContain('src/common/writes/change-log');
    expect(
      edges.some(
        (e) => show(e.from) === 'src/database/seed/seed-writer.ts' && show(e.to) === 'src/figures/figure-store',
      ),
    ).toBe(true);
  });

  it('has no cycle between the folders of src/', () => {
    const graph = roomGraph();
    const described = cycles(graph).map((cycle) => {
      const steps = cycle.slice(0, -1).map((room, i) => {
        const via = graph.get(room)!.get(cycle[i + 1])!;
        const examples = via.slice(0, 3).map((e) => `      ${show(e.from)} imports ${show(e.to)}`);
        return [`  ${room} -> ${cycle[i + 1]} (${via.length} import(s)):`, ...examples].join('\n');
      });
      return [`cycle ${cycle.join(' -> ')}`, ...steps].join('\n');
    });
    if (described.length > 0) throw new Error(`Dependencies must point one way:\n${described.join('\n')}`);
  });

  it('keeps the seeder to database/ and scripts/', () => {
    const seeder = resolve(SRC, 'database/seed');
    const offending = edges
      .filter((e) => e.to.startsWith(`${seeder}/`) && !['database', 'scripts', null].includes(roomOf(e.from)))
      .map((e) => `${show(e.from)} imports ${show(e.to)}`);
    if (offending.length > 0)
      throw new Error(`Only database/ and scripts/ may import database/seed/:\n  ${offending.join('\n  ')}`);
  });

  it('makes only the configuration and the common module global', () => {
    const global = files
      .filter((f) => /@Global\(\)/.test(readFileSync(f, 'utf8')))
      .map(show)
      .sort();
    expect(global).toEqual(['src/common/common.module.ts', 'src/config/config.module.ts']);
  });
});
