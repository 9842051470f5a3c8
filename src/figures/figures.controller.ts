import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, OmitType } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { AuthenticatedKey } from '../api-keys/api-keys.service';
import { CurrentKey, Roles } from '../api-keys/roles.decorator';
import { RequiredReasonQueryDto } from '../common/writes/reason.dto';
import { ApiJsonOrCsvResponse } from '../common/api-json-or-csv-response.decorator';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { CsvColumn } from '../common/list/list-response';
import { ListAnswer, ListOf } from '../common/list/list.decorator';
import { ListQueryDto } from '../common/list/list-query.dto';
import { FigureType } from './figure-kinds';
import { ArrestQueryDto, FigureIdParamDto, OutcomeQueryDto, SeizureQueryDto } from './dto/figure-query.dto';
import { FigureDetailDto, FigureDto, FigureListDto } from './dto/figure-response.dto';
import { FigureRevisionDto, FigureRevisionListDto } from './dto/figure-revision.dto';
import {
  CorrectArrestDto,
  CorrectOutcomeDto,
  CorrectSeizureDto,
  CreateArrestDto,
  CreateOutcomeDto,
  CreateSeizureDto,
} from './dto/figure-write.dto';
import { FigureCorrection, FigureFields, FigureWritesService } from './figure-writes.service';
import { FIGURE_CSV_COLUMNS, RESOURCE_OF_TYPE } from './figures.mapper';
import { FiguresService } from './figures.service';

/** Paging and format of a figure's versions (always by version). */
class RevisionsQueryDto extends OmitType(ListQueryDto, ['sort'] as const) {}

const REVISION_CSV_COLUMNS: CsvColumn<FigureRevisionDto>[] = [
  { header: 'version', value: (r) => r.version },
  { header: 'action', value: (r) => r.action },
  { header: 'reason', value: (r) => r.reason },
  { header: 'actor', value: (r) => r.actor },
  { header: 'at', value: (r) => r.at },
  { header: 'operation_code', value: (r) => r.values.operation },
  { header: 'kind', value: (r) => r.values.kind },
  { header: 'quantity', value: (r) => r.values.quantity },
  { header: 'unit', value: (r) => r.values.unit },
  { header: 'qualifier', value: (r) => r.values.qualifier },
  { header: 'category', value: (r) => r.values.category },
  { header: 'country', value: (r) => r.values.country },
  { header: 'source_id', value: (r) => r.values.sourceId },
  { header: 'source_url', value: (r) => r.values.sourceUrl },
  { header: 'notes', value: (r) => r.values.notes },
  { header: 'preferred_override', value: (r) => r.values.preferredOverride },
  { header: 'role', value: (r) => r.values.role },
];

/** 201 with the new figure as GET answers it, and its address in `Location`. */
async function createFigure(
  writes: FigureWritesService,
  type: FigureType,
  body: FigureFields,
  key: AuthenticatedKey,
  reply: FastifyReply,
): Promise<FigureDetailDto> {
  const figure = await writes.createOne(type, body, key.name);
  void reply.header('Location', figure.href);
  return figure;
}

function correctFigure(
  writes: FigureWritesService,
  type: FigureType,
  id: number,
  { reason, ...changes }: FigureCorrection & { reason: string },
  key: AuthenticatedKey,
): Promise<FigureDetailDto> {
  return writes.correctOne(type, id, changes, reason, key.name);
}

@ApiTags('seizures')
@Controller('seizures')
export class SeizuresController {
  constructor(
    private readonly figures: FiguresService,
    private readonly writes: FigureWritesService,
  ) {}

  /**
   * Seizure figures (items, value, weight, volume seized), each with its source.
   * Sort fields: year, operation, kind, quantity (numeric), normalizedQuantity, country, publishedOn, id;
   * default `-year,operation,kind,id` (newest operations first), always ending with `id` for stable pages.
   */
  @Get()
  @ApiOperation({ operationId: 'listSeizures', summary: 'List seizure figures' })
  @ApiJsonOrCsvResponse(FigureListDto)
  @ApiProblemResponses(400)
  @ListOf({ name: RESOURCE_OF_TYPE.seizure, csvColumns: FIGURE_CSV_COLUMNS })
  list(@Query() query: SeizureQueryDto): ListAnswer<FigureDto> {
    return { query, fetch: (limit, offset) => this.figures.list('seizure', query, limit, offset) };
  }

  /** One seizure figure, its alternative reports in full and why it is (or is not) the preferred one. */
  @Get(':id')
  @ApiOperation({ operationId: 'getSeizure', summary: 'Get one seizure figure' })
  @ApiOkResponse({ type: FigureDetailDto })
  @ApiProblemResponses(400, 404)
  get(@Param() { id }: FigureIdParamDto): Promise<FigureDetailDto> {
    return this.figures.get('seizure', id);
  }

  /**
   * Records a seizure figure. Checked with the rules of the dataset (unit fits the kind, ISO 4217 currency, known
   * operation and country, plain non-negative quantity, source not older than the operation); the preferred
   * report of its group and the statistics are updated in the same transaction.
   * A figure with the same operation, kind, unit, category, country, source and quantity is a 409 naming it.
   * Send `Idempotency-Key` to retry safely.
   */
  @Post()
  @ApiOperation({ operationId: 'createSeizure', summary: 'Record a seizure figure' })
  @Roles('editor')
  @ApiCreatedResponse({ type: FigureDetailDto })
  @ApiProblemResponses(400, 401, 403, 409, 422)
  create(
    @Body() body: CreateSeizureDto,
    @CurrentKey() key: AuthenticatedKey,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FigureDetailDto> {
    return createFigure(this.writes, 'seizure', body, key, reply);
  }

  /**
   * Corrects a seizure figure: the fields given change, the others stay; `reason` is required. The previous
   * values are kept as a version (see `revisions`), and the change feed records the correction.
   */
  @Patch(':id')
  @ApiOperation({ operationId: 'correctSeizure', summary: 'Correct a seizure figure' })
  @Roles('editor')
  @ApiOkResponse({ type: FigureDetailDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  correct(@Param() { id }: FigureIdParamDto, @Body() body: CorrectSeizureDto, @CurrentKey() key: AuthenticatedKey): Promise<FigureDetailDto> {
    return correctFigure(this.writes, 'seizure', id, body, key);
  }

  /**
   * Deletes a seizure figure, saying why in `?reason=` (required). The figure leaves the lists, its detail (404)
   * and the statistics, but its versions stay readable under `revisions`.
   */
  @Delete(':id')
  @ApiOperation({ operationId: 'deleteSeizure', summary: 'Delete a seizure figure' })
  @Roles('editor')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblemResponses(400, 401, 403, 404)
  async remove(
    @Param() { id }: FigureIdParamDto,
    @Query() { reason }: RequiredReasonQueryDto,
    @CurrentKey() key: AuthenticatedKey,
  ): Promise<void> {
    await this.writes.removeOne('seizure', id, reason, key.name);
  }

  /**
   * The versions of a seizure figure, oldest first: its values at each, what happened (created, corrected,
   * deleted), why, by which key (`seed` for the bundled dataset) and when. Deleted figures keep their versions.
   */
  @Get(':id/revisions')
  @ApiOperation({ operationId: 'listSeizureRevisions', summary: 'List the versions of a seizure figure' })
  @ApiJsonOrCsvResponse(FigureRevisionListDto)
  @ApiProblemResponses(400, 404)
  @ListOf({ name: 'revisions', csvColumns: REVISION_CSV_COLUMNS })
  async revisions(@Param() { id }: FigureIdParamDto, @Query() query: RevisionsQueryDto): Promise<ListAnswer<FigureRevisionDto>> {
    return { query, name: `${RESOURCE_OF_TYPE.seizure}-${id}-revisions`, all: await this.figures.revisions('seizure', id) };
  }
}

@ApiTags('arrests')
@Controller('arrests')
export class ArrestsController {
  constructor(
    private readonly figures: FiguresService,
    private readonly writes: FigureWritesService,
  ) {}

  /**
   * Arrest figures (arrests, and persons arrested or placed under investigation), each with its source.
   * Sort fields: year, operation, kind, quantity (numeric), normalizedQuantity, country, publishedOn, id;
   * default `-year,operation,kind,id` (newest operations first), always ending with `id` for stable pages.
   */
  @Get()
  @ApiOperation({ operationId: 'listArrests', summary: 'List arrest figures' })
  @ApiJsonOrCsvResponse(FigureListDto)
  @ApiProblemResponses(400)
  @ListOf({ name: RESOURCE_OF_TYPE.arrest, csvColumns: FIGURE_CSV_COLUMNS })
  list(@Query() query: ArrestQueryDto): ListAnswer<FigureDto> {
    return { query, fetch: (limit, offset) => this.figures.list('arrest', query, limit, offset) };
  }

  /** One arrest figure, its alternative reports in full and why it is (or is not) the preferred one. */
  @Get(':id')
  @ApiOperation({ operationId: 'getArrest', summary: 'Get one arrest figure' })
  @ApiOkResponse({ type: FigureDetailDto })
  @ApiProblemResponses(400, 404)
  get(@Param() { id }: FigureIdParamDto): Promise<FigureDetailDto> {
    return this.figures.get('arrest', id);
  }

  /**
   * Records an arrest figure. Checked with the rules of the dataset (unit fits the kind, ISO 4217 currency, known
   * operation and country, plain non-negative quantity, source not older than the operation); the preferred
   * report of its group and the statistics are updated in the same transaction.
   * A figure with the same operation, kind, unit, category, country, source and quantity is a 409 naming it.
   * Send `Idempotency-Key` to retry safely.
   */
  @Post()
  @ApiOperation({ operationId: 'createArrest', summary: 'Record an arrest figure' })
  @Roles('editor')
  @ApiCreatedResponse({ type: FigureDetailDto })
  @ApiProblemResponses(400, 401, 403, 409, 422)
  create(
    @Body() body: CreateArrestDto,
    @CurrentKey() key: AuthenticatedKey,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FigureDetailDto> {
    return createFigure(this.writes, 'arrest', body, key, reply);
  }

  /**
   * Corrects an arrest figure: the fields given change, the others stay; `reason` is required. The previous
   * values are kept as a version (see `revisions`), and the change feed records the correction.
   */
  @Patch(':id')
  @ApiOperation({ operationId: 'correctArrest', summary: 'Correct an arrest figure' })
  @Roles('editor')
  @ApiOkResponse({ type: FigureDetailDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  correct(@Param() { id }: FigureIdParamDto, @Body() body: CorrectArrestDto, @CurrentKey() key: AuthenticatedKey): Promise<FigureDetailDto> {
    return correctFigure(this.writes, 'arrest', id, body, key);
  }

  /**
   * Deletes an arrest figure, saying why in `?reason=` (required). The figure leaves the lists, its detail (404)
   * and the statistics, but its versions stay readable under `revisions`.
   */
  @Delete(':id')
  @ApiOperation({ operationId: 'deleteArrest', summary: 'Delete an arrest figure' })
  @Roles('editor')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblemResponses(400, 401, 403, 404)
  async remove(
    @Param() { id }: FigureIdParamDto,
    @Query() { reason }: RequiredReasonQueryDto,
    @CurrentKey() key: AuthenticatedKey,
  ): Promise<void> {
    await this.writes.removeOne('arrest', id, reason, key.name);
  }

  /**
   * The versions of an arrest figure, oldest first: its values at each, what happened (created, corrected,
   * deleted), why, by which key (`seed` for the bundled dataset) and when. Deleted figures keep their versions.
   */
  @Get(':id/revisions')
  @ApiOperation({ operationId: 'listArrestRevisions', summary: 'List the versions of an arrest figure' })
  @ApiJsonOrCsvResponse(FigureRevisionListDto)
  @ApiProblemResponses(400, 404)
  @ListOf({ name: 'revisions', csvColumns: REVISION_CSV_COLUMNS })
  async revisions(@Param() { id }: FigureIdParamDto, @Query() query: RevisionsQueryDto): Promise<ListAnswer<FigureRevisionDto>> {
    return { query, name: `${RESOURCE_OF_TYPE.arrest}-${id}-revisions`, all: await this.figures.revisions('arrest', id) };
  }
}

@ApiTags('outcomes')
@Controller('outcomes')
export class OutcomesController {
  constructor(
    private readonly figures: FiguresService,
    private readonly writes: FigureWritesService,
  ) {}

  /**
   * Other results (websites shut down, packages inspected or seized, investigations, raids, labs, other), each with its source.
   * Sort fields: year, operation, kind, quantity (numeric), normalizedQuantity, country, publishedOn, id;
   * default `-year,operation,kind,id` (newest operations first), always ending with `id` for stable pages.
   */
  @Get()
  @ApiOperation({ operationId: 'listOutcomes', summary: 'List outcome figures' })
  @ApiJsonOrCsvResponse(FigureListDto)
  @ApiProblemResponses(400)
  @ListOf({ name: RESOURCE_OF_TYPE.outcome, csvColumns: FIGURE_CSV_COLUMNS })
  list(@Query() query: OutcomeQueryDto): ListAnswer<FigureDto> {
    return { query, fetch: (limit, offset) => this.figures.list('outcome', query, limit, offset) };
  }

  /** One outcome figure, its alternative reports in full and why it is (or is not) the preferred one. */
  @Get(':id')
  @ApiOperation({ operationId: 'getOutcome', summary: 'Get one outcome figure' })
  @ApiOkResponse({ type: FigureDetailDto })
  @ApiProblemResponses(400, 404)
  get(@Param() { id }: FigureIdParamDto): Promise<FigureDetailDto> {
    return this.figures.get('outcome', id);
  }

  /**
   * Records an outcome figure. Checked with the rules of the dataset (unit fits the kind, ISO 4217 currency, known
   * operation and country, plain non-negative quantity, source not older than the operation); the preferred
   * report of its group and the statistics are updated in the same transaction.
   * A figure with the same operation, kind, unit, category, country, source and quantity is a 409 naming it.
   * Send `Idempotency-Key` to retry safely.
   */
  @Post()
  @ApiOperation({ operationId: 'createOutcome', summary: 'Record an outcome figure' })
  @Roles('editor')
  @ApiCreatedResponse({ type: FigureDetailDto })
  @ApiProblemResponses(400, 401, 403, 409, 422)
  create(
    @Body() body: CreateOutcomeDto,
    @CurrentKey() key: AuthenticatedKey,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FigureDetailDto> {
    return createFigure(this.writes, 'outcome', body, key, reply);
  }

  /**
   * Corrects an outcome figure: the fields given change, the others stay; `reason` is required. The previous
   * values are kept as a version (see `revisions`), and the change feed records the correction.
   */
  @Patch(':id')
  @ApiOperation({ operationId: 'correctOutcome', summary: 'Correct an outcome figure' })
  @Roles('editor')
  @ApiOkResponse({ type: FigureDetailDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  correct(@Param() { id }: FigureIdParamDto, @Body() body: CorrectOutcomeDto, @CurrentKey() key: AuthenticatedKey): Promise<FigureDetailDto> {
    return correctFigure(this.writes, 'outcome', id, body, key);
  }

  /**
   * Deletes an outcome figure, saying why in `?reason=` (required). The figure leaves the lists, its detail (404)
   * and the statistics, but its versions stay readable under `revisions`.
   */
  @Delete(':id')
  @ApiOperation({ operationId: 'deleteOutcome', summary: 'Delete an outcome figure' })
  @Roles('editor')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblemResponses(400, 401, 403, 404)
  async remove(
    @Param() { id }: FigureIdParamDto,
    @Query() { reason }: RequiredReasonQueryDto,
    @CurrentKey() key: AuthenticatedKey,
  ): Promise<void> {
    await this.writes.removeOne('outcome', id, reason, key.name);
  }

  /**
   * The versions of an outcome figure, oldest first: its values at each, what happened (created, corrected,
   * deleted), why, by which key (`seed` for the bundled dataset) and when. Deleted figures keep their versions.
   */
  @Get(':id/revisions')
  @ApiOperation({ operationId: 'listOutcomeRevisions', summary: 'List the versions of an outcome figure' })
  @ApiJsonOrCsvResponse(FigureRevisionListDto)
  @ApiProblemResponses(400, 404)
  @ListOf({ name: 'revisions', csvColumns: REVISION_CSV_COLUMNS })
  async revisions(@Param() { id }: FigureIdParamDto, @Query() query: RevisionsQueryDto): Promise<ListAnswer<FigureRevisionDto>> {
    return { query, name: `${RESOURCE_OF_TYPE.outcome}-${id}-revisions`, all: await this.figures.revisions('outcome', id) };
  }
}
