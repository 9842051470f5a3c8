import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { renderLandingPage } from './landing.page';
import { LandingService } from './landing.service';

/** The page at `/` (outside /v1, see app.setup.ts): what the API is, its data, and where to go next. */
@ApiExcludeController()
@Controller()
export class LandingController {
  constructor(private readonly landing: LandingService) {}

  /** Repeats while the data is unchanged come from the response cache (CachedResponses, keyed by host for this page). */
  @Get()
  async page(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const origin = `${request.protocol}://${request.host}`;
    const body = renderLandingPage(await this.landing.facts(origin));
    void reply.header('Content-Type', 'text/html; charset=utf-8');
    return body;
  }
}
