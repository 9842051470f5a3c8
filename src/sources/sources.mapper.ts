import { CsvColumn } from '../common/list/list-response';
import { CITATION_ROLES, CitationRole, SourceDto, SourceOperationDto } from './dto/source-response.dto';
import { SourceTier } from './entities/publisher.entity';

export interface SourceRow {
  id: number;
  url: string;
  publisher: string | null;
  tier: SourceTier | null;
  published_on: string | null;
  figures_count: string | number;
  operations_count: string | number;
  preferred_figures_count: string | number;
}

export interface SourceOperationRow {
  code: string;
  name: string;
  year: number;
  cited_for: CitationRole[];
  figures_count: string | number;
}

export function toSourceResponse(row: SourceRow): SourceDto {
  return {
    id: row.id,
    url: row.url,
    publisher: row.publisher,
    tier: row.tier,
    publishedOn: row.published_on,
    figuresCount: Number(row.figures_count),
    operationsCount: Number(row.operations_count),
    preferredFiguresCount: Number(row.preferred_figures_count),
    href: `/v1/sources/${row.id}`,
  };
}

export function toSourceOperationResponse(row: SourceOperationRow): SourceOperationDto {
  return {
    code: row.code,
    name: row.name,
    year: row.year,
    citedFor: CITATION_ROLES.filter((role) => row.cited_for.includes(role)),
    figuresCount: Number(row.figures_count),
    href: `/v1/operations/${row.code}`,
  };
}

export const SOURCE_CSV_COLUMNS: CsvColumn<SourceDto>[] = [
  { header: 'id', value: (s) => s.id },
  { header: 'url', value: (s) => s.url },
  { header: 'publisher', value: (s) => s.publisher },
  { header: 'tier', value: (s) => s.tier },
  { header: 'published_on', value: (s) => s.publishedOn },
  { header: 'figures_count', value: (s) => s.figuresCount },
  { header: 'operations_count', value: (s) => s.operationsCount },
  { header: 'preferred_figures_count', value: (s) => s.preferredFiguresCount },
];
