import { Controller, Get, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { ListBody, respondWithList } from '../common/list/list-response';
import { ListQueryDto } from '../common/list/list-query.dto';
import { FigureType } from './figure-kinds';
import { ArrestQueryDto, FigureIdParamDto, OutcomeQueryDto, SeizureQueryDto } from './dto/figure-query.dto';
import { FigureDetailDto, FigureDto, FigureListDto } from './dto/figure-response.dto';
import { FIGURE_CSV_COLUMNS, RESOURCE_OF_TYPE } from './figures.mapper';
import { FigureListParams, FiguresService } from './figures.service';

/** The list answer shared by the three resources: JSON page or CSV with every row citable. */
function listFigures(
  figures: FiguresService,
  type: FigureType,
  query: ListQueryDto & FigureListParams,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<ListBody<FigureDto> | StreamableFile> {
  return respondWithList(request, reply, query, {
    name: RESOURCE_OF_TYPE[type],
    fetch: (limit, offset) => figures.list(type, query, limit, offset),
    csvColumns: FIGURE_CSV_COLUMNS,
  });
}

@ApiTags('seizures')
@Controller('seizures')
export class SeizuresController {
  constructor(private readonly figures: FiguresService) {}

  /**
   * Seizure figures (items, value, weight, volume seized), each with its source.
   * Sort fields: year, operation, kind, quantity (numeric), normalizedQuantity, country, publishedOn, id;
   * default `-year,operation,kind,id` (newest operations first), always ending with `id` for stable pages.
   */
  @Get()
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: FigureListDto })
  @ApiProblemResponses(400)
  list(
    @Query() query: SeizureQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ListBody<FigureDto> | StreamableFile> {
    return listFigures(this.figures, 'seizure', query, request, reply);
  }

  /** One seizure figure, its alternative reports in full and why it is (or is not) the preferred one. */
  @Get(':id')
  @ApiOkResponse({ type: FigureDetailDto })
  @ApiProblemResponses(400, 404)
  get(@Param() { id }: FigureIdParamDto): Promise<FigureDetailDto> {
    return this.figures.get('seizure', id);
  }
}

@ApiTags('arrests')
@Controller('arrests')
export class ArrestsController {
  constructor(private readonly figures: FiguresService) {}

  /**
   * Arrest figures (arrests, and persons arrested or placed under investigation), each with its source.
   * Sort fields: year, operation, kind, quantity (numeric), normalizedQuantity, country, publishedOn, id;
   * default `-year,operation,kind,id` (newest operations first), always ending with `id` for stable pages.
   */
  @Get()
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: FigureListDto })
  @ApiProblemResponses(400)
  list(
    @Query() query: ArrestQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ListBody<FigureDto> | StreamableFile> {
    return listFigures(this.figures, 'arrest', query, request, reply);
  }

  /** One arrest figure, its alternative reports in full and why it is (or is not) the preferred one. */
  @Get(':id')
  @ApiOkResponse({ type: FigureDetailDto })
  @ApiProblemResponses(400, 404)
  get(@Param() { id }: FigureIdParamDto): Promise<FigureDetailDto> {
    return this.figures.get('arrest', id);
  }
}

@ApiTags('outcomes')
@Controller('outcomes')
export class OutcomesController {
  constructor(private readonly figures: FiguresService) {}

  /**
   * Other results (websites shut down, packages inspected or seized, investigations, raids, labs, other), each with its source.
   * Sort fields: year, operation, kind, quantity (numeric), normalizedQuantity, country, publishedOn, id;
   * default `-year,operation,kind,id` (newest operations first), always ending with `id` for stable pages.
   */
  @Get()
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: FigureListDto })
  @ApiProblemResponses(400)
  list(
    @Query() query: OutcomeQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ListBody<FigureDto> | StreamableFile> {
    return listFigures(this.figures, 'outcome', query, request, reply);
  }

  /** One outcome figure, its alternative reports in full and why it is (or is not) the preferred one. */
  @Get(':id')
  @ApiOkResponse({ type: FigureDetailDto })
  @ApiProblemResponses(400, 404)
  get(@Param() { id }: FigureIdParamDto): Promise<FigureDetailDto> {
    return this.figures.get('outcome', id);
  }
}
