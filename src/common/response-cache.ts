import { Injectable, Optional } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Environment } from '../config/environment';
import { DataVersion } from './data-version';
import {
  isCacheableRead,
  matchesEntityTag,
  negotiatedEncoding,
  ReadStore,
  representationKey,
  StoredVariant,
} from './http-cache';
import { requestIdFor } from './request-id';

/** A serialised answer a controller hands to `CachedResponses.respond`. */
export interface CachedResponse {
  body: string;
  contentType: string;
  contentDisposition?: string;
}

/** The number of a `v<n>` token; -1 for none. */
function versionNumber(token: string): bigint {
  return /^v[0-9]+$/.test(token) ? BigInt(token.slice(1)) : -1n;
}

interface Entry {
  plain?: StoredVariant;
  gzip?: StoredVariant;
  bytes: number;
}

/**
 * Whole answers, per data version, bounded by total bytes (least recently used first) and by the size
 * of one entry. Emptied as soon as the version moves.
 */
export class ByteBoundedCache {
  private readonly entries = new Map<string, Entry>();
  private version = '';
  private total = 0;

  constructor(
    readonly maxBytes: number,
    readonly maxEntryBytes: number,
  ) {}

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.total };
  }

  /** The entry of `key` for `version`, made the most recently used. */
  get(version: string, key: string): Entry | undefined {
    if (version !== this.version) {
      this.reset(version);
      return undefined;
    }
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  store(version: string, key: string, variant: 'plain' | 'gzip', stored: StoredVariant): void {
    if (version !== this.version) {
      // An answer computed for an older version is never kept; one for a newer version starts afresh.
      if (versionNumber(version) < versionNumber(this.version)) return;
      this.reset(version);
    }
    if (stored.body.length > this.maxEntryBytes || stored.body.length > this.maxBytes) return;
    const entry = this.entries.get(key) ?? { bytes: 0 };
    const previous = entry[variant]?.body.length ?? 0;
    entry[variant] = stored;
    entry.bytes += stored.body.length - previous;
    this.total += stored.body.length - previous;
    this.entries.delete(key);
    this.entries.set(key, entry);
    for (const [oldest, evicted] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.total -= evicted.bytes;
    }
  }

  private reset(version: string): void {
    this.entries.clear();
    this.total = 0;
    this.version = version;
  }
}

/** Defaults when no Environment is given (tests building the service by hand). */
const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
const DEFAULT_MAX_ENTRY_BYTES = 32 * 1024 * 1024;

/**
 * Every public GET answer (lists, details, statistics, embeds, CSV downloads, pages), kept per data
 * version: a repeat is answered before Fastify sees it, with the headers of the first full answer, and
 * without touching PostgreSQL, so cached answers keep being served while the database is unreachable
 * (the data cannot change then). The version is PostgreSQL's (DataVersion), so an answer is dropped in
 * every process as soon as the data changes anywhere. Requests with an Authorization header always go
 * through the full pipeline and are never stored.
 */
@Injectable()
export class CachedResponses implements ReadStore {
  private readonly cache: ByteBoundedCache;

  constructor(
    private readonly dataVersion: DataVersion,
    @Optional() env?: Environment,
  ) {
    this.cache = new ByteBoundedCache(
      env?.RESPONSE_CACHE_MAX_BYTES ?? DEFAULT_MAX_BYTES,
      env?.RESPONSE_CACHE_MAX_ENTRY_BYTES ?? DEFAULT_MAX_ENTRY_BYTES,
    );
  }

  get maxEntryBytes(): number {
    return this.cache.maxEntryBytes;
  }

  get size(): { entries: number; bytes: number } {
    return this.cache.size;
  }

  version(): string {
    return this.dataVersion.current();
  }

  keyOf(request: FastifyRequest): string | undefined {
    return representationKey(request, (request.query as { format?: string } | undefined)?.format);
  }

  store(version: string, key: string, variant: 'plain' | 'gzip', stored: StoredVariant): void {
    this.cache.store(version, key, variant, stored);
  }

  /** The same key from the bare Node request: `format` from the query string, else the Accept header. */
  private rawKey(req: IncomingMessage): string {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const format =
      queryAt >= 0 && url.includes('format=')
        ? (new URLSearchParams(url.slice(queryAt + 1)).get('format') ?? undefined)
        : undefined;
    return representationKey(req, format);
  }

  /**
   * The fast path, in front of Fastify: a repeated public GET (or HEAD) is answered from memory with the
   * headers the full pipeline sent the first time, like a cache in front of the API would. Anything
   * else, or a variant not yet answered once in full, goes on to Fastify (returns false).
   */
  serveRaw(req: IncomingMessage, res: ServerResponse): boolean {
    if (!isCacheableRead(req.method, req.url, req.headers.authorization)) return false;
    const entry = this.cache.get(this.dataVersion.current(), this.rawKey(req));
    if (!entry) return false;
    const known = entry.plain ?? entry.gzip!;
    // The variant the full pipeline would send: gzip to a client that accepts it, where the pipeline gzips this answer.
    const gzip = negotiatedEncoding(req.headers['accept-encoding']) === 'gzip' && known.gzipWhenAccepted !== false;
    const variant = gzip ? entry.gzip : entry.plain;
    // Not answered once in full yet: the full pipeline answers, and stores it.
    if (!variant) return false;
    // A copy of the flat header list plus the request id: spreading the header object on every request
    // cost more than everything else on this path together (the header objects are not in V8's fast mode).
    const notModified = matchesEntityTag(req.headers['if-none-match'], variant.etag);
    const headers = (notModified ? variant.rawNotModified : variant.rawHeaders).slice();
    headers.push('x-request-id', requestIdFor(req));
    res.writeHead(notModified ? 304 : 200, headers as Parameters<ServerResponse['writeHead']>[1]);
    res.end(notModified || req.method === 'HEAD' ? undefined : variant.body);
    return true;
  }

  /**
   * Sends what `produce` makes for this request (JSON or CSV): repeats are answered by the fast path
   * above, and the entity tag and 304 come from the caching hook (registerHttpCaching).
   */
  async respond(
    request: FastifyRequest,
    reply: FastifyReply,
    produce: (csv: boolean) => Promise<CachedResponse>,
  ): Promise<void> {
    const key = this.keyOf(request) ?? '';
    const answer = await produce(key.startsWith('csv'));
    void reply.header('Content-Type', answer.contentType);
    if (answer.contentDisposition) void reply.header('Content-Disposition', answer.contentDisposition);
    await reply.send(answer.body);
  }
}
