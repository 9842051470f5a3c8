import { mkdtemp, rm, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Environment } from '../config/environment';
import { connectOrStartEmbeddedPostgres, findFreePort, startEmbeddedPostgres } from './embedded-postgres';

export const EMBEDDED_DATABASE_NAME = 'operation_results';

export interface DatabaseHandle {
  url: string;
  close(): Promise<void>;
}

/**
 * The database a command-line script works on: DATABASE_URL when set, else the
 * project's embedded server (or, when `ephemeral`, a throw-away one in a temporary folder).
 * The project's server is used as it is when it already runs (`npm start` holds it) and
 * started and stopped again around the command when it does not.
 */
export async function openDatabase(
  env: Environment,
  options: { ephemeral?: boolean; log?: (m: string) => void } = {},
): Promise<DatabaseHandle> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, close: () => Promise.resolve() };
  if (!options.ephemeral) {
    const server = await connectOrStartEmbeddedPostgres({
      dataDir: env.EMBEDDED_PG_DIR,
      port: env.EMBEDDED_PG_PORT,
      database: EMBEDDED_DATABASE_NAME,
      log: options.log,
    });
    return { url: server.url, close: () => server.stop() };
  }
  const dir = await mkdtemp(join(tmpdir(), 'operation-results-pg-'));
  await chmod(dir, 0o755);
  const server = await startEmbeddedPostgres({
    dataDir: join(dir, 'data'),
    port: await findFreePort(),
    database: EMBEDDED_DATABASE_NAME,
    ephemeral: true,
    log: options.log,
  });
  return {
    url: server.url,
    close: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
