import { ByteBoundedCache } from './response-cache';
import { StoredVariant } from './http-cache';

describe('ByteBoundedCache', () => {
  const answer = (body: string): StoredVariant => ({
    body: Buffer.from(body),
    etag: `"${body}"`,
    headers: {},
    notModified: {},
    rawHeaders: [],
    rawNotModified: [],
  });

  it('keeps an answer until the version moves', () => {
    const cache = new ByteBoundedCache(1000, 100);
    expect(cache.get('v1', 'a')).toBeUndefined();
    const stored = answer('{"x":1}');
    cache.store('v1', 'a', 'plain', stored);
    expect(cache.get('v1', 'a')?.plain).toEqual(stored);
    expect(cache.get('v2', 'a')).toBeUndefined();
    expect(cache.get('v2', 'a')).toBeUndefined();
  });

  it('does not store an answer computed for an older version', () => {
    const cache = new ByteBoundedCache(1000, 100);
    cache.get('v2', 'warm-up');
    cache.store('v1', 'a', 'plain', answer('old'));
    expect(cache.get('v2', 'a')).toBeUndefined();
  });

  it('drops the least recently used entry beyond its size in bytes', () => {
    const cache = new ByteBoundedCache(2, 1);
    cache.get('v1', 'init');
    cache.store('v1', 'a', 'plain', answer('a'));
    cache.store('v1', 'b', 'plain', answer('b'));
    cache.get('v1', 'a');
    cache.store('v1', 'c', 'plain', answer('c'));
    expect(cache.get('v1', 'b')).toBeUndefined();
    expect(cache.get('v1', 'a')?.plain?.body.toString()).toBe('a');
    expect(cache.get('v1', 'c')?.plain?.body.toString()).toBe('c');
    expect(cache.size).toEqual({ entries: 2, bytes: 2 });
  });

  it('keeps no answer larger than one entry may be', () => {
    const cache = new ByteBoundedCache(100, 3);
    cache.store('v1', 'big', 'plain', answer('four'));
    expect(cache.get('v1', 'big')).toBeUndefined();
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
  });
});
