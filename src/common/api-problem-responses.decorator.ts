import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ProblemDetailsDto } from './problem-details.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid parameter or body; `errors` names each one.',
  401: 'Missing or invalid API key.',
  403: 'The API key does not have the required role.',
  404: 'No resource has this code or id.',
  409: 'Conflicts with an existing record.',
  413: 'The request body is too large.',
  415: 'The Content-Type of the body is not one this route accepts.',
  422: 'The values break a rule of the data model.',
  429: 'Too many requests; retry after the number of seconds in `Retry-After`.',
  503: 'The database is unreachable or the query took too long.',
};

/** Declares the problem+json error responses of a route in the OpenAPI document. */
export function ApiProblemResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } } },
      }),
    ),
  );
}
