import { ApiProperty } from '@nestjs/swagger';
import { ListMetaDto } from '../../common/list/list-response';
import { FIGURE_KINDS, FIGURE_TYPES, FigureKind, FigureType, QUALIFIERS, Qualifier } from '../../figures/figure-kinds';
import { RegionRefDto } from '../../regions/dto/region-response.dto';
import { CITATION_ROLES, CitationRole } from '../../sources/dto/source-response.dto';
import { SOURCE_TIERS, SourceTier } from '../../sources/entities/publisher.entity';

const EXAMPLE_URL =
  'https://www.wcoomd.org/en/media/newsroom/2015/june/millions-usd-worth-illicit-medicines-seized-in-global-operation.aspx';

export class OperationSeriesDto {
  @ApiProperty({ example: 'pangea' })
  code: string;

  @ApiProperty({ example: 'Pangea' })
  name: string;
}

/** The page the operation's own facts (dates, region, counts) come from. */
export class OperationSourceDto {
  @ApiProperty({ type: 'integer', example: 17 })
  id: number;

  @ApiProperty({ example: EXAMPLE_URL })
  url: string;

  @ApiProperty({ type: String, nullable: true, example: 'WCO' })
  publisher: string | null;

  /** Publication date as printed on the page. */
  @ApiProperty({ type: String, nullable: true, format: 'date', example: '2015-06-18' })
  publishedOn: string | null;

  /** Weight of the publisher when reports conflict: official > regulator > media. */
  @ApiProperty({ enum: SOURCE_TIERS, enumName: 'SourceTier', nullable: true, example: 'official' })
  tier: SourceTier | null;
}

export class OperationDto {
  /** Stable code of the operation. */
  @ApiProperty({ example: 'pangea-viii' })
  code: string;

  @ApiProperty({ example: 'Pangea VIII' })
  name: string;

  @ApiProperty({ type: OperationSeriesDto })
  series: OperationSeriesDto;

  /** Roman numeral of the edition; null when the sources give none. */
  @ApiProperty({ type: String, nullable: true, example: 'VIII' })
  edition: string | null;

  /** The year the operation ran (or ended, or was reported). */
  @ApiProperty({ type: 'integer', example: 2015 })
  year: number;

  @ApiProperty({ type: String, nullable: true, format: 'date', example: '2015-06-09' })
  startDate: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date', example: '2015-06-16' })
  endDate: string | null;

  /** The broadest region the sources support; null when they do not settle it. */
  @ApiProperty({ type: RegionRefDto, nullable: true })
  region: RegionRefDto | null;

  @ApiProperty({ example: 'pharmaceutical crime' })
  crimeArea: string;

  /**
   * Participating countries as the operation's source states their number ("more than N" is stored as N, see
   * notes); null when no source states it. A number printed by the source, not counted from the data: compare
   * `countriesListedCount` and `countriesWithFiguresCount`.
   */
  @ApiProperty({ type: 'integer', nullable: true, example: 115 })
  countriesCount: number | null;

  /**
   * Countries a source lists by name as participants (the `participatingCountries` of the operation); 0 when no
   * source lists them, as for most operations, and then only `countriesCount` tells how many took part.
   */
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 })
  countriesListedCount: number;

  /**
   * Distinct countries the operation has figures for (deleted figures left out), whether listed as participants or
   * not. Sources give country figures as examples, so this is not a number of participants.
   */
  @ApiProperty({ type: 'integer', minimum: 0, example: 4 })
  countriesWithFiguresCount: number;

  @ApiProperty({ type: 'integer', nullable: true, example: 236 })
  agenciesCount: number | null;

  /** Conflicting counts or dates and qualifiers, in short. */
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'INTERPOL: more than 40 countries; Manufacturing Chemist and Outsourcing-Pharma: 45 countries',
  })
  notes: string | null;

  @ApiProperty({ type: OperationSourceDto })
  source: OperationSourceDto;

  /** Link to the operation. */
  @ApiProperty({ example: '/v1/operations/pangea-viii' })
  href: string;
}

export class ParticipatingCountryDto {
  /** ISO 3166-1 alpha-2 code. */
  @ApiProperty({ example: 'GB' })
  iso2: string;

  @ApiProperty({ example: 'United Kingdom' })
  name: string;

  /** The page that lists the country among the participants. */
  @ApiProperty({
    example:
      'https://www.interpol.int/ar/News-and-Events/News/2008/Illegal-online-medicine-suppliers-targeted-in-first-international-Internet-day-of-action',
  })
  sourceUrl: string;
}

/** A page cited by the operation, by its figures or by its list of participants. */
export class OperationCitedSourceDto extends OperationSourceDto {
  /** What the page is cited for: the operation's own facts, figures, the list of participating countries. */
  @ApiProperty({ enum: CITATION_ROLES, enumName: 'CitationRole', isArray: true, example: ['figures'] })
  citedFor: CitationRole[];

  /** Figures of this operation that cite the page. */
  @ApiProperty({ type: 'integer', example: 9 })
  figuresCount: number;

  /** Link to the source. */
  @ApiProperty({ example: '/v1/sources/17' })
  href: string;
}

export class HeadlineFigureSourceDto {
  @ApiProperty({ example: EXAMPLE_URL })
  url: string;

  @ApiProperty({ type: String, nullable: true, example: 'WCO' })
  publisher: string | null;
}

/** An operation-wide total as reported: the preferred figure of its group, with no country and no goods category. */
export class HeadlineFigureDto {
  @ApiProperty({ type: 'integer', example: 812 })
  id: number;

  @ApiProperty({ enum: FIGURE_TYPES, enumName: 'FigureType', example: 'seizure' })
  type: FigureType;

  @ApiProperty({ enum: FIGURE_KINDS, enumName: 'FigureKind', example: 'items_seized' })
  kind: FigureKind;

  /** The number exactly as reported, as a decimal string (a lower bound when the qualifier is `more_than`). */
  @ApiProperty({ example: '81000000' })
  quantity: string;

  @ApiProperty({ example: 'items' })
  unit: string;

  /** Wording of the source: `more_than`, `approximately`, `nearly`, `up_to` or `exact`. */
  @ApiProperty({ enum: QUALIFIERS, enumName: 'Qualifier', example: 'exact' })
  qualifier: Qualifier;

  /** A generic label the source gave the total (`medicines`), if any. */
  @ApiProperty({ type: String, nullable: true, example: 'medicines' })
  category: string | null;

  @ApiProperty({ type: HeadlineFigureSourceDto })
  source: HeadlineFigureSourceDto;
}

/** Number of recorded figures of each type, conflicting reports included. */
export class FigureCountsDto {
  @ApiProperty({ type: 'integer', example: 16 })
  seizure: number;

  @ApiProperty({ type: 'integer', example: 3 })
  arrest: number;

  @ApiProperty({ type: 'integer', example: 18 })
  outcome: number;
}

export class OperationLinksDto {
  @ApiProperty({ example: '/v1/seizures?operation=pangea-viii' })
  seizures: string;

  @ApiProperty({ example: '/v1/arrests?operation=pangea-viii' })
  arrests: string;

  @ApiProperty({ example: '/v1/outcomes?operation=pangea-viii' })
  outcomes: string;
}

export class OperationDetailDto extends OperationDto {
  /** Countries listed as participants by a source, by name (`countriesListedCount` of them); empty when no source lists them. */
  @ApiProperty({ type: [ParticipatingCountryDto] })
  participatingCountries: ParticipatingCountryDto[];

  /** Every distinct page cited by the operation, its figures or its participants: official first, then newest. */
  @ApiProperty({ type: [OperationCitedSourceDto] })
  sources: OperationCitedSourceDto[];

  /** Operation-wide totals, one per group of conflicting reports, never summed. */
  @ApiProperty({ type: [HeadlineFigureDto] })
  headlineFigures: HeadlineFigureDto[];

  @ApiProperty({ type: FigureCountsDto })
  figureCounts: FigureCountsDto;

  @ApiProperty({ type: OperationLinksDto })
  links: OperationLinksDto;
}

export class OperationListDto {
  @ApiProperty({ type: [OperationDto] })
  data: OperationDto[];

  meta: ListMetaDto;
}
