import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiJsonOrCsvResponse } from '../common/api-json-or-csv-response.decorator';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { ListAnswer, ListOf } from '../common/list/list.decorator';
import { COUNTRY_CSV_COLUMNS } from './countries.mapper';
import { CountriesService } from './countries.service';
import { CountriesQueryDto, Iso2ParamDto } from './dto/countries-query.dto';
import { CountryDetailDto, CountryDto, CountryListDto } from './dto/country-response.dto';

@ApiTags('countries')
@Controller('countries')
export class CountriesController {
  constructor(private readonly countries: CountriesService) {}

  /** Lists the ISO 3166-1 countries and areas with their UN M49 region and how often the data mentions them. */
  @Get()
  @ApiOperation({ operationId: 'listCountries', summary: 'List countries' })
  @ApiJsonOrCsvResponse(CountryListDto)
  @ApiProblemResponses(400)
  @ListOf({ name: 'countries', csvColumns: COUNTRY_CSV_COLUMNS })
  async list(@Query() query: CountriesQueryDto): Promise<ListAnswer<CountryDto>> {
    const prepared = await this.countries.prepareList(query);
    return { query, fetch: (limit, offset) => this.countries.list(prepared, limit, offset) };
  }

  /**
   * One country (code in any case) with the operations it took part in, the number of its figures per type and
   * kind, and its preferred figures summed per kind, unit and goods category.
   */
  @Get(':iso2')
  @ApiOperation({ operationId: 'getCountry', summary: 'Get one country' })
  @ApiOkResponse({ type: CountryDetailDto })
  @ApiProblemResponses(400, 404)
  get(@Param() { iso2 }: Iso2ParamDto): Promise<CountryDetailDto> {
    return this.countries.get(iso2);
  }
}
