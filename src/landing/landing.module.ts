import { Module } from '@nestjs/common';
import { EmbedModule } from '../embed/embed.module';
import { LandingController } from './landing.controller';
import { LandingService } from './landing.service';

/** The HTML page at `/`. */
@Module({
  imports: [EmbedModule],
  controllers: [LandingController],
  providers: [LandingService],
})
export class LandingModule {}
