import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { RESPONSE_FORMATS, ResponseFormat } from '../../common/list/list-query.dto';
import { ToInteger } from '../../common/list/query-transforms';

export const DEFAULT_CHANGES_LIMIT = 100;
export const MAX_CHANGES_LIMIT = 1000;

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** A date (midnight UTC) or a date and time with its offset: never a local time that depends on the server. */
@ValidatorConstraint({ name: 'isoTimestamp' })
class IsoTimestamp implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    const match = TIMESTAMP.exec(value);
    if (!match) return false;
    const day = new Date(`${match[1]}T00:00:00Z`);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== match[1]) return false;
    return !Number.isNaN(new Date(value).getTime());
  }

  defaultMessage(): string {
    return 'since must be an ISO 8601 date or a timestamp with its time zone, e.g. 2025-06-01 or 2025-06-01T08:00:00Z';
  }
}

export class ChangesQueryDto {
  /** Only changes made at or after this time: a date (midnight UTC) or a timestamp with its offset. */
  @ApiPropertyOptional({ example: '2025-06-01T00:00:00Z', pattern: TIMESTAMP.source, maxLength: 40 })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Validate(IsoTimestamp)
  since?: string;

  /** Cursor: only changes with an id greater than this (the `id` of the last change you read). */
  @ApiPropertyOptional({ type: 'integer', minimum: 0, example: 120 })
  @IsOptional()
  @ToInteger()
  @IsInt({ message: 'after must be an integer (the id of the last change read)' })
  @Min(0)
  @Max(2_147_483_647)
  after?: number;

  /** Page size, default 100. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_CHANGES_LIMIT, default: DEFAULT_CHANGES_LIMIT })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_CHANGES_LIMIT)
  limit?: number;

  /** `csv` for a CSV download (also chosen by `Accept: text/csv`). */
  @ApiPropertyOptional({ enum: RESPONSE_FORMATS, enumName: 'ResponseFormat', default: 'json' })
  @IsOptional()
  @IsIn(RESPONSE_FORMATS)
  format?: ResponseFormat;
}
