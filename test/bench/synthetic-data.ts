import { EntityManager } from 'typeorm';
import { buildReferenceData } from '../../src/database/seed/reference-data';
import { recomputePreferred } from '../../src/figures/figure-preference';
import { GENERIC_CATEGORIES } from '../../src/figures/figure-rules';
import { refreshFigureRollups } from '../../src/figures/figure-rollups';

/**
 * Synthetic data for benchmarks and equivalence tests only: made-up series
 * (`syn-…`), operations, sources and figures, generated in SQL with a fixed
 * seed. It goes into an empty database of its own, never next to the real data.
 */
export interface SyntheticSize {
  operations: number;
  seizures: number;
  arrests: number;
  /** Random seed in [-1, 1] for PostgreSQL's setseed. */
  seed?: number;
}

export interface SyntheticReport {
  operations: number;
  figures: number;
  preferred: number;
  rollups: number;
  /** Time of each phase; `preference` includes building the figures' indexes, `rollups` the rollups' own. */
  seconds: { reference: number; figures: number; preference: number; rollups: number };
}

const SERIES = 12;
const SOURCES = 1000;
const COUNTRIES_PER_OPERATION = 8;

async function insertRows(manager: EntityManager, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    const chunk = rows.slice(start, start + 500);
    const values = chunk.map((row, r) => `(${row.map((_, c) => `$${r * row.length + c + 1}`).join(', ')})`);
    await manager.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, chunk.flat());
  }
}

/** Drops a table's indexes but its primary key; returns the statements that build them again. */
async function dropSecondaryIndexes(manager: EntityManager, table: string): Promise<string[]> {
  const indexes = await manager.query<{ indexname: string; indexdef: string }[]>(
    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = $1 AND indexname NOT LIKE 'PK_%'",
    [table],
  );
  for (const { indexname } of indexes) await manager.query(`DROP INDEX "${indexname}"`);
  return indexes.map((index) => index.indexdef);
}

/** Regions and countries from the same packages as the real seed (reference data, not figures). */
async function insertReference(manager: EntityManager): Promise<void> {
  const reference = buildReferenceData();
  await insertRows(
    manager,
    'regions',
    ['code', 'name', 'kind', 'm49_code', 'operational_label'],
    reference.regions.map((r) => [r.code, r.name, r.kind, r.m49Code, r.operationalLabel]),
  );
  await manager.query(
    `UPDATE regions r SET parent_id = p.id FROM (VALUES ${reference.regions.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ')}) AS v(code, parent) JOIN regions p ON p.code = v.parent WHERE r.code = v.code`,
    reference.regions.flatMap((r) => [r.code, r.parentCode]),
  );
  await insertRows(
    manager,
    'countries',
    ['iso2', 'iso3', 'numeric_code', 'name', 'region_id', 'sub_region_id'],
    reference.countries.map((c) => [c.iso2, c.iso3, c.numericCode, c.name, null, null]),
  );
  await manager.query(
    `UPDATE countries c SET region_id = r.id, sub_region_id = s.id
    FROM (VALUES ${reference.countries.map((_, i) => `($${3 * i + 1}, $${3 * i + 2}, $${3 * i + 3})`).join(', ')}) AS v(iso2, region, sub)
    LEFT JOIN regions r ON r.code = v.region LEFT JOIN regions s ON s.code = v.sub WHERE c.iso2 = v.iso2`,
    reference.countries.flatMap((c) => [c.iso2, c.regionCode, c.subRegionCode]),
  );
  await manager.query(
    `INSERT INTO region_countries (region_id, country_iso2)
    SELECT r.id, v.iso2 FROM (VALUES ${reference.memberships.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ')}) AS v(code, iso2)
    JOIN regions r ON r.code = v.code`,
    reference.memberships.flatMap((m) => [m.regionCode, m.iso2]),
  );
}

/** Annual rates for every year the operations span; NGN only until 2015, so later NGN values stay unconverted. */
async function insertRates(manager: EntityManager): Promise<void> {
  await manager.query(`INSERT INTO fx_rates (year, currency, units_per_usd, source_url, source_publisher, notes)
    SELECT y, c.currency, c.rate, 'https://synthetic.invalid/rates', 'synthetic', 'synthetic rate for benchmarks'
    FROM generate_series(2000, 2025) y
    CROSS JOIN (VALUES ('EUR', 0.9), ('GBP', 0.75), ('ZAR', 14.5), ('NGN', 300)) AS c(currency, rate)
    WHERE c.currency <> 'NGN' OR y <= 2015`);
}

export async function generateSyntheticData(manager: EntityManager, size: SyntheticSize): Promise<SyntheticReport> {
  const clock = () => performance.now() / 1000;
  let mark = clock();
  const seconds = { reference: 0, figures: 0, preference: 0, rollups: 0 };
  await manager.query('SELECT setseed($1)', [size.seed ?? 0.42]);
  await insertReference(manager);
  await insertRates(manager);
  await manager.query(`INSERT INTO series (code, name, crime_area, description)
    SELECT 'syn-' || i, 'Synthetic ' || i, 'synthetic', 'Synthetic series for benchmarks' FROM generate_series(1, ${SERIES}) i`);
  await manager.query(
    `INSERT INTO publishers (name, tier) VALUES ('Synthetic official', 'official'), ('Synthetic regulator', 'regulator'), ('Synthetic media', 'media')`,
  );
  await manager.query(`INSERT INTO sources (url, publisher_id, published_on)
    SELECT 'https://synthetic.invalid/source/' || i, (SELECT id FROM publishers ORDER BY id OFFSET (i % 3) LIMIT 1),
           CASE WHEN i % 5 = 0 THEN NULL ELSE date '2000-01-01' + (i * 7) END
    FROM generate_series(1, ${SOURCES}) i`);
  await manager.query(
    `INSERT INTO operations (code, name, series_id, edition, year, region_id, crime_area, source_id)
    SELECT 'syn-op-' || i, 'Synthetic operation ' || i, (SELECT min(id) FROM series) + (i % ${SERIES}), NULL,
           2000 + (i % 26), (SELECT id FROM regions ORDER BY code OFFSET (i % 30) LIMIT 1), 'synthetic',
           (SELECT min(id) FROM sources) + (i % ${SOURCES})
    FROM generate_series(1, $1::int) i`,
    [size.operations],
  );
  seconds.reference = clock() - mark;
  mark = clock();

  // One statement per type: random operation, kind, unit, category, country (one of a few per operation), qualifier, source.
  const figureSql = (type: 'seizure' | 'arrest', count: number, offset: number) => `
    WITH ops AS (SELECT array_agg(id ORDER BY id) AS ids FROM operations),
         ctr AS (SELECT array_agg(iso2 ORDER BY iso2) AS codes FROM countries),
         src AS (SELECT min(id) AS first FROM sources),
         raw AS (
           SELECT i,
                  (SELECT ids FROM ops)[1 + floor(random() * ${size.operations})::int] AS operation_id,
                  random() AS r_kind, random() AS r_unit, random() AS r_cat, random() AS r_country, random() AS r_qual,
                  floor(random() * ${COUNTRIES_PER_OPERATION})::int AS country_slot
           FROM generate_series(${offset + 1}, ${offset + count}) i
         ),
         typed AS (
           SELECT raw.*,
                  ${
                    type === 'arrest'
                      ? `CASE WHEN r_kind < 0.8 THEN 'arrests' ELSE 'persons_under_investigation' END`
                      : `CASE WHEN r_kind < 0.35 THEN 'items_seized' WHEN r_kind < 0.65 THEN 'value_seized' WHEN r_kind < 0.9 THEN 'weight_seized' ELSE 'volume_seized' END`
                  } AS kind
           FROM raw
         ),
         united AS (
           SELECT typed.*,
                  CASE kind
                    WHEN 'items_seized' THEN (ARRAY['pills', 'tablets', 'items', 'bottles'])[1 + floor(r_unit * 4)::int]
                    WHEN 'value_seized' THEN (ARRAY['USD', 'EUR', 'GBP', 'ZAR', 'NGN'])[1 + floor(r_unit * 5)::int]
                    WHEN 'weight_seized' THEN (ARRAY['kg', 'tonnes', 'lb'])[1 + floor(r_unit * 3)::int]
                    WHEN 'volume_seized' THEN 'litres'
                    ELSE 'people' END AS unit,
                  CASE WHEN r_cat < 0.5 THEN NULL WHEN r_cat < 0.6 THEN 'medicines'
                       ELSE (ARRAY['olive oil', 'wine', 'cigarettes', 'antibiotics', 'electronics'])[1 + floor((r_cat - 0.6) / 0.4 * 5)::int] END AS category,
                  CASE WHEN r_country < 0.4 THEN NULL
                       ELSE (SELECT codes FROM ctr)[1 + ((operation_id * 37 + country_slot) % array_length((SELECT codes FROM ctr), 1))] END AS country_iso2,
                  CASE WHEN r_qual < 0.6 THEN 'exact' WHEN r_qual < 0.8 THEN 'more_than' WHEN r_qual < 0.9 THEN 'approximately' WHEN r_qual < 0.97 THEN 'nearly' ELSE 'up_to' END AS qualifier
           FROM typed
         ),
         classed AS (
           SELECT united.*,
                  CASE WHEN unit IN ('kg', 'tonnes', 'lb') THEN 'mass' WHEN unit = 'litres' THEN 'volume'
                       WHEN unit IN ('USD', 'EUR', 'GBP', 'ZAR', 'NGN') THEN 'money' ELSE 'count' END AS unit_class,
                  CASE WHEN category IS NULL OR lower(category) = ANY($1::text[]) THEN NULL ELSE lower(category) END AS category_key,
                  i::numeric AS quantity
           FROM united
         )
    INSERT INTO figures (type, kind, operation_id, country_iso2, category, category_key, qualifier, quantity, unit, unit_class,
                         normalized_quantity, currency, source_id, notes, group_key)
    SELECT '${type}', kind, operation_id, country_iso2, category, category_key, qualifier, quantity, unit, unit_class,
           CASE unit WHEN 'tonnes' THEN quantity * 1000 WHEN 'lb' THEN quantity * 0.45359237
                     WHEN 'USD' THEN NULL WHEN 'EUR' THEN NULL WHEN 'GBP' THEN NULL WHEN 'ZAR' THEN NULL WHEN 'NGN' THEN NULL
                     ELSE quantity END,
           CASE WHEN unit_class = 'money' THEN unit END,
           (SELECT first FROM src) + (i % ${SOURCES}), 'synthetic',
           operation_id || '|' || kind || '|' || unit_class || '|' || coalesce(category_key, '') || '|' || coalesce(country_iso2, '')
    FROM classed`;
  // Bulk load, as PostgreSQL's "Populating a Database" advises:
  // - more memory for this transaction's sorts, hashes and index builds;
  // - the secondary indexes of figures and rollups dropped, and built once the rows are in;
  // - where the role may, the row triggers skipped (session_replication_role = replica): those are the foreign-key
  //   checks, and every id the statements write comes from the tables themselves. They stay skipped through the
  //   preference pass, which changes no key: PostgreSQL would otherwise check every key of each row it updates
  //   again, since the row was inserted by this same transaction (57 of that pass's 85 s on 1.2 million figures).
  //   The data version has moved already: the reference rows above were written with the triggers on.
  await manager.query("SET LOCAL work_mem = '256MB'");
  await manager.query("SET LOCAL maintenance_work_mem = '1GB'");
  const figureIndexes = await dropSecondaryIndexes(manager, 'figures');
  const [{ superuser }] = await manager.query<{ superuser: boolean }[]>(
    'SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user',
  );
  if (superuser) await manager.query('SET LOCAL session_replication_role = replica');
  await manager.query(figureSql('seizure', size.seizures, 0), [GENERIC_CATEGORIES]);
  await manager.query(figureSql('arrest', size.arrests, size.seizures), [GENERIC_CATEGORIES]);
  seconds.figures = clock() - mark;
  mark = clock();

  const preference = await recomputePreferred(manager);
  for (const indexdef of figureIndexes) await manager.query(indexdef);
  await manager.query('ANALYZE figures');
  seconds.preference = clock() - mark;
  mark = clock();
  const rollupIndexes = await dropSecondaryIndexes(manager, 'figure_rollups');
  await refreshFigureRollups(manager);
  for (const indexdef of rollupIndexes) await manager.query(indexdef);
  if (superuser) await manager.query('SET LOCAL session_replication_role = origin');
  seconds.rollups = clock() - mark;

  const [{ operations, figures, rollups }] = await manager.query<
    { operations: number; figures: number; rollups: number }[]
  >(
    `SELECT (SELECT count(*) FROM operations)::int AS operations, (SELECT count(*) FROM figures)::int AS figures,
            (SELECT count(*) FROM figure_rollups)::int AS rollups`,
  );
  return { operations, figures, preferred: preference.preferred, rollups, seconds };
}
