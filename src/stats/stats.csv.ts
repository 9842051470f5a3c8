import { stringify } from 'csv-stringify/sync';
import { CSV_FORMAT } from '../common/list/list-response';
import { MeasureDto, StatsRowDto, StatValueDto, SummaryDto, TimeseriesDto } from './dto/stats-response.dto';

type Cell = string | number | boolean | null | undefined;

function csv(header: string[], rows: Cell[][]): string {
  return stringify([header, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : c)))], CSV_FORMAT);
}

const VALUE_HEADER = ['value', 'lower_bound', 'upper_bound', 'approximate', 'derived', 'figure_count'];
const valueCells = (v: StatValueDto): Cell[] => [v.value, v.lowerBound, v.upperBound, v.approximate, v.derived, v.figureCount];

/** One line per group and measure (a kind in one unit), with the group's keys and labels first. */
export function groupedStatsCsv(groupBy: string[], rows: StatsRowDto[]): string {
  const header = [
    ...groupBy.flatMap((d) => [d, `${d}_label`]),
    'kind',
    'unit_class',
    'unit',
    ...VALUE_HEADER,
    'value_usd',
    'group_figure_count',
    'group_source_count',
  ];
  const lines = rows.flatMap((row) =>
    row.measures.map((m: MeasureDto) => [
      ...groupBy.flatMap((d) => [row.keys[d as keyof typeof row.keys], row.labels[d as keyof typeof row.labels]]),
      m.kind,
      m.unitClass,
      m.unit,
      ...valueCells(m),
      m.valueUsd,
      row.figureCount,
      row.sourceCount,
    ]),
  );
  return csv(header, lines);
}

export function summaryCsv(summary: SummaryDto): string {
  const lines: Cell[][] = [
    ['operations', '', 'operations', summary.operations, false, false, false, false, ''],
    ['participating_countries', '', 'countries', summary.participatingCountries, false, false, false, false, ''],
    ['arrests', 'arrests', 'people', ...valueCells(summary.arrests)],
    ['persons_under_investigation', 'persons_under_investigation', 'people', ...valueCells(summary.personsUnderInvestigation)],
    ['seizure_value_usd', 'value_seized', 'USD', ...valueCells(summary.seizureValueUsd)],
    ...summary.seizedQuantities.map((q) => [`seized_${q.unitClass}`, q.kind, q.unit, ...valueCells(q)]),
    ['first_year', '', 'year', summary.firstYear, false, false, false, false, ''],
    ['last_year', '', 'year', summary.lastYear, false, false, false, false, ''],
  ];
  return csv(['metric', 'kind', 'unit', ...VALUE_HEADER], lines);
}

export function timeseriesCsv(series: TimeseriesDto): string {
  return csv(
    ['year', 'operation', 'name', ...VALUE_HEADER, 'unit'],
    series.data.map((p) => [p.year, p.operation, p.name, ...valueCells(p), series.meta.unit]),
  );
}
