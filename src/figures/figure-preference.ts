import { EntityManager } from 'typeorm';

export interface PreferenceChanges {
  /** Figures that became preferred. */
  preferred: number;
  /** Figures that stopped being preferred. */
  unpreferred: number;
}

/**
 * Marks exactly one live figure (deleted_at IS NULL) of each group as preferred.
 *
 * Ranking inside a group (`group_key`), first match wins:
 *   1. an editor's `preferred_override = true`;
 *   2. publisher tier: official > regulator > media > no publisher;
 *   3. the most recent source `published_on` (undated sources last);
 *   4. the lowest id.
 * Figures with `preferred_override = false` are ruled out and never preferred.
 * When every live figure of a group is ruled out, the group has no preferred
 * figure at all: totals then skip it, rather than print a figure an editor rejected.
 * Soft-deleted figures are never preferred.
 *
 * One statement. Only rows whose value changes are written, so a second run
 * changes nothing. The unique index `uq_figures_preferred_per_group` is checked
 * row by row and cannot be deferred, so the rows that lose the flag are cleared
 * (CTE `cleared`) before the winners are set: the final UPDATE reads `cleared`
 * in its WHERE clause, which makes PostgreSQL run that CTE to completion first.
 *
 * @param groupKeys limit the work to these groups (all groups when omitted).
 */
export async function recomputePreferred(manager: EntityManager, groupKeys?: string[]): Promise<PreferenceChanges> {
  if (groupKeys && groupKeys.length === 0) return { preferred: 0, unpreferred: 0 };
  const rows: { preferred: string | number; unpreferred: string | number }[] = await manager.query(
    `
    WITH scope AS (
      SELECT f.id, f.group_key, f.preferred, f.preferred_override, f.deleted_at, f.source_id
      FROM figures f
      WHERE $1::varchar[] IS NULL OR f.group_key = ANY($1::varchar[])
    ),
    ranked AS (
      SELECT f.id,
             row_number() OVER (
               PARTITION BY f.group_key
               ORDER BY (f.preferred_override IS TRUE) DESC,
                        CASE p.tier WHEN 'official' THEN 0 WHEN 'regulator' THEN 1 WHEN 'media' THEN 2 ELSE 3 END,
                        s.published_on DESC NULLS LAST,
                        f.id
             ) AS rank
      FROM scope f
      JOIN sources s ON s.id = f.source_id
      LEFT JOIN publishers p ON p.id = s.publisher_id
      WHERE f.deleted_at IS NULL AND f.preferred_override IS DISTINCT FROM false
    ),
    wanted AS (
      SELECT f.id, f.preferred AS current, coalesce(r.rank = 1, false) AS target
      FROM scope f
      LEFT JOIN ranked r ON r.id = f.id
    ),
    cleared AS (
      UPDATE figures f SET preferred = false, updated_at = now()
      FROM wanted w
      WHERE f.id = w.id AND w.current AND NOT w.target
      RETURNING f.id
    ),
    chosen AS (
      UPDATE figures f SET preferred = true, updated_at = now()
      FROM wanted w
      WHERE f.id = w.id AND w.target AND NOT w.current AND (SELECT count(*) FROM cleared) >= 0
      RETURNING f.id
    )
    SELECT (SELECT count(*) FROM chosen) AS preferred, (SELECT count(*) FROM cleared) AS unpreferred
    `,
    [groupKeys ?? null],
  );
  return { preferred: Number(rows[0].preferred), unpreferred: Number(rows[0].unpreferred) };
}
