import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ListQueryDto } from '../../common/list/list-query.dto';
import { CommaSeparated } from '../../common/list/query-transforms';

export const COUNTRY_SORT_FIELDS = [
  'iso2',
  'name',
  'operationsCount',
  'operationsListedInCount',
  'operationsWithFiguresCount',
  'figuresCount',
] as const;

export class CountriesQueryDto extends ListQueryDto {
  /** Region codes, comma-separated (see /v1/regions): countries in one of these regions at any level below it. */
  @ApiPropertyOptional({
    type: 'array',
    maxItems: 100,
    items: { type: 'string', pattern: '^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$', maxLength: 64 },
    example: ['western-africa'],
  })
  @IsOptional()
  @CommaSeparated()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Matches(/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/, {
    each: true,
    message: 'each value in region must be a code (letters, digits and single hyphens)',
  })
  region?: string[];

  /** Case-insensitive search in the name, or an exact ISO 3166-1 alpha-2 or alpha-3 code. */
  @ApiPropertyOptional({ example: 'guinea' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/** An ISO 3166-1 alpha-2 code in the path, in any case. */
export class Iso2ParamDto {
  @ApiProperty({ example: 'GB', pattern: '^[A-Za-z]{2}$', maxLength: 2 })
  @Matches(/^[A-Za-z]{2}$/, { message: 'iso2 must be an ISO 3166-1 alpha-2 code (two letters)' })
  iso2: string;
}
