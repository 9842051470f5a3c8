import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** One invalid input: the parameter or body field, and what is wrong with it. */
export interface InvalidParam {
  name: string;
  reason: string;
}

/** RFC 9457 problem details, as every error of this API is answered. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: InvalidParam[];
  [extension: string]: unknown;
}

/**
 * Problem type URIs: one per kind of problem, whatever raised it (a handler, the validation pipe, the router,
 * Fastify, PostgreSQL). Each answers a short page describing it (`GET /problems/{name}`, HTML or JSON).
 * `about:blank` ("nothing more than the HTTP status") is only left for a status no kind below covers.
 */
export const ProblemType = {
  blank: 'about:blank',
  validation: '/problems/validation-error',
  notFound: '/problems/not-found',
  conflict: '/problems/conflict',
  unauthorized: '/problems/unauthorized',
  forbidden: '/problems/forbidden',
  payloadTooLarge: '/problems/payload-too-large',
  uriTooLong: '/problems/uri-too-long',
  unsupportedMediaType: '/problems/unsupported-media-type',
  idempotencyKeyReused: '/problems/idempotency-key-reused',
  rateLimited: '/problems/rate-limited',
  unavailable: '/problems/service-unavailable',
  internal: '/problems/internal-error',
} as const;

/** What a problem type means and what to do about it: the page its URI answers, and README "Problem types". */
export interface ProblemTypeDescription {
  type: string;
  title: string;
  statuses: number[];
  description: string;
}

/** Every problem type the API sends, in one place. */
export const PROBLEM_TYPES: ProblemTypeDescription[] = [
  {
    type: ProblemType.validation,
    title: 'Invalid request',
    statuses: [400, 422],
    description:
      'A query parameter, path parameter or body field is invalid: unknown (the nearest known name is suggested), of the wrong type, ' +
      'out of range, or breaking a rule of the data model (422). `errors` lists each one as `{ name, reason }`, the most telling reason ' +
      'first; `detail` repeats the first. Fix the request; repeating it unchanged gives the same answer.',
  },
  {
    type: ProblemType.notFound,
    title: 'Not Found',
    statuses: [404],
    description:
      'Nothing answers at this address: no record has this code or id, or no route matches the path. `detail` says which, and where ' +
      'the valid codes or routes are listed.',
  },
  {
    type: ProblemType.unauthorized,
    title: 'Unauthorized',
    statuses: [401],
    description:
      'The request needs an API key (`Authorization: Bearer …`) and had none, or one that is unknown or revoked. Reads need no key.',
  },
  {
    type: ProblemType.forbidden,
    title: 'Forbidden',
    statuses: [403],
    description:
      "The API key is valid but its role does not allow this request (e.g. an editor's key deleting an API key).",
  },
  {
    type: ProblemType.conflict,
    title: 'Conflict',
    statuses: [409],
    description:
      'The request would duplicate, or is blocked by, an existing record. `existingId` and `existingHref` name the record when there is ' +
      'one; on a delete, `liveFigures` or `citations` say what still depends on it.',
  },
  {
    type: ProblemType.idempotencyKeyReused,
    title: 'Unprocessable Entity',
    statuses: [422],
    description:
      'The `Idempotency-Key` was first sent with another request (method, path or body). Use a new key for a new request.',
  },
  {
    type: ProblemType.payloadTooLarge,
    title: 'Payload Too Large',
    statuses: [413],
    description:
      'The request body, or the number of rows of an import, is over the limit. Split it into several requests.',
  },
  {
    type: ProblemType.uriTooLong,
    title: 'URI Too Long',
    statuses: [414],
    description: 'A path segment is longer than the router accepts. Codes and ids are short; check the URL.',
  },
  {
    type: ProblemType.unsupportedMediaType,
    title: 'Unsupported Media Type',
    statuses: [415],
    description:
      'The `Content-Type` of the body is not one this route accepts (JSON for writes; CSV or JSON for imports).',
  },
  {
    type: ProblemType.rateLimited,
    title: 'Too Many Requests',
    statuses: [429],
    description:
      'Too many requests in the current one-minute window. Wait the seconds given in `Retry-After`, then try again.',
  },
  {
    type: ProblemType.unavailable,
    title: 'Service Unavailable',
    statuses: [503],
    description:
      'The database cannot be reached just now, or the query took too long and was cancelled. Nothing was changed. Retry after ' +
      '`Retry-After` seconds when given; narrow the filters when a query was cancelled.',
  },
  {
    type: ProblemType.internal,
    title: 'Internal Server Error',
    statuses: [500],
    description: 'An unexpected error. The body carries no internals; quote its `requestId` when reporting it.',
  },
];

/** The type of a problem that names none itself, by its status: every status the API sends has its kind. */
const TYPE_OF_STATUS: Record<number, string> = {
  400: ProblemType.validation,
  401: ProblemType.unauthorized,
  403: ProblemType.forbidden,
  404: ProblemType.notFound,
  409: ProblemType.conflict,
  413: ProblemType.payloadTooLarge,
  414: ProblemType.uriTooLong,
  415: ProblemType.unsupportedMediaType,
  422: ProblemType.validation,
  429: ProblemType.rateLimited,
  500: ProblemType.internal,
  503: ProblemType.unavailable,
};

export function problemTypeOfStatus(status: number): string {
  return TYPE_OF_STATUS[status] ?? ProblemType.blank;
}

export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/** An HttpException that carries its problem-details fields. */
export class ProblemException extends HttpException {
  constructor(
    status: HttpStatus | number,
    readonly detail: string,
    readonly problem: {
      type?: string;
      title?: string;
      errors?: InvalidParam[];
      extensions?: Record<string, unknown>;
    } = {},
  ) {
    super(detail, status);
  }
}

export class ValidationProblem extends ProblemException {
  constructor(errors: InvalidParam[], detail?: string) {
    super(HttpStatus.BAD_REQUEST, detail ?? describeInvalid(errors), {
      type: ProblemType.validation,
      title: 'Invalid request',
      errors,
    });
  }
}

export class NotFoundProblem extends ProblemException {
  constructor(detail: string) {
    super(HttpStatus.NOT_FOUND, detail, { type: ProblemType.notFound, title: 'Not Found' });
  }
}

/** 409: the request would duplicate, or is blocked by, an existing record; `extensions` can name it. */
export class ConflictProblem extends ProblemException {
  constructor(detail: string, extensions?: Record<string, unknown>) {
    super(HttpStatus.CONFLICT, detail, { type: ProblemType.conflict, title: 'Conflict', extensions });
  }
}

/** 401: no API key, or one that is unknown or revoked. The caller sets `WWW-Authenticate`. */
export class UnauthorizedProblem extends ProblemException {
  constructor(detail: string) {
    super(HttpStatus.UNAUTHORIZED, detail, { type: ProblemType.unauthorized, title: 'Unauthorized' });
  }
}

/** 403: a valid API key whose role does not allow the request. */
export class ForbiddenProblem extends ProblemException {
  constructor(detail: string) {
    super(HttpStatus.FORBIDDEN, detail, { type: ProblemType.forbidden, title: 'Forbidden' });
  }
}

function describeInvalid(errors: InvalidParam[]): string {
  if (errors.length === 0) return 'The request is invalid.';
  const names = [...new Set(errors.map((e) => e.name))];
  const first = errors[0];
  return names.length === 1
    ? `Invalid value for '${first.name}': ${first.reason}.`
    : `Invalid values for ${names.map((n) => `'${n}'`).join(', ')}. See 'errors' for each one.`;
}
