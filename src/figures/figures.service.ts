import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { orderBySql, parseSort } from '../common/list/sort';
import { NotFoundProblem } from '../common/problem';
import { ReferenceCodes } from '../common/reference/reference-codes';
import { FigureType } from './figure-kinds';
import { buildFigureFilters, FigureFilterValues, FIGURES_FROM } from './figure-filters';
import { FIGURE_DEFAULT_SORT, FIGURE_SORT_FIELDS } from './dto/figure-query.dto';
import { FigureDetailDto, FigureDto } from './dto/figure-response.dto';
import { FigureRevisionDto } from './dto/figure-revision.dto';
import { readRevisions } from './figure-revisions';
import { FigureRow, RESOURCE_OF_TYPE, SELECT_FIGURES, toFigureResponse } from './figures.mapper';
import { preferenceReason } from './preference-reason';

/** Public sort fields → SQL (over `SELECT_FIGURES`); `quantity` sorts numerically. */
const SORTABLE: Record<(typeof FIGURE_SORT_FIELDS)[number], string> = {
  year: 'o.year',
  operation: 'o.code',
  kind: 'f.kind',
  quantity: 'f.quantity',
  normalizedQuantity: 'f.normalized_quantity',
  country: 'f.country_iso2',
  publishedOn: 's.published_on',
  id: 'f.id',
};

export interface FigureListParams extends FigureFilterValues {
  sort?: string;
}

@Injectable()
export class FiguresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly refs: ReferenceCodes,
  ) {}

  /** One page of the figures of `type` that match the filters, and how many match in all. */
  async list(
    type: FigureType,
    query: FigureListParams,
    limit: number,
    offset: number,
  ): Promise<{ items: FigureDto[]; total: number }> {
    const order = orderBySql(parseSort(query.sort, SORTABLE, FIGURE_DEFAULT_SORT, 'f.id'));
    const { where, params } = await buildFigureFilters(query, this.refs, type);
    const n = params.length;
    const [rows, [{ count }]] = await Promise.all([
      this.dataSource.query<FigureRow[]>(
        `${SELECT_FIGURES} WHERE ${where} ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...params, limit, offset],
      ),
      this.dataSource.query<{ count: string }[]>(`SELECT count(*) FROM ${FIGURES_FROM} WHERE ${where}`, params),
    ]);
    return { items: rows.map(toFigureResponse), total: Number(count) };
  }

  /** One live figure of `type`, its alternatives in full, and why it is (or is not) preferred. */
  async get(type: FigureType, id: number): Promise<FigureDetailDto> {
    const [row] = await this.dataSource.query<FigureRow[]>(
      `${SELECT_FIGURES} WHERE f.id = $1 AND f.type = $2 AND f.deleted_at IS NULL`,
      [id, type],
    );
    if (!row)
      throw new NotFoundProblem(`No ${type} figure has the id ${id}. See /v1/${RESOURCE_OF_TYPE[type]} for the list.`);
    const group = await this.dataSource.query<FigureRow[]>(
      `${SELECT_FIGURES} WHERE f.group_key = $1 AND f.deleted_at IS NULL ORDER BY f.preferred DESC, f.id`,
      [row.group_key],
    );
    const { alternatives: _links, ...figure } = toFigureResponse(row);
    const reason = preferenceReason(
      row.id,
      group.map((m) => ({
        id: m.id,
        preferred: m.preferred,
        preferredOverride: m.preferred_override,
        tier: m.publisher_tier,
        publisher: m.publisher_name,
        publishedOn: m.source_published_on,
      })),
    );
    return {
      ...figure,
      alternatives: group.filter((m) => m.id !== row.id).map(toFigureResponse),
      preferenceReason: reason,
    };
  }

  /**
   * Every version of a figure of `type`, oldest first, deleted figures included.
   * 404 when no figure of that type (live or deleted) has the id.
   */
  async revisions(type: FigureType, id: number): Promise<FigureRevisionDto[]> {
    const revisions = await readRevisions(this.dataSource.manager, type, id);
    if (!revisions)
      throw new NotFoundProblem(`No ${type} figure has the id ${id}. See /v1/${RESOURCE_OF_TYPE[type]} for the list.`);
    return revisions;
  }
}
