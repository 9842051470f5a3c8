import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_LIMIT, MAX_OFFSET, RESPONSE_FORMATS, ResponseFormat } from '../../common/list/list-query.dto';
import { CommaSeparated, ToInteger } from '../../common/list/query-transforms';
import { FigureFiltersDto, KindFilter, oneOf } from '../../figures/dto/figure-query.dto';
import {
  ARREST_KINDS,
  ArrestKind,
  OUTCOME_KINDS,
  OutcomeKind,
  SEIZURE_KINDS,
  SeizureKind,
} from '../../figures/figure-kinds';
import { GROUP_DIMENSIONS, GroupDimension } from '../stats.repository';

export const TIMESERIES_METRICS = [
  'arrests',
  'personsUnderInvestigation',
  'seizureValueUsd',
  'seizureWeightKg',
  'seizureVolumeLitres',
] as const;
export type TimeseriesMetric = (typeof TIMESERIES_METRICS)[number];
/** The snake_case spelling of each metric (`seizure_value_usd`), as kinds are spelt; accepted beside camelCase. */
export const TIMESERIES_METRIC_ALIASES: Record<string, TimeseriesMetric> = Object.fromEntries(
  TIMESERIES_METRICS.map((metric) => [metric.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), metric]),
);
/** Every name `metric` takes: camelCase, then the snake_case spellings that differ. */
export const TIMESERIES_METRIC_NAMES = [
  ...TIMESERIES_METRICS,
  ...Object.keys(TIMESERIES_METRIC_ALIASES).filter((name) => !(TIMESERIES_METRICS as readonly string[]).includes(name)),
];
export const TIMESERIES_STEPS = ['year', 'edition'] as const;
export type TimeseriesStep = (typeof TIMESERIES_STEPS)[number];

/** The filters of the figure lists that the statistics accept. */
export class StatsFiltersDto extends PickType(FigureFiltersDto, [
  'series',
  'crimeArea',
  'operation',
  'year',
  'yearFrom',
  'yearTo',
  'region',
  'country',
  'category',
] as const) {
  /** `csv` for a CSV download (also chosen by `Accept: text/csv`). */
  @ApiPropertyOptional({ enum: RESPONSE_FORMATS, enumName: 'ResponseFormat', default: 'json' })
  @IsOptional()
  @IsIn(RESPONSE_FORMATS)
  format?: ResponseFormat;
}

/**
 * What the rows of each grouped statistic can be sorted on besides its `groupBy` keys: a measure of the row, or how
 * many figures and sources it adds up. README "Endpoints" lists them too.
 */
export const STATS_SORT_MEASURES = {
  seizures: ['valueUsd', 'weightKg', 'volumeLitres', 'figureCount', 'sourceCount'],
  arrests: ['arrests', 'personsUnderInvestigation', 'figureCount', 'sourceCount'],
  outcomes: ['figureCount', 'sourceCount'],
} as const;

const SORT_PATTERN = /^-?[A-Za-z][A-Za-z0-9]*(,-?[A-Za-z][A-Za-z0-9]*)*$/;

/** `sort` of a grouped statistic: field names as in the lists; which fields, the endpoint checks (400 naming `sort`). */
function StatsSortField(example: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ maxLength: 200, pattern: SORT_PATTERN.source, example }),
    IsOptional(),
    IsString(),
    MaxLength(200),
    Matches(SORT_PATTERN, { message: 'sort must be comma-separated field names, each optionally prefixed with "-"' }),
  );
}

export class GroupedStatsQueryDto extends StatsFiltersDto {
  /**
   * One dimension, or two comma-separated for a pivot (e.g. `series,year`).
   * `country` groups country figures only; `category` groups operation-wide
   * figures by category (totals without category are `unspecified`); they
   * cannot be combined with each other. `crimeArea` groups by the operation's
   * crime area. Without `groupBy`: one row, the total. With `year` (alone or
   * beside another key), every year of the selection's range has a row, for
   * each value of the other key that has any row: a year without a figure is a
   * row with null measures (`measures: []`, `figureCount: 0`), never a missing
   * row, as the timeseries has a null point (not beside `operation`, whose
   * rows are its own year; README "Years without a figure").
   */
  @ApiPropertyOptional({
    enum: GROUP_DIMENSIONS,
    enumName: 'StatsGroupBy',
    isArray: true,
    maxItems: 2,
    example: ['series', 'year'],
  })
  @IsOptional()
  @CommaSeparated()
  @ArrayMaxSize(2, { message: 'groupBy takes at most two dimensions' })
  @IsIn(GROUP_DIMENSIONS, oneOf('groupBy', GROUP_DIMENSIONS))
  groupBy?: GroupDimension[];

  /**
   * Rows to return, after grouping and sorting (`meta.total` counts them all). No default page size: without
   * `limit`, every row, in JSON and CSV alike (so the schema gives no `default`; README "Paging").
   */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_LIMIT, example: 10 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit?: number;

  /** Rows to skip, after grouping and sorting: 0 when omitted. */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0, example: 0 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset?: number;
}

export class SeizureStatsQueryDto extends GroupedStatsQueryDto {
  /**
   * Order of the rows: comma-separated fields, `-` for descending. A `groupBy` key of the request, or `valueUsd`
   * (the value in US dollars), `weightKg` (weight seized), `volumeLitres` (volume seized), `figureCount`,
   * `sourceCount`. Rows without a value (nothing converted, no figure of that measure) come last in both
   * directions; ties keep the default order (that of the keys). E.g. `sort=-valueUsd&limit=10`.
   */
  @StatsSortField('-valueUsd')
  sort?: string;

  /**
   * Seizure kinds to add up, comma-separated (as `kind` on /v1/seizures): e.g. `value_seized` for the values only;
   * all when omitted. The rows and their measures keep only these kinds; `figuresHref` lists only their figures.
   */
  @KindFilter(SEIZURE_KINDS, 'SeizureKind', 'value_seized')
  kind?: SeizureKind[];
}

export class ArrestStatsQueryDto extends GroupedStatsQueryDto {
  /**
   * Order of the rows: comma-separated fields, `-` for descending. A `groupBy` key of the request, or `arrests`,
   * `personsUnderInvestigation`, `figureCount`, `sourceCount`. Rows without a value (no figure of that measure) come
   * last in both directions; ties keep the default order (that of the keys). E.g. `sort=-arrests&limit=10`.
   */
  @StatsSortField('-arrests')
  sort?: string;

  /**
   * Arrest kinds to add up, comma-separated (as `kind` on /v1/arrests): `arrests`, `persons_under_investigation`;
   * both when omitted. The measure of a kind left out is null on every row.
   */
  @KindFilter(ARREST_KINDS, 'ArrestKind', 'arrests')
  kind?: ArrestKind[];
}

export class OutcomeStatsQueryDto extends GroupedStatsQueryDto {
  /**
   * Order of the rows: comma-separated fields, `-` for descending. A `groupBy` key of the request, `figureCount` or
   * `sourceCount` (outcomes of different kinds and units are never added, so there is no one value to sort on).
   * Ties keep the default order (that of the keys). E.g. `groupBy=series&sort=-figureCount`.
   */
  @StatsSortField('-figureCount')
  sort?: string;

  /**
   * Outcome kinds to count, comma-separated; all when omitted. Different units are never added together. The same
   * as `kind` (the name the lists and the other statistics use); giving both with different values is a 400.
   */
  @KindFilter(OUTCOME_KINDS, 'OutcomeKind', 'websites_shut_down', 'metric')
  metric?: OutcomeKind[];

  /** Outcome kinds to count, comma-separated, as on /v1/outcomes: the same as `metric`. */
  @KindFilter(OUTCOME_KINDS, 'OutcomeKind', 'websites_shut_down')
  kind?: OutcomeKind[];
}

export class TimeseriesQueryDto extends StatsFiltersDto {
  /**
   * What to count: arrests, persons under investigation, seizure value in USD, seized weight (kg) or volume
   * (litres). camelCase (`seizureValueUsd`) or snake_case as kinds are spelt (`seizure_value_usd`): the same metric;
   * `meta.metric` gives the camelCase name.
   */
  @ApiProperty({ enum: TIMESERIES_METRIC_NAMES, enumName: 'TimeseriesMetricName', example: 'arrests' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && TIMESERIES_METRIC_ALIASES[value] ? TIMESERIES_METRIC_ALIASES[value] : value,
  )
  @IsIn(TIMESERIES_METRICS, { message: `metric must be one of: ${TIMESERIES_METRIC_NAMES.join(', ')}` })
  metric: TimeseriesMetric;

  /** One point per year (gaps are null) or per edition. */
  @ApiPropertyOptional({ enum: TIMESERIES_STEPS, enumName: 'TimeseriesStep', default: 'year' })
  @IsOptional()
  @IsIn(TIMESERIES_STEPS, { message: `by must be one of: ${TIMESERIES_STEPS.join(', ')}` })
  by?: TimeseriesStep;
}
