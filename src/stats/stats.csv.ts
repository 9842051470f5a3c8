import { stringify } from 'csv-stringify/sync';
import { CSV_FORMAT } from '../common/list/list-response';
import {
  FxRateUsedDto,
  MeasureDto,
  MoneyValueDto,
  StatsRowDto,
  StatsSourceDto,
  StatValueDto,
  SummaryDto,
  TimeseriesDto,
} from './dto/stats-response.dto';

type Cell = string | number | boolean | null | undefined;

function csv(header: string[], rows: Cell[][]): string {
  return stringify([header, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : c)))], CSV_FORMAT);
}

const VALUE_HEADER = [
  'value',
  'lower_bound',
  'upper_bound',
  'approximate',
  'derived',
  'derived_from',
  'derived_from_count',
  'figure_count',
];
const valueCells = (v: StatValueDto): Cell[] => [
  v.value,
  v.lowerBound,
  v.upperBound,
  v.approximate,
  v.derived,
  v.derivedFrom,
  v.derivedFromCount,
  v.figureCount,
];
const EMPTY_VALUE_CELLS: Cell[] = [null, false, false, false, false, null, 0, 0];
const EMPTY_MEASURE = {
  value: null,
  lowerBound: false,
  upperBound: false,
  approximate: false,
  derived: false,
  derivedFrom: null,
  derivedFromCount: 0,
  figureCount: 0,
};

const MONEY_HEADER = ['value_usd', 'unconverted', 'partial', 'rates'];
/** Each rate with where it was read: `EUR 2015: 0.901226 per USD (publisher, url)`. */
function ratesCell(rates: FxRateUsedDto[]): string {
  return rates
    .map((r) => `${r.currency} ${r.year}: ${r.unitsPerUsd} per USD (${r.sourcePublisher}, ${r.sourceUrl})`)
    .join('; ');
}
const moneyCells = (m: MoneyValueDto | null | undefined): Cell[] =>
  m ? [m.value, m.unconverted, m.partial, ratesCell(m.rates)] : [null, null, null, null];

/** Up to 10 source pages, `publisher <url>`, separated by ` | `. */
function sourcesCell(sources: StatsSourceDto[]): string {
  return sources.map((s) => `${s.publisher ?? 'unknown publisher'} <${s.url}>`).join(' | ');
}

/** A dimension as a CSV column name: `crimeArea` → `crime_area`. */
const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * One line per group and measure (a kind in one unit), with the group's keys and labels first;
 * seizure rows also carry their value in USD with the rates used, and every row the link to its
 * figures and its sources. The rows are those of the JSON answer, in its order (`sort`) and page (`limit`, `offset`).
 */
export function groupedStatsCsv(
  groupBy: string[],
  rows: (StatsRowDto & { valueUsd?: MoneyValueDto | null })[],
  money = rows.some((row) => row.valueUsd !== undefined),
): string {
  const header = [
    ...groupBy.map(snakeCase).flatMap((d) => [d, `${d}_label`]),
    'kind',
    'unit_class',
    'unit',
    ...VALUE_HEADER,
    'value_usd',
    'group_figure_count',
    'group_source_count',
    ...(money ? MONEY_HEADER.map((h) => `group_${h}`) : []),
    'figures_href',
    'sources',
  ];
  // A group without any figure (a year of the range with nothing reported) is one line with empty measure cells.
  const none = { kind: null, unitClass: null, unit: null, valueUsd: null, ...EMPTY_MEASURE } as unknown as MeasureDto;
  const lines = rows.flatMap((row) =>
    (row.measures.length > 0 ? row.measures : [none]).map((m: MeasureDto) => [
      ...groupBy.flatMap((d) => [row.keys[d as keyof typeof row.keys], row.labels[d as keyof typeof row.labels]]),
      m.kind,
      m.unitClass,
      m.unit,
      ...valueCells(m),
      m.valueUsd,
      row.figureCount,
      row.sourceCount,
      ...(money ? moneyCells(row.valueUsd) : []),
      row.figuresHref,
      sourcesCell(row.sources),
    ]),
  );
  return csv(header, lines);
}

export function summaryCsv(summary: SummaryDto): string {
  const fact = (metric: string, unit: string, value: number | null): Cell[] => [
    metric,
    '',
    unit,
    value,
    ...EMPTY_VALUE_CELLS.slice(1),
    null,
    null,
    null,
  ];
  const lines: Cell[][] = [
    fact('operations', 'operations', summary.operations),
    fact('series', 'series', summary.series),
    fact('crime_areas', 'crime areas', summary.crimeAreas.length),
    fact('participating_countries', 'countries', summary.participatingCountries),
    ['arrests', 'arrests', 'people', ...valueCells(summary.arrests), null, null, null],
    [
      'persons_under_investigation',
      'persons_under_investigation',
      'people',
      ...valueCells(summary.personsUnderInvestigation),
      null,
      null,
      null,
    ],
    [
      'seizure_value_usd',
      'value_seized',
      'USD',
      ...valueCells(summary.seizureValueUsd),
      ...moneyCells(summary.seizureValueUsd).slice(1),
    ],
    ...summary.seizedQuantities.map((q) => [
      `seized_${q.unitClass}`,
      q.kind,
      q.unit,
      ...valueCells(q),
      null,
      null,
      null,
    ]),
    fact('first_year', 'year', summary.firstYear),
    fact('last_year', 'year', summary.lastYear),
  ];
  return csv(['metric', 'kind', 'unit', ...VALUE_HEADER, ...MONEY_HEADER.slice(1)], lines);
}

export function timeseriesCsv(series: TimeseriesDto): string {
  const usd = series.meta.unit === 'USD';
  return csv(
    [
      'year',
      'operation',
      'name',
      ...VALUE_HEADER,
      'unit',
      ...(usd ? ['unconverted', 'partial'] : []),
      'source_count',
      'figures_href',
      'sources',
    ],
    series.data.map((p) => [
      p.year,
      p.operation,
      p.name,
      ...valueCells(p),
      series.meta.unit,
      ...(usd ? [p.unconverted, p.partial] : []),
      p.sourceCount,
      p.figuresHref,
      sourcesCell(p.sources),
    ]),
  );
}
