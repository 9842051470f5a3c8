import { Injectable, Module } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CitingFigures } from '../sources/citing-figures';
import { ArrestsController, OutcomesController, SeizuresController } from './figures.controller';
import { settleFiguresCiting } from './figure-store';
import { FigureWritesService } from './figure-writes.service';
import { FiguresService } from './figures.service';

/** A source's figures re-decided when its ranking changes (see sources/citing-figures.ts). */
@Injectable()
class FiguresCitingSource extends CitingFigures {
  resettle(manager: EntityManager, sourceId: number): Promise<void> {
    return settleFiguresCiting(manager, sourceId);
  }
}

/** Seizures, arrests and outcomes: three resources over the one `figures` table, read and written. */
@Module({
  controllers: [SeizuresController, ArrestsController, OutcomesController],
  providers: [FiguresService, FigureWritesService, { provide: CitingFigures, useClass: FiguresCitingSource }],
  exports: [FiguresService, CitingFigures],
})
export class FiguresModule {}
