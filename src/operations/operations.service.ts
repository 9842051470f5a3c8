import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { orderBySql, parseSort } from '../common/list/sort';
import { NotFoundProblem } from '../common/problem';
import { ReferenceCodes } from '../common/reference/reference-codes';
import { SqlParams } from '../common/sql-params';
import { checkYearRange } from '../common/validation';
import { OperationDetailDto, OperationDto } from './dto/operation-response.dto';
import { countryTookPart } from './operation-filters';
import { OPERATION_SORT_FIELDS, OperationsQueryDto } from './dto/operations-query.dto';
import {
  CitedSourceRow,
  FigureCountRow,
  HeadlineFigureRow,
  OperationRow,
  ParticipationRow,
  operationLinks,
  toCitedSourceResponse,
  toFigureCounts,
  toHeadlineFigureResponse,
  toOperationResponse,
  toParticipatingCountryResponse,
} from './operations.mapper';
import { likePattern } from '../common/list/text-search';

/** Codes and URLs sort byte-wise (`COLLATE "C"`), so their order does not depend on the database's locale. */
const BY_CODE = 'o.code COLLATE "C"';

const SORTABLE: Record<(typeof OPERATION_SORT_FIELDS)[number], string> = {
  code: BY_CODE,
  name: 'o.name',
  year: 'o.year',
  startDate: 'o.start_date',
  series: 's.code COLLATE "C"',
  countriesCount: 'o.countries_count',
  countriesListedCount: 'countries_listed_count',
  countriesWithFiguresCount: 'countries_with_figures_count',
};

const FROM_OPERATIONS = `
  FROM operations o
  JOIN series s ON s.id = o.series_id
  LEFT JOIN regions r ON r.id = o.region_id
  JOIN sources src ON src.id = o.source_id
  LEFT JOIN publishers p ON p.id = src.publisher_id`;

/**
 * The three participation numbers of an operation: `o.countries_count` as the source states it, and these two,
 * counted from the data (one index lookup per operation row, in the same statement as the row).
 */
const COUNTRIES_LISTED = '(SELECT count(*) FROM operation_countries oc WHERE oc.operation_id = o.id)';
const COUNTRIES_WITH_FIGURES = `(SELECT count(DISTINCT f.country_iso2) FROM figures f
    WHERE f.operation_id = o.id AND f.country_iso2 IS NOT NULL AND f.deleted_at IS NULL)`;

const SELECT_OPERATIONS = `
  SELECT o.id, o.code, o.name, s.code AS series_code, s.name AS series_name, o.edition, o.year,
         o.start_date::text AS start_date, o.end_date::text AS end_date,
         r.code AS region_code, r.name AS region_name, o.crime_area, o.countries_count,
         ${COUNTRIES_LISTED} AS countries_listed_count, ${COUNTRIES_WITH_FIGURES} AS countries_with_figures_count,
         o.agencies_count, o.notes,
         src.id AS source_id, src.url AS source_url, p.name AS source_publisher,
         src.published_on::text AS source_published_on, p.tier AS source_tier
  ${FROM_OPERATIONS}`;

/** Tier rank for ordering sources: official first, sources without a publisher last. */
const TIER_RANK = `CASE p.tier WHEN 'official' THEN 0 WHEN 'regulator' THEN 1 WHEN 'media' THEN 2 ELSE 3 END`;
const TYPE_RANK = `CASE f.type WHEN 'seizure' THEN 0 WHEN 'arrest' THEN 1 ELSE 2 END`;

/**
 * A list query checked and turned into SQL before any row is read, so that a bad filter is a 400 even for a CSV
 * download (whose rows are fetched while the response streams).
 */
export interface OperationListQuery {
  where: string;
  values: unknown[];
  order: string;
}

@Injectable()
export class OperationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly referenceCodes: ReferenceCodes,
  ) {}

  /** Validates the filters and sort (unknown codes, yearFrom after yearTo: 400) and writes them as SQL. */
  async prepareList(query: OperationsQueryDto): Promise<OperationListQuery> {
    const order = orderBySql(parseSort(query.sort, SORTABLE, 'year,code', BY_CODE));
    const params = new SqlParams();
    const where = await this.whereClause(query, params);
    return { where, values: params.values, order };
  }

  async list(
    { where, values, order }: OperationListQuery,
    limit: number,
    offset: number,
  ): Promise<{ items: OperationDto[]; total: number }> {
    const [{ count }] = await this.dataSource.query<{ count: string }[]>(
      `SELECT count(*) ${FROM_OPERATIONS} ${where}`,
      values,
    );
    const rows = await this.dataSource.query<OperationRow[]>(
      `${SELECT_OPERATIONS} ${where} ORDER BY ${order} LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, limit, offset],
    );
    return { items: rows.map(toOperationResponse), total: Number(count) };
  }

  async get(code: string): Promise<OperationDetailDto> {
    const [row] = await this.dataSource.query<OperationRow[]>(`${SELECT_OPERATIONS} WHERE o.code = $1`, [
      code.toLowerCase(),
    ]);
    if (!row) throw new NotFoundProblem(`No operation has the code '${code}'. See /v1/operations for the codes.`);
    const [participations, sources, headline, counts] = await Promise.all([
      this.dataSource.query<ParticipationRow[]>(
        `SELECT c.iso2, c.name, s.url AS source_url
         FROM operation_countries oc
         JOIN countries c ON c.iso2 = oc.country_iso2
         JOIN sources s ON s.id = oc.source_id
         WHERE oc.operation_id = $1
         ORDER BY c.name, c.iso2`,
        [row.id],
      ),
      this.dataSource.query<CitedSourceRow[]>(
        `WITH cited AS (
           SELECT o.source_id, 'operation' AS role FROM operations o WHERE o.id = $1
           UNION ALL
           SELECT f.source_id, 'figures' FROM figures f WHERE f.operation_id = $1 AND f.deleted_at IS NULL
           UNION ALL
           SELECT oc.source_id, 'participants' FROM operation_countries oc WHERE oc.operation_id = $1
         )
         SELECT s.id, s.url, p.name AS publisher, p.tier, s.published_on::text AS published_on,
                array_agg(DISTINCT cited.role) AS cited_for,
                count(*) FILTER (WHERE cited.role = 'figures') AS figures_count
         FROM cited
         JOIN sources s ON s.id = cited.source_id
         LEFT JOIN publishers p ON p.id = s.publisher_id
         GROUP BY s.id, p.id
         ORDER BY ${TIER_RANK}, s.published_on DESC NULLS LAST, s.url COLLATE "C"`,
        [row.id],
      ),
      this.dataSource.query<HeadlineFigureRow[]>(
        `SELECT f.id, f.type, f.kind, f.quantity::text AS quantity, f.unit, f.qualifier, f.category,
                s.url AS source_url, p.name AS source_publisher
         FROM figures f
         JOIN sources s ON s.id = f.source_id
         LEFT JOIN publishers p ON p.id = s.publisher_id
         WHERE f.operation_id = $1 AND f.preferred AND f.deleted_at IS NULL
           AND f.country_iso2 IS NULL AND f.category_key IS NULL
         ORDER BY ${TYPE_RANK}, f.kind, f.unit COLLATE "C", f.id`,
        [row.id],
      ),
      this.dataSource.query<FigureCountRow[]>(
        `SELECT f.type, count(*) AS count FROM figures f
         WHERE f.operation_id = $1 AND f.deleted_at IS NULL GROUP BY f.type`,
        [row.id],
      ),
    ]);
    return {
      ...toOperationResponse(row),
      participatingCountries: participations.map(toParticipatingCountryResponse),
      sources: sources.map(toCitedSourceResponse),
      headlineFigures: headline.map(toHeadlineFigureResponse),
      figureCounts: toFigureCounts(counts),
      links: operationLinks(row.code),
    };
  }

  /** The filters of the list as SQL; codes are resolved to ids first, so an unknown one is a 400. */
  private async whereClause(query: OperationsQueryDto, params: SqlParams): Promise<string> {
    const conditions: string[] = [];
    checkYearRange(query.yearFrom, query.yearTo);
    if (query.series) {
      const ids = await this.referenceCodes.seriesIds('series', query.series);
      conditions.push(`o.series_id = ANY(${params.add(ids)}::int[])`);
    }
    if (query.year) conditions.push(`o.year = ANY(${params.add(query.year)}::int[])`);
    if (query.yearFrom !== undefined) conditions.push(`o.year >= ${params.add(query.yearFrom)}`);
    if (query.yearTo !== undefined) conditions.push(`o.year <= ${params.add(query.yearTo)}`);
    if (query.region) {
      const { regionIds } = await this.referenceCodes.regionScope('region', query.region);
      conditions.push(`o.region_id = ANY(${params.add(regionIds)}::int[])`);
    }
    if (query.country) {
      const iso2s = params.add(await this.referenceCodes.countryCodes('country', query.country));
      conditions.push(countryTookPart(iso2s));
    }
    if (query.crimeArea) {
      const areas = await this.referenceCodes.crimeAreas('crimeArea', query.crimeArea);
      conditions.push(`o.crime_area = ANY(${params.add(areas)}::text[])`);
    }
    if (query.q !== undefined) {
      const pattern = params.add(likePattern(query.q));
      conditions.push(
        `(o.code ILIKE ${pattern} ESCAPE '\\' OR o.name ILIKE ${pattern} ESCAPE '\\' OR o.notes ILIKE ${pattern} ESCAPE '\\')`,
      );
    }
    return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  }
}
