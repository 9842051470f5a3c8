import { Module } from '@nestjs/common';
import { SourceWritesService } from './source-writes.service';
import { SourcesController } from './sources.controller';
import { SourcesService } from './sources.service';

@Module({
  controllers: [SourcesController],
  providers: [SourcesService, SourceWritesService],
  exports: [SourcesService],
})
export class SourcesModule {}
