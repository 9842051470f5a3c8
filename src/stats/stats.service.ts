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

type FigureTypeName = 'seizure' | 'arrest' | 'outcome';

const TIMESERIES: Record<TimeseriesMetric, { type: FigureTypeName; kind: string; unitClass: string; unit: string; usd?: boolean }> = {
  arrests: { type: 'arrest', kind: 'arrests', unitClass: 'count', unit: 'people' },
  personsUnderInvestigation: { type: 'arrest', kind: 'persons_under_investigation', unitClass: 'count', unit: 'people' },
  seizureValueUsd: { type: 'seizure', kind: 'value_seized', unitClass: 'money', unit: 'USD', usd: true },
  seizureWeightKg: { type: 'seizure', kind: 'weight_seized', unitClass: 'mass', unit: 'kg' },
  seizureVolumeLitres: { type: 'seizure', kind: 'volume_seized', unitClass: 'volume', unit: 'litres' },
};

const EMPTY_VALUE: StatValueDto = { value: null, lowerBound: false, upperBound: false, approximate: false, derived: false, figureCount: 0 };

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
    figureCount: row.figure_count,
  };
}

function toRates(rates: string | null): FxRateUsedDto[] {
  if (!rates) return [];
  return rates
    .split(';')
    .map((r) => {
      const [currency, year, unitsPerUsd] = r.split(':');
      return { currency, year: Number(year), unitsPerUsd: Number(unitsPerUsd) };
    })
    .sort((a, b) => a.currency.localeCompare(b.currency) || a.year - b.year);
}

function toMoney(row: StatsRow): MoneyValueDto {
  const value = toValue(row, true);
  // Unconverted figures are left out of the sum, never counted as 0.
  return { ...value, value: row.figure_count === row.unconverted ? null : value.value, unconverted: row.unconverted, rates: toRates(row.rates) };
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
    const data = this.shape(rows, meta.groupBy as GroupDimension[]).map(({ row, classes }) => {
      const money = classes.find((c) => c.kind === 'value_seized' && c.unit_class === 'money');
      return { ...row, valueUsd: money ? toMoney(money) : null };
    });
    return { data, meta };
  }

  async arrests(query: GroupedStatsQueryDto): Promise<{ data: ArrestStatsRowDto[]; meta: StatsMetaDto }> {
    const { rows, meta } = await this.grouped('arrest', query);
    const data = this.shape(rows, meta.groupBy as GroupDimension[]).map(({ row, classes }) => {
      const of = (kind: string) => classes.find((c) => c.kind === kind);
      const arrests = of('arrests');
      const persons = of('persons_under_investigation');
      return { ...row, arrests: arrests ? toValue(arrests) : null, personsUnderInvestigation: persons ? toValue(persons) : null };
    });
    return { data, meta };
  }

  async outcomes(query: OutcomeStatsQueryDto): Promise<{ data: StatsRowDto[]; meta: StatsMetaDto }> {
    const { rows, meta } = await this.grouped('outcome', query, query.metric);
    return { data: this.shape(rows, meta.groupBy as GroupDimension[]).map(({ row }) => row), meta };
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
    const point = (row: StatsRow | undefined): StatValueDto & { unconverted?: number } => {
      if (!row) return metric.usd ? { ...EMPTY_VALUE, unconverted: 0 } : { ...EMPTY_VALUE };
      if (!metric.usd) return toValue(row);
      const { rates: _rates, ...money } = toMoney(row);
      return money;
    };
    const operations = await this.operations(filters);
    let data: TimeseriesPointDto[];
    if (by === 'edition') {
      data = operations.map((o) => ({ year: o.year, operation: o.code, name: o.name, ...point(byKey.get(o.code)) }));
    } else {
      data = [];
      if (operations.length > 0) {
        const first = operations[0].year;
        const last = operations[operations.length - 1].year;
        for (let year = first; year <= last; year += 1) data.push({ year, ...point(byKey.get(String(year))) });
      }
    }
    return { data, meta: { metric: query.metric, by, unit: metric.unit, asOf: await this.asOf() } };
  }

  async summary(query: StatsFiltersDto): Promise<SummaryDto> {
    const filters = await this.resolve(query);
    const scope = this.scopeFor([], filters);
    const [arrestRows, seizureRows, operations, countries, asOf] = await Promise.all([
      this.repository.aggregate({ scope, type: 'arrest', groupBy: [], filters }),
      this.repository.aggregate({ scope, type: 'seizure', groupBy: [], filters }),
      this.operations(filters),
      this.participatingCountries(filters),
      this.asOf(),
    ]);
    const arrestClass = (kind: string) => arrestRows.find((r) => r.level === 'class' && r.kind === kind);
    const money = seizureRows.find((r) => r.level === 'class' && r.kind === 'value_seized' && r.unit_class === 'money');
    const arrests = arrestClass('arrests');
    const persons = arrestClass('persons_under_investigation');
    return {
      operations: operations.length,
      participatingCountries: countries,
      arrests: arrests ? toValue(arrests) : { ...EMPTY_VALUE },
      personsUnderInvestigation: persons ? toValue(persons) : { ...EMPTY_VALUE },
      seizureValueUsd: money ? toMoney(money) : { ...EMPTY_VALUE, unconverted: 0, rates: [] },
      seizedQuantities: seizureRows
        .filter((r) => r.level === 'measure' && r.unit_class !== 'money')
        .map((r) => ({ kind: r.kind!, unitClass: r.unit_class!, unit: r.unit!, ...toValue(r) })),
      firstYear: operations[0]?.year ?? null,
      lastYear: operations[operations.length - 1]?.year ?? null,
      asOf,
    };
  }

  private asOfMemo?: { version: string; value: Promise<string> };

  /** The last change of any record (figures, operations, sources), as an ISO timestamp; computed once per data version. */
  asOf(): Promise<string> {
    const version = this.dataVersion.current();
    if (this.asOfMemo?.version !== version) {
      const value = this.dataSource
        .query<{ as_of: Date | null }[]>(
          `SELECT greatest((SELECT max(updated_at) FROM figures), (SELECT max(updated_at) FROM operations),
                           (SELECT max(updated_at) FROM sources), (SELECT max(deleted_at) FROM figures)) AS as_of`,
        )
        .then(([{ as_of }]) => (as_of ?? this.dataVersion.lastChange()).toISOString());
      value.catch(() => (this.asOfMemo = undefined));
      this.asOfMemo = { version, value };
    }
    return this.asOfMemo.value;
  }

  private async grouped(type: FigureTypeName, query: GroupedStatsQueryDto, kinds?: string[]) {
    const groupBy = query.groupBy ?? [];
    const filters = await this.resolve(query);
    const scope = this.scopeFor(groupBy, filters);
    const rows = await this.repository.aggregate({ scope, type, kinds, groupBy, filters });
    const meta: StatsMetaDto = { groupBy, scope, asOf: await this.asOf() };
    return { rows, meta };
  }

  /** Groups the SQL rows by their keys: one response row each, with its measures and its per-class sums. */
  private shape(rows: StatsRow[], groupBy: GroupDimension[]): { row: StatsRowDto; classes: StatsRow[] }[] {
    const groups = new Map<string, { row: StatsRowDto; classes: StatsRow[] }>();
    for (const r of rows) {
      const key = JSON.stringify(groupBy.map((d) => r.keys[d]));
      let group = groups.get(key);
      if (!group) {
        group = { row: { keys: r.keys, labels: r.labels, figureCount: 0, sourceCount: 0, measures: [] }, classes: [] };
        groups.set(key, group);
      }
      if (r.level === 'group') {
        group.row.figureCount = r.figure_count;
        group.row.sourceCount = r.source_count;
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
    const { where, params } = this.operationWhere(filters);
    return this.dataSource.query(`SELECT o.id, o.code, o.name, o.year FROM operations o WHERE ${where} ORDER BY o.year, o.start_date NULLS LAST, o.code`, params);
  }

  private async participatingCountries(filters: ResolvedStatsFilters): Promise<number> {
    const { where, params } = this.operationWhere(filters);
    const [{ count }] = await this.dataSource.query<{ count: string }[]>(
      `SELECT count(DISTINCT iso2) FROM (
         SELECT oc.country_iso2 AS iso2 FROM operation_countries oc JOIN operations o ON o.id = oc.operation_id WHERE ${where}
         UNION ALL
         SELECT f.country_iso2 FROM figures f JOIN operations o ON o.id = f.operation_id
         WHERE f.country_iso2 IS NOT NULL AND f.deleted_at IS NULL AND ${where}) c
       ${filters.countries ? `WHERE iso2 = ANY($${params.length + 1}::bpchar[])` : ''}`,
      filters.countries ? [...params, filters.countries] : params,
    );
    return Number(count);
  }

  private operationWhere(filters: ResolvedStatsFilters): { where: string; params: unknown[] } {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = ['true', ...operationConditions(filters, param)];
    if (filters.regionIds) where.push(`o.region_id = ANY(${param(filters.regionIds)}::int[])`);
    if (filters.countries) {
      const countries = param(filters.countries);
      where.push(
        `(EXISTS (SELECT 1 FROM operation_countries oc WHERE oc.operation_id = o.id AND oc.country_iso2 = ANY(${countries}::bpchar[]))` +
          ` OR EXISTS (SELECT 1 FROM figures f WHERE f.operation_id = o.id AND f.deleted_at IS NULL AND f.country_iso2 = ANY(${countries}::bpchar[])))`,
      );
    }
    return { where: where.join(' AND '), params };
  }
}
