import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ListQueryDto } from '../../common/list/list-query.dto';
import { CommaSeparated, ToInteger } from '../../common/list/query-transforms';
import { SOURCE_TIERS, SourceTier } from '../entities/publisher.entity';

export const SOURCE_SORT_FIELDS = ['publishedOn', 'publisher', 'url', 'figuresCount'] as const;

export class SourcesQueryDto extends ListQueryDto {
  /** Publisher tiers, comma-separated: `official`, `regulator`, `media`. */
  @ApiPropertyOptional({
    enum: SOURCE_TIERS,
    enumName: 'SourceTier',
    isArray: true,
    maxItems: SOURCE_TIERS.length,
    example: ['official'],
  })
  @IsOptional()
  @CommaSeparated()
  @ArrayMaxSize(SOURCE_TIERS.length)
  @IsIn(SOURCE_TIERS, { each: true })
  tier?: SourceTier[];

  /** Publisher name, matched exactly but case-insensitively (one name: publisher names may contain commas). */
  @ApiPropertyOptional({ example: 'INTERPOL' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  publisher?: string;

  /** Operation codes, comma-separated: sources cited by one of these operations, by its figures or its participants. */
  @ApiPropertyOptional({
    type: 'array',
    maxItems: 100,
    items: { type: 'string', pattern: '^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$', maxLength: 64 },
    example: ['pangea-viii'],
  })
  @IsOptional()
  @CommaSeparated()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Matches(/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/, {
    each: true,
    message: 'each value in operation must be a code (letters, digits and single hyphens)',
  })
  operation?: string[];
}

/** A source id in the path. */
export class SourceIdParamDto {
  @ApiProperty({ type: 'integer', minimum: 1, example: 17 })
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  id: number;
}
