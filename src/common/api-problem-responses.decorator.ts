import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

export const PROBLEM_RESPONSE_DESCRIPTIONS: Record<number, string> = {
  304: 'Not modified: `If-None-Match` names the current `ETag`; the body is empty.',
  400: 'Invalid parameter or body; `errors` names each one.',
  401: 'Missing or invalid API key.',
  403: 'The API key does not have the required role.',
  404: 'No resource has this code or id.',
  409: 'Conflicts with an existing record.',
  413: 'The request body is too large.',
  414: 'A path segment is too long.',
  415: 'The Content-Type of the body is not one this route accepts.',
  422: 'The values break a rule of the data model.',
  429: 'Too many requests; retry after the number of seconds in `Retry-After`.',
  500: 'An unexpected error; the body carries no internals. Quote its `requestId` when reporting it.',
  503: 'The database is unreachable or the query took too long; retry after `Retry-After` seconds when given.',
};

/** An RFC 9457 problem+json response object of the OpenAPI document. */
export function problemResponse(status: number): {
  description: string;
  content: Record<string, { schema: { $ref: string } }>;
} {
  return {
    description: PROBLEM_RESPONSE_DESCRIPTIONS[status] ?? 'Error',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } } },
  };
}

/**
 * Declares the problem+json error responses of a route in the OpenAPI document.
 * 304, 413, 414, 415, 429, 500 and 503 are added to every route they apply to
 * by `addSharedResponses` (openapi-document.ts).
 */
export function ApiProblemResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) })));
}
