import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createTestApp } from './app';
import { createAppOn, createScratchDatabase, ScratchDatabase } from './scratch-database';
import { createSeededScratchApp } from './seeded-scratch';

export type TestServer = ReturnType<NestFastifyApplication['getHttpServer']>;

/** What an e2e spec talks to; `close` shuts the app and drops the database the spec had of its own. */
export interface TestApp {
  app: NestFastifyApplication;
  server: TestServer;
  dataSource: DataSource;
  /** The database's URL (for a second application or a connection of its own). */
  url: string;
  close(): Promise<void>;
}

/**
 * Where the spec's data lives:
 * - `shared` (the default): the e2e database that the global set-up seeded once. For specs that only read: other
 *   specs assert exact counts on it.
 * - `scratch`: a database of its own, migrated and empty, for a spec that writes its own fixture rows.
 * - `seeded`: a database of its own holding the bundled dataset, for a spec that writes through the API.
 */
export type TestDatabase = { database?: 'shared' } | { database: 'scratch' | 'seeded'; label: string };

/**
 * The one set-up of the e2e specs: boots the real application (every response checked against the committed
 * OpenAPI document) on the database the spec needs. Call it in `beforeAll`, and `close()` in `afterAll`.
 */
export async function openTestApp(options: TestDatabase = {}): Promise<TestApp> {
  if (options.database === 'seeded') return createSeededScratchApp(options.label);
  let database: ScratchDatabase | undefined;
  let app: NestFastifyApplication | undefined;
  try {
    if (options.database === 'scratch') database = await createScratchDatabase(options.label);
    app = database ? await createAppOn(database.url) : await createTestApp();
    const opened = app;
    const scratch = database;
    return {
      app: opened,
      server: opened.getHttpServer(),
      dataSource: opened.get(DataSource),
      url: scratch?.url ?? process.env.DATABASE_URL ?? '',
      close: async () => {
        await opened.close();
        await scratch?.drop();
      },
    };
  } catch (error) {
    await app?.close();
    await database?.drop();
    throw error;
  }
}
