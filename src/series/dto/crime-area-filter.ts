import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CommaSeparated } from '../../common/list/query-transforms';

const MAX_VALUES = 100;

/**
 * The `crimeArea` filter of operations, figures and statistics: crime areas as the data labels them
 * (`firearms trafficking`, `environmental crime`, see /v1/series), comma-separated, any case; an unknown one is a 400
 * that lists them. The operation's own crime area is matched.
 */
export function CrimeAreaFilter(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: 'array',
      maxItems: MAX_VALUES,
      items: { type: 'string', pattern: '\\S', maxLength: 128 },
      example: ['firearms trafficking'],
    }),
    IsOptional(),
    CommaSeparated(),
    ArrayMaxSize(MAX_VALUES),
    IsString({ each: true }),
    IsNotEmpty({ each: true, message: 'crimeArea must not contain an empty value' }),
    MaxLength(128, { each: true }),
  );
}
