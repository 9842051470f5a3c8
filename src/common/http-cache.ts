import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { FastifyInstance } from 'fastify';

export const PUBLIC_CACHE_CONTROL = 'public, max-age=60';
const UNCACHED_PATHS = /^\/(health|ready)(\?|$)/;

/** Base64url SHA-1 of the parts, the body of every entity tag this API makes. */
export function digest(...parts: (string | Buffer)[]): string {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part);
  return hash.digest('base64url');
}

/** Whether an `If-None-Match` header names this entity tag (weak comparison, `*` matches any). */
export function matchesEntityTag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(etag));
}

/**
 * ETag and Cache-Control on every successful GET, and 304 on a matching
 * `If-None-Match`. A buffered body is hashed; a streamed one (CSV) gets a tag
 * from the data version, the URL and the negotiated type.
 * Registered before compression, so tags describe the uncompressed bytes.
 */
export function registerHttpCaching(fastify: FastifyInstance, dataVersion: () => string): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload;
    if (!reply.hasHeader('cache-control')) {
      void reply.header('Cache-Control', UNCACHED_PATHS.test(request.url) ? 'no-store' : PUBLIC_CACHE_CONTROL);
    }
    let etag = reply.getHeader('etag') as string | undefined;
    if (!etag) {
      if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
        etag = `"${digest(payload)}"`;
      } else {
        const type = String(reply.getHeader('content-type') ?? '');
        etag = `W/"${digest(dataVersion(), '\n', request.url, '\n', type)}"`;
      }
      void reply.header('ETag', etag);
    }
    if (matchesEntityTag(request.headers['if-none-match'], etag)) {
      void reply.code(304);
      // Fastify's HEAD handler measures and drops the body itself, and fails on a null one.
      if (request.method === 'HEAD') return payload;
      if (payload instanceof Readable) payload.destroy();
      reply.removeHeader('content-length');
      reply.removeHeader('content-disposition');
      return null;
    }
    return payload;
  });
}
