import { IntersectionType, OmitType } from '@nestjs/swagger';
import { LangQueryDto } from '../../i18n/lang-query.dto';
import { StatsFiltersDto, TimeseriesQueryDto } from '../../stats/dto/stats-query.dto';

/** The filters of /v1/stats/summary (an SVG has no other `format`), and the card's language. */
export class SummaryCardQueryDto extends IntersectionType(
  OmitType(StatsFiltersDto, ['format'] as const),
  LangQueryDto,
) {}

/** The parameters of /v1/stats/timeseries (an SVG has no other `format`), and the chart's language. */
export class TimeseriesChartQueryDto extends IntersectionType(
  OmitType(TimeseriesQueryDto, ['format'] as const),
  LangQueryDto,
) {}

/** The operation card's language. */
export class OperationCardQueryDto extends LangQueryDto {}
