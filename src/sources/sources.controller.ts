import { Controller, Get, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { ListBody, respondWithList } from '../common/list/list-response';
import { SourceDetailDto, SourceDto, SourceListDto } from './dto/source-response.dto';
import { SourceIdParamDto, SourcesQueryDto } from './dto/sources-query.dto';
import { SOURCE_CSV_COLUMNS } from './sources.mapper';
import { SourcesService } from './sources.service';

@ApiTags('sources')
@Controller('sources')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  /** Lists the published pages the data cites, with their publisher's tier and how many figures cite each. */
  @Get()
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SourceListDto })
  @ApiProblemResponses(400)
  async list(
    @Query() query: SourcesQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ListBody<SourceDto> | StreamableFile> {
    const prepared = await this.sources.prepareList(query);
    return respondWithList(request, reply, query, {
      name: 'sources',
      fetch: (limit, offset) => this.sources.list(prepared, limit, offset),
      csvColumns: SOURCE_CSV_COLUMNS,
    });
  }

  /** One source with the operations it is cited for. */
  @Get(':id')
  @ApiOkResponse({ type: SourceDetailDto })
  @ApiProblemResponses(400, 404)
  get(@Param() { id }: SourceIdParamDto): Promise<SourceDetailDto> {
    return this.sources.get(id);
  }
}
