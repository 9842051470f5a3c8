import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FIGURE_KINDS, SEIZURE_KINDS, UNIT_CLASSES } from '../../figures/figure-kinds';
import { GROUP_DIMENSIONS } from '../stats.repository';
import { TIMESERIES_METRICS, TIMESERIES_STEPS } from './stats-query.dto';

/** What the seized quantities of the summary measure: money is the separate `seizureValueUsd`, never a quantity. */
export const QUANTITY_UNIT_CLASSES = UNIT_CLASSES.filter((c) => c !== 'money');

/** A rate used to convert a money value to US dollars. */
export class FxRateUsedDto {
  @ApiProperty({ example: 'EUR' })
  currency: string;

  /** The operation year whose annual average rate was used. */
  @ApiProperty({ type: 'integer', example: 2015 })
  year: number;

  /** Units of the currency per US dollar (fx_annual.csv). */
  @ApiProperty({ example: 0.901226 })
  unitsPerUsd: number;

  /** Who published the rate (FX.md). */
  @ApiProperty({ example: 'Board of Governors of the Federal Reserve System' })
  sourcePublisher: string;

  /** Where the rate was read. */
  @ApiProperty({ example: 'https://www.federalreserve.gov/releases/g5a/current/default.htm' })
  sourceUrl: string;
}

/** A page that figures of a statistic come from, to cite. */
export class StatsSourceDto {
  @ApiProperty({ type: 'integer', example: 17 })
  id: number;

  @ApiProperty({ example: 'https://www.interpol.int/News-and-Events/News/2014/example' })
  url: string;

  @ApiProperty({ type: String, nullable: true, example: 'INTERPOL' })
  publisher: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date', example: '2014-05-22' })
  publishedOn: string | null;

  /** `official`, `regulator` or `media`. */
  @ApiProperty({ type: String, nullable: true, example: 'official' })
  tier: string | null;

  @ApiProperty({ example: '/v1/sources/17' })
  href: string;
}

/** A sum of preferred figures, with what the source wording makes of it. */
export class StatValueDto {
  /** The sum; null when nothing was reported. */
  @ApiProperty({ type: 'number', nullable: true, example: 1220 })
  value: number | null;

  /** At least one summed figure was "more than", or the sum is derived: the true total is at least this. */
  @ApiProperty({ example: false })
  lowerBound: boolean;

  /** At least one summed figure was "up to". */
  @ApiProperty({ example: false })
  upperBound: boolean;

  /** At least one summed figure was "about" or "nearly". */
  @ApiProperty({ example: true })
  approximate: boolean;

  /**
   * At least one operation reported no total, so its breakdowns were added up instead; such a sum is
   * a lower bound (`lowerBound`), since nobody can know that the breakdowns are all of it.
   */
  @ApiProperty({ example: false })
  derived: boolean;

  /**
   * What the derived part was summed from: `categories` (operation-wide figures of several
   * categories, or a country's category figures), `countries` (country figures, which press releases
   * often give as a few examples), `mixed` (both, across several operations); null when not derived.
   */
  @ApiProperty({ enum: ['categories', 'countries', 'mixed'], enumName: 'DerivedFrom', nullable: true, example: null })
  derivedFrom: 'categories' | 'countries' | 'mixed' | null;

  /** Figures added up in the derived part (0 when not derived). */
  @ApiProperty({ type: 'integer', example: 0 })
  derivedFromCount: number;

  /** Figures added up. */
  @ApiProperty({ type: 'integer', example: 5 })
  figureCount: number;
}

/** A sum of money converted to US dollars. */
export class MoneyValueDto extends StatValueDto {
  /** Money figures left out of `value` because no rate is known for their currency and year (never counted as 0). */
  @ApiProperty({ type: 'integer', example: 0 })
  unconverted: number;

  /** True when `unconverted` > 0: the sum leaves some values out and is partial (a lower bound of the whole). */
  @ApiProperty({ example: false })
  partial: boolean;

  @ApiProperty({ type: [FxRateUsedDto] })
  rates: FxRateUsedDto[];
}

/** One measure: a kind of figure in one unit. Different units are never added together. */
export class MeasureDto extends StatValueDto {
  /** The kind of figure added up (one of the kinds of the endpoint's figure type). */
  @ApiProperty({ enum: FIGURE_KINDS, enumName: 'FigureKind', example: 'weight_seized' })
  kind: string;

  /** What the unit measures; `money` values also have `valueUsd`. */
  @ApiProperty({ enum: UNIT_CLASSES, enumName: 'UnitClass', example: 'mass' })
  unitClass: string;

  /** `kg` for mass, `litres` for volume, the currency for money, else the counted unit as reported. */
  @ApiProperty({ example: 'kg' })
  unit: string;

  /** For money: the value in US dollars (null when no rate is known). */
  @ApiPropertyOptional({ type: 'number', nullable: true, example: 51000000 })
  valueUsd?: number | null;
}

export class StatsKeysDto {
  @ApiPropertyOptional({ type: 'integer', example: 2015 })
  year?: number;

  @ApiPropertyOptional({ example: 'pangea' })
  series?: string;

  @ApiPropertyOptional({ example: 'pangea-viii' })
  operation?: string;

  /** Region code of the operation (country scope: of the country's operation); `unspecified` when none. */
  @ApiPropertyOptional({ example: 'world' })
  region?: string;

  @ApiPropertyOptional({ example: 'GB' })
  country?: string;

  /** Category; `unspecified` for totals reported without one. */
  @ApiPropertyOptional({ example: 'olive oil' })
  category?: string;

  /** The operation's crime area, as the data labels it. */
  @ApiPropertyOptional({ example: 'pharmaceutical crime' })
  crimeArea?: string;
}

export class StatsLabelsDto {
  @ApiPropertyOptional({ example: '2015' })
  year?: string;

  @ApiPropertyOptional({ example: 'Pangea' })
  series?: string;

  @ApiPropertyOptional({ example: 'Pangea VIII' })
  operation?: string;

  @ApiPropertyOptional({ example: 'World' })
  region?: string;

  @ApiPropertyOptional({ example: 'United Kingdom' })
  country?: string;

  @ApiPropertyOptional({ example: 'olive oil' })
  category?: string;

  @ApiPropertyOptional({ example: 'pharmaceutical crime' })
  crimeArea?: string;
}

export class StatsRowDto {
  /** The group's key for each `groupBy` dimension (empty without `groupBy`). */
  keys: StatsKeysDto;

  labels: StatsLabelsDto;

  /** Figures added up in this row. */
  @ApiProperty({ type: 'integer', example: 12 })
  figureCount: number;

  /** Distinct sources of those figures. */
  @ApiProperty({ type: 'integer', example: 4 })
  sourceCount: number;

  /** The list of the figures added up in this row (a figure list with `preferred=true&countedIn=…`, CSV with `format=csv`). */
  @ApiProperty({ example: '/v1/arrests?series=pangea&year=2015&preferred=true&countedIn=operation' })
  figuresHref: string;

  /** The source pages of those figures, official ones first, at most 10 (`sourceCount` says how many in all). */
  @ApiProperty({ type: [StatsSourceDto] })
  sources: StatsSourceDto[];

  @ApiProperty({ type: [MeasureDto] })
  measures: MeasureDto[];
}

export class SeizureStatsRowDto extends StatsRowDto {
  /** Value of the seizures in US dollars, every currency converted with the annual rate of the operation's year. */
  @ApiProperty({ type: MoneyValueDto, nullable: true })
  valueUsd: MoneyValueDto | null;
}

export class ArrestStatsRowDto extends StatsRowDto {
  @ApiProperty({ type: StatValueDto, nullable: true })
  arrests: StatValueDto | null;

  @ApiProperty({ type: StatValueDto, nullable: true })
  personsUnderInvestigation: StatValueDto | null;
}

export class StatsMetaDto {
  /** The `groupBy` dimensions of the request, in its order (empty without `groupBy`). */
  @ApiProperty({ enum: GROUP_DIMENSIONS, enumName: 'StatsGroupBy', isArray: true, maxItems: 2, example: ['year'] })
  groupBy: string[];

  /**
   * Which figures were added up: `operation` (one total per operation),
   * `country` (country figures) or `category` (operation-wide figures by category).
   */
  @ApiProperty({ enum: ['operation', 'country', 'category'], enumName: 'StatsScope', example: 'operation' })
  scope: string;

  /** When the data last changed. */
  @ApiProperty({ format: 'date-time', example: '2026-11-21T22:00:00.000Z' })
  asOf: string;

  /** Rows of the statistic, all pages together (before `limit` and `offset`). */
  @ApiProperty({ type: 'integer', minimum: 0, example: 18 })
  total: number;

  /** The `limit` asked for; null without one (every row). */
  @ApiProperty({ type: 'integer', nullable: true, example: 10 })
  limit: number | null;

  /** The `offset` asked for (0 when omitted). */
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 })
  offset: number;
}

export class SeizureStatsDto {
  @ApiProperty({ type: [SeizureStatsRowDto] })
  data: SeizureStatsRowDto[];

  meta: StatsMetaDto;
}

export class ArrestStatsDto {
  @ApiProperty({ type: [ArrestStatsRowDto] })
  data: ArrestStatsRowDto[];

  meta: StatsMetaDto;
}

export class OutcomeStatsDto {
  @ApiProperty({ type: [StatsRowDto] })
  data: StatsRowDto[];

  meta: StatsMetaDto;
}

export class TimeseriesPointDto extends StatValueDto {
  @ApiProperty({ type: 'integer', example: 2015 })
  year: number;

  /** The operation (by=edition). */
  @ApiPropertyOptional({ example: 'pangea-viii' })
  operation?: string;

  @ApiPropertyOptional({ example: 'Pangea VIII' })
  name?: string;

  /** Money figures without a known rate (seizureValueUsd only). */
  @ApiPropertyOptional({ type: 'integer', example: 0 })
  unconverted?: number;

  /** `unconverted` > 0: the point leaves some values out (seizureValueUsd only). */
  @ApiPropertyOptional({ example: false })
  partial?: boolean;

  /** Distinct sources of the figures of this point. */
  @ApiProperty({ type: 'integer', example: 2 })
  sourceCount: number;

  /** The list of the figures added up in this point. */
  @ApiProperty({ example: '/v1/arrests?kind=arrests&year=2015&preferred=true&countedIn=operation' })
  figuresHref: string;

  /** The source pages of those figures, official ones first, at most 10. */
  @ApiProperty({ type: [StatsSourceDto] })
  sources: StatsSourceDto[];
}

export class TimeseriesMetaDto {
  /** The metric of the points, by its camelCase name (also when asked for by its snake_case name). */
  @ApiProperty({ enum: TIMESERIES_METRICS, enumName: 'TimeseriesMetric', example: 'arrests' })
  metric: string;

  /** One point per `year` or per `edition`. */
  @ApiProperty({ enum: TIMESERIES_STEPS, enumName: 'TimeseriesStep', example: 'year' })
  by: string;

  /** `people`, `USD`, `kg` or `litres`. */
  @ApiProperty({ example: 'people' })
  unit: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-21T22:00:00.000Z' })
  asOf: string;
}

export class TimeseriesDto {
  /** One point per year from the first to the last year (value null where nothing was reported) or per edition. */
  @ApiProperty({ type: [TimeseriesPointDto] })
  data: TimeseriesPointDto[];

  meta: TimeseriesMetaDto;
}

export class QuantityTotalDto extends StatValueDto {
  /** The kind of seizure figure added up. */
  @ApiProperty({ enum: SEIZURE_KINDS, enumName: 'SeizureKind', example: 'items_seized' })
  kind: string;

  /** What the unit measures. Never `money`: seized values are given once, in US dollars, as `seizureValueUsd`. */
  @ApiProperty({ enum: QUANTITY_UNIT_CLASSES, enumName: 'QuantityUnitClass', example: 'mass' })
  unitClass: string;

  @ApiProperty({ example: 'kg' })
  unit: string;
}

/** Participation, three facts kept apart: stated by a source, listed by name, with figures. */
export class SummaryParticipationDto {
  /** Distinct countries a source lists by name as participants of a selected operation. */
  @ApiProperty({ type: 'integer', minimum: 0, example: 29 })
  countriesListed: number;

  /**
   * Distinct countries a selected operation has a figure for, listed or not; press releases give
   * country figures as examples, so this is not a number of participants.
   */
  @ApiProperty({ type: 'integer', minimum: 0, example: 12 })
  countriesWithFigures: number;

  /**
   * The largest number of participating countries a selected operation's source states ("more than N"
   * stored as N). Stated numbers are never added: editions share most participants. Null when none
   * states one, and with a `country` filter.
   */
  @ApiProperty({ type: 'integer', nullable: true, example: 123 })
  countriesStatedMax: number | null;

  /** Selected operations whose sources list participants: the coverage of `countriesListed`. */
  @ApiProperty({ type: 'integer', minimum: 0, example: 4 })
  operationsWithParticipantList: number;

  /** Selected operations whose source states a number of countries: the coverage of `countriesStatedMax`. */
  @ApiProperty({ type: 'integer', minimum: 0, example: 15 })
  operationsStatingCountries: number;
}

export class SummaryDto {
  /** Operations matching the filters. */
  @ApiProperty({ type: 'integer', example: 55 })
  operations: number;

  /** Series of those operations (Pangea, Opson, …). */
  @ApiProperty({ type: 'integer', minimum: 0, example: 48 })
  series: number;

  /** Crime areas of those operations, as the data labels them, in alphabetical order. */
  @ApiProperty({ type: [String], example: ['firearms trafficking', 'pharmaceutical crime'] })
  crimeAreas: string[];

  /**
   * Distinct countries listed as participants or with figures of their own, each once (its meaning
   * since release 1); `participation` keeps the stated, listed and with-figures counts apart.
   */
  @ApiProperty({ type: 'integer', example: 120 })
  participatingCountries: number;

  @ApiProperty({ type: SummaryParticipationDto })
  participation: SummaryParticipationDto;

  @ApiProperty({ type: StatValueDto })
  arrests: StatValueDto;

  @ApiProperty({ type: StatValueDto })
  personsUnderInvestigation: StatValueDto;

  @ApiProperty({ type: MoneyValueDto })
  seizureValueUsd: MoneyValueDto;

  /** Seized quantities, one entry per kind and unit (mass in kg, volume in litres, counts in their unit). */
  @ApiProperty({ type: [QuantityTotalDto] })
  seizedQuantities: QuantityTotalDto[];

  @ApiProperty({ type: 'integer', nullable: true, example: 2008 })
  firstYear: number | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 2025 })
  lastYear: number | null;

  /** When the data last changed. */
  @ApiProperty({ format: 'date-time', example: '2026-11-21T22:00:00.000Z' })
  asOf: string;
}
