import { EntityManager } from 'typeorm';
import { SEED_ACTOR } from '../../figures/figure-revisions';
import { canonicalDecimal, figureNaturalKey } from '../../figures/figure-rules';
import {
  deleteFigures,
  FigureValues,
  insertFigures,
  linkDatasetKeys,
  readStoredFigures,
  rewriteFigures,
  StoredFigure,
} from '../../figures/figure-store';
import { FigureRow } from '../../figures/result-row';
import { SeedData } from './seed-data';

/** The actor of every change a data release makes (revisions and change feed). */
export const DATASET_ACTOR = 'dataset';

/** Actors that are not editors: the first load (`seed`) and the releases (`dataset`). */
const DATA_ACTORS = [SEED_ACTOR, DATASET_ACTOR];

/** The reason recorded with each change a release makes. */
export function releaseReason(release: number): string {
  return `data release ${release}`;
}

/** What applying a release did to the figures (and what it did not do because an editor had been there first). */
export interface ReleaseReport {
  release: number;
  /** The release the database held before; null for an empty database (first load). */
  previousRelease: number | null;
  /** Rows of the snapshot that were new: inserted (or, retired by an earlier release, brought back). */
  added: number;
  /** Figures whose quantity, qualifier, notes, `preferred` or `role` the release changed. */
  corrected: number;
  /** Figures whose row is no longer in the snapshot: soft-deleted. */
  retired: number;
  /** Figures an editor corrected or deleted (or created) through the API that the release would have changed: kept as they are. */
  leftAlone: number;
  leftAloneIds: number[];
  /** Operations an editor created, corrected or deleted through the API: not overwritten, not re-added. */
  operationsLeftAlone: string[];
  /** Participations (`code/ISO2`) an editor added or removed through the API: not overwritten, not re-added. */
  participationsLeftAlone: string[];
}

/** What an editor has touched: the release must not undo it. */
export interface EditorState {
  /** Operation codes with a change-feed entry by an editor. */
  operations: Set<string>;
  /** Participations (`code/ISO2`) with a change-feed entry by an editor. */
  participations: Set<string>;
  /** What earlier applications of the same release already reported as left alone: each is reported once per release. */
  reported: { figureIds: Set<number>; operations: Set<string>; participations: Set<string> };
}

/**
 * Operations and participations with a change-feed entry by an editor (any actor but `seed` and `dataset`),
 * and what applying `release` before already reported.
 */
export async function editorState(manager: EntityManager, release: number): Promise<EditorState> {
  const rows = await manager.query<{ entity: string; entity_id: string }[]>(
    `SELECT DISTINCT entity, entity_id FROM changes WHERE entity IN ('operation', 'participation') AND actor <> ALL($1::varchar[])`,
    [DATA_ACTORS],
  );
  const reported = async (field: keyof ReleaseReport) =>
    (
      await manager.query<{ value: string }[]>(
        `SELECT DISTINCT x AS value FROM dataset_releases d, jsonb_array_elements_text(coalesce(d.report->($2::text), '[]'::jsonb)) x WHERE d.release = $1`,
        [release, field],
      )
    ).map((r) => r.value);
  return {
    operations: new Set(rows.filter((r) => r.entity === 'operation').map((r) => r.entity_id)),
    participations: new Set(rows.filter((r) => r.entity === 'participation').map((r) => r.entity_id)),
    reported: {
      figureIds: new Set((await reported('leftAloneIds')).map(Number)),
      operations: new Set(await reported('operationsLeftAlone')),
      participations: new Set(await reported('participationsLeftAlone')),
    },
  };
}

/**
 * The release the database holds: the last one recorded in `dataset_releases`; a database seeded before
 * releases were recorded holds release 1; an empty one none (null).
 */
export async function storedRelease(manager: EntityManager): Promise<number | null> {
  const [row] = await manager.query<{ release: number }[]>(
    'SELECT release FROM dataset_releases ORDER BY id DESC LIMIT 1',
  );
  if (row) return row.release;
  const [{ found }] = await manager.query<{ found: boolean }[]>('SELECT EXISTS (SELECT 1 FROM operations) AS found');
  return found ? 1 : null;
}

/** Records that the database now holds `report.release`, with the report. */
export async function recordRelease(manager: EntityManager, report: ReleaseReport): Promise<void> {
  await manager.query('INSERT INTO dataset_releases (release, applied_at, report) VALUES ($1, now(), $2::jsonb)', [
    report.release,
    JSON.stringify(report),
  ]);
}

export interface FigureSnapshotResult {
  report: Pick<ReleaseReport, 'added' | 'corrected' | 'retired' | 'leftAlone' | 'leftAloneIds'>;
  /** Snapshot rows not written because an editor got there first (or deleted their operation). */
  rowsLeftAlone: number;
}

/**
 * Applies results.csv as a full snapshot, compared by row identity (`dataset_key`), in the caller's
 * transaction (which holds the write lock): new rows inserted, changed rows corrected, rows gone retired
 * (soft delete). Every change is a revision and a change-feed entry by `dataset` with the release as its
 * reason, except on the first load of an empty database (`firstLoad`), whose figures count as version 1 by
 * `seed` as before. A figure with a version by an editor is never written; when the snapshot differs from
 * it, it is reported as left alone (once per release). The caller re-decides preference and rollups.
 */
export async function applyFigureSnapshot(
  manager: EntityManager,
  data: SeedData,
  ids: { operations: Map<string, number>; sources: Map<string, number> },
  firstLoad: boolean,
  alreadyReported: Set<number>,
): Promise<FigureSnapshotResult> {
  const reason = releaseReason(data.release);
  const stored = await readStoredFigures(manager, 'dataset-or-live', DATA_ACTORS);
  const byKey = new Map<string, StoredFigure>();
  // Live figures the release does not control (editors' own, or edited): a row must not duplicate them.
  const protectedByNaturalKey = new Map<string, StoredFigure>();
  for (const f of stored) {
    if (f.dataset_key !== null) byKey.set(f.dataset_key, f);
    if (!f.deleted && (f.dataset_key === null || f.edited)) {
      protectedByNaturalKey.set(
        figureNaturalKey(f.operation_id, f.kind, f.unit, f.category, f.country_iso2, f.source_id, f.quantity),
        f,
      );
    }
  }

  const leftAlone = new Set<number>();
  let rowsLeftAlone = 0;
  /** Reports a figure left alone (once per release); `row`: a snapshot row was not written for it. */
  const leave = (id: number, row: boolean) => {
    if (alreadyReported.has(id)) return;
    leftAlone.add(id);
    if (row) rowsLeftAlone += 1;
  };
  const inSnapshot = new Set<string>();
  const inserts: { row: FigureRow; operationId: number; sourceId: number }[] = [];
  const rewrites: { id: number; row: FigureRow; operationId: number; sourceId: number; restore: boolean }[] = [];
  const links: { id: number; key: string }[] = [];

  for (const row of data.figures) {
    inSnapshot.add(row.datasetKey);
    const operationId = ids.operations.get(row.operationCode);
    const sourceId = ids.sources.get(row.sourceUrl)!;
    if (operationId === undefined) {
      // The operation was deleted by an editor (and is not re-added): nor are its figures.
      rowsLeftAlone += 1;
      continue;
    }
    const rowNaturalKey = figureNaturalKey(
      operationId,
      row.kind,
      row.unit,
      row.category,
      row.countryIso2,
      sourceId,
      row.quantity,
    );
    const clash = protectedByNaturalKey.get(rowNaturalKey);
    const existing = byKey.get(row.datasetKey);
    if (existing) {
      const same =
        !existing.deleted &&
        existing.operation_id === operationId &&
        existing.kind === row.kind &&
        existing.unit === row.unit &&
        (existing.category ?? null) === row.category &&
        existing.country_iso2 === row.countryIso2 &&
        existing.source_id === sourceId &&
        canonicalDecimal(existing.quantity) === canonicalDecimal(row.quantity) &&
        existing.qualifier === row.qualifier &&
        existing.notes === row.notes &&
        existing.preferred_override === row.preferredOverride &&
        existing.role === row.role;
      if (same) continue;
      if (existing.edited) {
        leave(existing.id, true);
      } else if (clash && clash.id !== existing.id) {
        // The new values would duplicate a figure an editor keeps: that one stands.
        leave(clash.id, true);
      } else {
        rewrites.push({ id: existing.id, row, operationId, sourceId, restore: existing.deleted });
      }
    } else if (clash) {
      // An editor already entered this figure: it stands, and becomes this row's figure for later releases.
      if (clash.dataset_key === null) links.push({ id: clash.id, key: row.datasetKey });
      leave(clash.id, true);
    } else {
      inserts.push({ row, operationId, sourceId });
    }
  }

  const retire: number[] = [];
  for (const f of stored) {
    if (f.dataset_key === null || f.deleted || inSnapshot.has(f.dataset_key)) continue;
    if (f.edited) leave(f.id, false);
    else retire.push(f.id);
  }

  const by = { actor: DATASET_ACTOR, reason };
  const values = (r: { row: FigureRow; operationId: number; sourceId: number }): FigureValues => ({
    ...r.row,
    operationId: r.operationId,
    sourceId: r.sourceId,
  });
  // Retired first, so that a row taking over a retired figure's values never meets it in the unique index.
  await deleteFigures(manager, retire, by);
  // A figure retired by an earlier release and back in this one is created again (a new version, same id).
  for (const restore of [false, true]) {
    await rewriteFigures(
      manager,
      rewrites.filter((r) => r.restore === restore).map((r) => ({ ...values(r), id: r.id })),
      by,
      restore,
    );
  }
  await insertFigures(
    manager,
    inserts.map(values),
    firstLoad ? null : by,
    inserts.map((r) => r.row.datasetKey),
  );
  await linkDatasetKeys(manager, links);
  const leftAloneIds = [...leftAlone].sort((a, b) => a - b);
  return {
    report: {
      added: inserts.length + rewrites.filter((r) => r.restore).length,
      corrected: rewrites.filter((r) => !r.restore).length,
      retired: retire.length,
      leftAlone: leftAloneIds.length,
      leftAloneIds,
    },
    rowsLeftAlone,
  };
}
