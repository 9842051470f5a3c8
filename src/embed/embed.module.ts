import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { StatsModule } from '../stats/stats.module';
import { EmbedController } from './embed.controller';
import { EmbedService } from './embed.service';
import { LandingController } from './landing.controller';
import { LandingService } from './landing.service';

/** SVG cards and charts of the statistics, the script that places them on other sites, and the page at `/`. */
@Module({
  imports: [StatsModule, OperationsModule],
  controllers: [EmbedController, LandingController],
  providers: [EmbedService, LandingService],
})
export class EmbedModule {}
