import { createHash } from 'node:crypto';

export interface CachedResponse {
  body: string;
  contentType: string;
  etag: string;
  contentDisposition?: string;
}

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

  set(version: string, key: string, response: Omit<CachedResponse, 'etag'>): CachedResponse {
    const entry = { ...response, etag: `"${createHash('sha1').update(response.body).digest('base64url')}"` };
    if (version !== this.version) return entry;
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }
}
