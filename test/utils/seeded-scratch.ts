import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApiKey } from '../../src/api-keys/api-keys.service';
import { SeedService } from '../../src/database/seed/seed.service';
import { createAppOn, createScratchDatabase, ScratchDatabase } from './scratch-database';

/** An app on a private database holding the real dataset, with an admin key made as `npm run apikey:create` does. */
export interface SeededScratchApp {
  app: NestFastifyApplication;
  server: ReturnType<NestFastifyApplication['getHttpServer']>;
  dataSource: DataSource;
  /** The private database's URL, for a second application or a connection of its own. */
  url: string;
  /** A key of the admin role, named `test admin`. */
  adminKey: string;
  close(): Promise<void>;
}

/**
 * For specs that write: the shared e2e database is seeded once and other
 * specs assert exact counts on it, so writes go to a database of their own.
 */
export async function createSeededScratchApp(label: string): Promise<SeededScratchApp> {
  const database: ScratchDatabase = await createScratchDatabase(label);
  let app: NestFastifyApplication | undefined;
  try {
    app = await createAppOn(database.url);
    await app.get(SeedService).seed();
    const dataSource = app.get(DataSource);
    const admin = await dataSource.transaction((manager) =>
      createApiKey(manager, { name: 'test admin', role: 'admin', createdBy: 'cli' }),
    );
    const opened = app;
    return {
      app: opened,
      server: opened.getHttpServer(),
      dataSource,
      url: database.url,
      adminKey: admin.key,
      close: async () => {
        await opened.close();
        await database.drop();
      },
    };
  } catch (error) {
    await app?.close();
    await database.drop();
    throw error;
  }
}

/** `Authorization: Bearer <key>`. */
export function bearer(key: string): { Authorization: string } {
  return { Authorization: `Bearer ${key}` };
}
