import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { AuthenticatedKey } from '../api-keys/api-keys.service';
import { CurrentKey, Roles } from '../api-keys/roles.decorator';
import { OptionalReasonQueryDto } from '../common/writes/reason.dto';
import { ApiJsonOrCsvResponse } from '../common/api-json-or-csv-response.decorator';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { ListAnswer, ListOf } from '../common/list/list.decorator';
import { SourceDetailDto, SourceDto, SourceListDto } from './dto/source-response.dto';
import { SourceIdParamDto, SourcesQueryDto } from './dto/sources-query.dto';
import { SOURCE_CSV_COLUMNS } from './sources.mapper';
import { CreateSourceDto, UpdateSourceDto } from './dto/source-write.dto';
import { SourceWritesService } from './source-writes.service';
import { SourcesService } from './sources.service';

@ApiTags('sources')
@Controller('sources')
export class SourcesController {
  constructor(
    private readonly sources: SourcesService,
    private readonly writes: SourceWritesService,
  ) {}

  /** Lists the published pages the data cites, with their publisher's tier and how many figures cite each. */
  @Get()
  @ApiOperation({ operationId: 'listSources', summary: 'List sources' })
  @ApiJsonOrCsvResponse(SourceListDto)
  @ApiProblemResponses(400)
  @ListOf({ name: 'sources', csvColumns: SOURCE_CSV_COLUMNS })
  async list(@Query() query: SourcesQueryDto): Promise<ListAnswer<SourceDto>> {
    const prepared = await this.sources.prepareList(query);
    return { query, fetch: (limit, offset) => this.sources.list(prepared, limit, offset) };
  }

  /** One source with the operations it is cited for. */
  @Get(':id')
  @ApiOperation({ operationId: 'getSource', summary: 'Get one source' })
  @ApiOkResponse({ type: SourceDetailDto })
  @ApiProblemResponses(400, 404)
  get(@Param() { id }: SourceIdParamDto): Promise<SourceDetailDto> {
    return this.sources.get(id);
  }

  /**
   * Adds a published page. A publisher not listed yet needs its `tier`. A URL already recorded is a 409 naming
   * the source. Send `Idempotency-Key` to retry safely.
   */
  @Post()
  @ApiOperation({ operationId: 'createSource', summary: 'Add a source' })
  @Roles('editor')
  @ApiCreatedResponse({ type: SourceDetailDto })
  @ApiProblemResponses(400, 401, 403, 409, 422)
  async create(
    @Body() body: CreateSourceDto,
    @CurrentKey() key: AuthenticatedKey,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SourceDetailDto> {
    const source = await this.writes.create(body, key.name);
    void reply.header('Location', source.href);
    return source;
  }

  /**
   * Corrects a source's URL, publisher or date. The publisher's tier and the date rank conflicting reports, so
   * the preferred figures and the statistics of the figures citing it are updated in the same transaction.
   */
  @Patch(':id')
  @ApiOperation({ operationId: 'updateSource', summary: 'Correct a source' })
  @Roles('editor')
  @ApiOkResponse({ type: SourceDetailDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  update(
    @Param() { id }: SourceIdParamDto,
    @Body() body: UpdateSourceDto,
    @CurrentKey() key: AuthenticatedKey,
  ): Promise<SourceDetailDto> {
    return this.writes.update(id, body, key.name);
  }

  /** Deletes a source that nothing cites (409 otherwise, naming the citations); `?reason=` is optional. */
  @Delete(':id')
  @ApiOperation({ operationId: 'deleteSource', summary: 'Delete a source' })
  @Roles('editor')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async remove(
    @Param() { id }: SourceIdParamDto,
    @Query() { reason }: OptionalReasonQueryDto,
    @CurrentKey() key: AuthenticatedKey,
  ): Promise<void> {
    await this.writes.remove(id, reason, key.name);
  }
}
