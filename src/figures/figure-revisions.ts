import { EntityManager } from 'typeorm';
import { FigureKind, FigureRole, FigureType, Qualifier } from './figure-kinds';
import { RevisionAction } from './entities/figure-revision.entity';
import { FigureRevisionDto } from './dto/figure-revision.dto';

/** The actor of the figures loaded from the bundled dataset. Revisions are written by figure-store.ts. */
export const SEED_ACTOR = 'seed';

const FIGURE_JOINS = 'FROM figures f JOIN operations o ON o.id = f.operation_id JOIN sources s ON s.id = f.source_id';

interface RevisionRow {
  version: number;
  action: RevisionAction;
  reason: string | null;
  actor: string;
  at: Date;
  operation_code: string;
  kind: FigureKind;
  quantity: string;
  unit: string;
  qualifier: Qualifier;
  category: string | null;
  country_iso2: string | null;
  source_id: number;
  source_url: string;
  notes: string | null;
  preferred_override: boolean | null;
  role: FigureRole | null;
}

export function toRevisionResponse(row: RevisionRow): FigureRevisionDto {
  return {
    version: row.version,
    action: row.action,
    reason: row.reason,
    actor: row.actor,
    at: row.at.toISOString(),
    values: {
      operation: row.operation_code,
      kind: row.kind,
      quantity: row.quantity,
      unit: row.unit,
      qualifier: row.qualifier,
      category: row.category === '' ? null : row.category,
      country: row.country_iso2,
      sourceId: row.source_id,
      sourceUrl: row.source_url,
      notes: row.notes,
      preferredOverride: row.preferred_override,
      role: row.role,
    },
  };
}

/**
 * Every version of a figure of `type`, oldest first; deleted figures keep theirs.
 * A seeded figure never changed has one version, read from the figure itself.
 * Null when no figure of that type has the id.
 */
export async function readRevisions(
  manager: EntityManager,
  type: FigureType,
  figureId: number,
): Promise<FigureRevisionDto[] | null> {
  const stored = await manager.query<RevisionRow[]>(
    `SELECT version, action, reason, actor, at, operation_code, kind, quantity::text AS quantity, unit, qualifier, category,
            country_iso2, source_id, source_url, notes, preferred_override, role
     FROM figure_revisions WHERE figure_id = $1 AND type = $2 ORDER BY version`,
    [figureId, type],
  );
  if (stored.length > 0) return stored.map(toRevisionResponse);
  const current = await manager.query<RevisionRow[]>(
    `SELECT 1 AS version, 'created' AS action, NULL AS reason, $3::text AS actor, f.created_at AS at,
            o.code AS operation_code, f.kind, f.quantity::text AS quantity, f.unit, f.qualifier, f.category, f.country_iso2,
            f.source_id, s.url AS source_url, f.notes, f.preferred_override, f.role
     ${FIGURE_JOINS}
     WHERE f.id = $1 AND f.type = $2 AND f.deleted_at IS NULL`,
    [figureId, type, SEED_ACTOR],
  );
  return current.length > 0 ? current.map(toRevisionResponse) : null;
}
