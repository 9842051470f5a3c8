import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * The published client (clients/typescript/src) compiles however a partner's project resolves modules:
 * Node's ESM and CommonJS (`nodenext`, in a package with and without `"type": "module"`), the older
 * `node10` resolution and bundlers. Its files are copied below the project's node_modules, so that
 * `openapi-fetch` resolves as in a partner's project.
 */
describe('typed client compiles under every module resolution', () => {
  const root = join(__dirname, '..');
  const work = join(root, 'node_modules', '.cache', 'client-compile');

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.each([
    [
      'nodenext, ESM package',
      { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
      'module',
    ],
    [
      'nodenext, CommonJS package',
      { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
      'commonjs',
    ],
    ['node10', { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 }, 'commonjs'],
    ['bundler', { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }, 'module'],
  ] as const)('%s', (name, options, type) => {
    const dir = join(work, name.replace(/[^a-z0-9]+/gi, '-'));
    mkdirSync(dir, { recursive: true });
    cpSync(join(root, 'clients', 'typescript', 'src'), dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'partner', private: true, type }));
    const program = ts.createProgram([join(dir, 'index.ts')], {
      ...options,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });
});
