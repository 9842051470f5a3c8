import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ApiJsonOrCsvResponse } from '../common/api-json-or-csv-response.decorator';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { appendLink } from '../common/deprecation';
import { csvFilename, linkHeader } from '../common/list/list-response';
import { CachedResponses } from '../common/response-cache';
import {
  ArrestStatsQueryDto,
  OutcomeStatsQueryDto,
  SeizureStatsQueryDto,
  StatsFiltersDto,
  TimeseriesQueryDto,
} from './dto/stats-query.dto';
import {
  ArrestStatsDto,
  OutcomeStatsDto,
  SeizureStatsDto,
  StatsMetaDto,
  SummaryDto,
  TimeseriesDto,
} from './dto/stats-response.dto';
import { groupedStatsCsv, summaryCsv, timeseriesCsv } from './stats.csv';
import { StatsService } from './stats.service';

const COUNTING_RULES =
  'Only preferred figures count. Each operation counts once per kind and unit: its own total (no category, or `role: total`), ' +
  'else the sum of its figures that are not parts, else of its country figures; such sums are `derived` lower bounds ' +
  '(`derivedFrom` says from what). Qualifiers travel (`lowerBound`, `approximate`, `upperBound`); units are never mixed; ' +
  'money is converted to USD with the annual rate of the operation year, unconverted values are counted, never 0 (`partial`). ' +
  'Each row links its figures (`figuresHref`) and sources. Full rules: README "Counting rules".';

const RANKING =
  'Rows can be sorted (`sort`, on a group key or a measure, `-` for descending; rows without a value last) and paged ' +
  '(`limit`, `offset`, after grouping; `meta.total` counts every row, and with `limit` a `Link` header gives the other pages), ' +
  'in JSON and CSV alike.';

@ApiTags('stats')
@Controller('stats')
export class StatsController {
  constructor(
    private readonly stats: StatsService,
    private readonly cache: CachedResponses,
  ) {}

  @Get('summary')
  @ApiOperation({
    operationId: 'getStatsSummary',
    summary: 'Headline figures',
    description: `Numbers of operations and countries, arrests, seizure value in USD and seized quantities. ${COUNTING_RULES}`,
  })
  @ApiJsonOrCsvResponse(SummaryDto)
  @ApiProblemResponses(400)
  async summary(
    @Query() query: StatsFiltersDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.send(request, reply, 'stats-summary', async () => {
      const summary = await this.stats.summary(query);
      return { json: summary, csv: () => summaryCsv(summary) };
    });
  }

  @Get('seizures')
  @ApiOperation({
    operationId: 'getStatsSeizures',
    summary: 'Seizure statistics',
    description: `Seizure values (in their currency and in USD) and quantities, grouped. ${RANKING} ${COUNTING_RULES}`,
  })
  @ApiJsonOrCsvResponse(SeizureStatsDto)
  @ApiProblemResponses(400)
  async seizures(
    @Query() query: SeizureStatsQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.send(request, reply, 'stats-seizures', async () => {
      const result = await this.stats.seizures(query);
      // The money columns even on an empty page.
      return { json: result, csv: () => groupedStatsCsv(result.meta.groupBy, result.data, true), meta: result.meta };
    });
  }

  @Get('arrests')
  @ApiOperation({
    operationId: 'getStatsArrests',
    summary: 'Arrest statistics',
    description: `Arrests and persons under investigation (kept apart), grouped. ${RANKING} ${COUNTING_RULES}`,
  })
  @ApiJsonOrCsvResponse(ArrestStatsDto)
  @ApiProblemResponses(400)
  async arrests(
    @Query() query: ArrestStatsQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.send(request, reply, 'stats-arrests', async () => {
      const result = await this.stats.arrests(query);
      return { json: result, csv: () => groupedStatsCsv(result.meta.groupBy, result.data), meta: result.meta };
    });
  }

  @Get('outcomes')
  @ApiOperation({
    operationId: 'getStatsOutcomes',
    summary: 'Outcome statistics',
    description: `Websites shut down, packages inspected, raids and other outcomes, per kind and unit, grouped. ${RANKING} ${COUNTING_RULES}`,
  })
  @ApiJsonOrCsvResponse(OutcomeStatsDto)
  @ApiProblemResponses(400)
  async outcomes(
    @Query() query: OutcomeStatsQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.send(request, reply, 'stats-outcomes', async () => {
      const result = await this.stats.outcomes(query);
      return { json: result, csv: () => groupedStatsCsv(result.meta.groupBy, result.data), meta: result.meta };
    });
  }

  @Get('timeseries')
  @ApiOperation({
    operationId: 'getStatsTimeseries',
    summary: 'A metric over time',
    description: `One point per year (gaps are null, not 0) or per edition. ${COUNTING_RULES}`,
  })
  @ApiJsonOrCsvResponse(TimeseriesDto)
  @ApiProblemResponses(400)
  async timeseries(
    @Query() query: TimeseriesQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.send(request, reply, 'stats-timeseries', async () => {
      const series = await this.stats.timeseries(query);
      return { json: series, csv: () => timeseriesCsv(series) };
    });
  }

  /** Serialises the answer once per data version; repeats are served from the cache (see CachedResponses). */
  private send(
    request: FastifyRequest,
    reply: FastifyReply,
    name: string,
    produce: () => Promise<{ json: unknown; csv: () => string; meta?: StatsMetaDto }>,
  ): Promise<void> {
    return this.cache.respond(request, reply, async (csv) => {
      const result = await produce();
      // A page of a ranking links the other pages, as the lists do.
      const link =
        !csv && result.meta?.limit
          ? linkHeader(request, result.meta.limit, result.meta.offset, result.meta.total)
          : undefined;
      if (link) appendLink(reply, link);
      return csv
        ? {
            body: result.csv(),
            contentType: 'text/csv; charset=utf-8',
            contentDisposition: `attachment; filename="${csvFilename(name, request)}"`,
          }
        : { body: JSON.stringify(result.json), contentType: 'application/json; charset=utf-8' };
    });
  }
}
