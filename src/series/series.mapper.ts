import { CsvColumn } from '../common/list/list-response';
import { SeriesDto, SeriesEditionDto } from './dto/series-response.dto';

export interface SeriesRow {
  code: string;
  name: string;
  crime_area: string;
  description: string;
  operations_count: string | number;
  first_year: number | null;
  last_year: number | null;
}

export interface EditionRow {
  code: string;
  name: string;
  edition: string | null;
  year: number;
  start_date: string | null;
  end_date: string | null;
}

export function toSeriesResponse(row: SeriesRow): SeriesDto {
  return {
    code: row.code,
    name: row.name,
    crimeArea: row.crime_area,
    description: row.description,
    operationsCount: Number(row.operations_count),
    firstYear: row.first_year,
    lastYear: row.last_year,
  };
}

export function toEditionResponse(row: EditionRow): SeriesEditionDto {
  return {
    code: row.code,
    name: row.name,
    edition: row.edition,
    year: row.year,
    startDate: row.start_date,
    endDate: row.end_date,
    href: `/v1/operations/${row.code}`,
  };
}

export const SERIES_CSV_COLUMNS: CsvColumn<SeriesDto>[] = [
  { header: 'code', value: (s) => s.code },
  { header: 'name', value: (s) => s.name },
  { header: 'crime_area', value: (s) => s.crimeArea },
  { header: 'operations_count', value: (s) => s.operationsCount },
  { header: 'first_year', value: (s) => s.firstYear },
  { header: 'last_year', value: (s) => s.lastYear },
  { header: 'description', value: (s) => s.description },
];
