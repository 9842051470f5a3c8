import { Injectable, Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ValidationProblem } from '../common/problem';
import { ReferenceCodes } from '../common/reference/reference-codes';
import { createValidationPipe } from '../common/validation';
import { CountriesService } from '../countries/countries.service';
import {
  countIn,
  dateRange,
  derivationInWords,
  figureQualifier,
  groupDigits,
  longDate,
  roundingDirection,
  sumQualifier,
  Statistic,
} from '../embed/render/format';
import { countryName, crimeAreaName, regionName, unitName } from '../i18n/format';
import { DEFAULT_LANGUAGE, directionOf, Language } from '../i18n/languages';
import { escapeText, lookup, MessageParams, t, tHtml } from '../i18n/messages';
import { ArrestQueryDto, OutcomeQueryDto, SeizureQueryDto } from '../figures/dto/figure-query.dto';
import { FigureDto } from '../figures/dto/figure-response.dto';
import { FigureType } from '../figures/figure-kinds';
import { buildFigureFilters, FigureFilterValues, FIGURES_FROM } from '../figures/figure-filters';
import { FiguresService } from '../figures/figures.service';
import { OperationsQueryDto } from '../operations/dto/operations-query.dto';
import { OperationsService } from '../operations/operations.service';
import { RegionsService } from '../regions/regions.service';
import { SeriesService } from '../series/series.service';
import { MeasureDto, StatValueDto } from '../stats/dto/stats-response.dto';
import { TimeseriesMetric } from '../stats/dto/stats-query.dto';
import { StatsService } from '../stats/stats.service';

/** The three lists the explorer shows, by the name used in its URL (`kind=arrests`). */
export const EXPLORE_KINDS = ['seizures', 'arrests', 'outcomes'] as const;
export type ExploreKind = (typeof EXPLORE_KINDS)[number];
const TYPE_OF: Record<ExploreKind, FigureType> = { seizures: 'seizure', arrests: 'arrest', outcomes: 'outcome' };
const QUERY_DTO: Record<ExploreKind, Type<unknown>> = {
  seizures: SeizureQueryDto,
  arrests: ArrestQueryDto,
  outcomes: OutcomeQueryDto,
};
/** The chart of each list (a metric of /v1/stats/timeseries); outcomes have none. */
const CHART_METRIC: Record<ExploreKind, TimeseriesMetric | null> = {
  seizures: 'seizureValueUsd',
  arrests: 'arrests',
  outcomes: null,
};

/** The filters of the form that are filters of the API lists, in the order the URLs name them. */
export const FILTER_FIELDS = ['series', 'operation', 'crimeArea', 'region', 'country', 'yearFrom', 'yearTo'] as const;
type FilterField = (typeof FILTER_FIELDS)[number];

export const PAGE_SIZE = 50;
/** Cited pages listed on the page; the CSV names the source of every row. */
const MAX_CITED = 100;

/** What the explorer's URL says, as strings (empty fields dropped). */
export interface ExploreState {
  kind: ExploreKind;
  filters: Partial<Record<FilterField, string>>;
  q?: string;
  page: number;
}

export interface Option {
  value: string;
  label: string;
}

export interface TotalView {
  label: string;
  text: string;
  value: number | null;
  notes: string[];
}

export interface FigureRowView {
  id: number;
  operationCode: string;
  operationName: string;
  country: string | null;
  countryIso2: string | null;
  kind: string;
  quantity: string;
  unit: string;
  category: string | null;
  publisher: string | null;
  date: string | null;
  url: string;
  preferred: boolean;
  preferredId: number | null;
}

export interface YearPointView {
  year: number;
  text: string;
  value: number | null;
  notes: string[];
}

export interface CitedPage {
  publisher: string | null;
  date: string | null;
  url: string;
}

/** The query string of `params` in a fixed order, values percent-encoded but for commas (`series=pangea&yearFrom=2010`). */
export function queryString(params: [string, string | undefined][]): string {
  return (
    params
      .filter((p): p is [string, string] => p[1] !== undefined && p[1] !== '')
      // Commas stay as they are: they separate the values of a filter (`operation=pangea-vii,pangea-viii`).
      .map(([name, value]) => `${name}=${encodeURIComponent(value).replace(/%2C/g, ',')}`)
      .join('&')
  );
}

function single(value: unknown): string | undefined {
  const text: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Reads the explorer's URL; a bad `kind` or `page` is a 400 naming it. */
export function parseExploreState(query: Record<string, unknown>): ExploreState {
  const errors: { name: string; reason: string }[] = [];
  const kindText = single(query.kind) ?? 'arrests';
  if (!(EXPLORE_KINDS as readonly string[]).includes(kindText))
    errors.push({ name: 'kind', reason: `kind must be one of: ${EXPLORE_KINDS.join(', ')}` });
  const pageText = single(query.page) ?? '1';
  const page = /^[0-9]{1,6}$/.test(pageText) ? Number(pageText) : NaN;
  if (!(page >= 1)) errors.push({ name: 'page', reason: 'page must be a whole number from 1' });
  const q = single(query.q);
  if (q !== undefined && q.length > 200) errors.push({ name: 'q', reason: 'q must be at most 200 characters' });
  if (errors.length > 0) throw new ValidationProblem(errors);
  const filters: ExploreState['filters'] = {};
  for (const field of FILTER_FIELDS) {
    const value = single(query[field]);
    if (value !== undefined) filters[field] = value;
  }
  return { kind: kindText as ExploreKind, filters, q, page };
}

/** The page URL of a state (the permalink; `page` left out on the first page). */
export function explorePath(state: ExploreState, page = state.page): string {
  const query = queryString([
    ['kind', state.kind],
    ...FILTER_FIELDS.map((f): [string, string | undefined] => [f, state.filters[f]]),
    ['q', state.q],
    ['page', page > 1 ? String(page) : undefined],
  ]);
  return `/explore?${query}`;
}

/** The explorer's messages: the `explorer` section of the i18n catalogues (src/i18n/messages/*.json). */
export type Translate = (key: string, params?: MessageParams) => string;

/** Formats sums and figures the way the counting rules word them, in one language (numbers and dates through Intl). */
export class Wording {
  readonly t: Translate;

  constructor(readonly language: Language = DEFAULT_LANGUAGE) {
    this.t = (key, params = {}) => {
      // An unknown key is an error, not a key on the page (a test renders every page, so none ships).
      if (lookup('en', `explorer.${key}`) === undefined) throw new Error(`No explorer message "${key}"`);
      return t(language, `explorer.${key}`, params);
    };
  }

  /** The language tag of `lang` attributes and Content-Language. */
  get locale(): Language {
    return this.language;
  }

  get dir(): 'rtl' | 'ltr' {
    return directionOf(this.language);
  }

  /** A message as HTML: its text escaped, the parameters inserted as given (markup the caller escaped). */
  html(key: string, params: MessageParams): string {
    if (lookup('en', `explorer.${key}`) === undefined) throw new Error(`No explorer message "${key}"`);
    return tHtml(this.language, `explorer.${key}`, params);
  }

  escape(text: string): string {
    return escapeText(text);
  }

  /** Between notes: "; ", " ; " in French, "؛ " in Arabic. */
  get separator(): string {
    return t(this.language, 'common.noteSeparator');
  }

  number(value: number | string): string {
    return groupDigits(Number(value), 'nearest', this.language);
  }

  /** A counted message (a plural form per language): `{n}` is the number in the language's digits. */
  count(key: string, n: number, params: MessageParams = {}): string {
    if (lookup('en', `explorer.${key}`) === undefined) throw new Error(`No explorer message "${key}"`);
    return countIn(this.language, `explorer.${key}`, n, params);
  }

  date(iso: string | null): string | null {
    return iso ? longDate(iso, this.language) : null;
  }

  dateRange(start: string | null, end: string | null, year: number): string {
    return dateRange(start, end, year, this.language);
  }

  country(iso2: string, name: string): string {
    return countryName(iso2, name, this.language);
  }

  region(code: string, name: string): string {
    return regionName(code, name, this.language);
  }

  crimeArea(area: string): string {
    return crimeAreaName(area, this.language);
  }

  unit(unit: string): string {
    return unitName(unit, this.language);
  }

  /** "at least 2,345" (rounded down), "about 80", "1,220": a sum with the one qualifier its flags allow. */
  sum(stat: Statistic): string {
    if (stat.value === null) return this.t('explore.totals.none');
    const qualifier = sumQualifier(stat);
    const number = groupDigits(stat.value, roundingDirection(qualifier), this.language);
    return t(this.language, `qualified.${qualifier}`, { number });
  }

  /** What else a reader must know of a sum: derived from parts, money left out. */
  sumNotes(stat: Statistic & { partial?: boolean; unconverted?: number }): string[] {
    const notes: string[] = [];
    const how = derivationInWords(stat, this.language);
    if (how) notes.push(this.t('explore.totals.derived', { how }));
    if (stat.partial) notes.push(countIn(this.language, 'derivation.unconverted', stat.unconverted ?? 0));
    return notes;
  }

  /** "more than 500": one figure with the source's wording. */
  figure(quantity: string, qualifier: string): string {
    const q = figureQualifier(qualifier);
    const number = groupDigits(Number(quantity), roundingDirection(q), this.language);
    return t(this.language, `qualified.${q}`, { number });
  }

  kind(kind: string): string {
    return this.t(kind === 'arrests' ? 'kind.arrests_kind' : `kind.${kind}`);
  }

  total(label: string, stat: Statistic | null): TotalView {
    const value: Statistic = stat ?? { value: null, lowerBound: false, upperBound: false, approximate: false };
    const notes = this.sumNotes(value);
    if (value.figureCount) notes.unshift(this.count('explore.totals.figures', value.figureCount));
    return { label, text: this.sum(value), value: value.value, notes };
  }

  row(figure: FigureDto): FigureRowView {
    return {
      id: figure.id,
      operationCode: figure.operation.code,
      operationName: figure.operation.name,
      country: figure.country ? this.country(figure.country.iso2, figure.country.name) : null,
      countryIso2: figure.country?.iso2 ?? null,
      kind: this.kind(figure.kind),
      quantity: this.figure(figure.quantity, figure.qualifier),
      unit: this.unit(figure.unit),
      category: figure.category,
      publisher: figure.source.publisher,
      date: this.date(figure.source.publishedOn),
      url: figure.source.url,
      preferred: figure.preferred,
      preferredId: figure.preferred ? null : (figure.alternatives[0]?.id ?? null),
    };
  }
}

/** The totals of a list's statistics row: named sums, every measure in its unit. */
function measureTotals(words: Wording, measures: MeasureDto[]): TotalView[] {
  return measures
    .filter((m) => m.unitClass !== 'money')
    .map((m) => words.total(words.t('total.measure', { kind: words.kind(m.kind), unit: words.unit(m.unit) }), m));
}

/** Reads the figures, statistics and sources the explorer's pages show, from the services behind the API. */
@Injectable()
export class ExplorerService {
  private readonly pipe = createValidationPipe();

  constructor(
    private readonly figures: FiguresService,
    private readonly stats: StatsService,
    private readonly operations: OperationsService,
    private readonly series: SeriesService,
    private readonly countries: CountriesService,
    private readonly regions: RegionsService,
    private readonly refs: ReferenceCodes,
    private readonly dataSource: DataSource,
  ) {}

  /** The filters checked as the API checks them (the same DTO, the same messages): a bad one is a 400. */
  async validated(kind: ExploreKind, filters: Partial<Record<FilterField, string>>): Promise<FigureFilterValues> {
    return (await this.pipe.transform(
      { ...filters },
      { type: 'query', metatype: QUERY_DTO[kind] },
    )) as FigureFilterValues;
  }

  /** The choices of the form: series, operations, crime areas, regions and the countries that have figures. */
  async formOptions(
    words: Wording = new Wording(),
  ): Promise<Record<'series' | 'operation' | 'crimeArea' | 'region' | 'country', Option[]>> {
    const [series, operations, regions, countries] = await Promise.all([
      this.series.list('name', 1000, 0),
      this.operations.list(await this.operations.prepareList({ sort: 'name' }), 1000, 0),
      this.regions.list(this.regions.prepareList({}), 1000, 0),
      this.countries.list(await this.countries.prepareList({ sort: 'name' }), 1000, 0),
    ]);
    const crimeAreas = [...new Set(operations.items.map((o) => o.crimeArea))].sort();
    // Names in the page's language, in its alphabetical order; operation and series names as published.
    const byLabel = (a: Option, b: Option) => a.label.localeCompare(b.label, words.language);
    const capital = (text: string) => text.charAt(0).toLocaleUpperCase(words.language) + text.slice(1);
    return {
      series: series.items.filter((s) => s.operationsCount > 0).map((s) => ({ value: s.code, label: s.name })),
      operation: operations.items.map((o) => ({ value: o.code, label: `${o.name} (${o.year})` })),
      crimeArea: crimeAreas.map((c) => ({ value: c, label: capital(words.crimeArea(c)) })).sort(byLabel),
      region: regions.items.map((r) => ({ value: r.code, label: words.region(r.code, r.name) })).sort(byLabel),
      country: countries.items
        .filter((c) => c.figuresCount > 0)
        .map((c) => ({ value: c.iso2, label: words.country(c.iso2, c.name) }))
        .sort(byLabel),
    };
  }

  /** Operation codes whose code, name or notes contain `q` (the operations list's own search). */
  async operationsMatching(q: string): Promise<string[]> {
    const query = (await this.pipe.transform(
      { q },
      { type: 'query', metatype: OperationsQueryDto },
    )) as OperationsQueryDto;
    const found = await this.operations.list(await this.operations.prepareList(query), 1000, 0);
    return found.items.map((o) => o.code);
  }

  /** One page of the figures of the selection, the totals, the points per year and the pages cited. */
  async explore(kind: ExploreKind, filters: FigureFilterValues, page: number, words: Wording) {
    const type = TYPE_OF[kind];
    const metric = CHART_METRIC[kind];
    const statsFilters = {
      series: filters.series,
      operation: filters.operation,
      crimeArea: filters.crimeArea,
      region: filters.region,
      country: filters.country,
      yearFrom: filters.yearFrom,
      yearTo: filters.yearTo,
    };
    const [list, totals, timeseries, cited] = await Promise.all([
      this.figures.list(type, filters, PAGE_SIZE, (page - 1) * PAGE_SIZE),
      this.totals(kind, statsFilters, words),
      metric ? this.stats.timeseries({ ...statsFilters, metric }) : Promise.resolve(null),
      this.citedPages(type, filters, words),
    ]);
    const years: YearPointView[] = (timeseries?.data ?? []).map((p) => ({
      year: p.year,
      value: p.value,
      text: p.value === null ? words.t('explore.chart.gap') : words.sum(p),
      notes: p.value === null ? [] : words.sumNotes(p),
    }));
    return {
      rows: list.items.map((f) => words.row(f)),
      total: list.total,
      totals,
      metric,
      years,
      cited,
      asOf: await this.stats.asOf(),
    };
  }

  private async totals(kind: ExploreKind, filters: object, words: Wording): Promise<TotalView[]> {
    const t = words.t;
    if (kind === 'arrests') {
      const [row] = (await this.stats.arrests(filters)).data;
      return [
        words.total(t('total.arrests'), row?.arrests ?? null),
        words.total(t('total.personsUnderInvestigation'), row?.personsUnderInvestigation ?? null),
      ];
    }
    if (kind === 'seizures') {
      const [row] = (await this.stats.seizures(filters)).data;
      return [words.total(t('total.valueUsd'), row?.valueUsd ?? null), ...measureTotals(words, row?.measures ?? [])];
    }
    const [row] = (await this.stats.outcomes(filters)).data;
    return measureTotals(words, row?.measures ?? []);
  }

  /** The distinct pages the selected figures cite, official ones first, then the newest. */
  async citedPages(
    type: FigureType,
    filters: FigureFilterValues,
    words: Wording,
  ): Promise<{ pages: CitedPage[]; total: number }> {
    const { where, params } = await buildFigureFilters(filters, this.refs, type);
    const rows = await this.dataSource.query<
      { url: string; publisher: string | null; published_on: string | null; total: string }[]
    >(
      `SELECT s.url, p.name AS publisher, s.published_on::text AS published_on, count(*) OVER () AS total
       FROM sources s LEFT JOIN publishers p ON p.id = s.publisher_id
       WHERE s.id IN (SELECT f.source_id FROM ${FIGURES_FROM} WHERE ${where})
       ORDER BY CASE p.tier WHEN 'official' THEN 0 WHEN 'regulator' THEN 1 WHEN 'media' THEN 2 ELSE 3 END,
                s.published_on DESC NULLS LAST, s.url COLLATE "C"
       LIMIT ${MAX_CITED}`,
      params,
    );
    return {
      pages: rows.map((r) => ({ publisher: r.publisher, date: words.date(r.published_on), url: r.url })),
      total: rows.length > 0 ? Number(rows[0].total) : 0,
    };
  }

  /** An operation with every figure, grouped by kind, each group's reports with why one is preferred. */
  async operation(code: string, words: Wording) {
    const operation = await this.operations.get(code);
    const lists = await Promise.all(
      (['seizure', 'arrest', 'outcome'] as FigureType[]).map((type) =>
        this.figures.list(type, { operation: [operation.code], sort: 'kind,id' }, 1000, 0),
      ),
    );
    const all = lists.flatMap((l) => l.items);
    const byId = new Map(all.map((f) => [f.id, f]));
    const kinds = new Map<
      string,
      { kind: string; reports: (FigureRowView & { reason: string | null; group: number })[] }
    >();
    const placed = new Set<number>();
    for (const figure of all) {
      if (placed.has(figure.id)) continue;
      // A group: its preferred report first, then the others (the API lists alternatives preferred first).
      const members = [
        figure,
        ...figure.alternatives.map((a) => byId.get(a.id)).filter((f): f is FigureDto => f !== undefined),
      ];
      members.sort((a, b) => Number(b.preferred) - Number(a.preferred) || a.id - b.id);
      const reasons = new Map<number, string>();
      if (members.length > 1) {
        const details = await Promise.all(members.map((m) => this.figures.get(m.type, m.id)));
        for (const d of details) reasons.set(d.id, d.preferenceReason);
      }
      const entry = kinds.get(figure.kind) ?? { kind: words.kind(figure.kind), reports: [] };
      for (const m of members) {
        placed.add(m.id);
        entry.reports.push({ ...words.row(m), reason: reasons.get(m.id) ?? null, group: members[0].id });
      }
      kinds.set(figure.kind, entry);
    }
    return { operation, kinds: [...kinds.values()], figureCount: all.length, asOf: await this.stats.asOf() };
  }

  /** A series: its editions, totals and arrests per year. */
  async seriesPage(code: string, words: Wording) {
    const series = await this.series.get(code);
    const filters = { series: [series.code] };
    const [summary, timeseries] = await Promise.all([
      this.stats.summary(filters),
      this.stats.timeseries({ ...filters, metric: 'arrests' }),
    ]);
    const t = words.t;
    const totals: TotalView[] = [
      words.total(t('total.arrests'), summary.arrests),
      words.total(t('total.personsUnderInvestigation'), summary.personsUnderInvestigation),
      words.total(t('total.valueUsd'), summary.seizureValueUsd),
      ...summary.seizedQuantities.map((m) =>
        words.total(t('total.measure', { kind: words.kind(m.kind), unit: words.unit(m.unit) }), m as StatValueDto),
      ),
    ];
    const years: YearPointView[] = timeseries.data.map((p) => ({
      year: p.year,
      value: p.value,
      text: p.value === null ? t('explore.chart.gap') : words.sum(p),
      notes: p.value === null ? [] : words.sumNotes(p),
    }));
    return { series, totals, years, asOf: summary.asOf };
  }

  /** A country: the operations it took part in, its figures and their sums. */
  async country(iso2: string, words: Wording) {
    const country = await this.countries.get(iso2);
    const lists = await Promise.all(
      (['seizure', 'arrest', 'outcome'] as FigureType[]).map((type) =>
        this.figures.list(type, { country: [country.iso2] }, PAGE_SIZE, 0),
      ),
    );
    return {
      country,
      figures: lists.map((l, i) => ({
        kind: EXPLORE_KINDS[i],
        rows: l.items.map((f) => words.row(f)),
        total: l.total,
      })),
      asOf: await this.stats.asOf(),
    };
  }
}
