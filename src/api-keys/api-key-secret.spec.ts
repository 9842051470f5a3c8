import {
  bearerToken,
  generateApiKey,
  hashApiKey,
  isWellFormedApiKey,
  KEY_PREFIX,
  verifyApiKey,
  VISIBLE_LENGTH,
} from './api-key-secret';
import { roleIncludes } from './roles';

describe('generateApiKey', () => {
  it('makes an ora_ key of 32 random bytes in base64url, its visible prefix and its SHA-256', () => {
    const { key, prefix, hash } = generateApiKey();
    expect(key).toMatch(/^ora_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice(KEY_PREFIX.length), 'base64url')).toHaveLength(32);
    expect(prefix).toBe(key.slice(0, VISIBLE_LENGTH));
    expect(prefix).toHaveLength(12);
    expect(hash).toBe(hashApiKey(key));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(isWellFormedApiKey(key)).toBe(true);
  });

  it('never repeats a key', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateApiKey().key));
    expect(keys.size).toBe(1000);
  });

  it('stores nothing from which the key can be read back', () => {
    const { key, prefix, hash } = generateApiKey();
    expect(hash).not.toContain(key.slice(VISIBLE_LENGTH));
    expect(key.slice(VISIBLE_LENGTH)).not.toContain(prefix.slice(KEY_PREFIX.length));
  });
});

describe('hashApiKey', () => {
  it('is the hex SHA-256 of the key', () => {
    // echo -n ora_test | sha256sum
    expect(hashApiKey('ora_test')).toBe('ee6149052163004a895ba3abbfe2e5c93031eb637ac03380ad0b88a43012eb72');
  });
});

describe('verifyApiKey', () => {
  const { key, hash } = generateApiKey();

  it('accepts the key whose hash is stored', () => {
    expect(verifyApiKey(key, hash)).toBe(true);
  });

  it('refuses another key, a changed character, a truncated key and a bad stored hash', () => {
    expect(verifyApiKey(generateApiKey().key, hash)).toBe(false);
    const flipped = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    expect(verifyApiKey(flipped, hash)).toBe(false);
    expect(verifyApiKey(key.slice(0, -1), hash)).toBe(false);
    expect(verifyApiKey(key, 'not-a-hash')).toBe(false);
  });
});

describe('isWellFormedApiKey', () => {
  it.each([
    '',
    'ora_',
    'ora_short',
    `xyz_${'a'.repeat(43)}`,
    `ora_${'a'.repeat(42)}`,
    `ora_${'a'.repeat(44)}`,
    `ora_${'a'.repeat(42)}+`,
  ])('refuses %j', (value) => expect(isWellFormedApiKey(value)).toBe(false));
});

describe('bearerToken', () => {
  it('reads the credential of a Bearer header, any case of the scheme', () => {
    expect(bearerToken('Bearer ora_abc')).toBe('ora_abc');
    expect(bearerToken('bearer ora_abc')).toBe('ora_abc');
  });

  it('tells a missing header (undefined) from one that is not a bearer credential (null)', () => {
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeNull();
    expect(bearerToken('Bearer')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
  });
});

describe('roleIncludes', () => {
  it('orders reader < editor < admin', () => {
    expect(roleIncludes('admin', 'editor')).toBe(true);
    expect(roleIncludes('admin', 'admin')).toBe(true);
    expect(roleIncludes('editor', 'editor')).toBe(true);
    expect(roleIncludes('editor', 'admin')).toBe(false);
    expect(roleIncludes('reader', 'editor')).toBe(false);
  });
});
