import { Controller, Get, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ApiJsonOrCsvResponse } from '../common/api-json-or-csv-response.decorator';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { CodeParamDto } from '../common/code-param.dto';
import { ListBody, respondWithList } from '../common/list/list-response';
import { RegionDetailDto, RegionDto, RegionListDto } from './dto/region-response.dto';
import { RegionsQueryDto } from './dto/regions-query.dto';
import { REGION_CSV_COLUMNS } from './regions.mapper';
import { RegionsService } from './regions.service';

@ApiTags('regions')
@Controller('regions')
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  /** Lists the UN M49 regions (world, regions, sub-regions, intermediate regions) and the operational regions. */
  @Get()
  @ApiOperation({ operationId: 'listRegions', summary: 'List regions' })
  @ApiJsonOrCsvResponse(RegionListDto)
  @ApiProblemResponses(400)
  list(
    @Query() query: RegionsQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ListBody<RegionDto> | StreamableFile> {
    const prepared = this.regions.prepareList(query);
    return respondWithList(request, reply, query, {
      name: 'regions',
      fetch: (limit, offset) => this.regions.list(prepared, limit, offset),
      csvColumns: REGION_CSV_COLUMNS,
    });
  }

  /** One region with the regions directly below it and all its countries. */
  @Get(':code')
  @ApiOperation({ operationId: 'getRegion', summary: 'Get one region' })
  @ApiOkResponse({ type: RegionDetailDto })
  @ApiProblemResponses(400, 404)
  get(@Param() { code }: CodeParamDto): Promise<RegionDetailDto> {
    return this.regions.get(code);
  }
}
