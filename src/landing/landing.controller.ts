import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { DataVersion } from '../common/data-version';
import { ResponseCache } from '../common/response-cache';
import { renderLandingPage } from './landing.page';
import { LandingService } from './landing.service';

/** The page at `/` (outside /v1, see app.setup.ts): what the API is, its data, and where to go next. */
@ApiExcludeController()
@Controller()
export class LandingController {
  private readonly cache = new ResponseCache(20);

  constructor(
    private readonly landing: LandingService,
    private readonly dataVersion: DataVersion,
  ) {}

  @Get()
  async page(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const origin = `${request.protocol}://${request.host}`;
    const version = this.dataVersion.current();
    let entry = this.cache.get(version, origin);
    if (!entry) entry = this.cache.set(version, origin, { body: renderLandingPage(await this.landing.facts(origin)), contentType: 'text/html; charset=utf-8' });
    void reply.header('Content-Type', entry.contentType).header('ETag', entry.etag);
    return entry.body;
  }
}
