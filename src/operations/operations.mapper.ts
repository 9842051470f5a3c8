import { CsvColumn } from '../common/list/list-response';
import { FIGURE_TYPES, FigureKind, FigureType, Qualifier } from '../figures/figure-kinds';
import { toRegionRef } from '../regions/regions.mapper';
import { SourceTier } from '../sources/entities/publisher.entity';
import { CITATION_ROLES, CitationRole } from '../sources/dto/source-response.dto';
import {
  FigureCountsDto,
  HeadlineFigureDto,
  OperationCitedSourceDto,
  OperationDto,
  OperationLinksDto,
  ParticipatingCountryDto,
} from './dto/operation-response.dto';

export interface OperationRow {
  id: number;
  code: string;
  name: string;
  series_code: string;
  series_name: string;
  edition: string | null;
  year: number;
  start_date: string | null;
  end_date: string | null;
  region_code: string | null;
  region_name: string | null;
  crime_area: string;
  countries_count: number | null;
  countries_listed_count: string | number;
  countries_with_figures_count: string | number;
  agencies_count: number | null;
  notes: string | null;
  source_id: number;
  source_url: string;
  source_publisher: string | null;
  source_published_on: string | null;
  source_tier: SourceTier | null;
}

export interface ParticipationRow {
  iso2: string;
  name: string;
  source_url: string;
}

export interface CitedSourceRow {
  id: number;
  url: string;
  publisher: string | null;
  tier: SourceTier | null;
  published_on: string | null;
  cited_for: CitationRole[];
  figures_count: string | number;
}

export interface HeadlineFigureRow {
  id: number;
  type: FigureType;
  kind: FigureKind;
  quantity: string;
  unit: string;
  qualifier: Qualifier;
  category: string | null;
  source_url: string;
  source_publisher: string | null;
}

export interface FigureCountRow {
  type: FigureType;
  count: string | number;
}

export function toOperationResponse(row: OperationRow): OperationDto {
  return {
    code: row.code,
    name: row.name,
    series: { code: row.series_code, name: row.series_name },
    edition: row.edition,
    year: row.year,
    startDate: row.start_date,
    endDate: row.end_date,
    region: toRegionRef(row.region_code, row.region_name),
    crimeArea: row.crime_area,
    countriesCount: row.countries_count,
    countriesListedCount: Number(row.countries_listed_count),
    countriesWithFiguresCount: Number(row.countries_with_figures_count),
    agenciesCount: row.agencies_count,
    notes: row.notes,
    source: {
      id: row.source_id,
      url: row.source_url,
      publisher: row.source_publisher,
      publishedOn: row.source_published_on,
      tier: row.source_tier,
    },
    href: `/v1/operations/${row.code}`,
  };
}

export function toParticipatingCountryResponse(row: ParticipationRow): ParticipatingCountryDto {
  return { iso2: row.iso2, name: row.name, sourceUrl: row.source_url };
}

export function toCitedSourceResponse(row: CitedSourceRow): OperationCitedSourceDto {
  return {
    id: row.id,
    url: row.url,
    publisher: row.publisher,
    publishedOn: row.published_on,
    tier: row.tier,
    citedFor: CITATION_ROLES.filter((role) => row.cited_for.includes(role)),
    figuresCount: Number(row.figures_count),
    href: `/v1/sources/${row.id}`,
  };
}

export function toHeadlineFigureResponse(row: HeadlineFigureRow): HeadlineFigureDto {
  return {
    id: row.id,
    type: row.type,
    kind: row.kind,
    quantity: row.quantity,
    unit: row.unit,
    qualifier: row.qualifier,
    category: row.category,
    source: { url: row.source_url, publisher: row.source_publisher },
  };
}

/** Every type appears, with 0 when the operation has no figure of that type. */
export function toFigureCounts(rows: FigureCountRow[]): FigureCountsDto {
  const counts = Object.fromEntries(FIGURE_TYPES.map((type) => [type, 0])) as Record<FigureType, number>;
  for (const row of rows) counts[row.type] = Number(row.count);
  return counts;
}

export function operationLinks(code: string): OperationLinksDto {
  const operation = encodeURIComponent(code);
  return {
    seizures: `/v1/seizures?operation=${operation}`,
    arrests: `/v1/arrests?operation=${operation}`,
    outcomes: `/v1/outcomes?operation=${operation}`,
  };
}

export const OPERATION_CSV_COLUMNS: CsvColumn<OperationDto>[] = [
  { header: 'code', value: (o) => o.code },
  { header: 'name', value: (o) => o.name },
  { header: 'series_code', value: (o) => o.series.code },
  { header: 'series_name', value: (o) => o.series.name },
  { header: 'edition', value: (o) => o.edition },
  { header: 'year', value: (o) => o.year },
  { header: 'start_date', value: (o) => o.startDate },
  { header: 'end_date', value: (o) => o.endDate },
  { header: 'region_code', value: (o) => o.region?.code },
  { header: 'region_name', value: (o) => o.region?.name },
  { header: 'crime_area', value: (o) => o.crimeArea },
  { header: 'countries_count', value: (o) => o.countriesCount },
  { header: 'agencies_count', value: (o) => o.agenciesCount },
  { header: 'source_url', value: (o) => o.source.url },
  { header: 'source_publisher', value: (o) => o.source.publisher },
  { header: 'source_published_on', value: (o) => o.source.publishedOn },
  { header: 'source_tier', value: (o) => o.source.tier },
  { header: 'notes', value: (o) => o.notes },
  // Added after the first release: appended, so that columns read by position keep their place.
  { header: 'countries_listed_count', value: (o) => o.countriesListedCount },
  { header: 'countries_with_figures_count', value: (o) => o.countriesWithFiguresCount },
];
