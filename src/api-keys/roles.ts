/**
 * Who may do what. `reader` is everyone (no key: every GET); `editor` may
 * create and correct operations, figures and sources; `admin` may also manage
 * keys. Each role includes the ones before it.
 */
export const ROLES = ['reader', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The roles a key can carry (reading needs no key). */
export const KEY_ROLES = ['editor', 'admin'] as const;
export type KeyRole = (typeof KEY_ROLES)[number];

export function roleIncludes(held: Role, required: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(required);
}
