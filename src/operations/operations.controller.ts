import { Controller, Get, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { CodeParamDto } from '../common/code-param.dto';
import { ListBody, respondWithList } from '../common/list/list-response';
import { OperationDetailDto, OperationDto, OperationListDto } from './dto/operation-response.dto';
import { OperationsQueryDto } from './dto/operations-query.dto';
import { OPERATION_CSV_COLUMNS } from './operations.mapper';
import { OperationsService } from './operations.service';

@ApiTags('operations')
@Controller('operations')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  /** Lists operations (editions of a series), oldest first, with the source of their dates, region and counts. */
  @Get()
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: OperationListDto })
  @ApiProblemResponses(400)
  async list(
    @Query() query: OperationsQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ListBody<OperationDto> | StreamableFile> {
    const prepared = await this.operations.prepareList(query);
    return respondWithList(request, reply, query, {
      name: 'operations',
      fetch: (limit, offset) => this.operations.list(prepared, limit, offset),
      csvColumns: OPERATION_CSV_COLUMNS,
    });
  }

  /**
   * One operation with its participating countries, every source it cites, its operation-wide headline figures
   * (as reported, never summed) and the number of figures of each type.
   */
  @Get(':code')
  @ApiOkResponse({ type: OperationDetailDto })
  @ApiProblemResponses(400, 404)
  get(@Param() { code }: CodeParamDto): Promise<OperationDetailDto> {
    return this.operations.get(code);
  }
}
