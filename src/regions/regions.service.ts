import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { orderBySql, parseSort } from '../common/list/sort';
import { NotFoundProblem } from '../common/problem';
import { RegionDetailDto, RegionDto } from './dto/region-response.dto';
import { REGION_SORT_FIELDS, RegionsQueryDto } from './dto/regions-query.dto';
import { REGION_KINDS } from './entities/region.entity';
import {
  RegionCountryRow,
  RegionRow,
  SubRegionRow,
  toRegionCountryResponse,
  toRegionResponse,
  toSubRegionResponse,
} from './regions.mapper';

/** Kinds sort by their level in the hierarchy (world first, operational last), not alphabetically. */
const KIND_RANK = `CASE r.kind ${REGION_KINDS.map((kind, i) => `WHEN '${kind}' THEN ${i}`).join(' ')} END`;

/** Codes sort byte-wise, so their order does not depend on the database's locale. */
const BY_CODE = 'r.code COLLATE "C"';

const SORTABLE: Record<(typeof REGION_SORT_FIELDS)[number], string> = {
  code: BY_CODE,
  name: 'r.name',
  kind: KIND_RANK,
};

const SELECT_REGIONS = `
  SELECT r.id, r.code, r.name, r.kind, r.m49_code, r.operational_label,
         parent.code AS parent_code, parent.name AS parent_name,
         (SELECT count(*) FROM region_countries rc WHERE rc.region_id = r.id) AS countries_count
  FROM regions r
  LEFT JOIN regions parent ON parent.id = r.parent_id`;

/**
 * A list query checked and turned into SQL before any row is read, so that a bad sort is a 400 even for a CSV
 * download (whose rows are fetched while the response streams).
 */
export interface RegionListQuery {
  kinds: string[] | null;
  order: string;
}

@Injectable()
export class RegionsService {
  constructor(private readonly dataSource: DataSource) {}

  prepareList(query: RegionsQueryDto): RegionListQuery {
    return { kinds: query.kind ?? null, order: orderBySql(parseSort(query.sort, SORTABLE, 'code', BY_CODE)) };
  }

  async list(
    { kinds, order }: RegionListQuery,
    limit: number,
    offset: number,
  ): Promise<{ items: RegionDto[]; total: number }> {
    const where = 'WHERE ($1::text[] IS NULL OR r.kind = ANY($1::text[]))';
    const rows = await this.dataSource.query<RegionRow[]>(
      `${SELECT_REGIONS} ${where} ORDER BY ${order} LIMIT $2 OFFSET $3`,
      [kinds, limit, offset],
    );
    const [{ count }] = await this.dataSource.query<{ count: string }[]>(`SELECT count(*) FROM regions r ${where}`, [
      kinds,
    ]);
    return { items: rows.map(toRegionResponse), total: Number(count) };
  }

  async get(code: string): Promise<RegionDetailDto> {
    const [row] = await this.dataSource.query<RegionRow[]>(`${SELECT_REGIONS} WHERE r.code = $1`, [code.toLowerCase()]);
    if (!row) throw new NotFoundProblem(`No region has the code '${code}'. See /v1/regions for the codes.`);
    const [subRegions, countries] = await Promise.all([
      this.dataSource.query<SubRegionRow[]>(
        'SELECT code, name, kind FROM regions WHERE parent_id = $1 ORDER BY name, code',
        [row.id],
      ),
      this.dataSource.query<RegionCountryRow[]>(
        `SELECT c.iso2, c.name FROM region_countries rc JOIN countries c ON c.iso2 = rc.country_iso2
         WHERE rc.region_id = $1 ORDER BY c.name, c.iso2`,
        [row.id],
      ),
    ]);
    return {
      ...toRegionResponse(row),
      subRegions: subRegions.map(toSubRegionResponse),
      countries: countries.map(toRegionCountryResponse),
    };
  }
}
