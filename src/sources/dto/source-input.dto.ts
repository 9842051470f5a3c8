import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SOURCE_TIERS, SourceTier } from '../entities/publisher.entity';

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The page a record cites, by URL. A URL already stored is reused (publisher and date, when given,
 * must agree with it); a new URL adds the source, and a publisher not listed yet needs its `tier`.
 */
export class SourceInputDto {
  @ApiProperty({ format: 'uri', example: 'https://www.interpol.int/en/News-and-Events/News/2025/example' })
  @IsString()
  @MaxLength(2048)
  url: string;

  /** Publisher name as listed in /v1/sources (case-insensitive), e.g. `INTERPOL`. */
  @ApiPropertyOptional({ type: String, nullable: true, example: 'INTERPOL' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  publisher?: string | null;

  /** Publication date printed on the page. */
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
