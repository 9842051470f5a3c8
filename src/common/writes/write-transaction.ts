import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DataVersion } from '../data-version';
import { lockWrites } from './change-log';

/**
 * One write, all or nothing: `work` runs in a single transaction that first
 * takes the write lock; after the commit the data version moves, so cached
 * responses, entity tags and statistics are recomputed. A failure rolls back
 * everything `work` did and leaves the version alone.
 */
@Injectable()
export class WriteTransaction {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dataVersion: DataVersion,
  ) {}

  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(async (manager) => {
      await lockWrites(manager);
      return work(manager);
    });
    await this.dataVersion.bump();
    return result;
  }
}
