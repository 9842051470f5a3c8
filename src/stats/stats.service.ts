import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DataVersion } from '../common/data-version';
import { ValidationProblem } from '../common/problem';
import { checkYearRange } from '../common/validation';
import { ReferenceCodes } from '../common/reference/reference-codes';
import { UNSPECIFIED_CATEGORY } from '../figures/figure-filters';
import { categoryKey } from '../figures/figure-rules';
import { RollupScope } from './entities/figure-rollup.entity';
import {
  ArrestStatsQueryDto,
  GroupedStatsQueryDto,
  OutcomeStatsQueryDto,
  SeizureStatsQueryDto,
  STATS_SORT_MEASURES,
  StatsFiltersDto,
  TimeseriesMetric,
  TimeseriesQueryDto,
} from './dto/stats-query.dto';
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
import { GROUP_DIMENSIONS, GroupDimension, ResolvedStatsFilters, StatsRepository, StatsRow } from './stats.repository';
import { participation } from './participation';
import { figuresHref, listSources, loadRateSources, loadSources } from './stats-links';

type FigureTypeName = 'seizure' | 'arrest' | 'outcome';

const TIMESERIES: Record<
  TimeseriesMetric,
  { type: FigureTypeName; kind: string; unitClass: string; unit: string; usd?: boolean }
> = {
  arrests: { type: 'arrest', kind: 'arrests', unitClass: 'count', unit: 'people' },
  personsUnderInvestigation: {
    type: 'arrest',
    kind: 'persons_under_investigation',
    unitClass: 'count',
    unit: 'people',
  },
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
      return {
        currency,
        year: Number(year),
        unitsPerUsd: Number(unitsPerUsd),
        sourcePublisher: source?.publisher ?? '',
        sourceUrl: source?.url ?? '',
      };
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

/** A value a statistics row is sorted on: a group key or a measure; null when the row has none. */
type SortValue = number | string | null;
type SortAccessors<T, F extends string> = Record<F, (row: T) => SortValue>;

/** The value of one measure (kind and unit) of a row; null when the row has no such figure. */
function measureValue(row: StatsRowDto, kind: string, unit: string): number | null {
  return row.measures.find((m) => m.kind === kind && m.unit === unit)?.value ?? null;
}

const COUNTS = {
  figureCount: (row: StatsRowDto) => row.figureCount,
  sourceCount: (row: StatsRowDto) => row.sourceCount,
};

const SEIZURE_SORT: SortAccessors<SeizureStatsRowDto, (typeof STATS_SORT_MEASURES.seizures)[number]> = {
  valueUsd: (row) => row.valueUsd?.value ?? null,
  weightKg: (row) => measureValue(row, 'weight_seized', 'kg'),
  volumeLitres: (row) => measureValue(row, 'volume_seized', 'litres'),
  ...COUNTS,
};
const ARREST_SORT: SortAccessors<ArrestStatsRowDto, (typeof STATS_SORT_MEASURES.arrests)[number]> = {
  arrests: (row) => row.arrests?.value ?? null,
  personsUnderInvestigation: (row) => row.personsUnderInvestigation?.value ?? null,
  ...COUNTS,
};
const OUTCOME_SORT: SortAccessors<StatsRowDto, (typeof STATS_SORT_MEASURES.outcomes)[number]> = COUNTS;

interface SortTerm {
  field: string;
  descending: boolean;
}

/**
 * Reads `sort` (`-valueUsd,year`): each field a group key of the request or one of the endpoint's measures;
 * anything else is a 400 naming `sort` and the fields allowed.
 */
function parseStatsSort(sort: string | undefined, groupBy: GroupDimension[], measures: readonly string[]): SortTerm[] {
  const allowed = [...groupBy, ...measures];
  return (sort ?? '')
    .split(',')
    .filter(Boolean)
    .map((term) => {
      const descending = term.startsWith('-');
      const field = descending ? term.slice(1) : term;
      if (!allowed.includes(field)) {
        const reason = (GROUP_DIMENSIONS as readonly string[]).includes(field)
          ? `cannot sort on '${field}' without groupBy=${field}; allowed: ${allowed.join(', ')}`
          : `unknown sort field '${field}'; allowed: ${allowed.join(', ')}`;
        throw new ValidationProblem([{ name: 'sort', reason }]);
      }
      return { field, descending };
    });
}

function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Sorts the rows by the terms (rows whose value is null last, in both directions; ties in the default order)
 * and takes the page. Grouping is done: paging counts rows, never figures.
 */
function sortAndPage<T extends StatsRowDto>(
  rows: T[],
  terms: SortTerm[],
  measures: Record<string, (row: T) => SortValue>,
  page: { limit?: number; offset?: number },
): { data: T[]; total: number; limit: number | null; offset: number } {
  const accessors = terms.map((t) => ({
    value:
      measures[t.field] ??
      ((row: T) => (row.keys as Record<string, string | number | null | undefined>)[t.field] ?? null),
    sign: t.descending ? -1 : 1,
  }));
  const sorted = accessors.length
    ? rows
        .map((row, index) => ({ row, index }))
        .sort((a, b) => {
          for (const { value, sign } of accessors) {
            const x = value(a.row);
            const y = value(b.row);
            if (x === null && y === null) continue;
            if (x === null) return 1;
            if (y === null) return -1;
            const order = compareValues(x, y);
            if (order !== 0) return sign * order;
          }
          return a.index - b.index;
        })
        .map(({ row }) => row)
    : rows;
  const offset = page.offset ?? 0;
  const limit = page.limit ?? null;
  return { data: sorted.slice(offset, limit === null ? undefined : offset + limit), total: rows.length, limit, offset };
}

/**
 * The rows in the order of the keys once empty years are added: years in ascending order, any other key in the order
 * the SQL gave it (operations by year, the rest by key). The sort is stable, so a group's measures keep their order.
 */
function sortGroups(rows: StatsRow[], groupBy: GroupDimension[], original: StatsRow[]): StatsRow[] {
  const rank = new Map<string, number>();
  for (const r of original)
    for (const d of groupBy)
      if (d !== 'year' && !rank.has(`${d}:${JSON.stringify(r.keys[d])}`))
        rank.set(`${d}:${JSON.stringify(r.keys[d])}`, rank.size);
  const position = (r: StatsRow, d: GroupDimension) =>
    d === 'year' ? Number(r.keys.year) : (rank.get(`${d}:${JSON.stringify(r.keys[d])}`) ?? 0);
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      for (const d of groupBy) {
        const order = position(a.row, d) - position(b.row, d);
        if (order !== 0) return order;
      }
      // Within a group, its group row first (as the SQL has it), then its classes and measures in their order.
      return (a.row.level === 'group' ? 0 : 1) - (b.row.level === 'group' ? 0 : 1) || a.index - b.index;
    })
    .map(({ row }) => row);
}

/** `kind` and its older name `metric` on /v1/stats/outcomes: either, or both when they name the same kinds. */
function outcomeKinds(query: OutcomeStatsQueryDto): string[] | undefined {
  const { kind, metric } = query;
  if (kind?.length && metric?.length && [...new Set(kind)].sort().join(',') !== [...new Set(metric)].sort().join(',')) {
    throw new ValidationProblem([
      {
        name: 'kind',
        reason: `kind (${kind.join(',')}) and metric (${metric.join(',')}) are the same filter and disagree: give one of them`,
      },
    ]);
  }
  return kind?.length ? kind : metric;
}

@Injectable()
export class StatsService {
  constructor(
    private readonly repository: StatsRepository,
    private readonly refs: ReferenceCodes,
    private readonly dataSource: DataSource,
    private readonly dataVersion: DataVersion,
  ) {}

  async seizures(query: SeizureStatsQueryDto): Promise<{ data: SeizureStatsRowDto[]; meta: StatsMetaDto }> {
    const terms = parseStatsSort(query.sort, query.groupBy ?? [], STATS_SORT_MEASURES.seizures);
    const { rows, meta } = await this.grouped('seizure', query, query.kind);
    const [shaped, rateSources] = await Promise.all([
      this.shape(rows, 'seizure', meta, query, query.kind),
      loadRateSources(this.dataSource),
    ]);
    const data = shaped.map(({ row, classes }) => {
      const money = classes.find((c) => c.kind === 'value_seized' && c.unit_class === 'money');
      return { ...row, valueUsd: money ? toMoney(money, rateSources) : null };
    });
    return this.page(data, meta, terms, SEIZURE_SORT, query);
  }

  async arrests(query: ArrestStatsQueryDto): Promise<{ data: ArrestStatsRowDto[]; meta: StatsMetaDto }> {
    const terms = parseStatsSort(query.sort, query.groupBy ?? [], STATS_SORT_MEASURES.arrests);
    const { rows, meta } = await this.grouped('arrest', query, query.kind);
    const data = (await this.shape(rows, 'arrest', meta, query, query.kind)).map(({ row, classes }) => {
      const of = (kind: string) => classes.find((c) => c.kind === kind);
      const arrests = of('arrests');
      const persons = of('persons_under_investigation');
      return {
        ...row,
        arrests: arrests ? toValue(arrests) : null,
        personsUnderInvestigation: persons ? toValue(persons) : null,
      };
    });
    return this.page(data, meta, terms, ARREST_SORT, query);
  }

  async outcomes(query: OutcomeStatsQueryDto): Promise<{ data: StatsRowDto[]; meta: StatsMetaDto }> {
    const terms = parseStatsSort(query.sort, query.groupBy ?? [], STATS_SORT_MEASURES.outcomes);
    const kinds = outcomeKinds(query);
    const { rows, meta } = await this.grouped('outcome', query, kinds);
    const data = (await this.shape(rows, 'outcome', meta, query, kinds)).map(({ row }) => row);
    return this.page(data, meta, terms, OUTCOME_SORT, query);
  }

  /** The rows in the order of `sort`, one page of them, and `meta` with the total. */
  private page<T extends StatsRowDto>(
    rows: T[],
    meta: Omit<StatsMetaDto, 'total' | 'limit' | 'offset'>,
    terms: SortTerm[],
    measures: Record<string, (row: T) => SortValue>,
    query: GroupedStatsQueryDto,
  ): { data: T[]; meta: StatsMetaDto } {
    const { data, total, limit, offset } = sortAndPage(rows, terms, measures, query);
    return { data, meta: { ...meta, total, limit, offset } };
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
    const sources = await loadSources(
      this.dataSource,
      [...byKey.values()].flatMap((r) => r.source_ids ?? []),
    );
    // A point carries no `rates`, so the rates' sources are not read.
    const rateSources = new Map<string, { publisher: string; url: string }>();
    const point = (
      row: StatsRow | undefined,
      keys: Record<string, string | number>,
    ): Omit<TimeseriesPointDto, 'year'> => {
      const links = {
        sourceCount: row ? listSourceCount(row) : 0,
        figuresHref: figuresHref(metric.type, scope, query, keys, [metric.kind]),
        sources: listSources(row?.source_ids, sources),
      };
      if (!row)
        return metric.usd ? { ...EMPTY_VALUE, unconverted: 0, partial: false, ...links } : { ...EMPTY_VALUE, ...links };
      if (!metric.usd) return { ...toValue(row), ...links };
      const { rates: _rates, ...money } = toMoney(row, rateSources);
      return { ...money, ...links };
    };
    const operations = await this.repository.selectedOperations(filters);
    let data: TimeseriesPointDto[];
    if (by === 'edition') {
      data = operations.map((o) => ({
        year: o.year,
        operation: o.code,
        name: o.name,
        ...point(byKey.get(o.code), { operation: o.code }),
      }));
    } else {
      data = [];
      if (operations.length > 0) {
        const first = operations[0].year;
        const last = operations[operations.length - 1].year;
        for (let year = first; year <= last; year += 1)
          data.push({ year, ...point(byKey.get(String(year)), { year }) });
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
      this.repository.selectedOperations(filters),
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
      series: new Set(operations.map((o) => o.series_id)).size,
      crimeAreas: [...new Set(operations.map((o) => o.crime_area))].sort(),
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
      seizureValueUsd: money
        ? toMoney(money, rateSources)
        : { ...EMPTY_VALUE, unconverted: 0, partial: false, rates: [] },
      seizedQuantities: seizureRows
        .filter((r) => r.level === 'measure' && r.unit_class !== 'money')
        .map((r) => ({ kind: r.kind!, unitClass: r.unit_class!, unit: r.unit!, ...toValue(r) })),
      firstYear: operations[0]?.year ?? null,
      lastYear: operations[operations.length - 1]?.year ?? null,
      asOf,
    };
  }

  /** When the data last changed (`data_state.changed_at`, the same in every process), as an ISO timestamp. */
  asOf(): Promise<string> {
    return Promise.resolve(this.dataVersion.lastChange().toISOString());
  }

  private async grouped(type: FigureTypeName, query: GroupedStatsQueryDto, kinds?: string[]) {
    const groupBy = query.groupBy ?? [];
    const filters = await this.resolve(query);
    const scope = this.scopeFor(groupBy, filters);
    const rows = await this.repository.aggregate({ scope, type, kinds, groupBy, filters });
    const meta = { groupBy, scope, asOf: await this.asOf() };
    // With `operation`, no filling: an operation has one year, so its other years are no question anyone asks.
    if (groupBy.includes('year') && !groupBy.includes('operation')) {
      const filled = [...rows, ...(await this.missingYears(rows, groupBy, filters))];
      return { rows: sortGroups(filled, groupBy, rows), meta };
    }
    return { rows, meta };
  }

  /**
   * Grouped by year (alone or with another key), a row for every year of the selection's range, as the timeseries
   * has a point: a year whose operations reported nothing of this type (or that had no operation) is a row with no
   * measures and null values, not a missing row. With another key, every value of that key that has a row gets
   * every year of the range (but an operation, which has one year: `groupBy=operation,year` is not filled).
   */
  private async missingYears(
    rows: StatsRow[],
    groupBy: GroupDimension[],
    filters: ResolvedStatsFilters,
  ): Promise<StatsRow[]> {
    const operations = await this.repository.selectedOperations(filters);
    if (operations.length === 0) return [];
    const other = groupBy.find((d) => d !== 'year');
    const present = new Set(
      rows
        .filter((r) => r.level === 'group')
        .map((r) => JSON.stringify(groupBy.map((d) => (d === 'year' ? Number(r.keys.year) : r.keys[d])))),
    );
    // The values of the other key that have a row, with their labels; one empty value when grouped by year alone.
    const values = new Map<string, { key: string | number | null; label: string | null }>();
    if (other)
      for (const r of rows)
        if (r.level === 'group')
          values.set(JSON.stringify(r.keys[other]), { key: r.keys[other], label: r.labels[other] });
    const others = other ? [...values.values()] : [undefined];
    const missing: StatsRow[] = [];
    for (const value of others) {
      for (let year = operations[0].year; year <= operations[operations.length - 1].year; year += 1) {
        const keys: StatsRow['keys'] = {};
        const labels: StatsRow['labels'] = {};
        for (const d of groupBy) {
          keys[d] = d === 'year' ? year : value!.key;
          labels[d] = d === 'year' ? String(year) : value!.label;
        }
        if (present.has(JSON.stringify(groupBy.map((d) => keys[d])))) continue;
        missing.push({
          level: 'group',
          keys,
          labels,
          kind: null,
          unit_class: null,
          unit: null,
          value: null,
          value_usd: null,
          lower_bound: false,
          upper_bound: false,
          approximate: false,
          derived: false,
          derived_from: null,
          derived_figure_count: 0,
          figure_count: 0,
          unconverted: 0,
          source_count: 0,
          source_ids: [],
          rates: null,
        });
      }
    }
    return missing;
  }

  /**
   * Groups the SQL rows by their keys: one response row each, with its measures, its per-class sums,
   * the link to its figures and its sources.
   */
  private async shape(
    rows: StatsRow[],
    type: FigureTypeName,
    meta: { groupBy: string[]; scope: string },
    query: StatsFiltersDto,
    kinds?: readonly string[],
  ): Promise<{ row: StatsRowDto; classes: StatsRow[] }[]> {
    const groupBy = meta.groupBy as GroupDimension[];
    const scope = meta.scope as RollupScope;
    const groupRows = rows.filter((r) => r.level === 'group');
    const sources = await loadSources(
      this.dataSource,
      groupRows.flatMap((r) => r.source_ids ?? []),
    );
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
          reason:
            'country and category cannot be combined: country figures and category figures are reported separately and would be counted twice',
        },
      ]);
    }
    if (byCountry) return 'country';
    if (byCategory) return 'category';
    return 'operation';
  }

  private async resolve(query: StatsFiltersDto): Promise<ResolvedStatsFilters> {
    checkYearRange(query.yearFrom, query.yearTo);
    const filters: ResolvedStatsFilters = { years: query.year, yearFrom: query.yearFrom, yearTo: query.yearTo };
    if (query.series?.length) filters.seriesIds = await this.refs.seriesIds('series', query.series);
    if (query.crimeArea?.length) filters.crimeAreas = await this.refs.crimeAreas('crimeArea', query.crimeArea);
    if (query.operation?.length) filters.operationIds = await this.refs.operationIds('operation', query.operation);
    if (query.country?.length) filters.countries = await this.refs.countryCodes('country', query.country);
    if (query.region?.length) {
      const scope = await this.refs.regionScope('region', query.region);
      filters.regionIds = scope.regionIds;
      filters.regionCountries = scope.countryIso2s;
    }
    if (query.category?.length) {
      filters.categories = query.category.map((c) =>
        c.trim().toLowerCase() === UNSPECIFIED_CATEGORY ? null : categoryKey(c),
      );
    }
    return filters;
  }
}
