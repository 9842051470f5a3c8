import { FastifyCorsOptions, FastifyCorsOptionsDelegateCallback } from '@fastify/cors';
import { FastifyRequest } from 'fastify';

const READ_METHODS = ['GET', 'HEAD', 'OPTIONS'];
const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];
const EXPOSED_HEADERS = [
  'ETag',
  'Link',
  'Deprecation',
  'Sunset',
  'X-Request-Id',
  'Content-Disposition',
  'Retry-After',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  // What a write answers beside its body, for a page on an origin of CORS_WRITE_ORIGINS to read.
  'Location',
  'Idempotent-Replayed',
];
const WRITE_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-Request-Id'];
/** Browsers may cache a preflight answer this long (seconds). */
const PREFLIGHT_MAX_AGE = 600;

/** The method a request makes, or for a preflight the method it asks about. */
function intendedMethod(request: FastifyRequest): string {
  const asked = request.headers['access-control-request-method'];
  if (request.method === 'OPTIONS' && typeof asked === 'string') return asked.trim().toUpperCase();
  return request.method;
}

/**
 * CORS by method: reads (GET, HEAD) are open to every origin with `*`; writes
 * are allowed only from the origins listed in `CORS_WRITE_ORIGINS`, whose
 * requests get their own origin back. A write (or its preflight) from any other
 * origin gets no `Access-Control-Allow-Origin`, so the browser refuses it.
 */
export function corsPolicy(writeOrigins: readonly string[]): FastifyCorsOptionsDelegateCallback {
  // Not strict: a plain OPTIONS (no Origin or Access-Control-Request-Method) is answered 204 like a preflight,
  // rather than with the plugin's text/plain 400.
  const read: FastifyCorsOptions = {
    origin: '*',
    methods: READ_METHODS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE,
    strictPreflight: false,
  };
  const write: FastifyCorsOptions = {
    strictPreflight: false,
    origin: [...writeOrigins],
    methods: [...READ_METHODS, ...WRITE_METHODS],
    allowedHeaders: WRITE_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE,
  };
  return (request, callback) => callback(null, READ_METHODS.includes(intendedMethod(request)) ? read : write);
}
