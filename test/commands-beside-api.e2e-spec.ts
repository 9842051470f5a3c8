import { ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, runningServerOf } from '../src/database/embedded-postgres';

/**
 * The README's commands beside a running API. `npm start` holds the embedded PostgreSQL of its data folder;
 * `npm run apikey:create` (like `seed` and `migration:run`) then connects to that server, on the port its
 * postmaster.pid names, instead of starting a second one, and leaves it running. With the API stopped, the command
 * starts the server and stops it again. The built programs run as child processes, as the npm scripts run them
 * (dist/ is built first when stale, as `npm start` does), in a data folder and on ports of their own.
 */

const ROOT = join(__dirname, '..');
const BUILD_TIMEOUT_MS = 240_000;
const START_TIMEOUT_MS = 90_000;
const COMMAND_TIMEOUT_MS = 60_000;
const KEY = /^ora_[A-Za-z0-9_-]{43}$/;

interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <script> <args>` to its end (at most COMMAND_TIMEOUT_MS). */
function runNode(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<CommandResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [script, ...args],
      { cwd: ROOT, env, timeout: COMMAND_TIMEOUT_MS },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** Polls `check` every 250 ms until it returns true; fails after `timeoutMs` or as soon as `gone()` says it never will. */
async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  gone: () => string | undefined = () => undefined,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    const reason = gone();
    if (reason) throw new Error(`${what}: ${reason}`);
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((wake) => setTimeout(wake, 250));
  }
}

describe('README commands while the API runs on the embedded PostgreSQL (e2e)', () => {
  let dir: string;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let base: string;
  let api: ChildProcess | undefined;
  let apiOutput = '';
  let apiExit: string | undefined;

  const apikeyCreate = (role: string, name: string) =>
    runNode('dist/src/scripts/apikey.js', ['create', '--role', role, '--name', name], env);

  beforeAll(async () => {
    const build = spawnSync(process.execPath, ['src/scripts/ensure-build.cjs'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: BUILD_TIMEOUT_MS,
    });
    if (build.status !== 0)
      throw new Error(`The build failed (${build.status ?? build.signal}): ${build.stderr.slice(-2000)}`);

    dir = mkdtempSync(join(tmpdir(), 'operation-results-commands-'));
    // PostgreSQL runs as its own user when the tests run as root: it must be able to enter the folder.
    chmodSync(dir, 0o755);
    dataDir = join(dir, 'postgres');
    const [pgPort, apiPort] = [await findFreePort(), await findFreePort()];
    env = {
      ...process.env,
      EMBEDDED_PG_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      SEED_ON_START: 'false',
      LOG_LEVEL: 'warn',
    };
    // As `npm start` without DATABASE_URL: the embedded server of EMBEDDED_PG_DIR, not the test database.
    delete env.DATABASE_URL;
    delete env.TEST_DATABASE_URL;
    base = `http://127.0.0.1:${apiPort}`;

    api = spawn(process.execPath, ['dist/src/main.js'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    api.stdout!.on('data', (chunk: Buffer) => (apiOutput += chunk.toString()));
    api.stderr!.on('data', (chunk: Buffer) => (apiOutput += chunk.toString()));
    api.on('exit', (code, signal) => (apiExit = `the API exited (${code ?? signal}): ${apiOutput.slice(-1500)}`));
    await waitFor(
      'The API on the embedded PostgreSQL became ready',
      () =>
        fetch(`${base}/ready`).then(
          (r) => r.status === 200,
          () => false,
        ),
      START_TIMEOUT_MS,
      () => apiExit,
    );
  }, BUILD_TIMEOUT_MS + START_TIMEOUT_MS);

  afterAll(async () => {
    if (api && apiExit === undefined) {
      api.kill('SIGTERM');
      await waitFor('The API stopped', () => apiExit !== undefined, 30_000).catch(() => api?.kill('SIGKILL'));
    }
    // A server left behind by a failed test (its process id is in the data folder): stop it, then remove the folder.
    const left = dataDir ? runningServerOf(dataDir) : undefined;
    if (left) process.kill(left.pid, 'SIGTERM');
    if (left)
      await waitFor('The left-over PostgreSQL stopped', () => runningServerOf(dataDir) === undefined, 30_000).catch(
        () => undefined,
      );
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 90_000);

  it('apikey:create uses the running server and prints a key that the running API accepts for writes', async () => {
    const server = runningServerOf(dataDir);
    expect(server?.port).toBe(Number(env.EMBEDDED_PG_PORT));

    const created = await apikeyCreate('admin', 'Data desk admin');
    expect(created.stderr).toContain(
      `Using the embedded PostgreSQL that is already running (process ${server!.pid}, port ${server!.port}`,
    );
    expect(created.code).toBe(0);
    // The key alone on standard output, so that ADMIN=$(npm run -s apikey:create -- …) holds it.
    const admin = created.stdout.trim();
    expect(created.stdout).toBe(`${admin}\n`);
    expect(admin).toMatch(KEY);
    // The server is left running for the API.
    expect(runningServerOf(dataDir)).toEqual(server);

    const anonymous = await fetch(`${base}/v1/api-keys`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"name":"Jane Doe","role":"editor"}',
    });
    expect(anonymous.status).toBe(401);
    const editorKey = await fetch(`${base}/v1/api-keys`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Jane Doe', role: 'editor' }),
    });
    expect(editorKey.status).toBe(201);
    const editor = (await editorKey.json()) as { key: string; role: string };
    expect(editor).toMatchObject({ role: 'editor', key: expect.stringMatching(KEY) });

    const source = await fetch(`${base}/v1/sources`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${editor.key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        url: 'https://example.org/commands-beside-api/1',
        publisher: 'Commands Test Desk',
        publishedOn: '2024-01-02',
        tier: 'media',
      }),
    });
    expect(source.status).toBe(201);
    expect(await source.json()).toMatchObject({
      url: 'https://example.org/commands-beside-api/1',
      publisher: 'Commands Test Desk',
      tier: 'media',
    });
  });

  it('migration:run uses the running server too', async () => {
    const migrated = await runNode('dist/src/scripts/migration.js', ['run'], env);
    expect(migrated.stdout).toContain('Using the embedded PostgreSQL that is already running');
    expect(migrated.stdout).toContain('Applied 0 migration(s)');
    expect(migrated.code).toBe(0);
    expect(runningServerOf(dataDir)).toBeDefined();
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  });

  it('with the API stopped, apikey:create starts the server and stops it again', async () => {
    api!.kill('SIGTERM');
    await waitFor('The API stopped on SIGTERM', () => apiExit !== undefined, 30_000);
    expect(runningServerOf(dataDir)).toBeUndefined();

    const created = await apikeyCreate('editor', 'Night editor');
    expect(created.stderr).not.toContain('already running');
    expect(created.code).toBe(0);
    expect(created.stdout.trim()).toMatch(KEY);
    expect(runningServerOf(dataDir)).toBeUndefined();
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
  });
});
