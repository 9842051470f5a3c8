import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { orderBySql, parseSort } from '../common/list/sort';
import { NotFoundProblem } from '../common/problem';
import { ReferenceCodes } from '../common/reference/reference-codes';
import { SourceDetailDto, SourceDto } from './dto/source-response.dto';
import { SOURCE_SORT_FIELDS, SourcesQueryDto } from './dto/sources-query.dto';
import { SourceOperationRow, SourceRow, toSourceOperationResponse, toSourceResponse } from './sources.mapper';

/** URLs sort byte-wise (`COLLATE "C"`), so their order does not depend on the database's locale. */
const SORTABLE: Record<(typeof SOURCE_SORT_FIELDS)[number], string> = {
  publishedOn: 's.published_on',
  publisher: 'p.name',
  url: 's.url COLLATE "C"',
  figuresCount: 'figures_count',
};

/** Every citation of a page: for an operation's own facts, for one of its figures, for its list of participants. */
const CITATIONS = `
  citations AS (
    SELECT source_id, id AS operation_id, 'operation' AS role FROM operations
    UNION ALL
    SELECT source_id, operation_id, 'figures' FROM figures WHERE deleted_at IS NULL
    UNION ALL
    SELECT source_id, operation_id, 'participants' FROM operation_countries
  )`;

const SELECT_SOURCES = `
  WITH ${CITATIONS}
  SELECT s.id, s.url, p.name AS publisher, p.tier, s.published_on::text AS published_on,
         (SELECT count(*) FROM figures f WHERE f.source_id = s.id AND f.deleted_at IS NULL) AS figures_count,
         (SELECT count(DISTINCT c.operation_id) FROM citations c WHERE c.source_id = s.id) AS operations_count,
         (SELECT count(*) FROM figures f WHERE f.source_id = s.id AND f.deleted_at IS NULL AND f.preferred)
           AS preferred_figures_count
  FROM sources s
  LEFT JOIN publishers p ON p.id = s.publisher_id`;

/**
 * A list query checked and turned into SQL before any row is read, so that a bad filter is a 400 even for a CSV
 * download (whose rows are fetched while the response streams).
 */
export interface SourceListQuery {
  where: string;
  values: unknown[];
  order: string;
}

@Injectable()
export class SourcesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly referenceCodes: ReferenceCodes,
  ) {}

  /** Validates the operation codes and sort (400 when unknown) and writes the filters as SQL. */
  async prepareList(query: SourcesQueryDto): Promise<SourceListQuery> {
    const order = orderBySql(parseSort(query.sort, SORTABLE, 'url', 's.id'));
    const conditions: string[] = [];
    const values: unknown[] = [];
    if (query.tier) {
      values.push(query.tier);
      conditions.push(`p.tier = ANY($${values.length}::text[])`);
    }
    if (query.publisher !== undefined) {
      values.push(query.publisher.trim());
      conditions.push(`lower(p.name) = lower($${values.length})`);
    }
    if (query.operation) {
      values.push(await this.referenceCodes.operationIds('operation', query.operation));
      conditions.push(
        `s.id IN (SELECT source_id FROM operations WHERE id = ANY($${values.length}::int[])` +
          ` UNION SELECT source_id FROM figures WHERE deleted_at IS NULL AND operation_id = ANY($${values.length}::int[])` +
          ` UNION SELECT source_id FROM operation_countries WHERE operation_id = ANY($${values.length}::int[]))`,
      );
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    return { where, values, order };
  }

  async list(
    { where, values, order }: SourceListQuery,
    limit: number,
    offset: number,
  ): Promise<{ items: SourceDto[]; total: number }> {
    const [{ count }] = await this.dataSource.query<{ count: string }[]>(
      `SELECT count(*) FROM sources s LEFT JOIN publishers p ON p.id = s.publisher_id ${where}`,
      values,
    );
    const rows = await this.dataSource.query<SourceRow[]>(
      `${SELECT_SOURCES} ${where} ORDER BY ${order} LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, limit, offset],
    );
    return { items: rows.map(toSourceResponse), total: Number(count) };
  }

  async get(id: number): Promise<SourceDetailDto> {
    const [row] = await this.dataSource.query<SourceRow[]>(`${SELECT_SOURCES} WHERE s.id = $1`, [id]);
    if (!row) throw new NotFoundProblem(`No source has the id ${id}. See /v1/sources for the ids.`);
    const operations = await this.dataSource.query<SourceOperationRow[]>(
      `WITH ${CITATIONS}
       SELECT o.code, o.name, o.year, array_agg(DISTINCT c.role) AS cited_for,
              count(*) FILTER (WHERE c.role = 'figures') AS figures_count
       FROM citations c JOIN operations o ON o.id = c.operation_id
       WHERE c.source_id = $1
       GROUP BY o.id
       ORDER BY o.year, o.code COLLATE "C"`,
      [id],
    );
    return { ...toSourceResponse(row), operations: operations.map(toSourceOperationResponse) };
  }
}
