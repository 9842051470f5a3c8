import { ResponseCache } from './response-cache';

describe('ResponseCache', () => {
  const response = (body: string) => ({ body, contentType: 'application/json' });

  it('keeps a response with a strong entity tag of its body until the version moves', () => {
    const cache = new ResponseCache();
    expect(cache.get('v1', 'a')).toBeUndefined();
    const stored = cache.set('v1', 'a', response('{"x":1}'));
    expect(stored.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(cache.get('v1', 'a')).toEqual(stored);
    expect(cache.get('v2', 'a')).toBeUndefined();
    expect(cache.get('v2', 'a')).toBeUndefined();
  });

  it('does not store a response computed for an older version', () => {
    const cache = new ResponseCache();
    cache.get('v2', 'warm-up');
    cache.set('v1', 'a', response('old'));
    expect(cache.get('v2', 'a')).toBeUndefined();
  });

  it('drops the least recently used entry beyond its size', () => {
    const cache = new ResponseCache(2);
    cache.get('v', 'init');
    cache.set('v', 'a', response('a'));
    cache.set('v', 'b', response('b'));
    cache.get('v', 'a');
    cache.set('v', 'c', response('c'));
    expect(cache.get('v', 'b')).toBeUndefined();
    expect(cache.get('v', 'a')?.body).toBe('a');
    expect(cache.get('v', 'c')?.body).toBe('c');
  });

  it('peeks without clearing or reordering', () => {
    const cache = new ResponseCache(2);
    cache.get('v', 'init');
    cache.set('v', 'a', response('a'));
    cache.set('v', 'b', response('b'));
    expect(cache.peek('v', 'a')?.body).toBe('a');
    expect(cache.peek('w', 'a')).toBeUndefined();
    cache.set('v', 'c', response('c'));
    expect(cache.peek('v', 'a')).toBeUndefined();
    expect(cache.peek('v', 'b')?.body).toBe('b');
  });
});
