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

/** Problem type URIs; `about:blank` means "nothing more than the HTTP status". */
export const ProblemType = {
  blank: 'about:blank',
  validation: '/problems/validation-error',
  notFound: '/problems/not-found',
  conflict: '/problems/conflict',
  unauthorized: '/problems/unauthorized',
  forbidden: '/problems/forbidden',
  unavailable: '/problems/service-unavailable',
  internal: '/problems/internal-error',
} as const;

export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/** An HttpException that carries its problem-details fields. */
export class ProblemException extends HttpException {
  constructor(
    status: HttpStatus | number,
    readonly detail: string,
    readonly problem: { type?: string; title?: string; errors?: InvalidParam[]; extensions?: Record<string, unknown> } = {},
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
