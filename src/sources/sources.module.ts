import { DynamicModule, Module, Type } from '@nestjs/common';
import { SourceWritesService } from './source-writes.service';
import { SourcesController } from './sources.controller';
import { SourcesService } from './sources.service';

@Module({
  controllers: [SourcesController],
  providers: [SourcesService, SourceWritesService],
  exports: [SourcesService],
})
export class SourcesModule {
  /** `citingFigures`: the module that provides and exports `CitingFigures` (the figures feature). */
  static register(citingFigures: Type): DynamicModule {
    return { module: SourcesModule, imports: [citingFigures] };
  }
}
