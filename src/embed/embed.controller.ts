import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { CodeParamDto } from '../common/code-param.dto';
import { NegotiatedLang, sayLanguage } from '../i18n/language.decorator';
import { NegotiatedLanguage } from '../i18n/negotiate';
import { OperationCardQueryDto, SummaryCardQueryDto, TimeseriesChartQueryDto } from './dto/embed-query.dto';
import { embedScript } from './embed-script';
import { EmbedService } from './embed.service';

const SVG_TYPE = 'image/svg+xml; charset=utf-8';
const SCRIPT_TYPE = 'text/javascript; charset=utf-8';
/** An SVG card loads nothing, runs nothing, and may be framed by any page. */
const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *";

const svgResponse = (description: string) =>
  ApiOkResponse({ description, content: { 'image/svg+xml': { schema: { type: 'string', format: 'binary' } } } });

/**
 * Another site's page may show these: no `X-Frame-Options`, a resource policy
 * open to every origin (CORS is already open for reads), and for the SVGs a
 * policy of their own instead of the API's.
 */
function allowEmbedding(reply: FastifyReply, csp?: string): void {
  // helmet writes its headers on the raw response, so they are removed there.
  reply.raw.removeHeader('X-Frame-Options');
  void reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
  if (csp) void reply.header('Content-Security-Policy', csp);
}

@ApiTags('embed')
@Controller()
export class EmbedController {
  private readonly embedJs = embedScript();

  constructor(private readonly embed: EmbedService) {}

  @Get('embed/summary.svg')
  @ApiOperation({
    operationId: 'getSummaryCard',
    summary: 'Headline figures as an SVG card',
    description:
      'Operations, countries (the most a source states for one operation, else those listed by name as taking part, else those ' +
      'named as participants or with figures, labelled as such), arrests and seizure value in US dollars, as in /v1/stats/summary ' +
      'for the same filters, with their qualifiers ("at least" for lower bounds, sums of parts and partial money sums, rounded down; ' +
      '"about"; "up to"), what a sum of parts was summed from, the source and the as-of date. ' +
      '600 × 360, accessible (title and description in words). In English, French, Spanish or Arabic (`lang`, else `Accept-Language`; ' +
      'Arabic is drawn right to left); the numbers are the same in every language.',
  })
  @ApiProduces('image/svg+xml')
  @svgResponse('The card.')
  @ApiProblemResponses(400)
  async summary(
    @Query() { lang: _lang, ...filters }: SummaryCardQueryDto,
    @NegotiatedLang() language: NegotiatedLanguage,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return this.svg(reply, language, async () => (await this.embed.summaryCard(filters, language.language)).svg);
  }

  @Get('embed/operations/:code.svg')
  @ApiOperation({
    operationId: 'getOperationCard',
    summary: 'One operation as an SVG card',
    description:
      'Name, dates, region, up to four operation-wide totals as reported (preferred figures, with their qualifiers), ' +
      'their publishers, the source and the as-of date. 600 × 360. In English, French, Spanish or Arabic (`lang`, else `Accept-Language`); ' +
      'the operation keeps its published name.',
  })
  @ApiProduces('image/svg+xml')
  @svgResponse('The card.')
  @ApiProblemResponses(400, 404)
  async operation(
    @Param() { code }: CodeParamDto,
    @Query() _query: OperationCardQueryDto,
    @NegotiatedLang() language: NegotiatedLanguage,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return this.svg(reply, language, () => this.embed.operationCard(code, language.language));
  }

  @Get('embed/timeseries.svg')
  @ApiOperation({
    operationId: 'getTimeseriesChart',
    summary: 'A metric over time as an SVG bar chart',
    description:
      'One bar per year (or edition) from /v1/stats/timeseries with the same parameters; years without a figure are gaps, not 0. ' +
      'A bar summed from parts (no total reported) is hatched, marked "*" and footnoted with what it was summed from; partial money sums ' +
      'are marked too. Axis labels with units, a title, the source and the as-of date. 640 × 400. ' +
      'In English, French, Spanish or Arabic (`lang`, else `Accept-Language`; Arabic is drawn right to left, the first year at the right).',
  })
  @ApiProduces('image/svg+xml')
  @svgResponse('The chart.')
  @ApiProblemResponses(400)
  async timeseries(
    @Query() { lang: _lang, ...query }: TimeseriesChartQueryDto,
    @NegotiatedLang() language: NegotiatedLanguage,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return this.svg(reply, language, () => this.embed.timeseriesChart(query, language.language));
  }

  /** Served at /embed.js, outside /v1 (see app.setup.ts). */
  @Get('embed.js')
  @ApiOperation({
    operationId: 'getEmbedScript',
    summary: 'Script that places a live card on any page',
    description:
      'One line of HTML: a `script` element with `src="https://HOST/embed.js"`, `data-card="summary"`, `data-series="pangea"` and ' +
      '`async` inserts an image of /v1/embed/summary.svg?series=pangea from the same host, with the figures in words as alt text ' +
      '(the README shows the element). ' +
      '`data-card`: `summary`, `operation` (with `data-code`) or `timeseries` (with `data-metric`); filters as `data-series`, `data-year-from`, …; ' +
      "`data-lang` (`en`, `fr`, `es`, `ar`) sets the language, else the page's own `lang` when supported, else the reader's browser decides.",
  })
  @ApiProduces('text/javascript')
  @ApiOkResponse({ description: 'The script.', content: { 'text/javascript': { schema: { type: 'string' } } } })
  script(@Res({ passthrough: true }) reply: FastifyReply): string {
    allowEmbedding(reply);
    void reply.header('Content-Type', SCRIPT_TYPE);
    return this.embedJs;
  }

  /**
   * An SVG answer in its language; repeats while the data is unchanged come from the response cache
   * (CachedResponses, keyed by the language too where `Accept-Language` chose it).
   */
  private async svg(
    reply: FastifyReply,
    language: NegotiatedLanguage,
    produce: () => Promise<string>,
  ): Promise<string> {
    const body = await produce();
    allowEmbedding(reply, SVG_CSP);
    sayLanguage(reply, language);
    void reply.header('Content-Type', SVG_TYPE);
    return body;
  }
}
