import { EntityManager } from 'typeorm';
import { ChangeAction, ChangedEntity } from './change-kinds';

/** Key of the transaction-level advisory lock that every write takes first. */
const WRITE_LOCK_KEY = 'operation-results-api:writes';

/**
 * Serialises writes: call first in every write transaction (taking it again
 * in the same transaction is free). Held until commit or rollback, so change
 * ids and times are handed out in commit order and a partner reading the feed
 * with `after=<last id>` can never skip an entry that commits late. Writes are
 * rare (editors, imports), so the cost is only waiting, never a deadlock on
 * this lock, since everyone takes it before touching any row.
 */
export async function lockWrites(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [WRITE_LOCK_KEY]);
}

export interface ChangeEntry {
  entity: ChangedEntity;
  entityId: string | number;
  /** For figures: seizure, arrest or outcome (a `FigureType`; the feed is below the features that write to it). */
  type?: string;
  action: ChangeAction;
  reason?: string | null;
  actor: string;
  href: string;
}

/** Appends an entry to the change feed, in the caller's transaction. */
export async function recordChange(manager: EntityManager, entry: ChangeEntry): Promise<void> {
  await lockWrites(manager);
  await manager.query(
    `INSERT INTO changes (at, entity, entity_id, type, action, reason, actor, href) VALUES (clock_timestamp(), $1, $2, $3, $4, $5, $6, $7)`,
    [
      entry.entity,
      String(entry.entityId),
      entry.type ?? null,
      entry.action,
      entry.reason ?? null,
      entry.actor,
      entry.href,
    ],
  );
}

/** Appends many entries to the change feed, in the given order, in the caller's transaction. */
export async function recordChanges(manager: EntityManager, entries: ChangeEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await lockWrites(manager);
  await manager.query(
    `INSERT INTO changes (at, entity, entity_id, type, action, reason, actor, href)
     SELECT clock_timestamp(), e.entity, e.entity_id, e.type, e.action, e.reason, e.actor, e.href
     FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::text[], $6::varchar[], $7::text[])
          WITH ORDINALITY AS e(entity, entity_id, type, action, reason, actor, href, n)
     ORDER BY e.n`,
    [
      entries.map((e) => e.entity),
      entries.map((e) => String(e.entityId)),
      entries.map((e) => e.type ?? null),
      entries.map((e) => e.action),
      entries.map((e) => e.reason ?? null),
      entries.map((e) => e.actor),
      entries.map((e) => e.href),
    ],
  );
}
