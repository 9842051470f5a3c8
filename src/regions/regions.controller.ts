import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiJsonOrCsvResponse } from '../common/api-json-or-csv-response.decorator';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { CodeParamDto } from '../common/code-param.dto';
import { ListAnswer, ListOf } from '../common/list/list.decorator';
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
  @ListOf({ name: 'regions', csvColumns: REGION_CSV_COLUMNS })
  list(@Query() query: RegionsQueryDto): ListAnswer<RegionDto> {
    const prepared = this.regions.prepareList(query);
    return { query, fetch: (limit, offset) => this.regions.list(prepared, limit, offset) };
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
