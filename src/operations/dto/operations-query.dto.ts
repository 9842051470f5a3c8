import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ListQueryDto } from '../../common/list/list-query.dto';
import { MAX_YEAR, MIN_YEAR } from '../../common/validation';
import { CommaSeparated, ToInteger, CommaSeparatedIntegers } from '../../common/list/query-transforms';
import { CrimeAreaFilter } from '../../series/dto/crime-area-filter';

export const OPERATION_SORT_FIELDS = [
  'code',
  'name',
  'year',
  'startDate',
  'series',
  'countriesCount',
  'countriesListedCount',
  'countriesWithFiguresCount',
] as const;

const CODE = /^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/;
const ISO2 = /^[A-Za-z]{2}$/;
const MAX_VALUES = 100;

export class OperationsQueryDto extends ListQueryDto {
  /** Series codes, comma-separated (see /v1/series). */
  @ApiPropertyOptional({
    type: 'array',
    maxItems: MAX_VALUES,
    items: { type: 'string', pattern: CODE.source, maxLength: 64 },
    example: ['pangea', 'opson'],
  })
  @IsOptional()
  @CommaSeparated()
  @ArrayMaxSize(MAX_VALUES)
  @IsString({ each: true })
  @Matches(CODE, { each: true, message: 'each value in series must be a code (letters, digits and single hyphens)' })
  series?: string[];

  /** Years the operations ran (or ended, or were reported), comma-separated. */
  @ApiPropertyOptional({
    type: 'array',
    maxItems: MAX_VALUES,
    items: { type: 'integer', minimum: MIN_YEAR, maximum: MAX_YEAR },
    example: [2014, 2015],
  })
  @IsOptional()
  @CommaSeparatedIntegers()
  @ArrayMaxSize(MAX_VALUES)
  @IsInt({ each: true })
  @Min(MIN_YEAR, { each: true })
  @Max(MAX_YEAR, { each: true })
  year?: number[];

  /** First year, inclusive. */
  @ApiPropertyOptional({ type: 'integer', minimum: MIN_YEAR, maximum: MAX_YEAR, example: 2010 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  yearFrom?: number;

  /** Last year, inclusive; not before `yearFrom`. */
  @ApiPropertyOptional({ type: 'integer', minimum: MIN_YEAR, maximum: MAX_YEAR, example: 2020 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  yearTo?: number;

  /**
   * Region codes, comma-separated (see /v1/regions): operations whose region is one of these or lies below one of
   * them (`africa` includes operations in Eastern, Southern and West Africa). Operations in the world as a whole are
   * not in `africa`.
   */
  @ApiPropertyOptional({
    type: 'array',
    maxItems: MAX_VALUES,
    items: { type: 'string', pattern: CODE.source, maxLength: 64 },
    example: ['africa'],
  })
  @IsOptional()
  @CommaSeparated()
  @ArrayMaxSize(MAX_VALUES)
  @IsString({ each: true })
  @Matches(CODE, { each: true, message: 'each value in region must be a code (letters, digits and single hyphens)' })
  region?: string[];

  /**
   * ISO 3166-1 alpha-2 codes, comma-separated: operations the country took part in (listed among the participants)
   * or that report figures for it.
   */
  @ApiPropertyOptional({
    type: 'array',
    maxItems: MAX_VALUES,
    items: { type: 'string', pattern: ISO2.source, maxLength: 2 },
    example: ['GB'],
  })
  @IsOptional()
  @CommaSeparated()
  @ArrayMaxSize(MAX_VALUES)
  @IsString({ each: true })
  @Matches(ISO2, { each: true, message: 'each value in country must be an ISO 3166-1 alpha-2 code' })
  country?: string[];

  /** Crime areas, comma-separated, any case, e.g. `pharmaceutical crime,firearms trafficking` (see /v1/series). */
  @CrimeAreaFilter()
  crimeArea?: string[];

  /** Case-insensitive text search in the code, name and notes. */
  @ApiPropertyOptional({ example: 'pangea' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
