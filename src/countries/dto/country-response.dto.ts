import { ApiProperty } from '@nestjs/swagger';
import { ListMetaDto } from '../../common/list/list-response';
import { FIGURE_KINDS, FIGURE_TYPES, FigureKind, FigureType } from '../../figures/figure-kinds';
import { RegionRefDto } from '../../regions/dto/region-response.dto';

export class CountryDto {
  /** ISO 3166-1 alpha-2 code. */
  @ApiProperty({ example: 'GB' })
  iso2: string;

  /** ISO 3166-1 alpha-3 code. */
  @ApiProperty({ example: 'GBR' })
  iso3: string;

  /** ISO 3166-1 numeric code (the UN M49 code of the country). */
  @ApiProperty({ example: '826' })
  numericCode: string;

  @ApiProperty({ example: 'United Kingdom' })
  name: string;

  /** UN M49 region; null for areas M49 places in none (Antarctica). */
  @ApiProperty({ type: RegionRefDto, nullable: true })
  region: RegionRefDto | null;

  /** UN M49 sub-region. */
  @ApiProperty({ type: RegionRefDto, nullable: true })
  subRegion: RegionRefDto | null;

  /**
   * Operations in which the country appears: a source lists it among the participants, or the operation has
   * figures for it (the same operations as `/v1/operations?country=`); an operation with both counts once. The two
   * are counted apart in `operationsListedInCount` and `operationsWithFiguresCount`. Most operations list no
   * participants, so the country may have taken part in more operations than this.
   */
  @ApiProperty({ type: 'integer', example: 16 })
  operationsCount: number;

  /** Operations a source lists the country in as a participant (`listedAsParticipant` in the country's operations). */
  @ApiProperty({ type: 'integer', minimum: 0, example: 9 })
  operationsListedInCount: number;

  /** Operations with at least one figure for the country (deleted figures left out), listed as participant or not. */
  @ApiProperty({ type: 'integer', minimum: 0, example: 15 })
  operationsWithFiguresCount: number;

  /** Figures reported for the country, conflicting reports included. */
  @ApiProperty({ type: 'integer', example: 40 })
  figuresCount: number;

  /** Link to the country. */
  @ApiProperty({ example: '/v1/countries/GB' })
  href: string;
}

export class CountryOperationDto {
  @ApiProperty({ example: 'pangea-viii' })
  code: string;

  @ApiProperty({ example: 'Pangea VIII' })
  name: string;

  @ApiProperty({ type: 'integer', example: 2015 })
  year: number;

  /** Whether a source lists the country among the participants. */
  @ApiProperty({ example: true })
  listedAsParticipant: boolean;

  /** Figures the operation reports for the country. */
  @ApiProperty({ type: 'integer', example: 6 })
  figuresCount: number;

  /** Link to the operation. */
  @ApiProperty({ example: '/v1/operations/pangea-viii' })
  href: string;
}

/** Figures reported for the country of one type and kind. */
export class CountryFigureTotalDto {
  @ApiProperty({ enum: FIGURE_TYPES, enumName: 'FigureType', example: 'seizure' })
  type: FigureType;

  @ApiProperty({ enum: FIGURE_KINDS, enumName: 'FigureKind', example: 'items_seized' })
  kind: FigureKind;

  /** All figures, conflicting reports included. */
  @ApiProperty({ type: 'integer', example: 9 })
  figures: number;

  /** The preferred figure of each group of conflicting reports. */
  @ApiProperty({ type: 'integer', example: 8 })
  preferred: number;
}

/**
 * The sum of the country's preferred figures of one kind, in exactly one unit and one goods category, across
 * operations (each operation contributes at most one figure, so nothing is counted twice).
 */
export class CountryFigureSumDto {
  @ApiProperty({ enum: FIGURE_TYPES, enumName: 'FigureType', example: 'seizure' })
  type: FigureType;

  @ApiProperty({ enum: FIGURE_KINDS, enumName: 'FigureKind', example: 'items_seized' })
  kind: FigureKind;

  @ApiProperty({ example: 'doses' })
  unit: string;

  /**
   * Goods category of the summed figures (lower case); null for totals, i.e. figures with no category or a generic
   * label such as `medicines`. Sums of different categories must not be added: totals already include them.
   */
  @ApiProperty({ type: String, nullable: true, example: null })
  category: string | null;

  /** Exact decimal sum, as a string. */
  @ApiProperty({ example: '20371616' })
  sum: string;

  /** Figures summed. */
  @ApiProperty({ type: 'integer', example: 6 })
  figureCount: number;

  /** True when a summed figure is a lower bound (`more_than`): the real total is at least the sum. */
  @ApiProperty({ example: false })
  lowerBound: boolean;

  /** True when a summed figure is an upper bound (`up_to`). */
  @ApiProperty({ example: false })
  upperBound: boolean;

  /** True when a summed figure is approximate (`approximately`, `nearly`). */
  @ApiProperty({ example: true })
  approximate: boolean;

  /** Codes of the operations whose figures are summed. */
  @ApiProperty({
    type: [String],
    example: ['pangea-iv', 'pangea-vii', 'pangea-viii', 'pangea-xi', 'pangea-xiii', 'pangea-xvii'],
  })
  operations: string[];
}

export class CountryDetailDto extends CountryDto {
  /** Operations the country took part in (listed as participant, or with figures for it), oldest first. */
  @ApiProperty({ type: [CountryOperationDto] })
  operations: CountryOperationDto[];

  /** Number of figures and of preferred figures, per type and kind. */
  @ApiProperty({ type: [CountryFigureTotalDto] })
  figureTotals: CountryFigureTotalDto[];

  /** Preferred figures summed per kind, unit and goods category. */
  @ApiProperty({ type: [CountryFigureSumDto] })
  preferredSums: CountryFigureSumDto[];
}

export class CountryListDto {
  @ApiProperty({ type: [CountryDto] })
  data: CountryDto[];

  meta: ListMetaDto;
}
