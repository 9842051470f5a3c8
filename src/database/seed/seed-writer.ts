import { EntityManager } from 'typeorm';
import { PreferenceChanges } from '../../figures/figure-preference';
import { settleFigures } from '../../figures/figure-store';
import { RegionKind } from '../../regions/entities/region.entity';
import { regionCodeOfLabel } from './operational-regions';
import { applyFigureSnapshot, EditorState, ReleaseReport } from './release-writer';
import { SEED_FILES, SeedData } from './seed-data';

export interface TableReport {
  /** The file (or derived set) the rows come from, e.g. `results.csv`. */
  name: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows not written because an editor corrected, deleted or created what they describe through the API. */
  leftAlone: number;
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
  /** What the release did to the figures, and what it left as editors left it. */
  release: ReleaseReport;
}

export interface WriteSeedOptions {
  /** The release the database held; null for an empty one, whose figures are loaded without revisions (version 1 by `seed`, written on first change). */
  previousRelease: number | null;
  /** Operations and participations editors touched through the API: never overwritten or re-added. */
  editors: EditorState;
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
 * preferred figure of every group and the statistics' rollups. Natural keys decide insert or update, except
 * for results.csv, a full snapshot applied by row identity (release-writer.ts);
 * what editors changed through the API is left as they left it.
 */
export async function writeSeed(
  manager: EntityManager,
  data: SeedData,
  log: SeedLog = () => undefined,
  options: WriteSeedOptions = {
    previousRelease: null,
    editors: {
      operations: new Set(),
      participations: new Set(),
      reported: { figureIds: new Set(), operations: new Set(), participations: new Set() },
    },
  },
): Promise<SeedReport> {
  const tables: TableReport[] = [];
  const record = (name: string, rows: number, counts: UpsertCounts, leftAlone = 0) => {
    const unchanged = rows - counts.inserted - counts.updated - leftAlone;
    const report = { name, rows, ...counts, unchanged, leftAlone };
    tables.push(report);
    log(
      `seed: ${name} ${rows} rows: ${counts.inserted} inserted, ${counts.updated} updated, ${unchanged} unchanged` +
        (leftAlone ? `, ${leftAlone} left as editors left them` : ''),
    );
  };
  const { editors } = options;
  const { reference } = data;

  // Regions, level by level so that every parent has an id before its children.
  const regionCounts = { inserted: 0, updated: 0 };
  let regionIds = new Map<string, number>();
  for (const level of REGION_LEVELS) {
    const rows = reference.regions
      .filter((region) => region.kind === level)
      .map((r) => [
        r.code,
        r.name,
        r.kind,
        r.m49Code,
        r.operationalLabel,
        r.parentCode === null ? null : regionIds.get(r.parentCode)!,
      ]);
    const counts = await upsert(
      manager,
      {
        table: 'regions',
        columns: ['code', 'name', 'kind', 'm49_code', 'operational_label', 'parent_id'],
        conflict: '(code)',
        update: ['name', 'kind', 'm49_code', 'operational_label', 'parent_id'],
      },
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
      {
        table: 'countries',
        columns: ['iso2', 'iso3', 'numeric_code', 'name', 'region_id', 'sub_region_id'],
        conflict: '(iso2)',
        update: ['iso3', 'numeric_code', 'name', 'region_id', 'sub_region_id'],
      },
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
      {
        table: 'region_countries',
        columns: ['region_id', 'country_iso2'],
        conflict: '(region_id, country_iso2)',
        update: [],
      },
      reference.memberships.map((m) => [regionIds.get(m.regionCode)!, m.iso2]),
    ),
  );

  record(
    SEED_FILES.publishers,
    data.publishers.length,
    await upsert(
      manager,
      { table: 'publishers', columns: ['name', 'tier'], conflict: '(name)', update: ['tier'] },
      data.publishers.map((p) => [p.name, p.tier]),
    ),
  );
  const publisherIds = await idsBy(manager, 'SELECT name AS key, id FROM publishers');

  record(
    'sources (URLs cited by the files)',
    data.sources.length,
    await upsert(
      manager,
      {
        table: 'sources',
        columns: ['url', 'publisher_id', 'published_on'],
        conflict: '(url)',
        update: ['publisher_id', 'published_on'],
        touch: true,
      },
      data.sources.map((s) => [
        s.url,
        s.publisherName === null ? null : publisherIds.get(s.publisherName)!,
        s.publishedOn,
      ]),
    ),
  );
  const sourceIds = await idsBy(manager, 'SELECT url AS key, id FROM sources');

  record(
    SEED_FILES.series,
    data.series.length,
    await upsert(
      manager,
      {
        table: 'series',
        columns: ['code', 'name', 'crime_area', 'description'],
        conflict: '(code)',
        update: ['name', 'crime_area', 'description'],
      },
      data.series.map((s) => [s.code, s.name, s.crimeArea, s.description]),
    ),
  );
  const seriesIds = await idsBy(manager, 'SELECT code AS key, id FROM series');

  const regionOfLabel = (label: string | null): number | null => {
    if (label === null) return null;
    return regionIds.get(regionCodeOfLabel(label))!;
  };
  const operationColumns = [
    'code',
    'name',
    'series_id',
    'edition',
    'year',
    'start_date',
    'end_date',
    'region_id',
    'crime_area',
    'countries_count',
    'agencies_count',
    'source_id',
    'notes',
  ];
  // An operation an editor created, corrected or deleted through the API stays as the editor left it.
  const operations = data.operations.filter((o) => !editors.operations.has(o.code));
  const operationsLeftAlone = data.operations
    .filter((o) => editors.operations.has(o.code) && !editors.reported.operations.has(o.code))
    .map((o) => o.code);
  record(
    SEED_FILES.operations,
    data.operations.length,
    await upsert(
      manager,
      {
        table: 'operations',
        columns: operationColumns,
        conflict: '(code)',
        update: operationColumns.slice(1),
        touch: true,
      },
      operations.map((o) => [
        o.code,
        o.name,
        seriesIds.get(o.seriesCode)!,
        o.edition,
        o.year,
        o.startDate,
        o.endDate,
        regionOfLabel(o.regionLabel),
        o.crimeArea,
        o.countriesCount,
        o.agenciesCount,
        sourceIds.get(o.sourceUrl)!,
        o.notes,
      ]),
    ),
    operationsLeftAlone.length,
  );
  const operationIds = await idsBy(manager, 'SELECT code AS key, id FROM operations');

  // Likewise a participation an editor added or removed, and those of an operation an editor deleted.
  const participationKey = (p: { operationCode: string; iso2: string }) => `${p.operationCode}/${p.iso2}`;
  const participations = data.participations.filter(
    (p) => !editors.participations.has(participationKey(p)) && operationIds.has(p.operationCode),
  );
  const participationsLeftAlone = data.participations
    .filter((p) => !participations.includes(p))
    .map(participationKey)
    .filter((key) => !editors.reported.participations.has(key));
  record(
    SEED_FILES.participations,
    data.participations.length,
    await upsert(
      manager,
      {
        table: 'operation_countries',
        columns: ['operation_id', 'country_iso2', 'source_id'],
        conflict: '(operation_id, country_iso2)',
        update: ['source_id'],
      },
      participations.map((p) => [operationIds.get(p.operationCode)!, p.iso2, sourceIds.get(p.sourceUrl)!]),
    ),
    participationsLeftAlone.length,
  );

  // Figures: the file is a full snapshot, compared with the database by row identity (release-writer.ts).
  const figures = await applyFigureSnapshot(
    manager,
    data,
    { operations: operationIds, sources: sourceIds },
    options.previousRelease === null,
    editors.reported.figureIds,
  );
  record(
    SEED_FILES.results,
    data.figures.length,
    { inserted: figures.report.added, updated: figures.report.corrected },
    figures.rowsLeftAlone,
  );

  record(
    SEED_FILES.fxRates,
    data.fxRates.length,
    await upsert(
      manager,
      {
        table: 'fx_rates',
        columns: ['year', 'currency', 'units_per_usd', 'source_url', 'source_publisher', 'notes'],
        conflict: '(year, currency)',
        update: ['units_per_usd', 'source_url', 'source_publisher', 'notes'],
      },
      data.fxRates.map((r) => [r.year, r.currency, r.unitsPerUsd, r.sourceUrl, r.sourcePublisher, r.notes]),
    ),
  );

  // Every group's preferred figure re-decided, every operation's statistics rebuilt from the figures just written.
  const preferred = await settleFigures(manager, 'all');
  log(`seed: preferred figures: ${preferred.preferred} newly preferred, ${preferred.unpreferred} no longer preferred`);

  const sum = (field: 'rows' | 'inserted' | 'updated' | 'unchanged') =>
    tables.reduce((total, t) => total + t[field], 0);
  return {
    tables,
    rows: sum('rows'),
    inserted: sum('inserted'),
    updated: sum('updated'),
    unchanged: sum('unchanged'),
    rejected: 0,
    preferred,
    notes: reference.notes,
    release: {
      release: data.release,
      previousRelease: options.previousRelease,
      ...figures.report,
      operationsLeftAlone,
      participationsLeftAlone,
    },
  };
}
