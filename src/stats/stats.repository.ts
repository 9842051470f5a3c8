import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SqlParams } from '../common/sql-params';
import { countryTookPart } from '../operations/operation-filters';
import { RollupScope } from './entities/figure-rollup.entity';
import { COUNTING_RULES_SQL, ROLLUP_COLUMNS } from '../figures/counting-rules.sql';

export const GROUP_DIMENSIONS = ['year', 'series', 'operation', 'region', 'country', 'category', 'crimeArea'] as const;
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number];

/** Filters already resolved to ids and codes. */
export interface ResolvedStatsFilters {
  seriesIds?: number[];
  /** Crime areas as stored on operations. */
  crimeAreas?: string[];
  operationIds?: number[];
  years?: number[];
  yearFrom?: number;
  yearTo?: number;
  /** Operation regions (the region and those below it). */
  regionIds?: number[];
  /** Countries of the region filter, used at country scope. */
  regionCountries?: string[];
  countries?: string[];
  /** Category keys; null stands for "unspecified". */
  categories?: (string | null)[];
}

export interface StatsSelection {
  scope: RollupScope;
  type: 'seizure' | 'arrest' | 'outcome';
  kinds?: string[];
  groupBy: GroupDimension[];
  filters: ResolvedStatsFilters;
}

/** One aggregated row: a group (or the grand total when `level` is 'group'), a measure, or a kind and unit class. */
export interface StatsRow {
  level: 'measure' | 'class' | 'group';
  keys: Record<string, string | number | null>;
  labels: Record<string, string | null>;
  kind: string | null;
  unit_class: string | null;
  unit: string | null;
  value: string | null;
  value_usd: string | null;
  lower_bound: boolean;
  upper_bound: boolean;
  approximate: boolean;
  derived: boolean;
  /** `categories` or `countries` when every derived part was summed from one kind of figure, `mixed` when from both, else null. */
  derived_from: 'categories' | 'countries' | 'mixed' | null;
  /** Figures added up in the derived parts. */
  derived_figure_count: number;
  figure_count: number;
  unconverted: number;
  source_count: number;
  /** Distinct sources of the row's figures. */
  source_ids: number[] | null;
  rates: string | null;
}

/** SQL of each grouping dimension: key, label, and what it joins. */
const DIMENSIONS: Record<GroupDimension, { key: string; label: string }> = {
  year: { key: 'o.year', label: 'o.year::text' },
  series: { key: 'se.code', label: 'se.name' },
  operation: { key: 'o.code', label: 'o.name' },
  region: { key: "coalesce(rg.code, 'unspecified')", label: "coalesce(rg.name, 'Unspecified')" },
  country: { key: 'r.country_iso2', label: 'c.name' },
  category: { key: "coalesce(r.category_key, 'unspecified')", label: "coalesce(r.category_key, 'unspecified')" },
  // The operation's crime area: the label is the key (`firearms trafficking`).
  crimeArea: { key: 'o.crime_area', label: 'o.crime_area' },
};

/**
 * Conditions on the operation `o` (series, crime area, operation, years) shared by the
 * statistics and the operation lists that go with them; `param` adds a bound value.
 */
export function operationConditions(filters: ResolvedStatsFilters, param: (value: unknown) => string): string[] {
  const where: string[] = [];
  if (filters.seriesIds) where.push(`o.series_id = ANY(${param(filters.seriesIds)}::int[])`);
  if (filters.crimeAreas) where.push(`o.crime_area = ANY(${param(filters.crimeAreas)}::text[])`);
  if (filters.operationIds) where.push(`o.id = ANY(${param(filters.operationIds)}::int[])`);
  if (filters.years) where.push(`o.year = ANY(${param(filters.years)}::int[])`);
  if (filters.yearFrom !== undefined) where.push(`o.year >= ${param(filters.yearFrom)}`);
  if (filters.yearTo !== undefined) where.push(`o.year <= ${param(filters.yearTo)}`);
  return where;
}

/**
 * The operations the statistics summary selects, as SQL on operations `o`: series, operations, years, the
 * operation's region, and with countries, those that list one of them as participant or have a live figure for
 * one of them. The selection of the summary and its participation counts.
 */
export function summaryOperationWhere(filters: ResolvedStatsFilters): { where: string; params: unknown[] } {
  const sql = new SqlParams();
  const param = (value: unknown) => sql.add(value);
  const where = ['true', ...operationConditions(filters, param)];
  if (filters.regionIds) where.push(`o.region_id = ANY(${param(filters.regionIds)}::int[])`);
  if (filters.countries) where.push(countryTookPart(param(filters.countries)));
  return { where: where.join(' AND '), params: sql.values };
}

/**
 * Read-only statistics SQL. Every figure is added up from `figure_rollups`
 * (the counting rules applied per operation, rebuilt on every change) or, for
 * checking and benchmarking, from the same rules computed on the raw figures.
 */
@Injectable()
export class StatsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async aggregate(selection: StatsSelection, from: 'rollups' | 'raw' = 'rollups'): Promise<StatsRow[]> {
    const placeholders = new SqlParams([null]);
    const param = (value: unknown) => placeholders.add(value);
    const params = placeholders.values;
    const source =
      from === 'rollups'
        ? `SELECT ${ROLLUP_COLUMNS} FROM figure_rollups WHERE ($1::int[] IS NULL OR operation_id = ANY($1::int[]))`
        : COUNTING_RULES_SQL;
    const { filters } = selection;
    const where = [`r.scope = ${param(selection.scope)}`, `r.type = ${param(selection.type)}`];
    if (selection.kinds?.length) where.push(`r.kind = ANY(${param(selection.kinds)}::text[])`);
    where.push(...operationConditions(filters, param));
    if (selection.scope === 'country') {
      if (filters.regionCountries) where.push(`r.country_iso2 = ANY(${param(filters.regionCountries)}::bpchar[])`);
    } else if (filters.regionIds) {
      where.push(`o.region_id = ANY(${param(filters.regionIds)}::int[])`);
    }
    if (filters.countries) where.push(`r.country_iso2 = ANY(${param(filters.countries)}::bpchar[])`);
    if (filters.categories) {
      const named = filters.categories.filter((c): c is string => c !== null);
      const parts = [];
      if (named.length) parts.push(`r.category_key = ANY(${param(named)}::text[])`);
      if (named.length < filters.categories.length) parts.push('r.category_key IS NULL');
      where.push(`(${parts.join(' OR ')})`);
    }

    const dims = selection.groupBy.map((d) => DIMENSIONS[d]);
    const keyCols = dims.map((d, i) => `${d.key} AS k${i}, ${d.label} AS l${i}`);
    const keyRefs = dims.map((_, i) => `k${i}, l${i}`);
    const groupKeys = keyRefs.length ? `${keyRefs.join(', ')}, ` : '';
    const sql = `
      WITH r AS (${source}),
      base AS (
        SELECT ${keyCols.length ? keyCols.join(', ') + ',' : ''} r.kind, r.unit_class, r.unit, r.value, r.value_usd,
               r.units_per_usd, o.year, r.lower_bound, r.upper_bound, r.approximate, r.derived, r.derived_from, r.figure_count, r.source_ids
        FROM r
        JOIN operations o ON o.id = r.operation_id
        JOIN series se ON se.id = o.series_id
        LEFT JOIN regions rg ON rg.id = o.region_id
        LEFT JOIN countries c ON c.iso2 = r.country_iso2
        WHERE ${where.join(' AND ')}
      )
      SELECT CASE WHEN grouping(kind) = 1 THEN 'group' WHEN grouping(unit) = 1 THEN 'class' ELSE 'measure' END AS level,
             ${groupKeys}kind, unit_class, unit,
             sum(value)::text AS value, sum(value_usd)::text AS value_usd,
             bool_or(lower_bound) AS lower_bound, bool_or(upper_bound) AS upper_bound,
             bool_or(approximate) AS approximate, bool_or(derived) AS derived,
             CASE count(DISTINCT derived_from) WHEN 0 THEN NULL WHEN 1 THEN min(derived_from) ELSE 'mixed' END AS derived_from,
             coalesce(sum(figure_count) FILTER (WHERE derived), 0)::int AS derived_figure_count,
             coalesce(sum(figure_count), 0)::int AS figure_count,
             coalesce(sum(figure_count) FILTER (WHERE unit_class = 'money' AND value_usd IS NULL), 0)::int AS unconverted,
             coalesce((SELECT count(DISTINCT s) FROM unnest(string_to_array(string_agg(array_to_string(source_ids, ','), ','), ',')) s), 0)::int AS source_count,
             (SELECT array_agg(DISTINCT s::int) FROM unnest(string_to_array(string_agg(array_to_string(source_ids, ','), ','), ',')) s) AS source_ids,
             string_agg(DISTINCT CASE WHEN unit_class = 'money' AND unit <> 'USD' AND units_per_usd IS NOT NULL
                                      THEN unit || ':' || year || ':' || units_per_usd END, ';') AS rates
      FROM base
      GROUP BY GROUPING SETS ((${groupKeys}kind, unit_class, unit), (${groupKeys}kind, unit_class)${keyRefs.length ? `, (${keyRefs.join(', ')})` : ', ()'})
      ORDER BY ${selection.groupBy
        .map((d, i) => (d === 'operation' ? `max(year), k${i}` : `k${i}`))
        .concat(['kind NULLS FIRST', 'unit_class NULLS FIRST', 'unit NULLS FIRST'])
        .join(', ')}`;
    const rows = await this.dataSource.query<Record<string, unknown>[]>(sql, params);
    return rows.map((row) => {
      const keys: StatsRow['keys'] = {};
      const labels: StatsRow['labels'] = {};
      selection.groupBy.forEach((dim, i) => {
        keys[dim] = row[`k${i}`] as string | number | null;
        labels[dim] = row[`l${i}`] as string | null;
      });
      return { ...(row as unknown as StatsRow), keys, labels };
    });
  }

  /** The operations the filters select, oldest first. */
  selectedOperations(
    filters: ResolvedStatsFilters,
  ): Promise<{ id: number; code: string; name: string; year: number; series_id: number; crime_area: string }[]> {
    const { where, params } = summaryOperationWhere(filters);
    return this.dataSource.query(
      `SELECT o.id, o.code, o.name, o.year, o.series_id, o.crime_area FROM operations o WHERE ${where} ORDER BY o.year, o.start_date NULLS LAST, o.code`,
      params,
    );
  }
}
