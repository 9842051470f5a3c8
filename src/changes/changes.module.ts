import { Global, Module } from '@nestjs/common';
import { ChangesController } from './changes.controller';
import { ChangesService } from './changes.service';
import { WriteTransaction } from './write-transaction';

/**
 * The change feed (GET /v1/changes), and the transaction every write runs in.
 * Entries are written by `recordChange` inside each write.
 */
@Global()
@Module({
  controllers: [ChangesController],
  providers: [ChangesService, WriteTransaction],
  exports: [WriteTransaction],
})
export class ChangesModule {}
