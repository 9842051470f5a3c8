import { ApiProperty } from '@nestjs/swagger';
import { ListMetaDto } from '../../common/list/list-response';
import { SOURCE_TIERS, SourceTier } from '../entities/publisher.entity';

const EXAMPLE_URL =
  'https://www.wcoomd.org/en/media/newsroom/2015/june/millions-usd-worth-illicit-medicines-seized-in-global-operation.aspx';

/** What a page is cited for: an operation's own facts, its figures, its list of participating countries. */
export const CITATION_ROLES = ['operation', 'figures', 'participants'] as const;
export type CitationRole = (typeof CITATION_ROLES)[number];

export class SourceDto {
  @ApiProperty({ type: 'integer', example: 17 })
  id: number;

  @ApiProperty({ example: EXAMPLE_URL })
  url: string;

  /** Null only for pages cited for a list of participants alone. */
  @ApiProperty({ type: String, nullable: true, example: 'WCO' })
  publisher: string | null;

  /** Weight of the publisher when reports conflict: official > regulator > media. */
  @ApiProperty({ enum: SOURCE_TIERS, enumName: 'SourceTier', nullable: true, example: 'official' })
  tier: SourceTier | null;

  /** Publication date as printed on the page; null when the page shows none. */
  @ApiProperty({ type: String, nullable: true, format: 'date', example: '2015-06-18' })
  publishedOn: string | null;

  /** Figures that cite the page, conflicting reports included. */
  @ApiProperty({ type: 'integer', example: 9 })
  figuresCount: number;

  /** Operations the page is cited for (their facts, their figures or their participants). */
  @ApiProperty({ type: 'integer', example: 1 })
  operationsCount: number;

  /** Figures of the page that are the preferred report of their group. */
  @ApiProperty({ type: 'integer', example: 9 })
  preferredFiguresCount: number;

  /** Link to the source. */
  @ApiProperty({ example: '/v1/sources/17' })
  href: string;
}

export class SourceOperationDto {
  @ApiProperty({ example: 'pangea-viii' })
  code: string;

  @ApiProperty({ example: 'Pangea VIII' })
  name: string;

  @ApiProperty({ type: 'integer', example: 2015 })
  year: number;

  /** What the page is cited for: the operation's own facts, figures, the list of participating countries. */
  @ApiProperty({ enum: CITATION_ROLES, enumName: 'CitationRole', isArray: true, example: ['figures'] })
  citedFor: CitationRole[];

  /** Figures of the operation that cite the page. */
  @ApiProperty({ type: 'integer', example: 9 })
  figuresCount: number;

  /** Link to the operation. */
  @ApiProperty({ example: '/v1/operations/pangea-viii' })
  href: string;
}

export class SourceDetailDto extends SourceDto {
  /** Operations the page is cited for, oldest first. */
  @ApiProperty({ type: [SourceOperationDto] })
  operations: SourceOperationDto[];
}

export class SourceListDto {
  @ApiProperty({ type: [SourceDto] })
  data: SourceDto[];

  meta: ListMetaDto;
}
