import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ToInteger } from './query-transforms';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;
export const MAX_OFFSET = 10_000_000;
export const RESPONSE_FORMATS = ['json', 'csv'] as const;
export type ResponseFormat = (typeof RESPONSE_FORMATS)[number];

/** Paging, sorting and format: the same on every list. */
export class ListQueryDto {
  /** Page size: 50 when omitted in JSON; CSV without `limit` returns every matching row (README "Paging"). */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT, example: 50 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit?: number;

  /** Number of rows to skip: 0 when omitted. */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0, example: 0 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset?: number;

  /** Comma-separated fields, `-` for descending, e.g. `-year,name`. */
  @ApiPropertyOptional({ example: '-year,name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^-?[A-Za-z][A-Za-z0-9]*(,-?[A-Za-z][A-Za-z0-9]*)*$/, {
    message: 'sort must be comma-separated field names, each optionally prefixed with "-"',
  })
  sort?: string;

  /** `csv` for a CSV download (also chosen by `Accept: text/csv`). */
  @ApiPropertyOptional({ enum: RESPONSE_FORMATS, enumName: 'ResponseFormat', default: 'json' })
  @IsOptional()
  @IsIn(RESPONSE_FORMATS)
  format?: ResponseFormat;
}
