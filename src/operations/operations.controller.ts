import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { AuthenticatedKey } from '../api-keys/api-keys.service';
import { CurrentKey, Roles } from '../api-keys/roles.decorator';
import { OptionalReasonQueryDto } from '../common/writes/reason.dto';
import { ApiJsonOrCsvResponse } from '../common/api-json-or-csv-response.decorator';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { CodeParamDto } from '../common/code-param.dto';
import { ListAnswer, ListOf } from '../common/list/list.decorator';
import {
  OperationDetailDto,
  OperationDto,
  OperationListDto,
  ParticipatingCountryDto,
} from './dto/operation-response.dto';
import {
  AddParticipationDto,
  CreateOperationDto,
  ParticipationParamDto,
  UpdateOperationDto,
} from './dto/operation-write.dto';
import { OperationWritesService } from './operation-writes.service';
import { OperationsQueryDto } from './dto/operations-query.dto';
import { OPERATION_CSV_COLUMNS } from './operations.mapper';
import { OperationsService } from './operations.service';

@ApiTags('operations')
@Controller('operations')
export class OperationsController {
  constructor(
    private readonly operations: OperationsService,
    private readonly writes: OperationWritesService,
  ) {}

  /** Lists operations (editions of a series), oldest first, with the source of their dates, region and counts. */
  @Get()
  @ApiOperation({ operationId: 'listOperations', summary: 'List operations' })
  @ApiJsonOrCsvResponse(OperationListDto)
  @ApiProblemResponses(400)
  @ListOf({ name: 'operations', csvColumns: OPERATION_CSV_COLUMNS })
  async list(@Query() query: OperationsQueryDto): Promise<ListAnswer<OperationDto>> {
    const prepared = await this.operations.prepareList(query);
    return { query, fetch: (limit, offset) => this.operations.list(prepared, limit, offset) };
  }

  /**
   * One operation with its participating countries, every source it cites, its operation-wide headline figures
   * (as reported, never summed) and the number of figures of each type.
   */
  @Get(':code')
  @ApiOperation({ operationId: 'getOperation', summary: 'Get one operation' })
  @ApiOkResponse({ type: OperationDetailDto })
  @ApiProblemResponses(400, 404)
  get(@Param() { code }: CodeParamDto): Promise<OperationDetailDto> {
    return this.operations.get(code);
  }

  /**
   * Adds an operation, checked with the rules of the dataset (known series sharing its crime area, roman
   * edition, end not before start, operational region, source with its publisher). A code already taken is a 409.
   * Send `Idempotency-Key` to retry safely.
   */
  @Post()
  @ApiOperation({ operationId: 'createOperation', summary: 'Add an operation' })
  @Roles('editor')
  @ApiCreatedResponse({ type: OperationDetailDto })
  @ApiProblemResponses(400, 401, 403, 409, 422)
  async create(
    @Body() body: CreateOperationDto,
    @CurrentKey() key: AuthenticatedKey,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OperationDetailDto> {
    const operation = await this.writes.create(body, key.name);
    void reply.header('Location', operation.href);
    return operation;
  }

  /** Corrects an operation; the fields given change, the code never does. `reason` is optional. */
  @Patch(':code')
  @ApiOperation({ operationId: 'updateOperation', summary: 'Correct an operation' })
  @Roles('editor')
  @ApiOkResponse({ type: OperationDetailDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  update(
    @Param() { code }: CodeParamDto,
    @Body() body: UpdateOperationDto,
    @CurrentKey() key: AuthenticatedKey,
  ): Promise<OperationDetailDto> {
    return this.writes.update(code, body, key.name);
  }

  /**
   * Deletes an operation that has no live figures (409 otherwise: delete its figures first), with its list of
   * participants. `?reason=` is optional.
   */
  @Delete(':code')
  @ApiOperation({ operationId: 'deleteOperation', summary: 'Delete an operation' })
  @Roles('editor')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async remove(
    @Param() { code }: CodeParamDto,
    @Query() { reason }: OptionalReasonQueryDto,
    @CurrentKey() key: AuthenticatedKey,
  ): Promise<void> {
    await this.writes.remove(code, reason, key.name);
  }

  /** Lists a country among the operation's participants, citing the page that lists it. Already listed: 409. */
  @Post(':code/countries')
  @ApiOperation({ operationId: 'addOperationCountry', summary: 'List a country among the participants' })
  @Roles('editor')
  @ApiCreatedResponse({ type: ParticipatingCountryDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async addParticipation(
    @Param() { code }: CodeParamDto,
    @Body() body: AddParticipationDto,
    @CurrentKey() key: AuthenticatedKey,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ParticipatingCountryDto> {
    const participation = await this.writes.addParticipation(code, body, key.name);
    void reply.header('Location', `/v1/operations/${code.toLowerCase()}`);
    return participation;
  }

  /** Removes a country from the operation's participants. `?reason=` is optional. */
  @Delete(':code/countries/:iso2')
  @ApiOperation({ operationId: 'removeOperationCountry', summary: 'Remove a country from the participants' })
  @Roles('editor')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblemResponses(400, 401, 403, 404)
  async removeParticipation(
    @Param() { code, iso2 }: ParticipationParamDto,
    @Query() { reason }: OptionalReasonQueryDto,
    @CurrentKey() key: AuthenticatedKey,
  ): Promise<void> {
    await this.writes.removeParticipation(code, iso2, reason, key.name);
  }
}
