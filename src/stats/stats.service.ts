import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DataVersion } from '../common/data-version';
import { ValidationProblem } from '../common/problem';
import { ReferenceCodes } from '../common/reference/reference-codes';
import { UNSPECIFIED_CATEGORY } from '../figures/figure-filters';
import { categoryKey } from '../figures/figure-rules';
import { RollupScope } from './entities/figure-rollup.entity';
import { GroupedStatsQueryDto, OutcomeStatsQueryDto, StatsFiltersDto, TimeseriesMetric, TimeseriesQueryDto } from './dto/stats-query.dto';
import {
  ArrestStatsRowDto,
  FxRateUsedDto,
  MeasureDto,
  MoneyValueDto,
  SeizureStatsRowDto,
  StatsMetaDto,
  StatsRowDto,
  StatValueDto,
  SummaryDto,
  TimeseriesDto,
  TimeseriesPointDto,
} from './dto/stats-response.dto';
import { GroupDimension, operationConditions, ResolvedStatsFilters, StatsRepository, StatsRow } from './stats.repository';
import { participation, summaryOperationWhere } from './participation';
import { figuresHref, listSources, loadRateSources, loadSources } from './stats-links';

type FigureTypeName = 'seizure' | 'arrest' | 'outcome';

const TIMESERIES: Record<TimeseriesMetric, { type: FigureTypeName; kind: string; unitClass: string; unit: string; usd?: boolean }> = {
  arrests: { type: 'arrest', kind: 'arrests', unitClass: 'count', unit: 'people' },
  personsUnderInvestigation: { type: 'arrest', kind: 'persons_under_investigation', unitClass: 'count', unit: 'people' },
  seizureValueUsd: { type: 'seizure', kind: 'value_seized', unitClass: 'money', unit: 'USD', usd: true },
  seizureWeightKg: { type: 'seizure', kind: 'weight_seized', unitClass: 'mass', unit: 'kg' },
  seizureVolumeLitres: { type: 'seizure', kind: 'volume_seized', unitClass: 'volume', unit: 'litres' },
};

const EMPTY_VALUE: StatValueDto = {
  value: null,
  lowerBound: false,
  upperBound: false,
  approximate: false,
  derived: false,
  derivedFrom: null,
  derivedFromCount: 0,
  figureCount: 0,
};

/** Who published each exchange rate, by `CUR:year`. */
type RateSources = Map<string, { publisher: string; url: string }>;

function num(value: string | null): number | null {
  return value === null ? null : Number(value);
}

function toValue(row: StatsRow, usd = false): StatValueDto {
  return {
    value: num(usd ? row.value_usd : row.value),
    lowerBound: row.lower_bound,
    upperBound: row.upper_bound,
    approximate: row.approximate,
    derived: row.derived,
    derivedFrom: row.derived_from,
    derivedFromCount: row.derived_figure_count,
    figureCount: row.figure_count,
  };
}

function toRates(rates: string | null, sources: RateSources): FxRateUsedDto[] {
  if (!rates) return [];
  return rates
    .split(';')
    .map((r) => {
      const [currency, year, unitsPerUsd] = r.split(':');
      const source = sources.get(`${currency}:${year}`);
      return { currency, year: Number(year), unitsPerUsd: Number(unitsPerUsd), sourcePublisher: source?.publisher ?? '', sourceUrl: source?.url ?? '' };
    })
    .sort((a, b) => a.currency.localeCompare(b.currency) || a.year - b.year);
}

function toMoney(row: StatsRow, rateSources: RateSources): MoneyValueDto {
  const value = toValue(row, true);
  // Unconverted figures are left out of the sum, never counted as 0; the sum is then partial.
  return {
    ...value,
    value: row.figure_count === row.unconverted ? null : value.value,
    unconverted: row.unconverted,
    partial: row.unconverted > 0,
    rates: toRates(row.rates, rateSources),
  };
}

/** Sources of a row; 0 for an empty selection (never null). */
function listSourceCount(row: StatsRow): number {
  return row.source_count ?? 0;
}

function toMeasure(row: StatsRow): MeasureDto {
  const measure: MeasureDto = { kind: row.kind!, unitClass: row.unit_class!, unit: row.unit!, ...toValue(row) };
  if (row.unit_class === 'money') measure.valueUsd = num(row.value_usd);
  return measure;
}

@Injectable()
export class StatsService {
  constructor(
    private readonly repository: StatsRepository,
    private readonly refs: ReferenceCodes,
    private readonly dataSource: DataSource,
    private readonly dataVersion: DataVersion,
  ) {}

  async seizures(query: GroupedStatsQueryDto): Promise<{ data: SeizureStatsRowDto[]; meta: StatsMetaDto }> {
    const { rows, meta } = await this.grouped('seizure', query);
    const [shaped, rateSources] = await Promise.all([this.shape(rows, 'seizure', meta, query), loadRateSources(this.dataSource)]);
    const data = shaped.map(({ row, classes }) => {
      const money = classes.find((c) => c.kind === 'value_seized' && c.unit_class === 'money');
      return { ...row, valueUsd: money ? toMoney(money, rateSources) : null };
    });
    return { data, meta };
  }

  async arrests(query: GroupedStatsQueryDto): Promise<{ data: ArrestStatsRowDto[]; meta: StatsMetaDto }> {
    const { rows, meta } = await this.grouped('arrest', query);
    const data = (await this.shape(rows, 'arrest', meta, query)).map(({ row, classes }) => {
      const of = (kind: string) => classes.find((c) => c.kind === kind);
      const arrests = of('arrests');
      const persons = of('persons_under_investigation');
      return { ...row, arrests: arrests ? toValue(arrests) : null, personsUnderInvestigation: persons ? toValue(persons) : null };
    });
    return { data, meta };
  }

  async outcomes(query: OutcomeStatsQueryDto): Promise<{ data: StatsRowDto[]; meta: StatsMetaDto }> {
    const { rows, meta } = await this.grouped('outcome', query, query.metric);
    return { data: (await this.shape(rows, 'outcome', meta, query, query.metric)).map(({ row }) => row), meta };
  }

  async timeseries(query: TimeseriesQueryDto): Promise<TimeseriesDto> {
    const metric = TIMESERIES[query.metric];
    const by = query.by ?? 'year';
    const filters = await this.resolve(query);
    const scope = this.scopeFor([], filters);
    const rows = await this.repository.aggregate({
      scope,
      type: metric.type,
      kinds: [metric.kind],
      groupBy: [by === 'year' ? 'year' : 'operation'],
      filters,
    });
    const byKey = new Map(
      rows
        .filter((r) => r.level === 'class' && r.unit_class === metric.unitClass)
        .map((r) => [String(Object.values(r.keys)[0]), r]),
    );
    const [sources, rateSources] = await Promise.all([
      loadSources(this.dataSource, [...byKey.values()].flatMap((r) => r.source_ids ?? [])),
      loadRateSources(this.dataSource),
    ]);
    const point = (row: StatsRow | undefined, keys: Record<string, string | number>): Omit<TimeseriesPointDto, 'year'> => {
      const links = {
        sourceCount: row ? listSourceCount(row) : 0,
        figuresHref: figuresHref(metric.type, scope, query, keys, [metric.kind]),
        sources: listSources(row?.source_ids, sources),
      };
      if (!row) return metric.usd ? { ...EMPTY_VALUE, unconverted: 0, partial: false, ...links } : { ...EMPTY_VALUE, ...links };
      if (!metric.usd) return { ...toValue(row), ...links };
      const { rates: _rates, ...money } = toMoney(row, rateSources);
      return { ...money, ...links };
    };
    const operations = await this.operations(filters);
    let data: TimeseriesPointDto[];
    if (by === 'edition') {
      data = operations.map((o) => ({ year: o.year, operation: o.code, name: o.name, ...point(byKey.get(o.code), { operation: o.code }) }));
    } else {
      data = [];
      if (operations.length > 0) {
        const first = operations[0].year;
        const last = operations[operations.length - 1].year;
        for (let year = first; year <= last; year += 1) data.push({ year, ...point(byKey.get(String(year)), { year }) });
      }
    }
    return { data, meta: { metric: query.metric, by, unit: metric.unit, asOf: await this.asOf() } };
  }

  async summary(query: StatsFiltersDto): Promise<SummaryDto> {
    const filters = await this.resolve(query);
    const scope = this.scopeFor([], filters);
    const [arrestRows, seizureRows, operations, countries, asOf, rateSources] = await Promise.all([
      this.repository.aggregate({ scope, type: 'arrest', groupBy: [], filters }),
      this.repository.aggregate({ scope, type: 'seizure', groupBy: [], filters }),
      this.operations(filters),
      participation(this.dataSource, filters),
      this.asOf(),
      loadRateSources(this.dataSource),
    ]);
    const arrestClass = (kind: string) => arrestRows.find((r) => r.level === 'class' && r.kind === kind);
    const money = seizureRows.find((r) => r.level === 'class' && r.kind === 'value_seized' && r.unit_class === 'money');
    const arrests = arrestClass('arrests');
    const persons = arrestClass('persons_under_investigation');
    return {
      operations: operations.length,
      participatingCountries: countries.countriesListedOrWithFigures,
      participation: {
        countriesListed: countries.countriesListed,
        countriesWithFigures: countries.countriesWithFigures,
        countriesStatedMax: countries.countriesStatedMax,
        operationsWithParticipantList: countries.operationsWithParticipantList,
        operationsStatingCountries: countries.operationsStatingCountries,
      },
      arrests: arrests ? toValue(arrests) : { ...EMPTY_VALUE },
      personsUnderInvestigation: persons ? toValue(persons) : { ...EMPTY_VALUE },
      seizureValueUsd: money ? toMoney(money, rateSources) : { ...EMPTY_VALUE, unconverted: 0, partial: false, rates: [] },
      seizedQuantities: seizureRows
        .filter((r) => r.level === 'measure' && r.unit_class !== 'money')
        .map((r) => ({ kind: r.kind!, unitClass: r.unit_class!, unit: r.unit!, ...toValue(r) })),
      firstYear: operations[0]?.year ?? null,
      lastYear: operations[operations.length - 1]?.year ?? null,
      asOf,
    };
  }

  /** When the data last changed (`data_state.changed_at`, the same in every process), as an ISO timestamp. */
  async asOf(): Promise<string> {
    return this.dataVersion.lastChange().toISOString();
  }

  private async grouped(type: FigureTypeName, query: GroupedStatsQueryDto, kinds?: string[]) {
    const groupBy = query.groupBy ?? [];
    const filters = await this.resolve(query);
    const scope = this.scopeFor(groupBy, filters);
    const rows = await this.repository.aggregate({ scope, type, kinds, groupBy, filters });
    const meta: StatsMetaDto = { groupBy, scope, asOf: await this.asOf() };
    return { rows, meta };
  }

  /**
   * Groups the SQL rows by their keys: one response row each, with its measures, its per-class sums,
   * the link to its figures and its sources.
   */
  private async shape(
    rows: StatsRow[],
    type: FigureTypeName,
    meta: StatsMetaDto,
    query: StatsFiltersDto,
    kinds?: readonly string[],
  ): Promise<{ row: StatsRowDto; classes: StatsRow[] }[]> {
    const groupBy = meta.groupBy as GroupDimension[];
    const scope = meta.scope as RollupScope;
    const groupRows = rows.filter((r) => r.level === 'group');
    const sources = await loadSources(this.dataSource, groupRows.flatMap((r) => r.source_ids ?? []));
    const groups = new Map<string, { row: StatsRowDto; classes: StatsRow[] }>();
    for (const r of rows) {
      const key = JSON.stringify(groupBy.map((d) => r.keys[d]));
      let group = groups.get(key);
      if (!group) {
        const row: StatsRowDto = {
          keys: r.keys,
          labels: r.labels,
          figureCount: 0,
          sourceCount: 0,
          figuresHref: figuresHref(type, scope, query, r.keys, kinds),
          sources: [],
          measures: [],
        };
        group = { row, classes: [] };
        groups.set(key, group);
      }
      if (r.level === 'group') {
        group.row.figureCount = r.figure_count;
        group.row.sourceCount = listSourceCount(r);
        group.row.sources = listSources(r.source_ids, sources);
      } else if (r.level === 'class') {
        group.classes.push(r);
      } else {
        group.row.measures.push(toMeasure(r));
      }
    }
    return [...groups.values()];
  }

  /**
   * Which figures a question adds up: country figures when it asks about
   * countries, operation-wide figures by category when it asks about
   * categories, else one total per operation.
   */
  private scopeFor(groupBy: GroupDimension[], filters: ResolvedStatsFilters): RollupScope {
    const byCountry = groupBy.includes('country') || filters.countries !== undefined;
    const byCategory = groupBy.includes('category') || filters.categories !== undefined;
    if (byCountry && byCategory) {
      throw new ValidationProblem([
        {
          name: groupBy.includes('category') ? 'groupBy' : 'category',
          reason: 'country and category cannot be combined: country figures and category figures are reported separately and would be counted twice',
        },
      ]);
    }
    if (byCountry) return 'country';
    if (byCategory) return 'category';
    return 'operation';
  }

  private async resolve(query: StatsFiltersDto): Promise<ResolvedStatsFilters> {
    if (query.yearFrom !== undefined && query.yearTo !== undefined && query.yearFrom > query.yearTo) {
      throw new ValidationProblem([{ name: 'yearFrom', reason: 'yearFrom must not be after yearTo' }]);
    }
    const filters: ResolvedStatsFilters = { years: query.year, yearFrom: query.yearFrom, yearTo: query.yearTo };
    if (query.series?.length) filters.seriesIds = await this.refs.seriesIds('series', query.series);
    if (query.operation?.length) filters.operationIds = await this.refs.operationIds('operation', query.operation);
    if (query.country?.length) filters.countries = await this.refs.countryCodes('country', query.country);
    if (query.region?.length) {
      const scope = await this.refs.regionScope('region', query.region);
      filters.regionIds = scope.regionIds;
      filters.regionCountries = scope.countryIso2s;
    }
    if (query.category?.length) {
      filters.categories = query.category.map((c) => (c.trim().toLowerCase() === UNSPECIFIED_CATEGORY ? null : categoryKey(c)));
    }
    return filters;
  }

  /** The operations the filters select, oldest first. */
  private operations(filters: ResolvedStatsFilters): Promise<{ id: number; code: string; name: string; year: number }[]> {
    const { where, params } = summaryOperationWhere(filters);
    return this.dataSource.query(`SELECT o.id, o.code, o.name, o.year FROM operations o WHERE ${where} ORDER BY o.year, o.start_date NULLS LAST, o.code`, params);
  }
}
