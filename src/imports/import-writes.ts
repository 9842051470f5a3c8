import { EntityManager } from 'typeorm';
import { FigureSeed } from '../database/seed/seed-data';
import { SEED_ACTOR } from '../figures/figure-revisions';
import { RESOURCE_OF_TYPE } from '../figures/figures.mapper';

/**
 * Set-based writes of an import: one statement per step, whatever the number
 * of rows (a 50,000-row import through the one-figure write path would take
 * several queries per row). They keep what the one-figure writes keep: a
 * revision per created or corrected figure (a seeded figure first gets its
 * version 1) and a change-feed entry per record.
 */

export interface FigureToInsert extends FigureSeed {
  operationId: number;
  groupKey: string;
}

export interface FigureToUpdate {
  id: number;
  qualifier: string;
  notes: string | null;
  preferredOverride: boolean | null;
  role: string | null;
  groupKey: string;
  operationId: number;
}

/** Revision columns that copy the figure's values (`f`, its operation `o`, its source `s`). */
const SNAPSHOT = {
  columns: 'operation_code, kind, quantity, unit, qualifier, category, country_iso2, source_id, source_url, notes, preferred_override, role',
  values: 'o.code, f.kind, f.quantity, f.unit, f.qualifier, f.category, f.country_iso2, f.source_id, s.url, f.notes, f.preferred_override, f.role',
  from: 'FROM figures f JOIN operations o ON o.id = f.operation_id JOIN sources s ON s.id = f.source_id',
};

/** Adds the new source pages and their change-feed entries; returns url → id. */
export async function insertSources(
  manager: EntityManager,
  sources: { url: string; publisherId: number; publishedOn: string | null }[],
  actor: string,
): Promise<Map<string, number>> {
  if (sources.length === 0) return new Map();
  const rows = await manager.query<{ id: number; url: string }[]>(
    `INSERT INTO sources (url, publisher_id, published_on)
     SELECT * FROM unnest($1::text[], $2::int[], $3::date[]) RETURNING id, url`,
    [sources.map((s) => s.url), sources.map((s) => s.publisherId), sources.map((s) => s.publishedOn)],
  );
  await manager.query(
    `INSERT INTO changes (at, entity, entity_id, type, action, reason, actor, href)
     SELECT clock_timestamp(), 'source', id::text, NULL, 'created', NULL, $2, '/v1/sources/' || id FROM unnest($1::int[]) AS id ORDER BY id`,
    [rows.map((r) => r.id), actor],
  );
  return new Map(rows.map((r) => [r.url, r.id]));
}

/** Inserts the new figures with their version 1 and a `created` change each. */
export async function insertFigures(manager: EntityManager, figures: FigureToInsert[], sourceIds: Map<string, number>, actor: string): Promise<void> {
  if (figures.length === 0) return;
  const column = <T>(pick: (f: FigureToInsert) => T) => figures.map(pick);
  const inserted = await manager.query<{ id: number }[]>(
    `INSERT INTO figures (type, kind, operation_id, country_iso2, category, category_key, qualifier, quantity, unit,
                          unit_class, normalized_quantity, currency, source_id, notes, preferred_override, group_key, role)
     SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::int[], $4::char(2)[], $5::varchar[], $6::varchar[], $7::varchar[],
                          $8::numeric[], $9::varchar[], $10::varchar[], $11::numeric[], $12::char(3)[], $13::int[], $14::text[],
                          $15::boolean[], $16::varchar[], $17::varchar[])
     RETURNING id`,
    [
      column((f) => f.type), column((f) => f.kind), column((f) => f.operationId), column((f) => f.countryIso2), column((f) => f.category),
      column((f) => f.categoryKey), column((f) => f.qualifier), column((f) => f.quantity), column((f) => f.unit), column((f) => f.unitClass),
      column((f) => f.normalizedQuantity), column((f) => f.currency), column((f) => sourceIds.get(f.sourceUrl)!), column((f) => f.notes),
      column((f) => f.preferredOverride), column((f) => f.groupKey), column((f) => f.role),
    ],
  );
  const ids = inserted.map((row) => row.id);
  await appendRevisions(manager, ids, 'created', null, actor);
  await recordFigureChanges(manager, ids, 'created', null, actor);
}

/** Corrects qualifier, notes, preferred ruling and role; keeps the version before (version 1 for a seeded figure) and the new one. */
export async function updateFigures(manager: EntityManager, updates: FigureToUpdate[], reason: string, actor: string): Promise<void> {
  if (updates.length === 0) return;
  const ids = updates.map((u) => u.id);
  await manager.query(
    `INSERT INTO figure_revisions (figure_id, type, version, action, reason, actor, at, ${SNAPSHOT.columns})
     SELECT f.id, f.type, 1, 'created', NULL, $2, f.created_at, ${SNAPSHOT.values}
     ${SNAPSHOT.from}
     WHERE f.id = ANY($1::int[]) AND NOT EXISTS (SELECT 1 FROM figure_revisions r WHERE r.figure_id = f.id)`,
    [ids, SEED_ACTOR],
  );
  await manager.query(
    `UPDATE figures f SET qualifier = u.qualifier, notes = u.notes, preferred_override = u.preferred_override, role = u.role, updated_at = now()
     FROM unnest($1::int[], $2::varchar[], $3::text[], $4::boolean[], $5::varchar[]) AS u(id, qualifier, notes, preferred_override, role)
     WHERE f.id = u.id`,
    [ids, updates.map((u) => u.qualifier), updates.map((u) => u.notes), updates.map((u) => u.preferredOverride), updates.map((u) => u.role)],
  );
  await appendRevisions(manager, ids, 'corrected', reason, actor);
  await recordFigureChanges(manager, ids, 'corrected', reason, actor);
}

/** The figures' current values as their next version. */
async function appendRevisions(manager: EntityManager, ids: number[], action: 'created' | 'corrected', reason: string | null, actor: string): Promise<void> {
  await manager.query(
    `INSERT INTO figure_revisions (figure_id, type, version, action, reason, actor, at, ${SNAPSHOT.columns})
     SELECT f.id, f.type, coalesce((SELECT max(r.version) FROM figure_revisions r WHERE r.figure_id = f.id), 0) + 1,
            $2, $3, $4, clock_timestamp(), ${SNAPSHOT.values}
     ${SNAPSHOT.from}
     WHERE f.id = ANY($1::int[]) ORDER BY f.id`,
    [ids, action, reason, actor],
  );
}

async function recordFigureChanges(manager: EntityManager, ids: number[], action: 'created' | 'corrected', reason: string | null, actor: string): Promise<void> {
  const resource = `CASE f.type ${Object.entries(RESOURCE_OF_TYPE)
    .map(([type, path]) => `WHEN '${type}' THEN '${path}'`)
    .join(' ')} END`;
  await manager.query(
    `INSERT INTO changes (at, entity, entity_id, type, action, reason, actor, href)
     SELECT clock_timestamp(), 'figure', f.id::text, f.type, $2, $3, $4, '/v1/' || ${resource} || '/' || f.id
     FROM figures f WHERE f.id = ANY($1::int[]) ORDER BY f.id`,
    [ids, action, reason, actor],
  );
}
