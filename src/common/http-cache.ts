import { createHash } from 'node:crypto';
import { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { wantsCsv } from './list/list-response';
import { EXPLORER_PAGES, LANDING_PAGE } from './page-paths';
import { withoutIgnoredParameters } from './validation';

/** Successful reads may be kept this long by browsers, CDNs and proxies; they revalidate with the ETag after. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60';
/** Errors are never stored: the next request may well succeed (README "Caching"). */
export const ERROR_CACHE_CONTROL = 'no-store';
/**
 * What a read's representation depends on besides the URL: the format (CSV by `Accept`) and the encoding; the
 * cards, the chart and the landing page add `Accept-Language` when no `?lang=` chose their language.
 */
export const READ_VARY = 'Accept, Accept-Encoding';
const UNCACHED_PATHS = /^\/(health|ready)(\?|$)/;
/** Bodies smaller than this are sent as they are. */
export const GZIP_THRESHOLD = 1024;

/**
 * Content types worth compressing: text, JSON, XML, SVG, JavaScript, YAML (not zip archives or images, which
 * are compressed already). The one rule for the caching hook and the compression plugin (its `customTypes`).
 */
const COMPRESSIBLE_TYPES =
  /^text\/(?!event-stream)|(?:\+|\/)json(?:;|$)|(?:\+|\/)text(?:;|$)|(?:\+|\/)xml(?:;|$)|javascript|yaml/u;

export function isCompressibleType(contentType: string | undefined): boolean {
  return COMPRESSIBLE_TYPES.test(contentType ?? 'application/json');
}

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

/** The entity tag of a content-coded representation: its own tag, as RFC 9110 requires (`"abc"` → `"abc-gzip"`). */
export function encodedTag(etag: string, encoding: string | undefined): string {
  return encoding && encoding !== 'identity' ? `${etag.slice(0, -1)}-${encoding}"` : etag;
}

/** The content coding this API uses when the client accepts it: gzip (the compression plugin is set to gzip only). */
export function negotiatedEncoding(acceptEncoding: string | string[] | undefined): 'gzip' | undefined {
  const accepted = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding;
  if (typeof accepted !== 'string') return undefined;
  const listed = /(^|,)\s*(gzip|\*)\s*(;|,|$)/.test(accepted);
  const refused = /(^|,)\s*gzip\s*;\s*q=0(\.0*)?\s*(,|$)/.test(accepted);
  return listed && !refused ? 'gzip' : undefined;
}

/** Whether a request may be answered from, and stored in, the shared response cache. */
export function isCacheableRead(method: string | undefined, url: string | undefined, authorization: unknown): boolean {
  return (method === 'GET' || method === 'HEAD') && !authorization && !UNCACHED_PATHS.test(url ?? '/');
}

/**
 * What the cache stores of one representation: the body as sent (gzip bytes for the gzip variant), its
 * tag, and the headers of the full answer that made it, to repeat them on the fast path.
 */
export interface StoredVariant {
  body: Buffer;
  etag: string;
  /** Whether the full pipeline gzips this representation for a client that accepts gzip (so the fast path must too). */
  gzipWhenAccepted?: boolean;
  headers: OutgoingHttpHeaders;
  notModified: OutgoingHttpHeaders;
  /** `headers` and `notModified` as flat name/value lists, made once: what `writeHead` takes fastest. */
  rawHeaders: RawHeaders;
  rawNotModified: RawHeaders;
}

/** Header names and values in one flat list (`[name, value, name, value, …]`), as `writeHead` accepts them. */
export type RawHeaders = (string | number | readonly string[])[];

function rawHeaders(headers: OutgoingHttpHeaders): RawHeaders {
  const raw: RawHeaders = [];
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) raw.push(name, value);
  return raw;
}

/** The security headers every answer carries (helmet's, set in app.setup.ts). */
export const SECURITY_HEADERS = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];

/**
 * Headers a cached answer repeats as the full pipeline first sent them: representation, caching,
 * CORS and security headers. Per-request ones (request id, rate-limit counters, date, length) are
 * never copied.
 */
const REPEATED_HEADERS = new Set([
  'content-type',
  'content-encoding',
  'content-disposition',
  'content-language',
  'etag',
  'cache-control',
  'vary',
  'link',
  'deprecation',
  'sunset',
  'access-control-allow-origin',
  'access-control-expose-headers',
  ...SECURITY_HEADERS,
]);
/** What a 304 repeats (RFC 9110 §15.4.5, plus CORS so that a browser's cross-origin revalidation works). */
const NOT_MODIFIED_HEADERS = [
  'etag',
  'cache-control',
  'vary',
  'content-location',
  'access-control-allow-origin',
  'access-control-expose-headers',
];

/**
 * Headers of a 200 that its 304 leaves out, on the full pipeline as on the fast path: RFC 9110 §15.4.5 asks a
 * 304 for the validators and caching headers, and no other metadata of the representation.
 */
const NOT_MODIFIED_DROPPED = [
  'content-disposition',
  'content-encoding',
  'content-language',
  'link',
  'deprecation',
  'sunset',
];

export function snapshotVariant(sent: OutgoingHttpHeaders, body: Buffer): StoredVariant {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(sent))
    if (REPEATED_HEADERS.has(name) && value !== undefined) headers[name] = value;
  headers['content-length'] = body.length;
  const notModified: OutgoingHttpHeaders = {};
  for (const name of NOT_MODIFIED_HEADERS) if (sent[name] !== undefined) notModified[name] = sent[name];
  return {
    body,
    etag: String(sent.etag),
    headers,
    notModified,
    rawHeaders: rawHeaders(headers),
    rawNotModified: rawHeaders(notModified),
  };
}

/** Where full answers of cacheable reads are offered for storing (see CachedResponses). */
export interface ReadStore {
  /** The key of a request's representation, or undefined when it is not to be stored. */
  keyOf(request: FastifyRequest): string | undefined;
  /** The version the answer is computed for, read when the request arrived. */
  version(): string;
  store(version: string, key: string, variant: 'plain' | 'gzip', stored: StoredVariant): void;
  /** The largest body stored, in bytes. */
  readonly maxEntryBytes: number;
}

/** Removes `Origin` from `Vary`: reads are open to every origin with `*`, so the answer does not vary by it. */
function readVary(reply: FastifyReply): void {
  const vary = varyWithoutOrigin(reply);
  // The fields every read varies by first, then a route's own (Accept-Language for the localised ones).
  const read = READ_VARY.split(', ');
  const own = vary.filter((v) => !read.some((r) => r.toLowerCase() === v.toLowerCase()));
  void reply.header('Vary', [...read, ...own].join(', '));
}

/** The fields of the reply's `Vary` but `Origin`, which the CORS plugin names for every request of a delegated policy. */
function varyWithoutOrigin(reply: FastifyReply): string[] {
  return String(reply.getHeader('vary') ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v && v.toLowerCase() !== 'origin');
}

/** A read's error varies by no origin either. */
function dropOriginFromVary(reply: FastifyReply): void {
  const vary = varyWithoutOrigin(reply);
  if (vary.length > 0) void reply.header('Vary', vary.join(', '));
  else reply.removeHeader('vary');
}

/** A stream passed on unchanged while its bytes are kept, up to `limit` (beyond it nothing is kept). */
function teeStream(source: Readable, limit: number): { stream: PassThrough; collected: () => Buffer | undefined } {
  const chunks: Buffer[] = [];
  let size = 0;
  let overflow = false;
  const stream = new PassThrough();
  source.on('data', (chunk: Buffer | string) => {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    if (!overflow) {
      size += buffer.length;
      if (size > limit) {
        overflow = true;
        chunks.length = 0;
      } else chunks.push(buffer);
    }
  });
  source.on('error', (error) => stream.destroy(error));
  source.pipe(stream);
  return { stream, collected: () => (overflow ? undefined : Buffer.concat(chunks)) };
}

/**
 * One set of caching headers for every GET, on every path through the code (README "Caching"):
 * - `ETag` on every successful read, different for each representation: a buffered body gets the
 *   strong tag of its bytes, a streamed one (CSV) a weak tag of the data version, the URL and the type;
 *   a gzip or deflate body gets its own tag (`"…-gzip"`). The same data, URL and representation give the
 *   same tag in every process.
 * - `Cache-Control: public, max-age=60` on reads, `no-store` on errors and on /health and /ready;
 *   `Vary: Accept, Accept-Encoding`, never `Origin` (reads are open to every origin).
 * - `304` on a matching `If-None-Match`, with the ETag, caching and CORS headers.
 * - Buffered bodies are gzipped here (not by the compression plugin, which keeps the tag), and every
 *   cacheable answer is offered to `store` once it is sent.
 * Registered before compression, so streamed bodies are seen uncompressed.
 */
export function registerHttpCaching(fastify: FastifyInstance, dataVersion: () => string, store?: ReadStore): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    const read = request.method === 'GET' || request.method === 'HEAD';
    if (reply.statusCode >= 400) {
      void reply.header('Cache-Control', ERROR_CACHE_CONTROL);
      if (read) dropOriginFromVary(reply);
      return payload;
    }
    if (!read || reply.statusCode !== 200) return payload;
    const uncached = UNCACHED_PATHS.test(request.url);
    if (!reply.hasHeader('cache-control'))
      void reply.header('Cache-Control', uncached ? 'no-store' : PUBLIC_CACHE_CONTROL);
    readVary(reply);
    tidyVaryOnWrite(reply);
    if (reply.hasHeader('content-encoding')) return payload;

    const version = store?.version() ?? dataVersion();
    const key =
      store &&
      !uncached &&
      request.method === 'GET' &&
      isCacheableRead(request.method, request.url, request.headers.authorization)
        ? store.keyOf(request)
        : undefined;
    const encoding = negotiatedEncoding(request.headers['accept-encoding']);
    const buffered = typeof payload === 'string' || Buffer.isBuffer(payload);
    let body: unknown = payload;
    let baseTag = reply.getHeader('etag') as string | undefined;
    let sentEncoding: string | undefined;
    let collected: (() => Buffer | undefined) | undefined;
    // Buffered bodies from GZIP_THRESHOLD bytes are gzipped here, streams always by the compression plugin.
    let gzipWhenAccepted = true;

    if (buffered) {
      const bytes = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
      baseTag ??= `"${digest(bytes)}"`;
      gzipWhenAccepted =
        bytes.length >= GZIP_THRESHOLD && isCompressibleType(String(reply.getHeader('content-type') ?? ''));
      if (encoding === 'gzip' && gzipWhenAccepted && request.method === 'GET') {
        body = gzipSync(bytes);
        sentEncoding = 'gzip';
        void reply.header('Content-Encoding', 'gzip');
        reply.removeHeader('content-length');
      } else {
        body = bytes;
      }
      collected = () => body as Buffer;
    } else if (payload instanceof Readable) {
      const type = String(reply.getHeader('content-type') ?? '');
      baseTag ??= `W/"${digest(version, '\n', withoutIgnoredParameters(request.url), '\n', type)}"`;
      // The compression plugin codes a stream of a compressible type after this hook; the tag names that coding.
      gzipWhenAccepted = isCompressibleType(type);
      sentEncoding = gzipWhenAccepted ? encoding : undefined;
      if (key) {
        const tee = teeStream(payload, store!.maxEntryBytes);
        body = tee.stream;
        const raw = tee.collected;
        collected = () => {
          const plain = raw();
          return plain && sentEncoding === 'gzip' ? gzipSync(plain) : plain;
        };
      }
    }
    const etag = encodedTag(baseTag!, sentEncoding);
    void reply.header('ETag', etag);

    if (matchesEntityTag(request.headers['if-none-match'], etag)) {
      void reply.code(304);
      // A 304 says what the fast path's says (NOT_MODIFIED_HEADERS): no metadata of the body it does not send.
      for (const name of NOT_MODIFIED_DROPPED) reply.removeHeader(name);
      // Fastify's HEAD handler measures and drops the body itself, and fails on a null one.
      if (request.method === 'HEAD') return payload;
      if (body instanceof Readable) body.destroy();
      if (payload instanceof Readable && payload !== body) payload.destroy();
      reply.removeHeader('content-length');
      return null;
    }

    if (key && collected) {
      const variant = sentEncoding === 'gzip' ? 'gzip' : 'plain';
      reply.raw.once('finish', () => {
        if (reply.statusCode !== 200) return;
        const bytes = collected();
        if (!bytes || bytes.length > store!.maxEntryBytes) return;
        const sent = reply.raw.getHeaders();
        delete sent['transfer-encoding'];
        sent['content-encoding'] = sentEncoding;
        store!.store(version, key, variant, { ...snapshotVariant(sent, bytes), gzipWhenAccepted });
      });
    }
    return body;
  });
}

/** Whether the body names the host it was asked on (the absolute links of the landing page and the explorer's pages). */
function hostDependent(url: string): boolean {
  return LANDING_PAGE.test(url) || EXPLORER_PAGES.test(url);
}

/** `Vary` with each field once, in the spelling of READ_VARY (the compression plugin adds its own `accept-encoding`). */
export function tidyVary(vary: unknown): string {
  const seen = new Map<string, string>();
  for (const field of String(vary)
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)) {
    const canonical = READ_VARY.split(', ').find((known) => known.toLowerCase() === field.toLowerCase()) ?? field;
    if (!seen.has(canonical.toLowerCase())) seen.set(canonical.toLowerCase(), canonical);
  }
  return [...seen.values()].join(', ');
}

/** Tidies `Vary` as the headers are written, after every hook (the compression plugin's included) has set them. */
function tidyVaryOnWrite(reply: FastifyReply): void {
  const raw = reply.raw;
  const writeHead = raw.writeHead.bind(raw) as (...args: unknown[]) => typeof raw;
  raw.writeHead = (...args: unknown[]) => {
    const headers = args.find((arg, index) => index > 0 && arg && typeof arg === 'object' && !Array.isArray(arg)) as
      Record<string, unknown> | undefined;
    if (headers) {
      for (const name of Object.keys(headers))
        if (name.toLowerCase() === 'vary') headers[name] = tidyVary(headers[name]);
    }
    if (raw.hasHeader('vary')) raw.setHeader('vary', tidyVary(raw.getHeader('vary')));
    return writeHead(...args);
  };
}

/** A part of the cache key beside format and URL that a feature adds (i18n: the language `Accept-Language` chose). */
export type RepresentationKeyPart = (url: string, headers: IncomingHttpHeaders) => string;
const keyParts = new Map<string, RepresentationKeyPart>();

/**
 * Registers (or replaces) a named part of every representation key: the platform does not know which request
 * headers a feature's answers vary on, so the feature says so (wired once in app.setup.ts).
 */
export function setRepresentationKeyPart(name: string, part: RepresentationKeyPart): void {
  keyParts.set(name, part);
}

/**
 * The cache key of a request's representation: format (CSV or JSON) and URL, the host where the body names it,
 * and the parts features registered (the language where `Accept-Language` chose it).
 */
export function representationKey(
  request: { url?: string; headers: FastifyRequest['headers'] },
  format: string | undefined,
): string {
  const csv = wantsCsv(request as unknown as FastifyRequest, { format });
  const url = withoutIgnoredParameters(request.url ?? '/');
  const origin = hostDependent(url)
    ? `${String(request.headers['x-forwarded-proto'] ?? '')}://${request.headers.host ?? ''} `
    : '';
  // The explorer's citations name the day the page was read.
  const day = EXPLORER_PAGES.test(url) ? `${new Date().toISOString().slice(0, 10)} ` : '';
  let parts = '';
  for (const part of keyParts.values()) parts += part(url, request.headers);
  const kind = csv ? 'csv' : PAGE_OR_JSON.test(url) && prefersHtml(request.headers.accept) ? 'html' : 'json';
  return `${kind} ${parts}${day}${origin}${url}`;
}

/** Paths that answer an HTML page to a browser and JSON to a program (the problem types). */
const PAGE_OR_JSON = /^\/problems(\/|\?|$)/;

/** Whether an Accept header asks for HTML before JSON (a browser following a link). */
export function prefersHtml(accept: string | string[] | undefined): boolean {
  const text = String(accept ?? '');
  const html = text.indexOf('text/html');
  const json = Math.max(text.indexOf('application/json'), text.indexOf('application/problem+json'));
  return html >= 0 && (json < 0 || html < json);
}
