import { RateLimitPluginOptions, normalizeIP } from '@fastify/rate-limit';
import { HttpStatus } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { ProblemException } from '../common/problem';

/** Tells whether a request carries a valid API key, and which (its id), without throwing. */
export type ApiKeyIdentifier = (request: FastifyRequest) => Promise<string | null>;

export interface RateLimitSettings {
  /** Anonymous requests a minute from one address; 0 turns limiting off. */
  perMinute: number;
  /** Requests a minute for one valid API key; 0 exempts keyed clients. */
  perMinuteWithKey: number;
}

/** Routes that load balancers and orchestrators poll: never limited. */
const EXEMPT_ROUTES = new Set(['/health', '/ready']);
const KEYED = 'key:';
const WINDOW_MS = 60_000;
/** Requests counted against an API key rather than their address. */
const keyed = new WeakSet<FastifyRequest>();

/** 429 with the seconds to wait, which the problem filter sends as `Retry-After`. */
export class TooManyRequestsProblem extends ProblemException {
  constructor(
    detail: string,
    readonly retryAfter: number,
  ) {
    super(HttpStatus.TOO_MANY_REQUESTS, detail);
  }
}

/**
 * Options of @fastify/rate-limit: a fixed one-minute window counted per client
 * address for anonymous requests and per key for requests with a valid API
 * key, checked in `onRequest` (before the body is read or the database is
 * asked anything). Answers carry `RateLimit-Limit`, `RateLimit-Remaining` and
 * `RateLimit-Reset` (IETF draft), and a 429 also `Retry-After`, in seconds.
 * Returns null when limiting is off.
 */
export function rateLimitOptions(
  settings: RateLimitSettings,
  identifyApiKey: ApiKeyIdentifier,
): RateLimitPluginOptions | null {
  if (settings.perMinute === 0) return null;
  return {
    global: true,
    timeWindow: WINDOW_MS,
    cache: 10_000,
    enableDraftSpec: true,
    keyGenerator: async (request) => {
      const keyId = await identifyApiKey(request);
      if (keyId === null) return normalizeIP(request.ip);
      keyed.add(request);
      return `${KEYED}${keyId}`;
    },
    allowList: (request, key) =>
      EXEMPT_ROUTES.has(request.routeOptions.url ?? '') || (key.startsWith(KEYED) && settings.perMinuteWithKey === 0),
    max: (_request, key) => (key.startsWith(KEYED) ? settings.perMinuteWithKey : settings.perMinute),
    errorResponseBuilder: (request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new TooManyRequestsProblem(
        keyed.has(request)
          ? `At most ${context.max} requests a minute are accepted for one API key. Retry after ${seconds} s.`
          : `At most ${context.max} requests a minute are accepted from one address without an API key. ` +
              `Retry after ${seconds} s, or send an API key for a higher limit.`,
        seconds,
      );
    },
  };
}
