import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DataVersion } from '../../common/data-version';
import { Environment } from '../../config/environment';
import { SeedOptions, SeedOutcome, seedDatabase } from './seeder';

/**
 * Loads the bundled dataset: at start-up into an empty database, or as an upgrade of a database holding an
 * older release; on demand (`npm run seed`) whatever the database holds.
 */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly env: Environment,
    private readonly dataVersion: DataVersion,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.SEED_ON_START) await this.seedOrUpgrade();
  }

  /** Seeds an empty database, applies the bundled release to one holding an older release; a no-op otherwise. */
  async seedOrUpgrade(options: Omit<SeedOptions, 'onlyIfEmpty' | 'onlyIfNewer' | 'log'> = {}): Promise<SeedOutcome> {
    const outcome = await this.run({ ...options, onlyIfNewer: true });
    if (!outcome.seeded) this.logger.log(`seed: skipped: ${outcome.reason}`);
    return outcome;
  }

  /** Seeds when the operations table is empty; a no-op otherwise. */
  async seedIfEmpty(options: Omit<SeedOptions, 'onlyIfEmpty' | 'onlyIfNewer' | 'log'> = {}): Promise<SeedOutcome> {
    const outcome = await this.run({ ...options, onlyIfEmpty: true });
    if (!outcome.seeded) this.logger.log(`seed: skipped: ${outcome.reason}`);
    return outcome;
  }

  /**
   * Applies the bundled release (or the folder's) whatever release the database holds, unless it is newer:
   * missing rows inserted, changed ones updated, figures gone retired; equal rows are left alone.
   */
  seed(options: Omit<SeedOptions, 'onlyIfEmpty' | 'onlyIfNewer' | 'log'> = {}): Promise<SeedOutcome> {
    return this.run(options);
  }

  private async run(options: SeedOptions): Promise<SeedOutcome> {
    try {
      const outcome = await seedDatabase(this.dataSource, { ...options, log: (line) => this.logger.log(line) });
      if (outcome.seeded) await this.dataVersion.bump();
      return outcome;
    } catch (error) {
      this.logger.error(`seed failed: ${(error as Error).message}`);
      throw error;
    }
  }
}
