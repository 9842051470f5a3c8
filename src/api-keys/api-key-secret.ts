import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every key starts with this, so that a leaked one is easy to recognise (and to scan for). */
export const KEY_PREFIX = 'ora_';
/** Random bytes in a key: 256 bits, written as 43 base64url characters. */
const SECRET_BYTES = 32;
/** Characters of the key kept in clear to tell keys apart: `ora_` and 8 more (48 bits, not enough to guess the rest). */
export const VISIBLE_LENGTH = KEY_PREFIX.length + 8;
const KEY_FORMAT = /^ora_[A-Za-z0-9_-]{43}$/;

export interface GeneratedKey {
  /** The key itself: shown once, never stored. */
  key: string;
  prefix: string;
  hash: string;
}

/**
 * SHA-256 of the key, hex. A fast hash is enough here: the key is 256 random
 * bits, so there is no dictionary to try, unlike a password that would need a
 * slow salted hash.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function isWellFormedApiKey(key: string): boolean {
  return KEY_FORMAT.test(key);
}

export function generateApiKey(): GeneratedKey {
  const key = `${KEY_PREFIX}${randomBytes(SECRET_BYTES).toString('base64url')}`;
  return { key, prefix: key.slice(0, VISIBLE_LENGTH), hash: hashApiKey(key) };
}

/** Whether `key` is the one whose hash is stored, compared in constant time. */
export function verifyApiKey(key: string, storedHash: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(storedHash)) return false;
  const given = Buffer.from(hashApiKey(key), 'hex');
  return timingSafeEqual(given, Buffer.from(storedHash, 'hex'));
}

/**
 * The key of an `Authorization: Bearer <key>` header: undefined when the
 * header is absent, null when it is present but not a bearer credential.
 */
export function bearerToken(header: string | string[] | undefined): string | null | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer +(\S+) *$/i.exec(value ?? '');
  return match ? match[1] : null;
}
