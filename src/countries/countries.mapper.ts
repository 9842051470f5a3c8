import { CsvColumn } from '../common/list/list-response';
import { FigureKind, FigureType } from '../figures/figure-kinds';
import { toRegionRef } from '../regions/regions.mapper';
import {
  CountryDto,
  CountryFigureSumDto,
  CountryFigureTotalDto,
  CountryOperationDto,
} from './dto/country-response.dto';

export interface CountryRow {
  iso2: string;
  iso3: string;
  numeric_code: string;
  name: string;
  region_code: string | null;
  region_name: string | null;
  sub_region_code: string | null;
  sub_region_name: string | null;
  operations_count: string | number;
  operations_listed_in_count: string | number;
  operations_with_figures_count: string | number;
  figures_count: string | number;
}

export interface CountryOperationRow {
  code: string;
  name: string;
  year: number;
  listed_as_participant: boolean;
  figures_count: string | number;
}

export interface FigureTotalRow {
  type: FigureType;
  kind: FigureKind;
  figures: string | number;
  preferred: string | number;
}

export interface FigureSumRow {
  type: FigureType;
  kind: FigureKind;
  unit: string;
  category: string | null;
  sum: string;
  figure_count: string | number;
  lower_bound: boolean;
  upper_bound: boolean;
  approximate: boolean;
  operations: string[];
}

export function toCountryResponse(row: CountryRow): CountryDto {
  return {
    iso2: row.iso2,
    iso3: row.iso3,
    numericCode: row.numeric_code,
    name: row.name,
    region: toRegionRef(row.region_code, row.region_name),
    subRegion: toRegionRef(row.sub_region_code, row.sub_region_name),
    operationsCount: Number(row.operations_count),
    operationsListedInCount: Number(row.operations_listed_in_count),
    operationsWithFiguresCount: Number(row.operations_with_figures_count),
    figuresCount: Number(row.figures_count),
    href: `/v1/countries/${row.iso2}`,
  };
}

export function toCountryOperationResponse(row: CountryOperationRow): CountryOperationDto {
  return {
    code: row.code,
    name: row.name,
    year: row.year,
    listedAsParticipant: row.listed_as_participant,
    figuresCount: Number(row.figures_count),
    href: `/v1/operations/${row.code}`,
  };
}

export function toFigureTotalResponse(row: FigureTotalRow): CountryFigureTotalDto {
  return { type: row.type, kind: row.kind, figures: Number(row.figures), preferred: Number(row.preferred) };
}

export function toFigureSumResponse(row: FigureSumRow): CountryFigureSumDto {
  return {
    type: row.type,
    kind: row.kind,
    unit: row.unit,
    category: row.category,
    sum: row.sum,
    figureCount: Number(row.figure_count),
    lowerBound: row.lower_bound,
    upperBound: row.upper_bound,
    approximate: row.approximate,
    operations: row.operations,
  };
}

export const COUNTRY_CSV_COLUMNS: CsvColumn<CountryDto>[] = [
  { header: 'iso2', value: (c) => c.iso2 },
  { header: 'iso3', value: (c) => c.iso3 },
  { header: 'numeric_code', value: (c) => c.numericCode },
  { header: 'name', value: (c) => c.name },
  { header: 'region_code', value: (c) => c.region?.code },
  { header: 'region_name', value: (c) => c.region?.name },
  { header: 'sub_region_code', value: (c) => c.subRegion?.code },
  { header: 'sub_region_name', value: (c) => c.subRegion?.name },
  { header: 'operations_count', value: (c) => c.operationsCount },
  { header: 'figures_count', value: (c) => c.figuresCount },
  // Added after the first release: appended, so that columns read by position keep their place.
  { header: 'operations_listed_in_count', value: (c) => c.operationsListedInCount },
  { header: 'operations_with_figures_count', value: (c) => c.operationsWithFiguresCount },
];
