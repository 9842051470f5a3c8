import { DataSource, EntityManager } from 'typeorm';
import { lockWrites } from '../../common/writes/change-log';
import { editorState, recordRelease, ReleaseReport, storedRelease } from './release-writer';
import { DEFAULT_SEED_DATA_DIR, loadSeedData, SeedData, SeedRejectedError } from './seed-data';
import { SeedLog, SeedReport, writeSeed } from './seed-writer';

export interface SeedOptions {
  /** Folder holding the CSV files; the bundled dataset by default. */
  dataDir?: string;
  /** Receives the progress and summary lines. */
  log?: SeedLog;
  /** Seed only when the operations table is empty. */
  onlyIfEmpty?: boolean;
  /** Start-up: seed an empty database, upgrade one holding an older release, leave any other alone. */
  onlyIfNewer?: boolean;
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

/** The upgrade report in one line, e.g. `seed: release 2 (database held release 1): 679 added, 81 corrected, …`. */
export function releaseLine(report: ReleaseReport): string {
  const held = report.previousRelease === null ? 'empty database' : `database held release ${report.previousRelease}`;
  const ids = report.leftAloneIds.length > 0 ? ` (figure ids ${report.leftAloneIds.join(', ')})` : '';
  const others = [
    report.operationsLeftAlone.length > 0
      ? `operations kept as editors left them: ${report.operationsLeftAlone.join(', ')}`
      : '',
    report.participationsLeftAlone.length > 0
      ? `participations kept as editors left them: ${report.participationsLeftAlone.join(', ')}`
      : '',
  ].filter(Boolean);
  return (
    `seed: release ${report.release} (${held}): ${report.added} added, ${report.corrected} corrected, ${report.retired} retired, ` +
    `${report.leftAlone} left as editors left them${ids}` +
    (others.length > 0 ? `; ${others.join('; ')}` : '')
  );
}

/**
 * Loads a data folder into the database behind `dataSource` (a plain TypeORM
 * DataSource: the Nest SeedService and the `npm run seed` script share it).
 * Every row is validated first; one bad row throws SeedRejectedError and
 * nothing is written. Everything else runs in one transaction: reference data
 * and catalogue files upserted, results.csv applied as a release (a full
 * snapshot compared by row identity, see release-writer.ts), the release
 * recorded in `dataset_releases` when anything changed.
 */
export async function seedDatabase(dataSource: DataSource, options: SeedOptions = {}): Promise<SeedOutcome> {
  const log = options.log ?? (() => undefined);
  const skipped = (reason = 'the database already holds operations'): SeedOutcome => ({ seeded: false, reason });
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
  if (options.onlyIfNewer) {
    const held = await storedRelease(dataSource.manager);
    if (held !== null && held >= data.release) return skipped(`the database already holds release ${held}`);
  }
  for (const note of data.reference.notes) log(`seed: note: ${note}`);

  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK_KEY]);
    // The release writes revisions and change-feed entries: serialised with the API's writes.
    await lockWrites(manager);
    if (options.onlyIfEmpty && (await hasOperations(manager))) return skipped();
    const previousRelease = await storedRelease(manager);
    if (options.onlyIfNewer && previousRelease !== null && previousRelease >= data.release) {
      return skipped(`the database already holds release ${previousRelease}`);
    }
    if (previousRelease !== null && previousRelease > data.release) {
      throw new Error(
        `seed refused: the database holds release ${previousRelease}, newer than release ${data.release} of ${data.dir}; nothing written`,
      );
    }
    const report = await writeSeed(manager, data, log, {
      previousRelease,
      editors: await editorState(manager, data.release),
    });
    const release = report.release;
    const changed =
      release.added +
        release.corrected +
        release.retired +
        release.leftAlone +
        release.operationsLeftAlone.length +
        release.participationsLeftAlone.length >
      0;
    // Recorded when the database moves to this release, or when re-applying it changed anything.
    if (previousRelease !== data.release || changed) await recordRelease(manager, release);
    log(releaseLine(release));
    log(summaryLine(report));
    return { seeded: true, report };
  });
}
