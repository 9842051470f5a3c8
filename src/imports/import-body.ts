import { FastifyInstance } from 'fastify';

/** The import route, whose body may be larger than any other. */
export const IMPORT_ROUTE = '/v1/imports';

/**
 * Body parsing for imports: a `text/csv` parser (the body as a string), and
 * the import route's own body limit, larger than the one of every other route
 * (`BODY_LIMIT_BYTES`). Beyond it Fastify answers 413 before reading further.
 * Call before the routes are registered (before `app.init()`).
 */
export function registerImportBodyParsing(
  fastify: FastifyInstance,
  limits: { bodyLimit: number; importBodyLimit: number },
): void {
  fastify.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: limits.bodyLimit }, (_request, body, done) =>
    done(null, body),
  );
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url === IMPORT_ROUTE && methods.includes('POST')) route.bodyLimit = limits.importBodyLimit;
  });
}
