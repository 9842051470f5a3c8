import { hashRequestBody } from './idempotency.service';

describe('hashRequestBody', () => {
  it('does not depend on the order of object keys, at any depth', () => {
    expect(hashRequestBody({ a: 1, b: { c: 2, d: [1, 2] } })).toBe(hashRequestBody({ b: { d: [1, 2], c: 2 }, a: 1 }));
  });

  it('tells apart different values, array orders and types', () => {
    const base = hashRequestBody({ quantity: '12', list: [1, 2] });
    expect(hashRequestBody({ quantity: '13', list: [1, 2] })).not.toBe(base);
    expect(hashRequestBody({ quantity: '12', list: [2, 1] })).not.toBe(base);
    expect(hashRequestBody({ quantity: 12, list: [1, 2] })).not.toBe(base);
  });

  it('treats a missing body as null, and is the hex SHA-256 of the sorted JSON', () => {
    expect(hashRequestBody(undefined)).toBe(hashRequestBody(null));
    // echo -n '{"a":1,"b":2}' | sha256sum
    expect(hashRequestBody({ b: 2, a: 1 })).toBe('43258cff783fe7036d8a43033f830adfc60ec037382473548ac742b888292777');
  });
});
