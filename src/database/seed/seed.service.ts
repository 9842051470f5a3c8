import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DataVersion } from '../../common/data-version';
import { Environment } from '../../config/environment';
import { SeedOptions, SeedOutcome, seedDatabase } from './seeder';

/** Loads the bundled dataset: at start-up into an empty database, or on demand. */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly env: Environment,
    private readonly dataVersion: DataVersion,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.SEED_ON_START) await this.seedIfEmpty();
  }

  /** Seeds when the operations table is empty; a no-op otherwise. */
  async seedIfEmpty(options: Omit<SeedOptions, 'onlyIfEmpty' | 'log'> = {}): Promise<SeedOutcome> {
    const outcome = await this.run({ ...options, onlyIfEmpty: true });
    if (!outcome.seeded) this.logger.log(`seed: skipped: ${outcome.reason}`);
    return outcome;
  }

  /** Inserts missing rows and updates changed ones; equal rows are left alone. */
  seed(options: Omit<SeedOptions, 'onlyIfEmpty' | 'log'> = {}): Promise<SeedOutcome> {
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
