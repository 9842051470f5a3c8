import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import { MAX_REASON_LENGTH, ReasonText } from '../../common/writes/reason.dto';
import { SourceInputDto } from '../../sources/dto/source-input.dto';
import {
  ARREST_KINDS,
  ArrestKind,
  FIGURE_ROLES,
  FigureRole,
  OUTCOME_KINDS,
  OutcomeKind,
  QUALIFIERS,
  Qualifier,
  SEIZURE_KINDS,
  SeizureKind,
} from '../figure-kinds';
import { PLAIN_DECIMAL, quantityViolation } from '../figure-rules';
import { oneOf } from './figure-query.dto';

const CODE = /^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/;
const TRIMMED = /^\S(.*\S)?$/s;
export const MAX_NOTES_LENGTH = 4000;

/** A quantity sent as a JSON number becomes its decimal string; a string is kept exactly as written. */
const ToDecimalString = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'number' ? (Number.isFinite(value) ? String(value) : 'NaN') : value,
  );

/** Validated only when present: the field may be left out, but not set to null. */
const Present = () => ValidateIf((_object: unknown, value: unknown) => value !== undefined);

const quantityMessage = ({ value }: ValidationArguments) => quantityViolation(String(value)) ?? 'quantity is invalid';

/**
 * The reported values of a figure, as the read API shows them. The source is
 * required: `source` (by URL, added when new) or `sourceId`, exactly one.
 */
class FigureValuesDto {
  /** Operation code (see /v1/operations). */
  @ApiProperty({ example: 'pangea-vii' })
  @IsString()
  @MaxLength(64)
  @Matches(CODE, { message: 'operation must be an operation code (letters, digits and single hyphens)' })
  operation: string;

  /** The number exactly as reported: a plain non-negative decimal, as a string (`"11131.18"`) or a JSON number. */
  @ApiProperty({
    oneOf: [
      { type: 'string', pattern: PLAIN_DECIMAL.source, maxLength: 40 },
      { type: 'number', minimum: 0 },
    ],
    example: '237',
  })
  @ToDecimalString()
  @IsString({ message: 'quantity must be a decimal string or a number' })
  @MaxLength(40)
  @Matches(PLAIN_DECIMAL, { message: quantityMessage })
  quantity: string;

  /** Unit as reported: `people`, `tonnes`, `kg`, `lb`, `litres`, an ISO 4217 currency such as `USD`, `websites`, … */
  @ApiProperty({ example: 'people' })
  @IsString()
  @MaxLength(64)
  @Matches(TRIMMED, { message: 'unit must not be empty or have surrounding spaces' })
  unit: string;

  /** The source's wording: exact, approximately, more_than, nearly, up_to. */
  @ApiProperty({ enum: QUALIFIERS, enumName: 'Qualifier', example: 'exact' })
  @IsIn(QUALIFIERS, { message: `qualifier must be one of: ${QUALIFIERS.join(', ')}` })
  qualifier: Qualifier;

  /** Goods category as reported; null or absent for a total. */
  @ApiPropertyOptional({ type: String, nullable: true, example: null })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  category?: string | null;

  /** ISO 3166-1 alpha-2 code of the country the figure is about; null or absent for an operation-wide figure. */
  @ApiPropertyOptional({ type: String, nullable: true, pattern: '^[A-Za-z]{2}$', maxLength: 2, example: null })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code, e.g. GB' })
  country?: string | null;

  /** The page the figure was read in, by URL. Give this or `sourceId`. */
  @ApiPropertyOptional({ type: SourceInputDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SourceInputDto)
  source?: SourceInputDto;

  /** Id of a stored source (see /v1/sources). Give this or `source`. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, example: 17 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  sourceId?: number;

  @ApiPropertyOptional({ type: String, nullable: true, example: null })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NOTES_LENGTH)
  notes?: string | null;

  /** Editor's ruling: true forces this report to be preferred in its group, false rules it out, null lets the rule decide. */
  @ApiPropertyOptional({ type: Boolean, nullable: true, example: null })
  @IsOptional()
  @IsBoolean()
  preferredOverride?: boolean | null;

  /**
   * How an operation-wide figure counts (README "Counting rules"): `total` (the operation's whole
   * figure for its kind and unit class, whatever its category label), `part` (included in another
   * figure, never added to it) or null (independent). Not allowed on a country figure.
   */
  @ApiPropertyOptional({ enum: FIGURE_ROLES, enumName: 'FigureRole', nullable: true, example: null })
  @IsOptional()
  @IsIn(FIGURE_ROLES, oneOf('role', FIGURE_ROLES))
  role?: FigureRole | null;
}

export class CreateSeizureDto extends FigureValuesDto {
  @ApiProperty({ enum: SEIZURE_KINDS, enumName: 'SeizureKind', example: 'weight_seized' })
  @IsIn(SEIZURE_KINDS, oneOf('kind', SEIZURE_KINDS))
  kind: SeizureKind;
}

export class CreateArrestDto extends FigureValuesDto {
  @ApiProperty({ enum: ARREST_KINDS, enumName: 'ArrestKind', example: 'arrests' })
  @IsIn(ARREST_KINDS, oneOf('kind', ARREST_KINDS))
  kind: ArrestKind;
}

export class CreateOutcomeDto extends FigureValuesDto {
  @ApiProperty({ enum: OUTCOME_KINDS, enumName: 'OutcomeKind', example: 'websites_shut_down' })
  @IsIn(OUTCOME_KINDS, oneOf('kind', OUTCOME_KINDS))
  kind: OutcomeKind;
}

/**
 * A correction: the fields to change (left out: unchanged; `null` clears the
 * optional ones) and, always, the reason. The previous version is kept.
 */
class FigureCorrectionDto {
  /** Why the figure is corrected: kept with the new version and in the change feed. */
  @ApiProperty({ example: 'the final report gives 257 arrests', maxLength: MAX_REASON_LENGTH })
  @Validate(ReasonText)
  reason: string;

  @ApiPropertyOptional({ example: 'pangea-vii' })
  @Present()
  @IsString()
  @MaxLength(64)
  @Matches(CODE, { message: 'operation must be an operation code (letters, digits and single hyphens)' })
  operation?: string;

  @ApiPropertyOptional({
    oneOf: [
      { type: 'string', pattern: PLAIN_DECIMAL.source, maxLength: 40 },
      { type: 'number', minimum: 0 },
    ],
    example: '257',
  })
  @Present()
  @ToDecimalString()
  @IsString({ message: 'quantity must be a decimal string or a number' })
  @MaxLength(40)
  @Matches(PLAIN_DECIMAL, { message: quantityMessage })
  quantity?: string;

  @ApiPropertyOptional({ example: 'people' })
  @Present()
  @IsString()
  @MaxLength(64)
  @Matches(TRIMMED, { message: 'unit must not be empty or have surrounding spaces' })
  unit?: string;

  @ApiPropertyOptional({ enum: QUALIFIERS, enumName: 'Qualifier', example: 'exact' })
  @Present()
  @IsIn(QUALIFIERS, { message: `qualifier must be one of: ${QUALIFIERS.join(', ')}` })
  qualifier?: Qualifier;

  @ApiPropertyOptional({ type: String, nullable: true, example: null })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  category?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: '^[A-Za-z]{2}$', maxLength: 2, example: null })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code, e.g. GB' })
  country?: string | null;

  /** Another page for the figure, by URL (or give `sourceId`). */
  @ApiPropertyOptional({ type: SourceInputDto })
  @Present()
  @ValidateNested()
  @Type(() => SourceInputDto)
  source?: SourceInputDto;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, example: 17 })
  @Present()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  sourceId?: number;

  @ApiPropertyOptional({ type: String, nullable: true, example: null })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NOTES_LENGTH)
  notes?: string | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true, example: true })
  @IsOptional()
  @IsBoolean()
  preferredOverride?: boolean | null;

  /**
   * How an operation-wide figure counts (README "Counting rules"): `total` (the operation's whole
   * figure for its kind and unit class, whatever its category label), `part` (included in another
   * figure, never added to it) or null (independent). Not allowed on a country figure.
   */
  @ApiPropertyOptional({ enum: FIGURE_ROLES, enumName: 'FigureRole', nullable: true, example: null })
  @IsOptional()
  @IsIn(FIGURE_ROLES, oneOf('role', FIGURE_ROLES))
  role?: FigureRole | null;
}

export class CorrectSeizureDto extends FigureCorrectionDto {
  @ApiPropertyOptional({ enum: SEIZURE_KINDS, enumName: 'SeizureKind', example: 'weight_seized' })
  @Present()
  @IsIn(SEIZURE_KINDS, oneOf('kind', SEIZURE_KINDS))
  kind?: SeizureKind;
}

export class CorrectArrestDto extends FigureCorrectionDto {
  @ApiPropertyOptional({ enum: ARREST_KINDS, enumName: 'ArrestKind', example: 'arrests' })
  @Present()
  @IsIn(ARREST_KINDS, oneOf('kind', ARREST_KINDS))
  kind?: ArrestKind;
}

export class CorrectOutcomeDto extends FigureCorrectionDto {
  @ApiPropertyOptional({ enum: OUTCOME_KINDS, enumName: 'OutcomeKind', example: 'websites_shut_down' })
  @Present()
  @IsIn(OUTCOME_KINDS, oneOf('kind', OUTCOME_KINDS))
  kind?: OutcomeKind;
}
