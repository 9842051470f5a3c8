/**
 * A case-insensitive "contains" pattern for `ILIKE … ESCAPE '\'`: `%`, `_` and `\` in the search text match
 * themselves. The text goes in as a bound parameter, never into the SQL.
 */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
