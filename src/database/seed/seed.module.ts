import { Module } from '@nestjs/common';
import { SeedService } from './seed.service';

/** Seeding of the bundled dataset (start-up seeding when SEED_ON_START is true). */
@Module({
  providers: [SeedService],
  exports: [SeedService],
})
export class SeedModule {}
