import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { DEFAULT_SEED_DATA_DIR, SeedRejectedError } from '../src/database/seed/seed-data';
import { SeedService } from '../src/database/seed/seed.service';
import { seedDatabase } from '../src/database/seed/seeder';
import { createTestApp, dataSourceOf } from './utils/app';
import { createScratchDatabase, openMigratedDataSource, ScratchDatabase } from './utils/scratch-database';

const DATA = DEFAULT_SEED_DATA_DIR;

function readRows(file: string): Record<string, string>[] {
  return parse(readFileSync(join(DATA, file), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
}

function sha256(lines: string[]): string {
  return createHash('sha256')
    .update([...lines].sort().join('\n'))
    .digest('hex');
}

/** Canonical form of one figure, the same whether read from results.csv or from the database. */
function canonical(fields: (string | null)[]): string {
  return JSON.stringify(fields.map((field) => field ?? ''));
}

function fileChecksum(): string {
  return sha256(
    readRows('results.csv').map((r) =>
      canonical([
        r.operation_code,
        r.metric,
        r.quantity,
        r.unit,
        r.category,
        r.country,
        r.qualifier,
        r.source_url,
        r.source_publisher,
        r.source_date,
        r.notes,
        r.role,
      ]),
    ),
  );
}

async function databaseChecksum(dataSource: DataSource): Promise<string> {
  const rows: { fields: (string | null)[] }[] = await dataSource.query(`
    SELECT ARRAY[o.code, f.kind, f.quantity::text, f.unit, f.category, f.country_iso2, f.qualifier,
                 s.url, p.name, to_char(s.published_on, 'YYYY-MM-DD'), f.notes, f.role] AS fields
    FROM figures f
    JOIN operations o ON o.id = f.operation_id
    JOIN sources s ON s.id = f.source_id
    LEFT JOIN publishers p ON p.id = s.publisher_id
    WHERE f.deleted_at IS NULL`);
  return sha256(rows.map((row) => canonical(row.fields)));
}

const TABLES = [
  'regions',
  'countries',
  'region_countries',
  'publishers',
  'sources',
  'series',
  'operations',
  'operation_countries',
  'figures',
  'fx_rates',
];

async function counts(dataSource: DataSource): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of TABLES) {
    const [row]: { n: string }[] = await dataSource.query(`SELECT count(*) AS n FROM ${table}`);
    result[table] = Number(row.n);
  }
  return result;
}

/** A copy of the bundled data folder, with `edit` applied to the physical lines of one file. */
function dataCopy(edits: Record<string, (lines: string[]) => void>): string {
  const dir = mkdtempSync(join(tmpdir(), 'seed-data-'));
  cpSync(DATA, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\r\n');
    edit(lines);
    writeFileSync(join(dir, file), lines.join('\r\n'));
  }
  return dir;
}

describe('Seed (e2e)', () => {
  let database: ScratchDatabase;
  let app: NestFastifyApplication;
  let dataSource: DataSource;
  const sharedUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    // A database of its own: the counts below must not depend on what other specs write.
    database = await createScratchDatabase('seed');
    process.env.DATABASE_URL = database.url;
    app = await createTestApp();
    dataSource = dataSourceOf(app);
  });

  afterAll(async () => {
    await app?.close();
    process.env.DATABASE_URL = sharedUrl;
    await database?.drop();
  });

  it('seeds an empty database at start-up with every row of the files', async () => {
    // Release 2: data rows of each file; sources = distinct source_url of operations.csv, results.csv and
    // participating_countries.csv; regions = 30 UN M49 areas + the operational Middle East and Middle East and North Africa.
    const publishers = readRows('publishers.csv').length;
    expect(publishers).toBe(230);
    expect(await counts(dataSource)).toMatchObject({
      operations: 145,
      figures: 1273,
      operation_countries: 772,
      fx_rates: 211,
      publishers,
      countries: 249,
      series: 48,
      sources: 341,
      regions: 32,
    });
  });

  it('stores every results.csv row unaltered (checksum of the file = checksum of the database)', async () => {
    expect(await databaseChecksum(dataSource)).toBe(fileChecksum());
  });

  it('maps the operations and their references', async () => {
    const rows = await dataSource.query(`
      SELECT o.code, o.edition, o.start_date::text AS start, r.code AS region, s.code AS series, src.url
      FROM operations o
      JOIN series s ON s.id = o.series_id
      JOIN sources src ON src.id = o.source_id
      LEFT JOIN regions r ON r.id = o.region_id
      WHERE o.code IN ('opson-ii', 'cobra-2011', 'storm-i', 'pangea-i') ORDER BY o.code`);
    expect(rows).toEqual([
      {
        code: 'cobra-2011',
        edition: null,
        start: '2011-09-26',
        region: 'western-africa',
        series: 'cobra',
        url: expect.stringMatching(/^https?:/),
      },
      {
        code: 'opson-ii',
        edition: 'II',
        start: null,
        region: null,
        series: 'opson',
        url: expect.stringMatching(/^https?:/),
      },
      {
        code: 'pangea-i',
        edition: 'I',
        start: null,
        region: 'world',
        series: 'pangea',
        url: expect.stringMatching(/^https?:/),
      },
      {
        code: 'storm-i',
        edition: 'I',
        start: '2008-04-15',
        region: 'south-eastern-asia',
        series: 'storm',
        url: expect.stringMatching(/^https?:/),
      },
    ]);
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM sources WHERE publisher_id IS NULL`);
    expect(n).toBe(16); // pages cited only by participating_countries.csv (16 of its source_url are in neither other file)
  });

  it('places countries in their UN M49 regions, the Middle East and the Middle East and North Africa', async () => {
    const [kenya] = await dataSource.query(`
      SELECT c.name, r.code AS region, s.code AS sub_region,
             array(SELECT rg.code FROM region_countries rc JOIN regions rg ON rg.id = rc.region_id
                   WHERE rc.country_iso2 = c.iso2 ORDER BY rg.code) AS memberships
      FROM countries c JOIN regions r ON r.id = c.region_id JOIN regions s ON s.id = c.sub_region_id
      WHERE c.iso2 = 'KE'`);
    expect(kenya).toEqual({
      name: 'Kenya',
      region: 'africa',
      sub_region: 'sub-saharan-africa',
      memberships: ['africa', 'eastern-africa', 'sub-saharan-africa', 'world'],
    });
    const [{ members }] = await dataSource.query(`
      SELECT array_agg(rc.country_iso2::text ORDER BY rc.country_iso2) AS members
      FROM region_countries rc JOIN regions r ON r.id = rc.region_id WHERE r.code = 'middle-east'`);
    expect(members).toEqual([
      'AE',
      'BH',
      'CY',
      'EG',
      'IL',
      'IQ',
      'IR',
      'JO',
      'KW',
      'LB',
      'OM',
      'PS',
      'QA',
      'SA',
      'SY',
      'TR',
      'YE',
    ]);
    // Release 2's label for Trigger IV: the Middle East plus DZ, LY, MA, SD, TN, EH (Egypt is already a member).
    const [{ mena }] = await dataSource.query(`
      SELECT array_agg(rc.country_iso2::text ORDER BY rc.country_iso2) AS mena
      FROM region_countries rc JOIN regions r ON r.id = rc.region_id WHERE r.code = 'middle-east-and-north-africa'`);
    expect(mena).toEqual([
      'AE',
      'BH',
      'CY',
      'DZ',
      'EG',
      'EH',
      'IL',
      'IQ',
      'IR',
      'JO',
      'KW',
      'LB',
      'LY',
      'MA',
      'OM',
      'PS',
      'QA',
      'SA',
      'SD',
      'SY',
      'TN',
      'TR',
      'YE',
    ]);
    const [taiwan] = await dataSource.query(`SELECT region_id, sub_region_id FROM countries WHERE iso2 = 'TW'`);
    expect(taiwan).toEqual({ region_id: null, sub_region_id: null });
  });

  it('prefers the official pangea-vii arrest count over the OCCRP one', async () => {
    const rows = await dataSource.query(`
      SELECT f.quantity, p.name AS publisher, f.preferred
      FROM figures f JOIN operations o ON o.id = f.operation_id
      JOIN sources s ON s.id = f.source_id JOIN publishers p ON p.id = s.publisher_id
      WHERE o.code = 'pangea-vii' AND f.kind = 'arrests' AND f.country_iso2 IS NULL ORDER BY f.quantity`);
    expect(rows).toEqual([
      { quantity: '237', publisher: 'Fortissa (republished INTERPOL release)', preferred: true },
      { quantity: '434', publisher: 'OCCRP', preferred: false },
    ]);
  });

  it('follows the editor: first-light-2022 arrests 2,999 (Capacity Media) is ruled out, about 2,000 preferred', async () => {
    const rows = await dataSource.query(`
      SELECT f.quantity, f.qualifier, p.name AS publisher, f.preferred, f.preferred_override
      FROM figures f JOIN operations o ON o.id = f.operation_id
      JOIN sources s ON s.id = f.source_id JOIN publishers p ON p.id = s.publisher_id
      WHERE o.code = 'first-light-2022' AND f.kind = 'arrests' AND f.country_iso2 IS NULL ORDER BY f.quantity`);
    expect(rows).toEqual([
      {
        quantity: '2000',
        qualifier: 'approximately',
        publisher: 'Computer Weekly',
        preferred: true,
        preferred_override: null,
      },
      {
        quantity: '2999',
        qualifier: 'exact',
        publisher: 'Capacity Media',
        preferred: false,
        preferred_override: false,
      },
    ]);
  });

  it('groups generic-category totals together (pangea-viii value, pangea-x items)', async () => {
    const rows = await dataSource.query(`
      SELECT o.code, count(DISTINCT f.group_key)::int AS groups, count(*)::int AS figures, count(*) FILTER (WHERE f.preferred)::int AS preferred
      FROM figures f JOIN operations o ON o.id = f.operation_id
      WHERE ((o.code = 'pangea-viii' AND f.kind = 'value_seized') OR (o.code = 'pangea-x' AND f.kind = 'items_seized'))
        AND f.country_iso2 IS NULL AND f.category_key IS NULL
      GROUP BY o.code ORDER BY o.code`);
    expect(rows).toEqual([
      { code: 'pangea-viii', groups: 1, figures: expect.any(Number), preferred: 1 },
      { code: 'pangea-x', groups: 1, figures: expect.any(Number), preferred: 1 },
    ]);
    expect(rows[0].figures).toBeGreaterThanOrEqual(3);
    expect(rows[1].figures).toBeGreaterThanOrEqual(3);
  });

  it('has exactly one preferred figure in every group, except groups whose every figure is ruled out', async () => {
    const bad = await dataSource.query(`
      SELECT group_key, count(*) FILTER (WHERE preferred) AS preferred,
             bool_and(preferred_override IS NOT DISTINCT FROM false) AS all_ruled_out
      FROM figures WHERE deleted_at IS NULL
      GROUP BY group_key
      HAVING count(*) FILTER (WHERE preferred) <> CASE WHEN bool_and(preferred_override IS NOT DISTINCT FROM false) THEN 0 ELSE 1 END`);
    expect(bad).toEqual([]);
    const [{ groups }] = await dataSource.query(`SELECT count(DISTINCT group_key)::int AS groups FROM figures`);
    const [{ preferred }] = await dataSource.query(`SELECT count(*)::int AS preferred FROM figures WHERE preferred`);
    // results.csv: 1,184 groups (group key of figure-rules.ts), 5 of them a single row that an editor set to `no`
    // (lines 355 opson-viii alcohol tonnes, 594 andes-2018 CO value, 974 jackal-2023 assets value,
    // 1105 ikatere-2021 arrests, 1176 trigger-ii weapons and explosives): 1,179 preferred figures.
    expect(groups).toBe(1184);
    expect(preferred).toBe(1179);
    const [{ ruledOut }] = await dataSource.query(`
      SELECT count(*)::int AS "ruledOut" FROM (
        SELECT group_key FROM figures GROUP BY group_key HAVING bool_and(preferred_override IS NOT DISTINCT FROM false)) g`);
    expect(ruledOut).toBe(5);
    expect(preferred).toBe(groups - ruledOut);
  });

  it('converts mass to kg exactly and leaves money unconverted', async () => {
    const rows = await dataSource.query(`
      SELECT unit, quantity, unit_class, normalized_quantity, currency FROM figures
      WHERE (unit = 'lb') OR (unit = 'tonnes' AND quantity = 11131.18) OR (unit = 'NAD') ORDER BY unit, quantity`);
    expect(
      rows.map((r: Record<string, string>) => [r.unit, r.quantity, r.unit_class, r.normalized_quantity, r.currency]),
    ).toEqual(
      expect.arrayContaining([
        ['tonnes', '11131.18', 'mass', '11131180', null],
        ['NAD', expect.any(String), 'money', null, 'NAD'],
      ]),
    );
    const lb = rows.find((r: Record<string, string>) => r.unit === 'lb');
    expect(lb.unit_class).toBe('mass');
    expect(Number(lb.normalized_quantity)).toBeCloseTo(Number(lb.quantity) * 0.45359237, 6);
  });

  it('changes nothing when run a second time', async () => {
    const before = await counts(dataSource);
    const outcome = await app.get(SeedService).seed();
    expect(outcome.seeded).toBe(true);
    if (!outcome.seeded) return;
    expect(outcome.report).toMatchObject({
      inserted: 0,
      updated: 0,
      rejected: 0,
      preferred: { preferred: 0, unpreferred: 0 },
    });
    expect(outcome.report.unchanged).toBe(outcome.report.rows);
    expect(outcome.report.tables.find((t) => t.name === 'results.csv')).toMatchObject({
      rows: 1273,
      inserted: 0,
      updated: 0,
      unchanged: 1273,
    });
    expect(await counts(dataSource)).toEqual(before);
    expect(await databaseChecksum(dataSource)).toBe(fileChecksum());
  });

  it('seedIfEmpty() leaves a seeded database alone', async () => {
    const outcome = await app.get(SeedService).seedIfEmpty();
    expect(outcome).toEqual({ seeded: false, reason: 'the database already holds operations' });
  });

  it('updates a changed row and reports it as updated', async () => {
    await dataSource.query(`UPDATE fx_rates SET notes = 'edited' WHERE year = 2010 AND currency = 'EUR'`);
    const outcome = await app.get(SeedService).seed();
    expect(outcome.seeded && outcome.report.tables.find((t) => t.name === 'fx_annual.csv')).toMatchObject({
      inserted: 0,
      updated: 1,
      unchanged: 210,
    }); // 211 rows of fx_annual.csv
    const [row] = await dataSource.query(`SELECT notes FROM fx_rates WHERE year = 2010 AND currency = 'EUR'`);
    expect(row.notes).not.toBe('edited');
  });

  it('refuses a data folder with a bad row, names its file and line, and writes nothing', async () => {
    const before = await counts(dataSource);
    const dir = dataCopy({
      // A new, valid operation that must not appear, and a broken figure on line 10.
      'operations.csv': (lines) =>
        lines.splice(
          lines.length - 1,
          0,
          'pangea-xviii,Pangea XVIII,pangea,XVIII,2026,,,Global,pharmaceutical crime,,,https://example.org/pangea-xviii,INTERPOL,,',
        ),
      'results.csv': (lines) => (lines[9] = lines[9].replace(/^([^,]*,[^,]*,)[0-9.]+,/, '$1"1,000",')),
    });
    try {
      const error = await app
        .get(SeedService)
        .seed({ dataDir: dir })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(SeedRejectedError);
      expect((error as SeedRejectedError).errors).toEqual([
        'results.csv:10: quantity "1,000" is not a plain non-negative decimal (digits and one optional point)',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(await counts(dataSource)).toEqual(before);
    expect(await dataSource.query(`SELECT 1 FROM operations WHERE code = 'pangea-xviii'`)).toEqual([]);
    expect(await databaseChecksum(dataSource)).toBe(fileChecksum());
  });
});

describe('Seed with a plain DataSource (e2e)', () => {
  let database: ScratchDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createScratchDatabase('seed_plain');
    dataSource = await openMigratedDataSource(database.url);
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  it('writes nothing into an empty database when a row is rejected', async () => {
    const dir = dataCopy({
      'results.csv': (lines) => (lines[41] = lines[41].replace(/,(exact|approximately|more_than|nearly),/, ',about,')),
      'participating_countries.csv': (lines) => (lines[2] = lines[2].replace(/,[A-Z]{2},/, ',XX,')),
    });
    const lines: string[] = [];
    try {
      await expect(seedDatabase(dataSource, { dataDir: dir, log: (line) => lines.push(line) })).rejects.toThrow(
        SeedRejectedError,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(lines).toEqual([
      'seed: refused: 2 row(s) rejected, nothing written',
      'seed: rejected: participating_countries.csv:3: country_iso2 "XX" is not an ISO 3166-1 alpha-2 country code',
      'seed: rejected: results.csv:42: qualifier "about" is not one of exact, approximately, more_than, nearly, up_to',
    ]);
    expect(Object.values(await counts(dataSource)).every((n) => n === 0)).toBe(true);
  });

  it('rolls back everything when writing fails part-way (one transaction)', async () => {
    const failAtFigures = (line: string) => {
      if (line.startsWith('seed: results.csv')) throw new Error('interrupted');
    };
    await expect(seedDatabase(dataSource, { log: failAtFigures })).rejects.toThrow('interrupted');
    expect(Object.values(await counts(dataSource)).every((n) => n === 0)).toBe(true);
  });

  it('seeds with a plain DataSource and reports per-file counts', async () => {
    const lines: string[] = [];
    const outcome = await seedDatabase(dataSource, { log: (line) => lines.push(line) });
    expect(outcome.seeded).toBe(true);
    expect(lines).toContain('seed: results.csv 1273 rows: 1273 inserted, 0 updated, 0 unchanged');
    expect(lines).toContain('seed: operations.csv 145 rows: 145 inserted, 0 updated, 0 unchanged');
    expect(lines.at(-1)).toMatch(/^seed: done: \d+ rows loaded: \d+ inserted, 0 updated, 0 unchanged; 0 rejected$/);
    expect(await databaseChecksum(dataSource)).toBe(fileChecksum());
  });
});
