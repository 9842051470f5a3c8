import { Module } from '@nestjs/common';
import { ArrestsController, OutcomesController, SeizuresController } from './figures.controller';
import { FiguresService } from './figures.service';

/** Seizures, arrests and outcomes: three resources over the one `figures` table. */
@Module({
  controllers: [SeizuresController, ArrestsController, OutcomesController],
  providers: [FiguresService],
  exports: [FiguresService],
})
export class FiguresModule {}
