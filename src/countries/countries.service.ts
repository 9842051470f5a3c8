import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { orderBySql, parseSort } from '../common/list/sort';
import { NotFoundProblem } from '../common/problem';
import { ReferenceCodes } from '../common/reference/reference-codes';
import { likePattern } from '../common/list/text-search';
import {
  CountryOperationRow,
  CountryRow,
  FigureSumRow,
  FigureTotalRow,
  toCountryOperationResponse,
  toCountryResponse,
  toFigureSumResponse,
  toFigureTotalResponse,
} from './countries.mapper';
import { COUNTRY_SORT_FIELDS, CountriesQueryDto } from './dto/countries-query.dto';
import { CountryDetailDto, CountryDto } from './dto/country-response.dto';

const SORTABLE: Record<(typeof COUNTRY_SORT_FIELDS)[number], string> = {
  iso2: 'c.iso2',
  name: 'c.name',
  operationsCount: 'operations_count',
  operationsListedInCount: 'operations_listed_in_count',
  operationsWithFiguresCount: 'operations_with_figures_count',
  figuresCount: 'figures_count',
};

/**
 * The operations a country appears in (`operationsCount`): a source lists it among the participants, or the
 * operation has figures for it. The two halves are also counted apart (`operationsListedInCount`,
 * `operationsWithFiguresCount`).
 */
const TOOK_PART = `
  took_part AS (
    SELECT operation_id, country_iso2 FROM operation_countries
    UNION
    SELECT operation_id, country_iso2 FROM figures WHERE country_iso2 IS NOT NULL AND deleted_at IS NULL
  )`;

const SELECT_COUNTRIES = `
  WITH ${TOOK_PART}
  SELECT c.iso2, c.iso3, c.numeric_code, c.name,
         r.code AS region_code, r.name AS region_name, sr.code AS sub_region_code, sr.name AS sub_region_name,
         (SELECT count(*) FROM took_part t WHERE t.country_iso2 = c.iso2) AS operations_count,
         (SELECT count(*) FROM operation_countries oc WHERE oc.country_iso2 = c.iso2) AS operations_listed_in_count,
         (SELECT count(DISTINCT f.operation_id) FROM figures f WHERE f.country_iso2 = c.iso2 AND f.deleted_at IS NULL)
           AS operations_with_figures_count,
         (SELECT count(*) FROM figures f WHERE f.country_iso2 = c.iso2 AND f.deleted_at IS NULL) AS figures_count
  FROM countries c
  LEFT JOIN regions r ON r.id = c.region_id
  LEFT JOIN regions sr ON sr.id = c.sub_region_id`;

const TYPE_RANK = `CASE f.type WHEN 'seizure' THEN 0 WHEN 'arrest' THEN 1 ELSE 2 END`;

/**
 * A list query checked and turned into SQL before any row is read, so that a bad filter is a 400 even for a CSV
 * download (whose rows are fetched while the response streams).
 */
export interface CountryListQuery {
  where: string;
  values: unknown[];
  order: string;
}

@Injectable()
export class CountriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly referenceCodes: ReferenceCodes,
  ) {}

  /** Validates the region codes and sort (400 when unknown) and writes the filters as SQL. */
  async prepareList(query: CountriesQueryDto): Promise<CountryListQuery> {
    const order = orderBySql(parseSort(query.sort, SORTABLE, 'name', 'c.iso2'));
    const conditions: string[] = [];
    const values: unknown[] = [];
    if (query.region) {
      const { countryIso2s } = await this.referenceCodes.regionScope('region', query.region);
      values.push(countryIso2s);
      conditions.push(`c.iso2 = ANY($${values.length}::text[])`);
    }
    if (query.q !== undefined) {
      values.push(likePattern(query.q), query.q.trim().toUpperCase());
      const [pattern, code] = [`$${values.length - 1}`, `$${values.length}`];
      conditions.push(`(c.name ILIKE ${pattern} ESCAPE '\\' OR c.iso2 = ${code} OR c.iso3 = ${code})`);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    return { where, values, order };
  }

  async list(
    { where, values, order }: CountryListQuery,
    limit: number,
    offset: number,
  ): Promise<{ items: CountryDto[]; total: number }> {
    const [{ count }] = await this.dataSource.query<{ count: string }[]>(
      `SELECT count(*) FROM countries c ${where}`,
      values,
    );
    const rows = await this.dataSource.query<CountryRow[]>(
      `${SELECT_COUNTRIES} ${where} ORDER BY ${order} LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, limit, offset],
    );
    return { items: rows.map(toCountryResponse), total: Number(count) };
  }

  async get(iso2: string): Promise<CountryDetailDto> {
    const code = iso2.toUpperCase();
    const [row] = await this.dataSource.query<CountryRow[]>(`${SELECT_COUNTRIES} WHERE c.iso2 = $1`, [code]);
    if (!row)
      throw new NotFoundProblem(
        `No country has the ISO 3166-1 alpha-2 code '${iso2}'. See /v1/countries for the codes.`,
      );
    const [operations, totals, sums] = await Promise.all([
      this.dataSource.query<CountryOperationRow[]>(
        `WITH ${TOOK_PART}
         SELECT o.code, o.name, o.year,
                EXISTS (SELECT 1 FROM operation_countries oc WHERE oc.operation_id = o.id AND oc.country_iso2 = $1)
                  AS listed_as_participant,
                (SELECT count(*) FROM figures f WHERE f.operation_id = o.id AND f.country_iso2 = $1 AND f.deleted_at IS NULL)
                  AS figures_count
         FROM took_part t JOIN operations o ON o.id = t.operation_id
         WHERE t.country_iso2 = $1
         ORDER BY o.year, o.code COLLATE "C"`,
        [code],
      ),
      this.dataSource.query<FigureTotalRow[]>(
        `SELECT f.type, f.kind, count(*) AS figures, count(*) FILTER (WHERE f.preferred) AS preferred
         FROM figures f
         WHERE f.country_iso2 = $1 AND f.deleted_at IS NULL
         GROUP BY f.type, f.kind
         ORDER BY ${TYPE_RANK}, f.kind`,
        [code],
      ),
      // One preferred figure per (operation, kind, unit class, category, country) group: summing per kind, unit and
      // category across operations adds each operation at most once. Summing across categories would add a total to
      // its own breakdown (Ireland, Pangea VIII: 142,000 units of medicines, of which 104,000 sedatives).
      this.dataSource.query<FigureSumRow[]>(
        `SELECT f.type, f.kind, f.unit, f.category_key AS category, sum(f.quantity)::text AS sum,
                count(*) AS figure_count,
                bool_or(f.qualifier = 'more_than') AS lower_bound,
                bool_or(f.qualifier = 'up_to') AS upper_bound,
                bool_or(f.qualifier IN ('approximately', 'nearly')) AS approximate,
                array_agg(o.code ORDER BY o.year, o.code) AS operations
         FROM figures f JOIN operations o ON o.id = f.operation_id
         WHERE f.country_iso2 = $1 AND f.preferred AND f.deleted_at IS NULL
         GROUP BY f.type, f.kind, f.unit, f.category_key
         ORDER BY ${TYPE_RANK}, f.kind, f.category_key COLLATE "C" NULLS FIRST, f.unit COLLATE "C"`,
        [code],
      ),
    ]);
    return {
      ...toCountryResponse(row),
      operations: operations.map(toCountryOperationResponse),
      figureTotals: totals.map(toFigureTotalResponse),
      preferredSums: sums.map(toFigureSumResponse),
    };
  }
}
