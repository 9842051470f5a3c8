import { Module } from '@nestjs/common';
import { ChangesController } from './changes.controller';
import { ChangesService } from './changes.service';

/**
 * The change feed (GET /v1/changes). Entries are written inside each write by
 * `recordChange` (common/writes/change-log.ts).
 */
@Module({
  controllers: [ChangesController],
  providers: [ChangesService],
})
export class ChangesModule {}
