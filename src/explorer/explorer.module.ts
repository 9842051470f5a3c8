import { Module } from '@nestjs/common';
import { CountriesModule } from '../countries/countries.module';
import { FiguresModule } from '../figures/figures.module';
import { OperationsModule } from '../operations/operations.module';
import { RegionsModule } from '../regions/regions.module';
import { SeriesModule } from '../series/series.module';
import { StatsModule } from '../stats/stats.module';
import { ExplorerRoutes } from './explorer.routes';
import { ExplorerService } from './explorer.service';

/** Server-rendered pages for people: the explorer and a page per operation, series and country. */
@Module({
  imports: [FiguresModule, StatsModule, OperationsModule, SeriesModule, CountriesModule, RegionsModule],
  providers: [ExplorerService, ExplorerRoutes],
})
export class ExplorerModule {}
