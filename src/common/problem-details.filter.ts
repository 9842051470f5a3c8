import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import {
  InvalidParam,
  PROBLEM_CONTENT_TYPE,
  ProblemDetails,
  ProblemException,
  ProblemType,
  problemTypeOfStatus,
  statusTitle,
} from './problem';

/** PostgreSQL error codes that are the client's doing, not the server's (or a load that passes). */
const PG_ERRORS: Record<string, { status: number; type: string; detail: string; retryAfter?: number }> = {
  '23505': { status: 409, type: ProblemType.conflict, detail: 'A record with the same natural key already exists.' },
  '23503': {
    status: 409,
    type: ProblemType.conflict,
    detail: 'The record refers to, or is referred to by, another record.',
  },
  '23514': { status: 422, type: ProblemType.validation, detail: 'The values break a rule of the data model.' },
  '22P02': { status: 400, type: ProblemType.validation, detail: 'A value has the wrong format.' },
  '22003': { status: 400, type: ProblemType.validation, detail: 'A number is out of range.' },
  '57014': {
    status: 503,
    type: ProblemType.unavailable,
    detail: 'The query took too long and was cancelled. Narrow the filters and try again.',
    retryAfter: 5,
  },
};

function pgErrorOf(exception: unknown) {
  if (!(exception instanceof QueryFailedError)) return undefined;
  const code = (exception.driverError as { code?: string } | undefined)?.code;
  return code ? PG_ERRORS[code] : undefined;
}

/** Seconds to wait when the database cannot be reached: the API reconnects by itself. */
export const DATABASE_RETRY_AFTER_S = 5;
/** Socket errors and PostgreSQL codes that mean the database is not reachable (down, restarting, refusing connections). */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
]);
const UNREACHABLE_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|the database system is (starting up|shutting down)/i;

/** Whether an error says the database is unreachable (a 503 with Retry-After, never a 500): the error, its cause or its driver error. */
export function isDatabaseUnreachable(exception: unknown, depth = 0): boolean {
  if (!exception || typeof exception !== 'object' || depth > 3) return false;
  const error = exception as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof error.code === 'string' && UNREACHABLE_CODES.has(error.code)) return true;
  if (typeof error.message === 'string' && UNREACHABLE_MESSAGES.test(error.message)) return true;
  // Node's AggregateError (every address of `localhost` refused) carries the socket errors in `errors`.
  if (Array.isArray(error.errors) && error.errors.some((inner) => isDatabaseUnreachable(inner, depth + 1))) return true;
  return isDatabaseUnreachable(error.driverError, depth + 1) || isDatabaseUnreachable(error.cause, depth + 1);
}

/** Seconds a client should wait before trying again: the exception's own `retryAfter`, or the PostgreSQL error's. */
export function retryAfterOf(exception: unknown): number | undefined {
  const own = (exception as { retryAfter?: unknown } | null)?.retryAfter;
  if (typeof own === 'number' && own > 0) return own;
  if (!(exception instanceof HttpException) && isDatabaseUnreachable(exception)) return DATABASE_RETRY_AFTER_S;
  return pgErrorOf(exception)?.retryAfter;
}

function problemFromHttpException(exception: HttpException, instance: string): ProblemDetails {
  const status = exception.getStatus();
  if (exception instanceof ProblemException) {
    const { type, title, errors, extensions } = exception.problem;
    return {
      type: type ?? problemTypeOfStatus(status),
      title: title ?? statusTitle(status),
      status,
      detail: exception.detail,
      instance,
      ...(errors ? { errors } : {}),
      ...extensions,
    };
  }
  const body = exception.getResponse();
  let detail = exception.message;
  let errors: InvalidParam[] | undefined;
  if (typeof body === 'object' && body !== null && 'message' in body) {
    const message = body.message;
    if (Array.isArray(message)) {
      errors = message.map((reason) => ({ name: 'request', reason: String(reason) }));
      detail = errors.map((e) => e.reason).join('; ');
    } else if (typeof message === 'string') {
      detail = message;
    }
  }
  if (status === Number(HttpStatus.NOT_FOUND) && /^Cannot [A-Z]+ /.test(detail)) {
    detail = `No route matches ${detail.replace(/^Cannot /, '')}. See /docs for the routes of this API.`;
  }
  return {
    type: problemTypeOfStatus(status),
    title: statusTitle(status),
    status,
    detail,
    instance,
    ...(errors ? { errors } : {}),
  };
}

/** Errors raised by Fastify itself (body too large, malformed JSON, unsupported media type). */
function problemFromFrameworkError(error: { statusCode: number; message: string }, instance: string): ProblemDetails {
  const status = error.statusCode;
  return { type: problemTypeOfStatus(status), title: statusTitle(status), status, detail: error.message, instance };
}

export function toProblem(exception: unknown, instance: string): ProblemDetails {
  if (exception instanceof HttpException) return problemFromHttpException(exception, instance);
  if (isDatabaseUnreachable(exception)) {
    return {
      type: ProblemType.unavailable,
      title: statusTitle(503),
      status: 503,
      detail:
        'The database cannot be reached just now; nothing was changed. Try again shortly: the API reconnects by itself.',
      instance,
    };
  }
  const known = pgErrorOf(exception);
  if (known)
    return { type: known.type, title: statusTitle(known.status), status: known.status, detail: known.detail, instance };
  const statusCode = (exception as { statusCode?: unknown } | null)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return problemFromFrameworkError(exception as { statusCode: number; message: string }, instance);
  }
  return {
    type: ProblemType.internal,
    title: statusTitle(500),
    status: 500,
    detail: 'An unexpected error occurred. Quote the request id when you report it.',
    instance,
  };
}

/** Longest `instance` a problem carries: a longer request URL is named by its path alone (or its first characters). */
export const MAX_INSTANCE_LENGTH = 2048;

/** The request URL as a problem's `instance`, within MAX_INSTANCE_LENGTH. */
export function problemInstance(url: string): string {
  if (url.length <= MAX_INSTANCE_LENGTH) return url;
  const path = url.split('?')[0];
  return path.length <= MAX_INSTANCE_LENGTH ? path : path.slice(0, MAX_INSTANCE_LENGTH);
}

/** The longest `detail`, error `name` and error `reason` the contract allows (ProblemDetailsDto, InvalidParamDto). */
const MAX_DETAIL_LENGTH = 10000;
const MAX_ERROR_NAME_LENGTH = 200;
const MAX_ERROR_REASON_LENGTH = 2000;

/** `text` cut to `max` characters, ending with an ellipsis where it was cut. */
function clipped(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The problem within the documented lengths: a reason quotes the input it refuses (a body field with a
 * 100,000-character name, for one), which must not make the answer break its own schema.
 */
function withinDocumentedLengths(problem: ProblemDetails): ProblemDetails {
  problem.detail = clipped(problem.detail, MAX_DETAIL_LENGTH);
  if (problem.errors) {
    problem.errors = problem.errors.map((error) => ({
      ...error,
      name: clipped(error.name, MAX_ERROR_NAME_LENGTH),
      reason: clipped(error.reason, MAX_ERROR_REASON_LENGTH),
    }));
  }
  return problem;
}

/** Answers `exception` as problem+json (with `Retry-After` when it says how long to wait); 5xx details go to the log only. */
export function sendProblem(exception: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const problem = withinDocumentedLengths(toProblem(exception, problemInstance(request.url)));
  problem.requestId = request.id;
  if (problem.status >= 500) {
    logger.error({ err: exception, requestId: request.id, url: request.url }, 'Request failed');
  }
  if (problem.status === 429 || problem.status === 503) {
    const retryAfter = retryAfterOf(exception);
    if (retryAfter) reply.header('Retry-After', String(retryAfter));
  }
  void reply.status(problem.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

const logger = new Logger('Errors');

/**
 * Fastify's `frameworkErrors`: the router's own refusals (a URL that is not
 * valid percent-encoding, a path parameter over `maxParamLength`) happen
 * before Nest sees the request; they are answered as problem+json too.
 */
export function frameworkErrorHandler(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  void reply.header('X-Request-Id', request.id);
  sendProblem(error, request, reply, logger);
}

/**
 * The one place errors become responses: every error is RFC 9457
 * `application/problem+json`; a 5xx body never carries internals, which are
 * logged with the request id instead.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), logger);
  }
}
