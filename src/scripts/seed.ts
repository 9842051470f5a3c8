import 'reflect-metadata';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { validateEnvironment } from '../config/environment';
import { openDatabase } from '../database/database-url';
import { SeedRejectedError } from '../database/seed/seed-data';
import { seedDatabase } from '../database/seed/seeder';
import { buildTypeOrmOptions } from '../database/typeorm.options';

/**
 * Loads the bundled dataset (or the folder given as the first argument) into
 * DATABASE_URL, or into the project's embedded PostgreSQL when it is unset:
 * an empty database is seeded, one holding this or an older release gets the
 * release applied (README "Upgrading the data"), never undoing an editor's change.
 * Applies pending migrations first. Re-running it changes nothing.
 * Exit code 1 when a row is rejected or the database holds a newer release
 * (nothing is written then).
 *   npm run seed [-- <data folder>]
 */
async function main(): Promise<number> {
  const dataDir = process.argv[2] ? resolve(process.argv[2]) : undefined;
  const env = validateEnvironment(process.env);
  const db = await openDatabase(env, { log: console.log });
  const dataSource = new DataSource(buildTypeOrmOptions({ url: db.url, statementTimeoutMs: 600000, poolSize: 2 }));
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0)
      console.log(`Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
    await seedDatabase(dataSource, { dataDir, log: console.log });
    return 0;
  } catch (error) {
    // The rejected rows were printed by the seed's log.
    if (error instanceof SeedRejectedError) return 1;
    throw error;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
