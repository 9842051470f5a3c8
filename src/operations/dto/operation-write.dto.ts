import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
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
} from 'class-validator';
import { MAX_REASON_LENGTH, ReasonText } from '../../common/writes/reason.dto';
import { CodeParamDto } from '../../common/code-param.dto';
import { ROMAN, SLUG } from '../operation-codes';
import { DATE_PATTERN, SourceInputDto } from '../../sources/dto/source-input.dto';

const TRIMMED = /^\S(.*\S)?$/s;
const MAX_NOTES_LENGTH = 4000;

/** Validated only when present: the field may be left out, but not set to null. */
const Present = () => ValidateIf((_object: unknown, value: unknown) => value !== undefined);

/** A new operation (one edition of a series). Every fact cites the operation's source. */
export class CreateOperationDto {
  /** Stable code: lower-case letters, digits and single hyphens, e.g. `pangea-xviii`. Cannot change later. */
  @ApiProperty({ example: 'pangea-xviii', maxLength: 64 })
  @IsString()
  @MaxLength(64)
  @Matches(SLUG, { message: 'code must be lower-case letters, digits and single hyphens, e.g. pangea-xviii' })
  code: string;

  @ApiProperty({ example: 'Pangea XVIII', maxLength: 128 })
  @IsString()
  @MaxLength(128)
  @Matches(TRIMMED, { message: 'name must not be empty or have surrounding spaces' })
  name: string;

  /** Series code (see /v1/series). */
  @ApiProperty({ example: 'pangea' })
  @IsString()
  @MaxLength(64)
  series: string;

  /** Roman numeral of the edition; null when the sources give none. */
  @ApiPropertyOptional({ type: String, nullable: true, example: 'XVIII' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  @Matches(ROMAN, { message: 'edition must be a roman numeral, e.g. XVIII' })
  edition?: string | null;

  /** The year the operation ran (or ended, or was reported). */
  @ApiProperty({ type: 'integer', minimum: 1990, maximum: 2100, example: 2026 })
  @IsInt()
  @Min(1990)
  @Max(2100)
  year: number;

  @ApiPropertyOptional({ type: String, format: 'date', maxLength: 10, nullable: true, example: '2026-05-04' })
  @IsOptional()
  @IsString()
  @Matches(DATE_PATTERN, { message: 'startDate must be a YYYY-MM-DD date' })
  startDate?: string | null;

  /** Not before `startDate`. */
  @ApiPropertyOptional({ type: String, format: 'date', maxLength: 10, nullable: true, example: '2026-05-11' })
  @IsOptional()
  @IsString()
  @Matches(DATE_PATTERN, { message: 'endDate must be a YYYY-MM-DD date' })
  endDate?: string | null;

  /** Code of an operational region (world, africa, europe, western-africa, middle-east, …; see /v1/regions). */
  @ApiPropertyOptional({ type: String, nullable: true, example: 'world' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  region?: string | null;

  /** The series' crime area (the default); any other value is refused. */
  @ApiPropertyOptional({ example: 'pharmaceutical crime' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  crimeArea?: string;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: 1000, example: 90 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  countriesCount?: number | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: 100000, example: null })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  agenciesCount?: number | null;

  /** The page the operation's facts come from, by URL. Give this or `sourceId`. */
  @ApiPropertyOptional({ type: SourceInputDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SourceInputDto)
  source?: SourceInputDto;

  /** Id of a stored source. Give this or `source`. */
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
}

/** A correction of an operation: the fields given change (null clears an optional one); the code cannot change. */
export class UpdateOperationDto {
  @ApiPropertyOptional({ example: 'Pangea XVIII', maxLength: 128 })
  @Present()
  @IsString()
  @MaxLength(128)
  @Matches(TRIMMED, { message: 'name must not be empty or have surrounding spaces' })
  name?: string;

  @ApiPropertyOptional({ example: 'pangea' })
  @Present()
  @IsString()
  @MaxLength(64)
  series?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'XVIII' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  @Matches(ROMAN, { message: 'edition must be a roman numeral, e.g. XVIII' })
  edition?: string | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 1990, maximum: 2100, example: 2026 })
  @Present()
  @IsInt()
  @Min(1990)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ type: String, format: 'date', maxLength: 10, nullable: true, example: '2026-05-04' })
  @IsOptional()
  @IsString()
  @Matches(DATE_PATTERN, { message: 'startDate must be a YYYY-MM-DD date' })
  startDate?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', maxLength: 10, nullable: true, example: '2026-05-11' })
  @IsOptional()
  @IsString()
  @Matches(DATE_PATTERN, { message: 'endDate must be a YYYY-MM-DD date' })
  endDate?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'world' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  region?: string | null;

  @ApiPropertyOptional({ example: 'pharmaceutical crime' })
  @Present()
  @IsString()
  @MaxLength(128)
  crimeArea?: string;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: 1000, example: 90 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  countriesCount?: number | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: 100000, example: null })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  agenciesCount?: number | null;

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

  /** Why the operation is corrected: shown in the change feed. */
  @ApiPropertyOptional({ example: 'the final report gives 90 countries', maxLength: MAX_REASON_LENGTH })
  @IsOptional()
  @Validate(ReasonText)
  reason?: string;
}

/** A country that took part, with the page that lists it. */
export class AddParticipationDto {
  /** ISO 3166-1 alpha-2 code, any case. */
  @ApiProperty({ example: 'GB', pattern: '^[A-Za-z]{2}$', maxLength: 2 })
  @IsString()
  @Matches(/^[A-Za-z]{2}$/, { message: 'iso2 must be an ISO 3166-1 alpha-2 code, e.g. GB' })
  iso2: string;

  /** The page that lists the country among the participants (added as a source when new). */
  @ApiProperty({ format: 'uri', example: 'https://www.interpol.int/en/News-and-Events/News/2025/example' })
  @IsString()
  @MaxLength(2048)
  sourceUrl: string;
}

/** An operation code and a country code in the path. */
export class ParticipationParamDto extends CodeParamDto {
  @ApiProperty({ example: 'GB', pattern: '^[A-Za-z]{2}$', maxLength: 2 })
  @Matches(/^[A-Za-z]{2}$/, { message: 'iso2 must be an ISO 3166-1 alpha-2 code, e.g. GB' })
  iso2: string;
}
