import { EntityManager } from 'typeorm';
import { recordChange } from '../common/writes/change-log';
import { InvalidParam } from '../common/problem';
import { isHttpUrl, isValidDate } from '../common/values';
import { SOURCE_TIERS, SourceTier } from './entities/publisher.entity';

/** A cited page as a write gives it: found by its URL, or added when new. */
export interface SourceInput {
  url: string;
  /** Publisher name; for a new source required (except for participations), for a known one it must agree. */
  publisher?: string | null;
  /** Date printed on the page (YYYY-MM-DD); for a known source it must agree. */
  publishedOn?: string | null;
  /** Tier of a publisher that is not listed yet (official, regulator, media). */
  tier?: SourceTier;
}

/** How a write names its source: `sourceId` of a stored source, or `source` by URL. Exactly one. */
export interface SourceRef {
  sourceId?: number;
  source?: SourceInput;
}

/** The source a write will cite, checked but not yet written. */
export type SourcePlan =
  | { kind: 'existing'; id: number; url: string; publishedOn: string | null; publisherId: number | null }
  | {
      kind: 'new';
      url: string;
      publishedOn: string | null;
      publisher: { id: number } | { name: string; tier: SourceTier } | null;
    };

export interface ResolvedSource {
  id: number;
  url: string;
  publishedOn: string | null;
  publisherId: number | null;
}

export interface SourceFieldNames {
  /** Name of the `source` object in the request, e.g. `source` (errors name `source.url`, …); '' when the fields are top-level. */
  source: string;
  sourceId: string;
}

/** `source.url`, or `url` when the source fields are the body itself. */
function fieldName(prefix: string, field: string): string {
  return prefix ? `${prefix}.${field}` : field;
}

interface PublisherRow {
  id: number;
  name: string;
  tier: SourceTier;
}

/** A page's date: a real YYYY-MM-DD date, not after tomorrow (UTC, to allow for time zones). */
export function publishedOnViolation(value: string): string | null {
  if (!isValidDate(value)) return `"${value}" is not a valid YYYY-MM-DD date`;
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  if (value > tomorrow) return `${value} is in the future`;
  return null;
}

/** Checks a page's URL, publisher, date and tier (not whether they agree with the database); pushes errors. */
export function checkSourceFields(input: Partial<SourceInput>, prefix: string, errors: InvalidParam[]): void {
  const name = (field: string) => fieldName(prefix, field);
  if (input.url !== undefined && (typeof input.url !== 'string' || !isHttpUrl(input.url))) {
    errors.push({ name: name('url'), reason: `url "${String(input.url)}" is not an http(s) URL` });
  }
  if (typeof input.publishedOn === 'string') {
    const bad = publishedOnViolation(input.publishedOn);
    if (bad) errors.push({ name: name('publishedOn'), reason: `publishedOn ${bad}` });
  }
  if (input.tier !== undefined && !SOURCE_TIERS.includes(input.tier)) {
    errors.push({ name: name('tier'), reason: `tier must be one of: ${SOURCE_TIERS.join(', ')}` });
  }
}

async function findPublisher(manager: EntityManager, name: string): Promise<PublisherRow | undefined> {
  const rows = await manager.query<PublisherRow[]>(
    'SELECT id, name, tier FROM publishers WHERE lower(name) = lower($1) ORDER BY id',
    [name.trim()],
  );
  return rows.find((p) => p.name === name.trim()) ?? rows[0];
}

/**
 * Resolves a publisher name for a source: a listed publisher (case-insensitive;
 * a `tier` given must be its tier), or a new one when `tier` says how much it weighs.
 */
export async function planPublisher(
  manager: EntityManager,
  name: string,
  tier: SourceTier | undefined,
  names: { publisher: string; tier: string },
  errors: InvalidParam[],
): Promise<{ id: number } | { name: string; tier: SourceTier } | null> {
  const publisher = await findPublisher(manager, name);
  if (publisher) {
    if (tier !== undefined && tier !== publisher.tier) {
      errors.push({
        name: names.tier,
        reason: `publisher '${publisher.name}' is listed as ${publisher.tier}; tiers belong to publishers, not sources`,
      });
    }
    return { id: publisher.id };
  }
  if (tier === undefined) {
    errors.push({
      name: names.publisher,
      reason: `publisher '${name}' is not listed yet: give its tier (${SOURCE_TIERS.join(', ')}) in ${names.tier} to add it`,
    });
    return null;
  }
  if (name.trim() === '' || name !== name.trim() || name.length > 256) {
    errors.push({ name: names.publisher, reason: 'publisher must be 1 to 256 characters without surrounding spaces' });
    return null;
  }
  return { name, tier };
}

/**
 * Works out which source a write cites, without writing: a stored one (by id,
 * or by URL, whose publisher and date must then agree with what is stored), or
 * a new page (by URL, with its publisher). Problems are pushed to `errors`
 * under the request's field names; null when the source cannot be used.
 */
export async function planSource(
  manager: EntityManager,
  ref: SourceRef,
  names: SourceFieldNames,
  options: { requirePublisher: boolean },
  errors: InvalidParam[],
): Promise<SourcePlan | null> {
  const given =
    (ref.source !== undefined && ref.source !== null ? 1 : 0) +
    (ref.sourceId !== undefined && ref.sourceId !== null ? 1 : 0);
  if (given !== 1) {
    errors.push({
      name: names.source,
      reason: `give exactly one of ${names.source} ({url, publisher, publishedOn}) and ${names.sourceId}: every record cites its source`,
    });
    return null;
  }
  const noPublisher = (id: number) =>
    errors.push({
      name: ref.sourceId !== undefined ? names.sourceId : fieldName(names.source, 'publisher'),
      reason: `source ${id} has no publisher, and this record needs one: set it with PATCH /v1/sources/${id}`,
    });

  if (ref.sourceId !== undefined) {
    const [row] = await manager.query<
      { id: number; url: string; published_on: string | null; publisher_id: number | null }[]
    >('SELECT id, url, published_on::text AS published_on, publisher_id FROM sources WHERE id = $1', [ref.sourceId]);
    if (!row) {
      errors.push({ name: names.sourceId, reason: `no source has the id ${ref.sourceId}; see /v1/sources` });
      return null;
    }
    if (options.requirePublisher && row.publisher_id === null) noPublisher(row.id);
    return { kind: 'existing', id: row.id, url: row.url, publishedOn: row.published_on, publisherId: row.publisher_id };
  }

  const input = ref.source!;
  const before = errors.length;
  checkSourceFields(input, names.source, errors);
  if (errors.length > before) return null;
  const [stored] = await manager.query<
    {
      id: number;
      url: string;
      published_on: string | null;
      publisher_id: number | null;
      publisher: string | null;
      tier: SourceTier | null;
    }[]
  >(
    `SELECT s.id, s.url, s.published_on::text AS published_on, s.publisher_id, p.name AS publisher, p.tier
     FROM sources s LEFT JOIN publishers p ON p.id = s.publisher_id WHERE s.url = $1`,
    [input.url],
  );
  if (stored) {
    const correct = `correct the source with PATCH /v1/sources/${stored.id} or leave the field out`;
    if (
      input.publisher !== undefined &&
      (input.publisher ?? '').toLowerCase() !== (stored.publisher ?? '').toLowerCase()
    ) {
      errors.push({
        name: fieldName(names.source, 'publisher'),
        reason: `source ${stored.id} (${stored.url}) is stored with the publisher ${stored.publisher === null ? 'unknown' : `'${stored.publisher}'`}; ${correct}`,
      });
    }
    if (input.publishedOn !== undefined && (input.publishedOn ?? null) !== stored.published_on) {
      errors.push({
        name: fieldName(names.source, 'publishedOn'),
        reason: `source ${stored.id} is stored with the date ${stored.published_on ?? '(none)'}; ${correct}`,
      });
    }
    if (input.tier !== undefined && input.tier !== stored.tier) {
      errors.push({
        name: fieldName(names.source, 'tier'),
        reason: `source ${stored.id}'s publisher is ${stored.tier ?? 'unknown'}; tiers belong to publishers`,
      });
    }
    if (options.requirePublisher && stored.publisher_id === null && input.publisher === undefined)
      noPublisher(stored.id);
    return {
      kind: 'existing',
      id: stored.id,
      url: stored.url,
      publishedOn: stored.published_on,
      publisherId: stored.publisher_id,
    };
  }

  let publisher: { id: number } | { name: string; tier: SourceTier } | null = null;
  if (input.publisher === undefined || input.publisher === null) {
    if (options.requirePublisher) {
      errors.push({
        name: fieldName(names.source, 'publisher'),
        reason: `publisher is required for a new source (${input.url})`,
      });
      return null;
    }
  } else {
    publisher = await planPublisher(
      manager,
      input.publisher,
      input.tier,
      { publisher: fieldName(names.source, 'publisher'), tier: fieldName(names.source, 'tier') },
      errors,
    );
    if (!publisher) return null;
  }
  return { kind: 'new', url: input.url, publishedOn: input.publishedOn ?? null, publisher };
}

/** Adds a publisher planned by `planPublisher` when it is new; returns its id. */
export async function applyPublisher(
  manager: EntityManager,
  plan: { id: number } | { name: string; tier: SourceTier },
): Promise<number> {
  if ('id' in plan) return plan.id;
  const [row] = await manager.query<{ id: number }[]>(
    'INSERT INTO publishers (name, tier) VALUES ($1, $2) RETURNING id',
    [plan.name, plan.tier],
  );
  return row.id;
}

/** Writes a planned source (adding the page, and its publisher, when new, with a change-feed entry). */
export async function applySource(manager: EntityManager, plan: SourcePlan, actor: string): Promise<ResolvedSource> {
  if (plan.kind === 'existing')
    return { id: plan.id, url: plan.url, publishedOn: plan.publishedOn, publisherId: plan.publisherId };
  const publisherId = plan.publisher === null ? null : await applyPublisher(manager, plan.publisher);
  const [row] = await manager.query<{ id: number }[]>(
    'INSERT INTO sources (url, publisher_id, published_on) VALUES ($1, $2, $3) RETURNING id',
    [plan.url, publisherId, plan.publishedOn],
  );
  await recordChange(manager, {
    entity: 'source',
    entityId: row.id,
    action: 'created',
    actor,
    href: `/v1/sources/${row.id}`,
  });
  return { id: row.id, url: plan.url, publishedOn: plan.publishedOn, publisherId };
}

/** `applySource` for many new pages at once (an import): adds them and their change-feed entries; returns url → id. */
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
