import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, Validate, ValidateIf } from 'class-validator';
import { MAX_REASON_LENGTH, ReasonText } from '../../common/writes/reason.dto';
import { SOURCE_TIERS, SourceTier } from '../entities/publisher.entity';
import { DATE_PATTERN } from './source-input.dto';

/** A published page to cite. */
export class CreateSourceDto {
  /** The page's address (http or https); one source per URL. */
  @ApiProperty({ format: 'uri', example: 'https://www.interpol.int/en/News-and-Events/News/2025/example' })
  @IsString()
  @MaxLength(2048)
  url: string;

  /** Publisher name, e.g. `INTERPOL`; may be left out only for a page cited for a list of participants. */
  @ApiPropertyOptional({ type: String, nullable: true, example: 'INTERPOL' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  publisher?: string | null;

  /** Publication date printed on the page; not in the future. */
  @ApiPropertyOptional({ type: String, format: 'date', maxLength: 10, nullable: true, example: '2025-06-18' })
  @IsOptional()
  @IsString()
  @Matches(DATE_PATTERN, { message: 'publishedOn must be a YYYY-MM-DD date' })
  publishedOn?: string | null;

  /** Only for a publisher not listed yet: official, regulator or media. */
  @ApiPropertyOptional({ enum: SOURCE_TIERS, enumName: 'SourceTier', example: 'official' })
  @IsOptional()
  @IsIn(SOURCE_TIERS, { message: `tier must be one of: ${SOURCE_TIERS.join(', ')}` })
  tier?: SourceTier;
}

/** A correction of a source: the fields given change. Publisher and date weigh in which report of a figure is preferred. */
export class UpdateSourceDto {
  @ApiPropertyOptional({ format: 'uri', example: 'https://www.interpol.int/en/News-and-Events/News/2025/example' })
  @ValidateIf((_o, value) => value !== undefined)
  @IsString()
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'INTERPOL' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  publisher?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', maxLength: 10, nullable: true, example: '2025-06-18' })
  @IsOptional()
  @IsString()
  @Matches(DATE_PATTERN, { message: 'publishedOn must be a YYYY-MM-DD date' })
  publishedOn?: string | null;

  /** Only for a publisher not listed yet. */
  @ApiPropertyOptional({ enum: SOURCE_TIERS, enumName: 'SourceTier', example: 'official' })
  @IsOptional()
  @IsIn(SOURCE_TIERS, { message: `tier must be one of: ${SOURCE_TIERS.join(', ')}` })
  tier?: SourceTier;

  /** Why the source is corrected: shown in the change feed. */
  @ApiPropertyOptional({ example: 'the page gives 18 June, not 17 June', maxLength: MAX_REASON_LENGTH })
  @IsOptional()
  @Validate(ReasonText)
  reason?: string;
}
