import { Module } from '@nestjs/common';
import { ArrestsController, OutcomesController, SeizuresController } from './figures.controller';
import { FigureWritesService } from './figure-writes.service';
import { FiguresService } from './figures.service';

/** Seizures, arrests and outcomes: three resources over the one `figures` table, read and written. */
@Module({
  controllers: [SeizuresController, ArrestsController, OutcomesController],
  providers: [FiguresService, FigureWritesService],
  exports: [FiguresService, FigureWritesService],
})
export class FiguresModule {}
