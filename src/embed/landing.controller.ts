import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { NegotiatedLang, sayLanguage } from '../i18n/language.decorator';
import { NegotiatedLanguage } from '../i18n/negotiate';
import { renderLandingPage } from './landing.page';
import { LandingService } from './landing.service';

/**
 * The page at `/` (outside /v1, see app.setup.ts): what the API is, its data, and where to go next, in the
 * language of `?lang=` (an unsupported one is a 400), else of `Accept-Language`, else English. Other query
 * parameters are ignored, as links shared on the web carry some.
 */
@ApiExcludeController()
@Controller()
export class LandingController {
  constructor(private readonly landing: LandingService) {}

  /** Repeats while the data is unchanged come from the response cache (CachedResponses, keyed by host and language for this page). */
  @Get()
  async page(
    @Req() request: FastifyRequest,
    @NegotiatedLang() language: NegotiatedLanguage,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const origin = `${request.protocol}://${request.host}`;
    const body = renderLandingPage({
      ...(await this.landing.facts(origin, language.language)),
      languageInUrl: language.source === 'query',
    });
    void reply.header('Content-Type', 'text/html; charset=utf-8');
    sayLanguage(reply, language);
    return body;
  }
}
