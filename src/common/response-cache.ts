import { Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { DataVersion } from './data-version';
import { wantsCsv } from './list/list-response';

export interface CachedResponse {
  body: string;
  contentType: string;
  etag: string;
  contentDisposition?: string;
  /** Gzip of the body, made on the first request that accepts it. */
  gzip?: Buffer;
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

  set(version: string, key: string, response: Omit<CachedResponse, 'etag' | 'gzip'>): CachedResponse {
    const entry = { ...response, etag: `"${createHash('sha1').update(response.body).digest('base64url')}"` };
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
