import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

/**
 * The 200 of a route that answers JSON or, with `format=csv` or `Accept: text/csv`,
 * the same rows as CSV: each media type with its own schema.
 */
export function ApiJsonOrCsvResponse(type: Type<unknown>): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(type),
    ApiOkResponse({
      description: 'JSON; CSV (header row first) with `format=csv` or `Accept: text/csv`.',
      content: {
        'application/json': { schema: { $ref: getSchemaPath(type) } },
        'text/csv': { schema: { type: 'string', description: 'RFC 4180 CSV, UTF-8, with a header row.' } },
      },
    }),
  );
}
