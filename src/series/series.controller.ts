import { Controller, Get, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ApiJsonOrCsvResponse } from '../common/api-json-or-csv-response.decorator';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { CodeParamDto } from '../common/code-param.dto';
import { ListBody, respondWithList } from '../common/list/list-response';
import { SeriesQueryDto } from './dto/series-query.dto';
import { SeriesDetailDto, SeriesDto, SeriesListDto } from './dto/series-response.dto';
import { SERIES_CSV_COLUMNS } from './series.mapper';
import { SeriesService } from './series.service';

@ApiTags('series')
@Controller('series')
export class SeriesController {
  constructor(private readonly series: SeriesService) {}

  /** Lists the operation series (Pangea, Opson, …) with their number of editions and years. */
  @Get()
  @ApiOperation({ operationId: 'listSeries', summary: 'List operation series' })
  @ApiJsonOrCsvResponse(SeriesListDto)
  @ApiProblemResponses(400)
  list(
    @Query() query: SeriesQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ListBody<SeriesDto> | StreamableFile> {
    return respondWithList(request, reply, query, {
      name: 'series',
      fetch: (limit, offset) => this.series.list(query.sort, limit, offset),
      csvColumns: SERIES_CSV_COLUMNS,
    });
  }

  /** One series with its editions, oldest first. */
  @Get(':code')
  @ApiOperation({ operationId: 'getSeries', summary: 'Get one series' })
  @ApiOkResponse({ type: SeriesDetailDto })
  @ApiProblemResponses(400, 404)
  get(@Param() { code }: CodeParamDto): Promise<SeriesDetailDto> {
    return this.series.get(code);
  }
}
