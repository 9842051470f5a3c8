import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsOptional } from 'class-validator';
import { RESPONSE_FORMATS, ResponseFormat } from '../../common/list/list-query.dto';
import { CommaSeparated } from '../../common/list/query-transforms';
import { FigureFiltersDto, oneOf } from '../../figures/dto/figure-query.dto';
import { OUTCOME_KINDS, OutcomeKind } from '../../figures/figure-kinds';
import { GROUP_DIMENSIONS, GroupDimension } from '../stats.repository';

export const TIMESERIES_METRICS = [
  'arrests',
  'personsUnderInvestigation',
  'seizureValueUsd',
  'seizureWeightKg',
  'seizureVolumeLitres',
] as const;
export type TimeseriesMetric = (typeof TIMESERIES_METRICS)[number];
export const TIMESERIES_STEPS = ['year', 'edition'] as const;
export type TimeseriesStep = (typeof TIMESERIES_STEPS)[number];

/** The filters of the figure lists that the statistics accept. */
export class StatsFiltersDto extends PickType(FigureFiltersDto, [
  'series',
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

export class GroupedStatsQueryDto extends StatsFiltersDto {
  /**
   * One dimension, or two comma-separated for a pivot (e.g. `series,year`).
   * `country` groups country figures only; `category` groups operation-wide
   * figures by category (totals without category are `unspecified`); they
   * cannot be combined with each other. Without `groupBy`: one row, the total.
   */
  @ApiPropertyOptional({ enum: GROUP_DIMENSIONS, enumName: 'StatsGroupBy', isArray: true, maxItems: 2, example: ['series', 'year'] })
  @IsOptional()
  @CommaSeparated()
  @ArrayMaxSize(2, { message: 'groupBy takes at most two dimensions' })
  @IsIn(GROUP_DIMENSIONS, oneOf('groupBy', GROUP_DIMENSIONS))
  groupBy?: GroupDimension[];
}

export class OutcomeStatsQueryDto extends GroupedStatsQueryDto {
  /** Outcome kinds to count, comma-separated; all when omitted. Different units are never added together. */
  @ApiPropertyOptional({ enum: OUTCOME_KINDS, enumName: 'OutcomeKind', isArray: true, maxItems: OUTCOME_KINDS.length, example: ['websites_shut_down'] })
  @IsOptional()
  @CommaSeparated()
  @IsIn(OUTCOME_KINDS, oneOf('metric', OUTCOME_KINDS))
  metric?: OutcomeKind[];
}

export class TimeseriesQueryDto extends StatsFiltersDto {
  /** What to count: arrests, persons under investigation, seizure value in USD, seized weight (kg) or volume (litres). */
  @ApiProperty({ enum: TIMESERIES_METRICS, enumName: 'TimeseriesMetric', example: 'arrests' })
  @IsIn(TIMESERIES_METRICS, { message: `metric must be one of: ${TIMESERIES_METRICS.join(', ')}` })
  metric: TimeseriesMetric;

  /** One point per year (gaps are null) or per edition. */
  @ApiPropertyOptional({ enum: TIMESERIES_STEPS, enumName: 'TimeseriesStep', default: 'year' })
  @IsOptional()
  @IsIn(TIMESERIES_STEPS, { message: `by must be one of: ${TIMESERIES_STEPS.join(', ')}` })
  by?: TimeseriesStep;
}
