import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { StatsModule } from '../stats/stats.module';
import { EmbedController } from './embed.controller';
import { EmbedService } from './embed.service';

/** SVG cards and charts of the statistics, and the script that places them on other sites. */
@Module({
  imports: [StatsModule, OperationsModule],
  controllers: [EmbedController],
  providers: [EmbedService],
  exports: [EmbedService],
})
export class EmbedModule {}
