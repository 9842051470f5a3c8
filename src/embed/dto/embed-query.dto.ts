import { OmitType } from '@nestjs/swagger';
import { StatsFiltersDto, TimeseriesQueryDto } from '../../stats/dto/stats-query.dto';

/** The filters of /v1/stats/summary; an SVG has no other `format`. */
export class SummaryCardQueryDto extends OmitType(StatsFiltersDto, ['format'] as const) {}

/** The parameters of /v1/stats/timeseries; an SVG has no other `format`. */
export class TimeseriesChartQueryDto extends OmitType(TimeseriesQueryDto, ['format'] as const) {}
