import { EntityManager } from 'typeorm';
import { recordChanges } from '../common/writes/change-log';
import { RevisionAction } from './entities/figure-revision.entity';
import { FigureKind, FigureRole, FigureType, Qualifier } from './figure-kinds';
import { PreferenceChanges, recomputePreferred } from './figure-preference';
import { SEED_ACTOR } from './figure-revisions';
import { refreshFigureRollups } from './figure-rollups';
import { deriveFigureColumns } from './figure-rules';
import { figureHref } from './figures.mapper';

/**
 * Every statement that writes a figure: single and bulk insert, correction, soft delete, each with the
 * figure's history (`figure_revisions`) and its change-feed entries, and the settling that follows (the
 * preferred figure of the touched groups, the rollups of the touched operations). The write API, the imports
 * and the seed (data releases) all write through here, in the caller's transaction (`manager`, which holds
 * the write lock); nothing else writes these tables. The derived columns (unit class, normalised quantity,
 * currency, category key, group key) are computed here from what the source reported (figure-rules.ts).
 */

/** A figure as reported, with its operation and source resolved to ids. */
export interface FigureValues {
  type: FigureType;
  kind: FigureKind;
  operationId: number;
  quantity: string;
  unit: string;
  qualifier: Qualifier;
  category: string | null;
  countryIso2: string | null;
  sourceId: number;
  notes: string | null;
  preferredOverride: boolean | null;
  role: FigureRole | null;
}

/** Who writes and why: recorded in each figure's new version and change-feed entry. */
export interface WrittenBy {
  actor: string;
  reason: string | null;
}

/** A written figure and where it belongs: what `settleFigures` re-decides. */
export interface FigureRef {
  id: number;
  type: FigureType;
  groupKey: string;
  operationId: number;
}

/** The editorial rulings an import may correct on a figure it matched by natural key. */
export interface FigureRulings {
  id: number;
  qualifier: string;
  notes: string | null;
  preferredOverride: boolean | null;
  role: string | null;
}

/**
 * A live figure with the same natural key as `$1…$7` (operation, kind, unit, category, country, source, quantity):
 * the SQL form of `figureNaturalKey` (figure-rules.ts) and the condition of the unique index `uq_figures_natural_key`.
 */
const NATURAL_KEY_MATCH = `deleted_at IS NULL AND operation_id = $1 AND kind = $2 AND unit = $3 AND coalesce(category, '') = coalesce($4, '')
  AND coalesce(country_iso2, '') = coalesce($5, '') AND source_id = $6 AND quantity = $7::numeric`;

const FIGURE_COLUMNS = `type, kind, operation_id, country_iso2, category, category_key, qualifier, quantity, unit,
  unit_class, normalized_quantity, currency, source_id, notes, preferred_override, group_key, role`;
/** `unnest` of the column arrays of `columnArrays`, in the order of FIGURE_COLUMNS. */
const FIGURE_ARRAYS = `$1::varchar[], $2::varchar[], $3::int[], $4::char(2)[], $5::varchar[], $6::varchar[], $7::varchar[],
  $8::numeric[], $9::varchar[], $10::varchar[], $11::numeric[], $12::char(3)[], $13::int[], $14::text[], $15::boolean[],
  $16::varchar[], $17::varchar[]`;

/** One array per column of FIGURE_COLUMNS, the derived columns computed from the reported ones. */
function columnArrays(figures: FigureValues[]): unknown[][] {
  const derived = figures.map((f) => deriveFigureColumns(f));
  const column = (pick: (f: FigureValues, i: number) => unknown) => figures.map(pick);
  return [
    column((f) => f.type),
    column((f) => f.kind),
    column((f) => f.operationId),
    column((f) => f.countryIso2),
    column((f) => f.category),
    column((_, i) => derived[i].categoryKey),
    column((f) => f.qualifier),
    column((f) => f.quantity),
    column((f) => f.unit),
    column((_, i) => derived[i].unitClass),
    column((_, i) => derived[i].normalizedQuantity),
    column((_, i) => derived[i].currency),
    column((f) => f.sourceId),
    column((f) => f.notes),
    column((f) => f.preferredOverride),
    column((_, i) => derived[i].groupKey),
    column((f) => f.role),
  ];
}

/**
 * Inserts figures (in the given order) with, unless `by` is null, a version 1 and a `created` change-feed entry
 * each. `by` null: the first load of an empty database, whose figures count as version 1 by `seed` without a
 * stored revision. `datasetKeys`: each figure's identity across releases (null for an editor's own).
 */
export async function insertFigures(
  manager: EntityManager,
  figures: FigureValues[],
  by: WrittenBy | null,
  datasetKeys?: (string | null)[],
): Promise<FigureRef[]> {
  if (figures.length === 0) return [];
  const inserted = await manager.query<{ id: number; type: FigureType; group_key: string; operation_id: number }[]>(
    `INSERT INTO figures (${FIGURE_COLUMNS}, dataset_key)
     SELECT * FROM unnest(${FIGURE_ARRAYS}, $18::text[])
     RETURNING id, type, group_key, operation_id`,
    [...columnArrays(figures), datasetKeys ?? figures.map(() => null)],
  );
  const refs = inserted.map(toRef);
  if (by) await recordHistory(manager, refs, 'created', by);
  return refs;
}

/**
 * Rewrites every reported column of figures (`id` given), keeping the version before (version 1 for a figure
 * that had none) and the new one. `restore`: the figures were soft-deleted and come back (action `created`,
 * same id); otherwise they are live (action `corrected`). Returns the groups they left and joined.
 */
export async function rewriteFigures(
  manager: EntityManager,
  figures: (FigureValues & { id: number })[],
  by: WrittenBy,
  restore = false,
): Promise<FigureRef[]> {
  if (figures.length === 0) return [];
  const ids = figures.map((f) => f.id);
  await ensureFirstRevisions(manager, ids);
  const before = await manager.query<{ id: number; type: FigureType; group_key: string; operation_id: number }[]>(
    'SELECT id, type, group_key, operation_id FROM figures WHERE id = ANY($1::int[]) ORDER BY id',
    [ids],
  );
  // The ids take the place of `type` ($1), which a rewrite never changes.
  const [, ...arrays] = columnArrays(figures);
  await manager.query(
    `UPDATE figures f SET kind = u.kind, operation_id = u.operation_id, country_iso2 = u.country_iso2, category = u.category,
            category_key = u.category_key, qualifier = u.qualifier, quantity = u.quantity, unit = u.unit, unit_class = u.unit_class,
            normalized_quantity = u.normalized_quantity, currency = u.currency, source_id = u.source_id, notes = u.notes,
            preferred_override = u.preferred_override, group_key = u.group_key, role = u.role, deleted_at = NULL, updated_at = now()
     FROM unnest($1::int[], ${FIGURE_ARRAYS.replace('$1::varchar[], ', '')})
          AS u(id, kind, operation_id, country_iso2, category, category_key, qualifier, quantity, unit, unit_class,
               normalized_quantity, currency, source_id, notes, preferred_override, group_key, role)
     WHERE f.id = u.id`,
    [ids, ...arrays],
  );
  // A figure's type never changes (its kind stays within the type), so the stored one is kept.
  const typeOf = new Map(before.map((f) => [f.id, f.type]));
  const after = figures.map((f) => ({
    id: f.id,
    type: typeOf.get(f.id)!,
    groupKey: deriveFigureColumns(f).groupKey,
    operationId: f.operationId,
  }));
  await recordHistory(manager, after, restore ? 'created' : 'corrected', by);
  return [...before.map(toRef), ...after];
}

/**
 * Corrects the editorial rulings (qualifier, notes, preferred ruling, role) of live figures, keeping the version
 * before (version 1 for a figure that had none) and the new one. Their groups do not change.
 */
export async function correctRulings(
  manager: EntityManager,
  rulings: FigureRulings[],
  by: WrittenBy,
): Promise<FigureRef[]> {
  if (rulings.length === 0) return [];
  const ids = rulings.map((u) => u.id);
  await ensureFirstRevisions(manager, ids);
  const updated = await updateReturning<{ id: number; type: FigureType; group_key: string; operation_id: number }>(
    manager,
    `UPDATE figures f SET qualifier = u.qualifier, notes = u.notes, preferred_override = u.preferred_override, role = u.role, updated_at = now()
     FROM unnest($1::int[], $2::varchar[], $3::text[], $4::boolean[], $5::varchar[]) AS u(id, qualifier, notes, preferred_override, role)
     WHERE f.id = u.id
     RETURNING f.id, f.type, f.group_key, f.operation_id`,
    [
      ids,
      rulings.map((u) => u.qualifier),
      rulings.map((u) => u.notes),
      rulings.map((u) => u.preferredOverride),
      rulings.map((u) => u.role),
    ],
  );
  const refs = updated.map(toRef).sort((a, b) => a.id - b.id);
  await recordHistory(manager, refs, 'corrected', by);
  return refs;
}

/**
 * Soft-deletes figures (`deleted_at`): they leave lists, detail and statistics but keep their history, whose
 * last version says who deleted them and why (a figure without history first gets its version 1).
 */
export async function deleteFigures(manager: EntityManager, ids: number[], by: WrittenBy): Promise<FigureRef[]> {
  if (ids.length === 0) return [];
  await ensureFirstRevisions(manager, ids);
  const deleted = await updateReturning<{ id: number; type: FigureType; group_key: string; operation_id: number }>(
    manager,
    `UPDATE figures SET deleted_at = now(), preferred = false, updated_at = now() WHERE id = ANY($1::int[])
     RETURNING id, type, group_key, operation_id`,
    [ids],
  );
  const refs = deleted.map(toRef).sort((a, b) => a.id - b.id);
  await recordHistory(manager, refs, 'deleted', by);
  return refs;
}

/** A stored figure as a writer compares it with what it brings (natural key, rulings, identity across releases). */
export interface StoredFigure {
  id: number;
  type: FigureType;
  dataset_key: string | null;
  operation_id: number;
  kind: FigureKind;
  unit: string;
  category: string | null;
  country_iso2: string | null;
  source_id: number;
  quantity: string;
  qualifier: Qualifier;
  notes: string | null;
  preferred_override: boolean | null;
  role: FigureRole | null;
  group_key: string;
  deleted: boolean;
  /** Has a version by an actor other than `dataActors` (an editor); false when none are given. */
  edited: boolean;
}

/**
 * Stored figures, live and deleted, in id order: those of some operations (an import), or every live figure and
 * every figure of the dataset (`dataset-or-live`, a data release).
 */
export async function readStoredFigures(
  manager: EntityManager,
  which: { operationIds: number[] } | 'dataset-or-live',
  dataActors: string[] = [],
): Promise<StoredFigure[]> {
  const where =
    which === 'dataset-or-live'
      ? 'f.dataset_key IS NOT NULL OR f.deleted_at IS NULL'
      : 'f.operation_id = ANY($2::int[])';
  return manager.query<StoredFigure[]>(
    `SELECT f.id, f.type, f.dataset_key, f.operation_id, f.kind, f.unit, f.category, f.country_iso2, f.source_id,
            f.quantity::text AS quantity, f.qualifier, f.notes, f.preferred_override, f.role, f.group_key,
            f.deleted_at IS NOT NULL AS deleted,
            cardinality($1::varchar[]) > 0 AND EXISTS (SELECT 1 FROM figure_revisions r WHERE r.figure_id = f.id AND r.actor <> ALL($1::varchar[])) AS edited
     FROM figures f
     WHERE ${where}
     ORDER BY f.id`,
    which === 'dataset-or-live' ? [dataActors] : [dataActors, which.operationIds],
  );
}

/** Makes figures the figures of dataset rows (`dataset_key`), without a change of their values. */
export async function linkDatasetKeys(manager: EntityManager, links: { id: number; key: string }[]): Promise<void> {
  for (const link of links)
    await manager.query('UPDATE figures SET dataset_key = $2 WHERE id = $1', [link.id, link.key]);
}

/** The live figure with the same natural key as `figure`, other than `exceptId`, if any. */
export async function findSameFigure(
  manager: EntityManager,
  figure: Pick<FigureValues, 'operationId' | 'kind' | 'unit' | 'category' | 'countryIso2' | 'sourceId' | 'quantity'>,
  exceptId: number | null,
): Promise<{ id: number; type: FigureType } | undefined> {
  const [existing] = await manager.query<{ id: number; type: FigureType }[]>(
    `SELECT id, type FROM figures WHERE ${NATURAL_KEY_MATCH} AND ($8::int IS NULL OR id <> $8) LIMIT 1`,
    [
      figure.operationId,
      figure.kind,
      figure.unit,
      figure.category,
      figure.countryIso2,
      figure.sourceId,
      figure.quantity,
      exceptId,
    ],
  );
  return existing;
}

/**
 * After writes: re-decides the preferred figure of the touched groups and rebuilds the rollups of the touched
 * operations (`all`: every group and operation, after a data release).
 */
export async function settleFigures(
  manager: EntityManager,
  touched: Pick<FigureRef, 'groupKey' | 'operationId'>[] | 'all',
): Promise<PreferenceChanges> {
  if (touched === 'all') {
    const preferred = await recomputePreferred(manager);
    await refreshFigureRollups(manager);
    return preferred;
  }
  const preferred = await recomputePreferred(manager, [...new Set(touched.map((f) => f.groupKey))]);
  await refreshFigureRollups(manager, [...new Set(touched.map((f) => f.operationId))]);
  return preferred;
}

/** A source's publisher tier or date ranks its figures: re-decides the groups of the live figures citing it. */
export async function settleFiguresCiting(manager: EntityManager, sourceId: number): Promise<void> {
  const rows = await manager.query<{ group_key: string; operation_id: number }[]>(
    'SELECT DISTINCT group_key, operation_id FROM figures WHERE source_id = $1 AND deleted_at IS NULL',
    [sourceId],
  );
  if (rows.length === 0) return;
  await settleFigures(
    manager,
    rows.map((r) => ({ groupKey: r.group_key, operationId: r.operation_id })),
  );
}

/** The rows of an `UPDATE … RETURNING` (TypeORM's PostgreSQL driver answers `[rows, affected]` for an UPDATE). */
async function updateReturning<T>(manager: EntityManager, sql: string, parameters: unknown[]): Promise<T[]> {
  const [rows] = await manager.query<[T[], number]>(sql, parameters);
  return rows;
}

function toRef(row: { id: number; type: FigureType; group_key: string; operation_id: number }): FigureRef {
  return { id: row.id, type: row.type, groupKey: row.group_key, operationId: row.operation_id };
}

/** Each figure's current values as its next version, and a change-feed entry each, in the given order. */
async function recordHistory(
  manager: EntityManager,
  figures: Pick<FigureRef, 'id' | 'type'>[],
  action: RevisionAction,
  by: WrittenBy,
): Promise<void> {
  const ids = figures.map((f) => f.id);
  await manager.query(
    `INSERT INTO figure_revisions (figure_id, type, version, action, reason, actor, at, ${SNAPSHOT_COLUMNS})
     SELECT f.id, f.type, coalesce((SELECT max(r.version) FROM figure_revisions r WHERE r.figure_id = f.id), 0) + 1,
            $2, $3, $4, clock_timestamp(), ${SNAPSHOT_OF_FIGURE}
     ${FIGURE_JOINS}
     WHERE f.id = ANY($1::int[])
     ORDER BY f.id`,
    [ids, action, by.reason, by.actor],
  );
  await recordChanges(
    manager,
    figures.map((f) => ({
      entity: 'figure',
      entityId: f.id,
      type: f.type,
      action,
      reason: by.reason,
      actor: by.actor,
      href: figureHref(f.type, f.id),
    })),
  );
}

const SNAPSHOT_COLUMNS =
  'operation_code, kind, quantity, unit, qualifier, category, country_iso2, source_id, source_url, notes, preferred_override, role';
/** The snapshot columns read from the figure as it is now (`f`, with `o` its operation and `s` its source). */
const SNAPSHOT_OF_FIGURE =
  'o.code, f.kind, f.quantity, f.unit, f.qualifier, f.category, f.country_iso2, f.source_id, s.url, f.notes, f.preferred_override, f.role';
const FIGURE_JOINS = 'FROM figures f JOIN operations o ON o.id = f.operation_id JOIN sources s ON s.id = f.source_id';

/**
 * Writes version 1 of figures that have no history yet (loaded by the seed): their values as they are now,
 * by `seed`, at the time they were loaded. Called before changing them; a no-op for figures with versions.
 */
async function ensureFirstRevisions(manager: EntityManager, ids: number[]): Promise<void> {
  await manager.query(
    `INSERT INTO figure_revisions (figure_id, type, version, action, reason, actor, at, ${SNAPSHOT_COLUMNS})
     SELECT f.id, f.type, 1, 'created', NULL, $2, f.created_at, ${SNAPSHOT_OF_FIGURE}
     ${FIGURE_JOINS}
     WHERE f.id = ANY($1::int[]) AND NOT EXISTS (SELECT 1 FROM figure_revisions r WHERE r.figure_id = f.id)
     ORDER BY f.id`,
    [ids, SEED_ACTOR],
  );
}
