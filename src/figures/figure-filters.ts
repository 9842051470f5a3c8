import { ReferenceCodes } from '../common/reference/reference-codes';
import { SqlParams } from '../common/sql-params';
import { checkYearRange } from '../common/validation';
import { FigureKind, FigureType, Qualifier, UnitClass } from './figure-kinds';

/** The validated filter values (a `FigureFiltersDto` plus the resource's `kind`). */
export interface FigureFilterValues {
  operation?: string[];
  series?: string[];
  crimeArea?: string[];
  country?: string[];
  region?: string[];
  category?: string[];
  unit?: string[];
  unitClass?: UnitClass[];
  kind?: FigureKind[];
  year?: number[];
  yearFrom?: number;
  yearTo?: number;
  qualifier?: Qualifier[];
  preferred?: boolean;
  countedIn?: 'operation' | 'country' | 'category';
}

export interface SqlFilter {
  /** Conditions joined with AND, never empty (live figures only); placeholders `$1`…`$n`. */
  where: string;
  /** Values of the placeholders, in order; further parameters of the caller start at `$${params.length + 1}`. */
  params: unknown[];
}

/** The rows the WHERE clause is written for: `f` is the figure, `o` its operation. */
export const FIGURES_FROM = 'figures f JOIN operations o ON o.id = f.operation_id';

/** The value of `category` that asks for figures reported without a category. */
export const UNSPECIFIED_CATEGORY = 'unspecified';

/**
 * Turns validated filters into a parameterised WHERE clause over `FIGURES_FROM`,
 * so that lists and statistics select exactly the same figures.
 *
 * - Only live figures (`deleted_at IS NULL`), of `type` when given.
 * - Within a filter, values are alternatives (OR); filters combine with AND.
 * - `operation`, `series`, `region`: codes resolved by `ReferenceCodes`; an unknown one is a 400 naming the parameter.
 * - `crimeArea`: the operation's crime area, any case; an unknown one is a 400.
 * - `country`: ISO alpha-2, any case; an unknown code is a 400.
 * - `region`: the figure's country is in the region, or the figure has no country
 *   and its operation's region is the region or a region below it.
 * - `category`, `unit`: exact match ignoring case; `category=unspecified` matches no (or an empty) category.
 * - `year` (any of the listed years), `yearFrom`, `yearTo` (inclusive): the operation's year; `yearFrom` after `yearTo` is a 400.
 * - `kind`, `unitClass`, `qualifier`, `preferred`: equality.
 * - `countedIn`: the figure is one that the statistics of that scope add up (figure_rollups.figure_ids).
 */
export async function buildFigureFilters(
  filters: FigureFilterValues,
  refs: ReferenceCodes,
  type?: FigureType,
): Promise<SqlFilter> {
  const conditions = ['f.deleted_at IS NULL'];
  const sql = new SqlParams();
  const param = (value: unknown): string => sql.add(value);

  if (type) conditions.push(`f.type = ${param(type)}`);
  if (filters.kind?.length) conditions.push(`f.kind = ANY(${param(filters.kind)}::text[])`);
  if (filters.operation?.length) {
    const ids = await refs.operationIds('operation', filters.operation);
    conditions.push(`f.operation_id = ANY(${param(ids)}::int[])`);
  }
  if (filters.series?.length) {
    const ids = await refs.seriesIds('series', filters.series);
    conditions.push(`o.series_id = ANY(${param(ids)}::int[])`);
  }
  if (filters.crimeArea?.length) {
    const areas = await refs.crimeAreas('crimeArea', filters.crimeArea);
    conditions.push(`o.crime_area = ANY(${param(areas)}::text[])`);
  }
  if (filters.country?.length) {
    const codes = await refs.countryCodes('country', filters.country);
    conditions.push(`f.country_iso2 = ANY(${param(codes)}::bpchar[])`);
  }
  if (filters.region?.length) {
    const scope = await refs.regionScope('region', filters.region);
    conditions.push(
      `(f.country_iso2 = ANY(${param(scope.countryIso2s)}::bpchar[])` +
        ` OR (f.country_iso2 IS NULL AND o.region_id = ANY(${param(scope.regionIds)}::int[])))`,
    );
  }
  if (filters.category?.length) {
    const wanted = filters.category.map((c) => c.trim().toLowerCase());
    const named = wanted.filter((c) => c !== UNSPECIFIED_CATEGORY);
    const alternatives: string[] = [];
    if (named.length) alternatives.push(`lower(f.category) = ANY(${param(named)}::text[])`);
    if (named.length < wanted.length) alternatives.push(`coalesce(f.category, '') = ''`);
    conditions.push(alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' OR ')})`);
  }
  if (filters.unit?.length) {
    conditions.push(`lower(f.unit) = ANY(${param(filters.unit.map((u) => u.trim().toLowerCase()))}::text[])`);
  }
  if (filters.unitClass?.length) conditions.push(`f.unit_class = ANY(${param(filters.unitClass)}::text[])`);
  if (filters.qualifier?.length) conditions.push(`f.qualifier = ANY(${param(filters.qualifier)}::text[])`);
  if (filters.year?.length) conditions.push(`o.year = ANY(${param(filters.year)}::int[])`);
  checkYearRange(filters.yearFrom, filters.yearTo);
  if (filters.yearFrom !== undefined) conditions.push(`o.year >= ${param(filters.yearFrom)}`);
  if (filters.yearTo !== undefined) conditions.push(`o.year <= ${param(filters.yearTo)}`);
  if (filters.preferred !== undefined) conditions.push(`f.preferred = ${param(filters.preferred)}`);
  if (filters.countedIn !== undefined) {
    conditions.push(
      `EXISTS (SELECT 1 FROM figure_rollups r WHERE r.operation_id = f.operation_id AND r.scope = ${param(filters.countedIn)} AND r.figure_ids @> ARRAY[f.id])`,
    );
  }

  return { where: conditions.join(' AND '), params: sql.values };
}
