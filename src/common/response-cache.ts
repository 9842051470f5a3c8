import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { DataVersion } from './data-version';
import { digest, matchesEntityTag } from './http-cache';
import { wantsCsv } from './list/list-response';
import { requestIdFor } from './request-id';

export interface CachedResponse {
  body: string;
  contentType: string;
  etag: string;
  contentDisposition?: string;
  /** Gzip of the body, made on the first request that accepts it. */
  gzip?: Buffer;
  /** Response headers of each variant as the full pipeline sent them, for the raw fast path. */
  headers?: { plain?: RawVariant; gzip?: RawVariant };
}

/** A variant ready to write: its body bytes and its headers. */
interface RawVariant {
  body: Buffer;
  etag: string;
  headers: OutgoingHttpHeaders;
  notModified: OutgoingHttpHeaders;
}

/**
 * Headers a cached answer repeats as the full pipeline first sent them:
 * representation, caching, CORS and security headers. Per-request ones
 * (request id, rate-limit counters, date, length) are never copied.
 */
const REPEATED_HEADERS = new Set([
  'content-type', 'content-encoding', 'content-disposition', 'etag', 'cache-control', 'vary',
  'access-control-allow-origin', 'access-control-expose-headers',
  'content-security-policy', 'cross-origin-opener-policy', 'cross-origin-resource-policy', 'origin-agent-cluster',
  'referrer-policy', 'strict-transport-security', 'x-content-type-options', 'x-dns-prefetch-control',
  'x-download-options', 'x-frame-options', 'x-permitted-cross-domain-policies', 'x-xss-protection',
]);

function rawVariant(res: ServerResponse, body: Buffer): RawVariant {
  const sent: OutgoingHttpHeaders = res.getHeaders();
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(sent)) if (REPEATED_HEADERS.has(name) && value !== undefined) headers[name] = value;
  headers['content-length'] = body.length;
  const notModified: OutgoingHttpHeaders = {};
  for (const name of ['etag', 'cache-control', 'vary']) if (sent[name] !== undefined) notModified[name] = sent[name];
  return { body, etag: String(sent.etag), headers, notModified };
}

/** Bodies smaller than this are sent as they are. */
const GZIP_THRESHOLD = 1024;

/**
 * Serialised responses with their entity tags, kept until the data changes
 * (the version moves) and bounded in number (least recently used goes first).
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private version = '';

  constructor(private readonly maxEntries = 1000) {}

  get(version: string, key: string): CachedResponse | undefined {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
      return undefined;
    }
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  /** Like get, without refreshing the entry's place in the eviction order (the hot path). */
  peek(version: string, key: string): CachedResponse | undefined {
    return version === this.version ? this.entries.get(key) : undefined;
  }

  set(version: string, key: string, response: Omit<CachedResponse, 'etag' | 'gzip'>): CachedResponse {
    const entry = { ...response, etag: `"${digest(response.body)}"` };
    if (version !== this.version) return entry;
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }
}

function acceptsGzip(request: FastifyRequest): boolean {
  const accepted = request.headers['accept-encoding'];
  return typeof accepted === 'string' && /\bgzip\b/.test(accepted) && !/\bgzip;\s*q=0(\.0*)?\b/.test(accepted);
}

/**
 * Whole responses of read-only endpoints that are expensive to compute
 * (statistics), reused until the data changes. A repeated request is answered
 * from a Fastify hook before routing, validation and the handler run: the URL
 * it was stored under was already validated, and the data has not changed since.
 */
@Injectable()
export class CachedResponses {
  private readonly cache = new ResponseCache();

  constructor(private readonly dataVersion: DataVersion) {}

  private key(request: FastifyRequest): string {
    return `${wantsCsv(request, request.query as { format?: string }) ? 'csv' : 'json'} ${request.url}`;
  }

  /** The same key from the bare Node request: `format` from the query string, else the Accept header. */
  private rawKey(req: IncomingMessage): string {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const format = queryAt >= 0 && url.includes('format=') ? new URLSearchParams(url.slice(queryAt + 1)).get('format') ?? undefined : undefined;
    return `${wantsCsv(req as unknown as FastifyRequest, { format }) ? 'csv' : 'json'} ${url}`;
  }

  /**
   * The raw fast path, in front of Fastify: a repeated GET of a cached
   * statistics URL is answered from memory with the headers the full pipeline
   * sent the first time, like a cache in front of the API would. Anything else,
   * or a variant not yet answered once in full, goes on to Fastify (returns false).
   */
  serveRaw(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const entry = this.cache.peek(this.dataVersion.current(), this.rawKey(req));
    if (!entry?.headers) return false;
    const gzip = entry.body.length >= GZIP_THRESHOLD && acceptsGzip(req as unknown as FastifyRequest);
    const variant = gzip ? entry.headers.gzip : entry.headers.plain;
    if (!variant) return false;
    const requestId = requestIdFor(req);
    if (matchesEntityTag(req.headers['if-none-match'], variant.etag)) {
      res.writeHead(304, { ...variant.notModified, 'x-request-id': requestId });
      res.end();
      return true;
    }
    res.writeHead(200, { ...variant.headers, 'x-request-id': requestId });
    res.end(req.method === 'HEAD' ? undefined : variant.body);
    return true;
  }

  /** Answers from the cache, or computes, stores and answers. */
  async respond(
    request: FastifyRequest,
    reply: FastifyReply,
    produce: (csv: boolean) => Promise<Omit<CachedResponse, 'etag' | 'gzip'>>,
  ): Promise<void> {
    const version = this.dataVersion.current();
    const key = this.key(request);
    const entry = this.cache.get(version, key) ?? this.cache.set(version, key, await produce(key.startsWith('csv')));
    await this.send(request, reply, entry);
  }

  /** The Fastify `onRequest` hook of the fast path. */
  readonly onRequest = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (request.method !== 'GET') return;
    const entry = this.cache.get(this.dataVersion.current(), this.key(request));
    if (entry) await this.send(request, reply, entry);
  };

  private async send(request: FastifyRequest, reply: FastifyReply, entry: CachedResponse): Promise<void> {
    const variant = entry.body.length >= GZIP_THRESHOLD && acceptsGzip(request) ? 'gzip' : 'plain';
    if (request.method === 'GET' && !entry.headers?.[variant]) {
      reply.raw.once('finish', () => {
        if (reply.statusCode !== 200) return;
        const body = variant === 'gzip' ? entry.gzip! : Buffer.from(entry.body);
        entry.headers = { ...entry.headers, [variant]: rawVariant(reply.raw, body) };
      });
    }
    void reply.header('Content-Type', entry.contentType).header('Vary', 'Accept, Accept-Encoding');
    if (entry.contentDisposition) void reply.header('Content-Disposition', entry.contentDisposition);
    if (entry.body.length >= GZIP_THRESHOLD && acceptsGzip(request)) {
      entry.gzip ??= gzipSync(entry.body);
      // A different representation, so a different entity tag.
      void reply.header('ETag', `${entry.etag.slice(0, -1)}-gzip"`).header('Content-Encoding', 'gzip');
      await reply.send(entry.gzip);
      return;
    }
    void reply.header('ETag', entry.etag);
    await reply.send(entry.body);
  }
}
