import { DataSource, EntityManager } from 'typeorm';
import { refreshFigureRollups } from '../../stats/figure-rollups';
import { DEFAULT_SEED_DATA_DIR, loadSeedData, SeedData, SeedRejectedError } from './seed-data';
import { SeedLog, SeedReport, writeSeed } from './seed-writer';

export interface SeedOptions {
  /** Folder holding the CSV files; the bundled dataset by default. */
  dataDir?: string;
  /** Receives the progress and summary lines. */
  log?: SeedLog;
  /** Seed only when the operations table is empty (start-up seeding). */
  onlyIfEmpty?: boolean;
}

export type SeedOutcome = { seeded: true; report: SeedReport } | { seeded: false; reason: string };

/** Serialises concurrent seeders (several instances starting at once) on one database. */
const SEED_LOCK_KEY = 'operation-results-api:seed';

async function hasOperations(manager: EntityManager): Promise<boolean> {
  const [row]: { found: boolean }[] = await manager.query('SELECT EXISTS (SELECT 1 FROM operations) AS found');
  return row.found;
}

export function summaryLine(report: SeedReport): string {
  return (
    `seed: done: ${report.rows} rows loaded: ${report.inserted} inserted, ${report.updated} updated, ` +
    `${report.unchanged} unchanged; ${report.rejected} rejected`
  );
}

/**
 * Loads a data folder into the database behind `dataSource` (a plain TypeORM
 * DataSource: the Nest SeedService and the `npm run seed` script share it).
 * Every row is validated first; one bad row throws SeedRejectedError and
 * nothing is written. Everything else runs in one transaction.
 */
export async function seedDatabase(dataSource: DataSource, options: SeedOptions = {}): Promise<SeedOutcome> {
  const log = options.log ?? (() => undefined);
  const skipped = (): SeedOutcome => ({ seeded: false, reason: 'the database already holds operations' });
  if (options.onlyIfEmpty && (await hasOperations(dataSource.manager))) return skipped();

  let data: SeedData;
  try {
    data = loadSeedData(options.dataDir ?? DEFAULT_SEED_DATA_DIR);
  } catch (error) {
    if (error instanceof SeedRejectedError) {
      log(`seed: refused: ${error.errors.length} row(s) rejected, nothing written`);
      for (const reason of error.errors) log(`seed: rejected: ${reason}`);
    }
    throw error;
  }
  for (const note of data.reference.notes) log(`seed: note: ${note}`);

  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK_KEY]);
    if (options.onlyIfEmpty && (await hasOperations(manager))) return skipped();
    const report = await writeSeed(manager, data, log);
    // The statistics read per-operation sums: rebuild them from the figures just written.
    await refreshFigureRollups(manager);
    log(summaryLine(report));
    return { seeded: true, report };
  });
}
