import { Module } from '@nestjs/common';
import { OperationWritesService } from './operation-writes.service';
import { OperationsController } from './operations.controller';
import { OperationsService } from './operations.service';

@Module({
  controllers: [OperationsController],
  providers: [OperationsService, OperationWritesService],
  exports: [OperationsService],
})
export class OperationsModule {}
