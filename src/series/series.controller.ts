import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiJsonOrCsvResponse } from '../common/api-json-or-csv-response.decorator';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { CodeParamDto } from '../common/code-param.dto';
import { ListAnswer, ListOf } from '../common/list/list.decorator';
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
  @ListOf({ name: 'series', csvColumns: SERIES_CSV_COLUMNS })
  list(@Query() query: SeriesQueryDto): ListAnswer<SeriesDto> {
    return { query, fetch: (limit, offset) => this.series.list(query.sort, limit, offset) };
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
