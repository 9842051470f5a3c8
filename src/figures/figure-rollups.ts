import { EntityManager } from 'typeorm';
import { COUNTING_RULES_SQL, ROLLUP_COLUMNS } from './counting-rules.sql';

/**
 * Rebuilds `figure_rollups` for some operations (all when `operationIds` is
 * undefined) from the current figures, in the caller's transaction. Every
 * write, import and seed calls it, so the statistics never read stale sums.
 */
export async function refreshFigureRollups(manager: EntityManager, operationIds?: number[]): Promise<void> {
  const ids = operationIds ?? null;
  if (ids && ids.length === 0) return;
  if (ids) await manager.query('DELETE FROM figure_rollups WHERE operation_id = ANY($1::int[])', [ids]);
  else await manager.query('DELETE FROM figure_rollups');
  await manager.query(
    `INSERT INTO figure_rollups (${ROLLUP_COLUMNS}) SELECT ${ROLLUP_COLUMNS} FROM (${COUNTING_RULES_SQL}) rules`,
    [ids],
  );
}
