import { ApiProperty, OmitType } from '@nestjs/swagger';
import { ListMetaDto } from '../../common/list/list-response';
import { SOURCE_TIERS, SourceTier } from '../../sources/entities/publisher.entity';
import {
  FIGURE_KINDS,
  FIGURE_ROLES,
  FIGURE_TYPES,
  FigureKind,
  FigureRole,
  FigureType,
  QUALIFIERS,
  Qualifier,
  UNIT_CLASSES,
  UnitClass,
} from '../figure-kinds';

export class FigureCountryDto {
  @ApiProperty({ example: 'GB' })
  iso2: string;

  @ApiProperty({ example: 'United Kingdom' })
  name: string;
}

export class FigureOperationDto {
  @ApiProperty({ example: 'pangea-vii' })
  code: string;

  @ApiProperty({ example: 'Pangea VII' })
  name: string;

  @ApiProperty({ type: 'integer', example: 2014 })
  year: number;

  /** Code of the operation's series. */
  @ApiProperty({ example: 'pangea' })
  series: string;
}

/** The published page the figure was read in: cite it with the figure. */
export class FigureSourceDto {
  @ApiProperty({ example: 'https://www.interpol.int/News-and-Events/News/2014/...' })
  url: string;

  @ApiProperty({ type: String, nullable: true, example: 'INTERPOL' })
  publisher: string | null;

  /** Publication date printed on the page; null when the page shows none. */
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2014-05-22' })
  publishedOn: string | null;

  /** Weight of the publisher when reports conflict: official > regulator > media. */
  @ApiProperty({ enum: SOURCE_TIERS, enumName: 'SourceTier', nullable: true, example: 'official' })
  tier: SourceTier | null;
}

export class FigureLinkDto {
  @ApiProperty({ type: 'integer', example: 75 })
  id: number;

  @ApiProperty({ example: '/v1/arrests/75' })
  href: string;
}

/** One reported figure, exactly as its source printed it. */
export class FigureDto {
  @ApiProperty({ type: 'integer', example: 74 })
  id: number;

  @ApiProperty({ enum: FIGURE_TYPES, enumName: 'FigureType', example: 'arrest' })
  type: FigureType;

  /** What was counted (the source's metric). */
  @ApiProperty({ enum: FIGURE_KINDS, enumName: 'FigureKind', example: 'arrests' })
  kind: FigureKind;

  /** The number exactly as reported, as a decimal string (a lower bound when the qualifier is `more_than`). */
  @ApiProperty({ example: '11131.18' })
  quantity: string;

  /** Unit as reported: `people`, `tonnes`, `USD`, `websites`, … */
  @ApiProperty({ example: 'tonnes' })
  unit: string;

  @ApiProperty({ enum: UNIT_CLASSES, enumName: 'UnitClass', example: 'mass' })
  unitClass: UnitClass;

  /** The quantity in `normalizedUnit` (exact decimal); null for money, which is never converted here. */
  @ApiProperty({ type: String, nullable: true, example: '11131180' })
  normalizedQuantity: string | null;

  /** `kg` for mass, `litres` for volume, the reported unit for counts; null for money. */
  @ApiProperty({ type: String, nullable: true, example: 'kg' })
  normalizedUnit: string | null;

  /** ISO 4217 code of a money figure; null otherwise. */
  @ApiProperty({ type: String, nullable: true, example: null })
  currency: string | null;

  /** The source's wording: "more than 500" is `more_than`, "some 400" is `approximately`. */
  @ApiProperty({ enum: QUALIFIERS, enumName: 'Qualifier', example: 'exact' })
  qualifier: Qualifier;

  /** Goods category as reported; null for a figure reported without one. */
  @ApiProperty({ type: String, nullable: true, example: 'food and drink' })
  category: string | null;

  /** The country the figure is about; null for an operation-wide figure. */
  @ApiProperty({ type: FigureCountryDto, nullable: true })
  country: FigureCountryDto | null;

  operation: FigureOperationDto;

  source: FigureSourceDto;

  @ApiProperty({ type: String, nullable: true, example: 'final report; the initial release gave more than 10,000 t' })
  notes: string | null;

  /** Whether totals use this figure: exactly one report of each group of conflicting reports is preferred. */
  @ApiProperty({ example: true })
  preferred: boolean;

  /** Editor's ruling: true forces this report to be preferred, false rules it out; null lets the rule decide. */
  @ApiProperty({ type: Boolean, nullable: true, example: null })
  preferredOverride: boolean | null;

  /**
   * How an operation-wide figure counts towards its operation's total (README "Counting rules"):
   * `total`, the whole figure for its kind and unit class whatever its category label says; `part`,
   * included in another figure and never added to it; null, an independent figure (a figure without
   * category is a total by definition). Country figures have none.
   */
  @ApiProperty({ enum: FIGURE_ROLES, enumName: 'FigureRole', nullable: true, example: null })
  role: FigureRole | null;

  /** The other reports of the same figure (conflicting or re-reported), preferred one first. */
  @ApiProperty({ type: [FigureLinkDto] })
  alternatives: FigureLinkDto[];

  @ApiProperty({ example: '/v1/arrests/74' })
  href: string;
}

/** One figure with its alternatives in full and why it is (or is not) the preferred one. */
export class FigureDetailDto extends OmitType(FigureDto, ['alternatives'] as const) {
  /** The other reports of the same figure, in full, preferred one first. */
  @ApiProperty({ type: [FigureDto] })
  alternatives: FigureDto[];

  /** Why this report is or is not the one totals use, in plain words. */
  @ApiProperty({ example: 'official publisher (INTERPOL) outranks media (OCCRP)' })
  preferenceReason: string;
}

export class FigureListDto {
  @ApiProperty({ type: [FigureDto] })
  data: FigureDto[];

  meta: ListMetaDto;
}
