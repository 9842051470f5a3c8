import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
  Res,
  Type,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  OmitType,
} from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { AuthenticatedKey } from '../api-keys/api-keys.service';
import { CurrentKey, Roles } from '../api-keys/roles.decorator';
import { RequiredReasonQueryDto } from '../common/writes/reason.dto';
import { ApiJsonOrCsvResponse } from '../common/api-json-or-csv-response.decorator';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { CsvColumn } from '../common/list/list-response';
import { ListQueryDto } from '../common/list/list-query.dto';
import { ListAnswer, ListOf } from '../common/list/list.decorator';
import { FigureType } from './figure-kinds';
import { FigureIdParamDto } from './dto/figure-query.dto';
import { FigureDetailDto, FigureDto, FigureListDto } from './dto/figure-response.dto';
import { FigureRevisionDto, FigureRevisionListDto } from './dto/figure-revision.dto';
import { FigureCorrection, FigureFields, FigureWritesService } from './figure-writes.service';
import { FIGURE_CSV_COLUMNS, RESOURCE_OF_TYPE } from './figures.mapper';
import { FigureListParams, FiguresService } from './figures.service';

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

/** What differs between the seizure, arrest and outcome resources. */
export interface FigureResource<Q, C, R> {
  type: FigureType;
  /** The figure in a sentence, with its article: `a seizure figure`, `an arrest figure`. */
  aFigure: string;
  /** What the list holds, the first line of its description. */
  listDescription: string;
  operationIds: { list: string; get: string; create: string; correct: string; delete: string; revisions: string };
  queryDto: Type<Q>;
  createDto: Type<C>;
  correctDto: Type<R>;
}

/**
 * The types of a handler's parameters, as `emitDecoratorMetadata` would write them for a class written out: the
 * validation pipe and the OpenAPI document read them, and a type parameter is only `Object` at run time. Applied
 * after the compiler's own metadata, which it replaces.
 */
function ParamTypes(...types: unknown[]): MethodDecorator {
  return (target, key) => Reflect.defineMetadata('design:paramtypes', types, target, key);
}

/**
 * The controller of one figure resource (`/v1/seizures`, `/v1/arrests`, `/v1/outcomes`): list, detail, create,
 * correct, delete and versions. The descriptions are written here for the three at once, since the OpenAPI plugin
 * reads only the comments of a class written out in a `.controller.ts` file.
 */
export function figureController<
  Q extends ListQueryDto & FigureListParams,
  C extends FigureFields,
  R extends FigureCorrection & { reason: string },
>(resource: FigureResource<Q, C, R>): Type<object> {
  const { type, aFigure, operationIds: ids, queryDto, createDto, correctDto } = resource;
  const figure = aFigure.replace(/^an? /, '');
  const path = RESOURCE_OF_TYPE[type];

  @ApiTags(path)
  @Controller(path)
  class FigureController {
    constructor(
      readonly figures: FiguresService,
      readonly writes: FigureWritesService,
    ) {}

    @Get()
    @ApiOperation({
      operationId: ids.list,
      summary: `List ${figure}s`,
      description:
        `${resource.listDescription}\n` +
        'Sort fields: year, operation, kind, quantity (numeric), normalizedQuantity, country, publishedOn, id;\n' +
        'default `-year,operation,kind,id` (newest operations first), always ending with `id` for stable pages.',
    })
    @ApiJsonOrCsvResponse(FigureListDto)
    @ApiProblemResponses(400)
    @ListOf({ name: path, csvColumns: FIGURE_CSV_COLUMNS })
    @ParamTypes(queryDto)
    list(@Query() query: Q): ListAnswer<FigureDto> {
      return { query, fetch: (limit, offset) => this.figures.list(type, query, limit, offset) };
    }

    @Get(':id')
    @ApiOperation({
      operationId: ids.get,
      summary: `Get one ${figure}`,
      description: `One ${figure}, its alternative reports in full and why it is (or is not) the preferred one.`,
    })
    @ApiOkResponse({ type: FigureDetailDto })
    @ApiProblemResponses(400, 404)
    get(@Param() { id }: FigureIdParamDto): Promise<FigureDetailDto> {
      return this.figures.get(type, id);
    }

    @Post()
    @ApiOperation({
      operationId: ids.create,
      summary: `Record ${aFigure}`,
      description:
        `Records ${aFigure}. Checked with the rules of the dataset (unit fits the kind, ISO 4217 currency, known\n` +
        'operation and country, plain non-negative quantity, source not older than the operation); the preferred\n' +
        'report of its group and the statistics are updated in the same transaction.\n' +
        'A figure with the same operation, kind, unit, category, country, source and quantity is a 409 naming it.\n' +
        'Send `Idempotency-Key` to retry safely.',
    })
    @Roles('editor')
    @ApiCreatedResponse({ type: FigureDetailDto })
    @ApiProblemResponses(400, 401, 403, 409, 422)
    @ParamTypes(createDto, Object, Object)
    async create(
      @Body() body: C,
      @CurrentKey() key: AuthenticatedKey,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<FigureDetailDto> {
      const created = await this.writes.createOne(type, body, key.name);
      void reply.header('Location', created.href);
      return created;
    }

    @Patch(':id')
    @ApiOperation({
      operationId: ids.correct,
      summary: `Correct ${aFigure}`,
      description:
        `Corrects ${aFigure}: the fields given change, the others stay; \`reason\` is required. The previous\n` +
        'values are kept as a version (see `revisions`), and the change feed records the correction.',
    })
    @Roles('editor')
    @ApiOkResponse({ type: FigureDetailDto })
    @ApiProblemResponses(400, 401, 403, 404, 409)
    @ParamTypes(FigureIdParamDto, correctDto, Object)
    correct(
      @Param() { id }: FigureIdParamDto,
      @Body() { reason, ...changes }: R,
      @CurrentKey() key: AuthenticatedKey,
    ): Promise<FigureDetailDto> {
      return this.writes.correctOne(type, id, changes, reason, key.name);
    }

    @Delete(':id')
    @ApiOperation({
      operationId: ids.delete,
      summary: `Delete ${aFigure}`,
      description:
        `Deletes ${aFigure}, saying why in \`?reason=\` (required). The figure leaves the lists, its detail (404)\n` +
        'and the statistics, but its versions stay readable under `revisions`.',
    })
    @Roles('editor')
    @HttpCode(HttpStatus.NO_CONTENT)
    @ApiNoContentResponse({ description: 'Deleted.' })
    @ApiProblemResponses(400, 401, 403, 404)
    async remove(
      @Param() { id }: FigureIdParamDto,
      @Query() { reason }: RequiredReasonQueryDto,
      @CurrentKey() key: AuthenticatedKey,
    ): Promise<void> {
      await this.writes.removeOne(type, id, reason, key.name);
    }

    @Get(':id/revisions')
    @ApiOperation({
      operationId: ids.revisions,
      summary: `List the versions of ${aFigure}`,
      description:
        `The versions of ${aFigure}, oldest first: its values at each, what happened (created, corrected,\n` +
        'deleted), why, by which key (`seed` for the bundled dataset) and when. Deleted figures keep their versions.',
    })
    @ApiJsonOrCsvResponse(FigureRevisionListDto)
    @ApiProblemResponses(400, 404)
    @ListOf({ name: `${path}-revisions`, csvColumns: REVISION_CSV_COLUMNS })
    async revisions(
      @Param() { id }: FigureIdParamDto,
      @Query() query: RevisionsQueryDto,
    ): Promise<ListAnswer<FigureRevisionDto>> {
      return { query, name: `${path}-${id}-revisions`, all: await this.figures.revisions(type, id) };
    }
  }
  return FigureController;
}
