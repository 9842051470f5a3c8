import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundProblem } from '../common/problem';
import { orderBySql, parseSort } from '../common/list/sort';
import { SeriesDetailDto, SeriesDto } from './dto/series-response.dto';
import { EditionRow, SeriesRow, toEditionResponse, toSeriesResponse } from './series.mapper';

const SORTABLE: Record<string, string> = {
  code: 's.code',
  name: 's.name',
  crimeArea: 's.crime_area',
  firstYear: 'first_year',
  lastYear: 'last_year',
  operationsCount: 'operations_count',
};

const SELECT_SERIES = `
  SELECT s.code, s.name, s.crime_area, s.description,
         count(o.id) AS operations_count, min(o.year) AS first_year, max(o.year) AS last_year
  FROM series s LEFT JOIN operations o ON o.series_id = s.id`;

@Injectable()
export class SeriesService {
  constructor(private readonly dataSource: DataSource) {}

  async list(sort: string | undefined, limit: number, offset: number): Promise<{ items: SeriesDto[]; total: number }> {
    const order = orderBySql(parseSort(sort, SORTABLE, 'code', 's.code'));
    const rows = await this.dataSource.query<(SeriesRow & { total: string })[]>(
      `${SELECT_SERIES} GROUP BY s.id ORDER BY ${order} LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    const [{ count }] = await this.dataSource.query<{ count: string }[]>('SELECT count(*) FROM series');
    return { items: rows.map(toSeriesResponse), total: Number(count) };
  }

  async get(code: string): Promise<SeriesDetailDto> {
    const [row] = await this.dataSource.query<SeriesRow[]>(`${SELECT_SERIES} WHERE s.code = $1 GROUP BY s.id`, [
      code.toLowerCase(),
    ]);
    if (!row) throw new NotFoundProblem(`No series has the code '${code}'. See /v1/series for the codes.`);
    const editions = await this.dataSource.query<EditionRow[]>(
      `SELECT o.code, o.name, o.edition, o.year, o.start_date::text AS start_date, o.end_date::text AS end_date
       FROM operations o JOIN series s ON s.id = o.series_id
       WHERE s.code = $1 ORDER BY o.year, o.start_date NULLS LAST, o.code`,
      [code.toLowerCase()],
    );
    return { ...toSeriesResponse(row), editions: editions.map(toEditionResponse) };
  }
}
