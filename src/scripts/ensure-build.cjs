#!/usr/bin/env node
// Builds dist/ with `nest build` when it is missing or older than the sources, so that
// `npm start` stays a single command and a warm start does not pay for a full compile.
// Everything it prints goes to standard error: `npm run -s apikey:create` prints only the key on standard output.
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..', '..');
const output = join(root, 'dist', 'src', 'main.js');
const inputs = ['src', 'migrations', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package-lock.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

const builtAt = existsSync(output) ? statSync(output).mtimeMs : 0;
const changedAt = Math.max(...inputs.map((p) => newestMtime(join(root, p))));
if (builtAt >= changedAt) process.exit(0);

console.error('Building the API (dist/ is missing or older than the sources)…');
const nest = join(root, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js');
const result = spawnSync(process.execPath, [nest, 'build'], { cwd: root, stdio: ['inherit', 2, 'inherit'] });
process.exit(result.status ?? 1);
