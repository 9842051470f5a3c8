import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ListQueryDto } from '../../common/list/list-query.dto';
import { CrimeAreaFilter } from '../../series/dto/crime-area-filter';
import { CommaSeparated, ToBoolean, ToInteger, CommaSeparatedIntegers } from '../../common/list/query-transforms';
import {
  ARREST_KINDS,
  ArrestKind,
  OUTCOME_KINDS,
  OutcomeKind,
  QUALIFIERS,
  Qualifier,
  SEIZURE_KINDS,
  SeizureKind,
  UNIT_CLASSES,
  UnitClass,
} from '../figure-kinds';
import { MAX_YEAR, MIN_YEAR } from '../../common/validation';

/** The statistics scopes (figure_rollups.scope) a figure list can be narrowed to. */
export const COUNTED_IN_SCOPES = ['operation', 'country', 'category'] as const;
export type CountedInScope = (typeof COUNTED_IN_SCOPES)[number];

/** Most values one multi-value filter accepts. */
export const MAX_FILTER_VALUES = 100;
export { MAX_YEAR, MIN_YEAR };

/** Public sort fields of the figure lists, and the default order (newest operations first). */
export const FIGURE_SORT_FIELDS = [
  'year',
  'operation',
  'kind',
  'quantity',
  'normalizedQuantity',
  'country',
  'publishedOn',
  'id',
] as const;
export const FIGURE_DEFAULT_SORT = '-year,operation,kind,id';

/** `kind must be one of: arrests, persons_under_investigation`: the message every enum filter answers with. */
export function oneOf(name: string, values: readonly string[]): { each: true; message: string } {
  return { each: true, message: `${name} must be one of: ${values.join(', ')}` };
}

/**
 * A filter on figure kinds (`kind=a,b` or repeated): the named enum in the document, at most every kind once,
 * each value checked against the kinds with the one message of every enum filter. `name` is the query parameter
 * (`metric` on /v1/stats/outcomes, `kind` elsewhere).
 */
export function KindFilter(
  kinds: readonly string[],
  enumName: string,
  example: string,
  name = 'kind',
): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ enum: kinds, enumName, isArray: true, maxItems: kinds.length, example: [example] }),
    IsOptional(),
    CommaSeparated(),
    IsIn(kinds, oneOf(name, kinds)),
  );
}

const CODE = /^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/;

/**
 * The filters shared by /v1/seizures, /v1/arrests, /v1/outcomes and the
 * statistics built on them (see `figure-filters.ts`). Multi-value filters are
 * comma-separated and match any of their values; different filters combine with AND.
 */
export class FigureFiltersDto {
  /** Operation codes, e.g. `pangea-vii,pangea-viii` (see /v1/operations). */
  @ApiPropertyOptional({
    type: 'array',
    maxItems: MAX_FILTER_VALUES,
    items: { type: 'string', pattern: CODE.source, maxLength: 64 },
    example: ['pangea-vii'],
  })
  @IsOptional()
  @CommaSeparated()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsString({ each: true })
  @Matches(CODE, { each: true, message: 'operation must be operation codes (letters, digits and single hyphens)' })
  operation?: string[];

  /** Series codes, e.g. `pangea,opson` (see /v1/series). */
  @ApiPropertyOptional({
    type: 'array',
    maxItems: MAX_FILTER_VALUES,
    items: { type: 'string', pattern: CODE.source, maxLength: 64 },
    example: ['pangea'],
  })
  @IsOptional()
  @CommaSeparated()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsString({ each: true })
  @Matches(CODE, { each: true, message: 'series must be series codes (letters, digits and single hyphens)' })
  series?: string[];

  /**
   * Crime areas as the data labels them, any case, e.g. `firearms trafficking,environmental crime` (see /v1/series):
   * figures of operations in one of these crime areas.
   */
  @CrimeAreaFilter()
  crimeArea?: string[];

  /** ISO 3166-1 alpha-2 codes, case-insensitive, e.g. `gb,ie`. Only figures reported for that country match. */
  @ApiPropertyOptional({
    type: 'array',
    maxItems: MAX_FILTER_VALUES,
    items: { type: 'string', pattern: '^[A-Za-z]{2}$', maxLength: 2 },
    example: ['GB'],
  })
  @IsOptional()
  @CommaSeparated()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsString({ each: true })
  @Matches(/^[A-Za-z]{2}$/, { each: true, message: 'country must be ISO 3166-1 alpha-2 codes, e.g. GB' })
  country?: string[];

  /**
   * Region codes (see /v1/regions). A figure matches when its country is in the
   * region, or when it has no country and its operation's region is the region or one below it.
   */
  @ApiPropertyOptional({
    type: 'array',
    maxItems: MAX_FILTER_VALUES,
    items: { type: 'string', pattern: CODE.source, maxLength: 64 },
    example: ['europe'],
  })
  @IsOptional()
  @CommaSeparated()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsString({ each: true })
  @Matches(CODE, { each: true, message: 'region must be region codes (letters, digits and single hyphens)' })
  region?: string[];

  /**
   * Reported goods categories, exact match ignoring case, e.g. `olive oil`;
   * `unspecified` matches figures reported without a category.
   */
  @ApiPropertyOptional({
    type: 'array',
    maxItems: MAX_FILTER_VALUES,
    items: { type: 'string', pattern: '\\S', maxLength: 128 },
    example: ['olive oil'],
  })
  @IsOptional()
  @CommaSeparated()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsString({ each: true })
  @IsNotEmpty({ each: true, message: 'category must not contain an empty value' })
  @MaxLength(128, { each: true })
  category?: string[];

  /** Units as reported, exact match ignoring case, e.g. `tonnes,kg` or `USD`. */
  @ApiPropertyOptional({
    type: 'array',
    maxItems: MAX_FILTER_VALUES,
    items: { type: 'string', pattern: '\\S', maxLength: 64 },
    example: ['tonnes'],
  })
  @IsOptional()
  @CommaSeparated()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsString({ each: true })
  @IsNotEmpty({ each: true, message: 'unit must not contain an empty value' })
  @MaxLength(64, { each: true })
  unit?: string[];

  /** What the unit measures, comma-separated: count, mass, volume, money. */
  @KindFilter(UNIT_CLASSES, 'UnitClass', 'mass', 'unitClass')
  unitClass?: UnitClass[];

  /** Operation years, comma-separated, e.g. `2014,2015`. */
  @ApiPropertyOptional({
    type: 'array',
    maxItems: MAX_FILTER_VALUES,
    items: { type: 'integer', minimum: MIN_YEAR, maximum: MAX_YEAR },
    example: [2014],
  })
  @IsOptional()
  @CommaSeparatedIntegers()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsInt({ each: true, message: 'year must be whole years, e.g. 2014,2015' })
  @Min(MIN_YEAR, { each: true })
  @Max(MAX_YEAR, { each: true })
  year?: number[];

  /** First operation year, inclusive. */
  @ApiPropertyOptional({ type: 'integer', minimum: MIN_YEAR, maximum: MAX_YEAR, example: 2010 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  yearFrom?: number;

  /** Last operation year, inclusive. */
  @ApiPropertyOptional({ type: 'integer', minimum: MIN_YEAR, maximum: MAX_YEAR, example: 2015 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  yearTo?: number;

  /** The source's wording, comma-separated: exact, approximately, more_than, nearly, up_to. */
  @KindFilter(QUALIFIERS, 'Qualifier', 'more_than', 'qualifier')
  qualifier?: Qualifier[];

  /** `true`: only the figure that totals use for each group of conflicting reports; `false`: only the others. */
  @ApiPropertyOptional({ type: Boolean, example: true })
  @IsOptional()
  @ToBoolean()
  @IsBoolean({ message: 'preferred must be true or false' })
  preferred?: boolean;

  /**
   * Only the figures that the statistics of this scope add up (README "Counting rules"): `operation`
   * (each operation's totals), `country` (country figures) or `category` (operation-wide figures by
   * category). Every statistics row links here through its `figuresHref`.
   */
  @ApiPropertyOptional({ enum: COUNTED_IN_SCOPES, enumName: 'StatsScope', example: 'operation' })
  @IsOptional()
  @IsIn(COUNTED_IN_SCOPES, { message: `countedIn must be one of: ${COUNTED_IN_SCOPES.join(', ')}` })
  countedIn?: CountedInScope;
}

/** Paging, sorting, format and the shared figure filters. */
class FigureListQueryDto extends IntersectionType(ListQueryDto, FigureFiltersDto) {}

export class SeizureQueryDto extends FigureListQueryDto {
  /** What was seized, comma-separated: items_seized, value_seized, weight_seized, volume_seized. */
  @KindFilter(SEIZURE_KINDS, 'SeizureKind', 'weight_seized')
  kind?: SeizureKind[];
}

export class ArrestQueryDto extends FigureListQueryDto {
  /** Comma-separated: arrests, persons_under_investigation ("arrested or placed under investigation"). */
  @KindFilter(ARREST_KINDS, 'ArrestKind', 'arrests')
  kind?: ArrestKind[];
}

export class OutcomeQueryDto extends FigureListQueryDto {
  /** Other results, comma-separated: websites_shut_down, packages_inspected, packages_seized, investigations_opened, raids_or_checks, labs_dismantled, other. */
  @KindFilter(OUTCOME_KINDS, 'OutcomeKind', 'websites_shut_down')
  kind?: OutcomeKind[];
}

/** A figure id in the path. */
export class FigureIdParamDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 2_147_483_647, example: 74 })
  @ToInteger()
  @IsInt({ message: 'id must be an integer' })
  @Min(1)
  @Max(2_147_483_647)
  id: number;
}
