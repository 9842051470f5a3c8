import { EntityManager } from 'typeorm';
import { recomputePreferred, PreferenceChanges } from '../../figures/figure-preference';
import { groupKey } from '../../figures/figure-rules';
import { RegionKind } from '../../regions/entities/region.entity';
import { regionCodeOfLabel } from './operational-regions';
import { canonicalDecimal, SEED_FILES, SeedData } from './seed-data';

export interface TableReport {
  /** The file (or derived set) the rows come from, e.g. `results.csv`. */
  name: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows that match a figure an editor soft-deleted: left deleted, not re-inserted. */
  keptDeleted: number;
}

export interface SeedReport {
  tables: TableReport[];
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  preferred: PreferenceChanges;
  /** Informational remarks (countries UN M49 does not place). */
  notes: string[];
}

export type SeedLog = (line: string) => void;

type Value = string | number | boolean | null;

interface UpsertSpec {
  table: string;
  columns: string[];
  /** ON CONFLICT target, e.g. `(code)`. */
  conflict: string;
  /** Columns compared and updated when the natural key exists; empty: insert only. */
  update: string[];
  /** The table has an `updated_at` column to bump on change. */
  touch?: boolean;
}

interface UpsertCounts {
  inserted: number;
  updated: number;
}

const MAX_PARAMETERS = 30000;

/**
 * Multi-row `INSERT … ON CONFLICT … DO UPDATE … WHERE (…) IS DISTINCT FROM (…)`:
 * new keys are inserted, changed rows updated, equal rows left alone (and not
 * counted as written). `xmax = 0` tells an inserted row from an updated one.
 */
async function upsert(manager: EntityManager, spec: UpsertSpec, rows: Value[][]): Promise<UpsertCounts> {
  const counts = { inserted: 0, updated: 0 };
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / spec.columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: Value[] = [];
    const tuples = chunk.map((row) => {
      const placeholders = row.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    const action =
      spec.update.length === 0
        ? 'DO NOTHING'
        : `DO UPDATE SET ${[...spec.update.map((c) => `${c} = EXCLUDED.${c}`), ...(spec.touch ? ['updated_at = now()'] : [])].join(', ')}` +
          ` WHERE ROW(${spec.update.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM ROW(${spec.update.map((c) => `EXCLUDED.${c}`).join(', ')})`;
    const written: { inserted: boolean }[] = await manager.query(
      `INSERT INTO ${spec.table} AS t (${spec.columns.join(', ')}) VALUES ${tuples.join(', ')} ` +
        `ON CONFLICT ${spec.conflict} ${action} RETURNING (t.xmax = 0) AS inserted`,
      params,
    );
    for (const row of written) {
      if (row.inserted) counts.inserted += 1;
      else counts.updated += 1;
    }
  }
  return counts;
}

async function idsBy(manager: EntityManager, sql: string): Promise<Map<string, number>> {
  const rows: { key: string; id: number }[] = await manager.query(sql);
  return new Map(rows.map((row) => [row.key, row.id]));
}

const REGION_LEVELS: RegionKind[] = ['world', 'region', 'sub_region', 'intermediate_region', 'operational'];

/**
 * Writes validated seed data through `manager` (which should be inside a
 * transaction): reference data from the packages, then each file, then the
 * preferred figure of every group. Natural keys decide insert or update.
 */
export async function writeSeed(manager: EntityManager, data: SeedData, log: SeedLog = () => undefined): Promise<SeedReport> {
  const tables: TableReport[] = [];
  const record = (name: string, rows: number, counts: UpsertCounts, keptDeleted = 0) => {
    const unchanged = rows - counts.inserted - counts.updated - keptDeleted;
    const report = { name, rows, ...counts, unchanged, keptDeleted };
    tables.push(report);
    log(
      `seed: ${name} ${rows} rows: ${counts.inserted} inserted, ${counts.updated} updated, ${unchanged} unchanged` +
        (keptDeleted ? `, ${keptDeleted} left soft-deleted` : ''),
    );
  };
  const { reference } = data;

  // Regions, level by level so that every parent has an id before its children.
  const regionCounts = { inserted: 0, updated: 0 };
  let regionIds = new Map<string, number>();
  for (const level of REGION_LEVELS) {
    const rows = reference.regions
      .filter((region) => region.kind === level)
      .map((r) => [r.code, r.name, r.kind, r.m49Code, r.operationalLabel, r.parentCode === null ? null : regionIds.get(r.parentCode)!]);
    const counts = await upsert(
      manager,
      { table: 'regions', columns: ['code', 'name', 'kind', 'm49_code', 'operational_label', 'parent_id'], conflict: '(code)', update: ['name', 'kind', 'm49_code', 'operational_label', 'parent_id'] },
      rows,
    );
    regionCounts.inserted += counts.inserted;
    regionCounts.updated += counts.updated;
    regionIds = await idsBy(manager, 'SELECT code AS key, id FROM regions');
  }
  record('regions (UN M49 and operational)', reference.regions.length, regionCounts);

  record(
    'countries (ISO 3166-1)',
    reference.countries.length,
    await upsert(
      manager,
      { table: 'countries', columns: ['iso2', 'iso3', 'numeric_code', 'name', 'region_id', 'sub_region_id'], conflict: '(iso2)', update: ['iso3', 'numeric_code', 'name', 'region_id', 'sub_region_id'] },
      reference.countries.map((c) => [
        c.iso2,
        c.iso3,
        c.numericCode,
        c.name,
        c.regionCode === null ? null : regionIds.get(c.regionCode)!,
        c.subRegionCode === null ? null : regionIds.get(c.subRegionCode)!,
      ]),
    ),
  );
  record(
    'region memberships',
    reference.memberships.length,
    await upsert(
      manager,
      { table: 'region_countries', columns: ['region_id', 'country_iso2'], conflict: '(region_id, country_iso2)', update: [] },
      reference.memberships.map((m) => [regionIds.get(m.regionCode)!, m.iso2]),
    ),
  );

  record(
    SEED_FILES.publishers,
    data.publishers.length,
    await upsert(manager, { table: 'publishers', columns: ['name', 'tier'], conflict: '(name)', update: ['tier'] }, data.publishers.map((p) => [p.name, p.tier])),
  );
  const publisherIds = await idsBy(manager, 'SELECT name AS key, id FROM publishers');

  record(
    'sources (URLs cited by the files)',
    data.sources.length,
    await upsert(
      manager,
      { table: 'sources', columns: ['url', 'publisher_id', 'published_on'], conflict: '(url)', update: ['publisher_id', 'published_on'], touch: true },
      data.sources.map((s) => [s.url, s.publisherName === null ? null : publisherIds.get(s.publisherName)!, s.publishedOn]),
    ),
  );
  const sourceIds = await idsBy(manager, 'SELECT url AS key, id FROM sources');

  record(
    SEED_FILES.series,
    data.series.length,
    await upsert(
      manager,
      { table: 'series', columns: ['code', 'name', 'crime_area', 'description'], conflict: '(code)', update: ['name', 'crime_area', 'description'] },
      data.series.map((s) => [s.code, s.name, s.crimeArea, s.description]),
    ),
  );
  const seriesIds = await idsBy(manager, 'SELECT code AS key, id FROM series');

  const regionOfLabel = (label: string | null): number | null => {
    if (label === null) return null;
    return regionIds.get(regionCodeOfLabel(label))!;
  };
  const operationColumns = [
    'code', 'name', 'series_id', 'edition', 'year', 'start_date', 'end_date', 'region_id', 'crime_area',
    'countries_count', 'agencies_count', 'source_id', 'notes',
  ];
  record(
    SEED_FILES.operations,
    data.operations.length,
    await upsert(
      manager,
      { table: 'operations', columns: operationColumns, conflict: '(code)', update: operationColumns.slice(1), touch: true },
      data.operations.map((o) => [
        o.code, o.name, seriesIds.get(o.seriesCode)!, o.edition, o.year, o.startDate, o.endDate, regionOfLabel(o.regionLabel),
        o.crimeArea, o.countriesCount, o.agenciesCount, sourceIds.get(o.sourceUrl)!, o.notes,
      ]),
    ),
  );
  const operationIds = await idsBy(manager, 'SELECT code AS key, id FROM operations');

  record(
    SEED_FILES.participations,
    data.participations.length,
    await upsert(
      manager,
      { table: 'operation_countries', columns: ['operation_id', 'country_iso2', 'source_id'], conflict: '(operation_id, country_iso2)', update: ['source_id'] },
      data.participations.map((p) => [operationIds.get(p.operationCode)!, p.iso2, sourceIds.get(p.sourceUrl)!]),
    ),
  );

  // Figures. A row whose natural key matches only a soft-deleted figure stays deleted:
  // the deletion is an editor's decision that re-running the seed must not undo.
  const naturalKey = (operationId: number, kind: string, unit: string, category: string | null, country: string | null, sourceId: number, quantity: string) =>
    [operationId, kind, unit, category ?? '', country ?? '', sourceId, canonicalDecimal(quantity)].join('\u0000');
  const stored: { operation_id: number; kind: string; unit: string; category: string | null; country_iso2: string | null; source_id: number; quantity: string; deleted: boolean }[] =
    await manager.query(
      'SELECT operation_id, kind, unit, category, country_iso2, source_id, quantity::text AS quantity, deleted_at IS NOT NULL AS deleted FROM figures',
    );
  const live = new Set<string>();
  const deleted = new Set<string>();
  for (const f of stored) {
    (f.deleted ? deleted : live).add(naturalKey(f.operation_id, f.kind, f.unit, f.category, f.country_iso2, f.source_id, f.quantity));
  }
  const figureColumns = [
    'operation_id', 'kind', 'unit', 'category', 'country_iso2', 'source_id', 'quantity', 'type', 'qualifier', 'unit_class',
    'normalized_quantity', 'currency', 'category_key', 'group_key', 'notes', 'preferred_override', 'role',
  ];
  let keptDeleted = 0;
  const figureRows: Value[][] = [];
  for (const f of data.figures) {
    const operationId = operationIds.get(f.operationCode)!;
    const sourceId = sourceIds.get(f.sourceUrl)!;
    const key = naturalKey(operationId, f.kind, f.unit, f.category, f.countryIso2, sourceId, f.quantity);
    if (deleted.has(key) && !live.has(key)) {
      keptDeleted += 1;
      continue;
    }
    figureRows.push([
      operationId, f.kind, f.unit, f.category, f.countryIso2, sourceId, f.quantity, f.type, f.qualifier, f.unitClass,
      f.normalizedQuantity, f.currency, f.categoryKey,
      groupKey({ operationId, kind: f.kind, unitClass: f.unitClass, categoryKey: f.categoryKey, countryIso2: f.countryIso2, unit: f.unit }),
      f.notes, f.preferredOverride, f.role,
    ]);
  }
  record(
    SEED_FILES.results,
    data.figures.length,
    await upsert(
      manager,
      {
        table: 'figures',
        columns: figureColumns,
        // The partial expression index uq_figures_natural_key.
        conflict: `(operation_id, kind, unit, (coalesce(category, '')), (coalesce(country_iso2, '')), source_id, quantity) WHERE deleted_at IS NULL`,
        update: ['category', 'country_iso2', 'type', 'qualifier', 'unit_class', 'normalized_quantity', 'currency', 'category_key', 'group_key', 'notes', 'preferred_override', 'role'],
        touch: true,
      },
      figureRows,
    ),
    keptDeleted,
  );

  record(
    SEED_FILES.fxRates,
    data.fxRates.length,
    await upsert(
      manager,
      { table: 'fx_rates', columns: ['year', 'currency', 'units_per_usd', 'source_url', 'source_publisher', 'notes'], conflict: '(year, currency)', update: ['units_per_usd', 'source_url', 'source_publisher', 'notes'] },
      data.fxRates.map((r) => [r.year, r.currency, r.unitsPerUsd, r.sourceUrl, r.sourcePublisher, r.notes]),
    ),
  );

  const preferred = await recomputePreferred(manager);
  log(`seed: preferred figures: ${preferred.preferred} newly preferred, ${preferred.unpreferred} no longer preferred`);

  const sum = (field: 'rows' | 'inserted' | 'updated' | 'unchanged') => tables.reduce((total, t) => total + t[field], 0);
  return {
    tables,
    rows: sum('rows'),
    inserted: sum('inserted'),
    updated: sum('updated'),
    unchanged: sum('unchanged'),
    rejected: 0,
    preferred,
    notes: reference.notes,
  };
}
