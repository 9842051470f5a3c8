import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DatasetReleases1796007000000 } from '../migrations/1796007000000-DatasetReleases';
import { createApiKey } from '../src/api-keys/api-keys.service';
import { DEFAULT_SEED_DATA_DIR } from '../src/database/seed/seed-data';
import { SeedService } from '../src/database/seed/seed.service';
import { seedDatabase } from '../src/database/seed/seeder';
import { createScratchDatabase, openMigratedDataSource, ScratchDatabase } from './utils/scratch-database';
import { openTestApp, TestApp, TestServer } from './utils/setup';
import { bearer } from './utils/seeded-scratch';

/** Release 1 of the data as published (commit 14a737b, before release 2): results.csv without the `role` column. */
const RELEASE_1 = join(__dirname, 'fixtures', 'release-1');
const RELEASE_2 = DEFAULT_SEED_DATA_DIR;

function readRows(dir: string, file: string): Record<string, string>[] {
  return parse(readFileSync(join(dir, file), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
}

/** One figure's published values, the same whether read from results.csv or from the database. */
function canonical(fields: (string | null | undefined)[]): string {
  return JSON.stringify(fields.map((field) => field ?? ''));
}

/*
 * The expected report, worked out from the two releases' results.csv with Python (csv.DictReader), the identity being
 * (operation_code, metric, unit, category, country, source_url) + occurrence among equal tuples in file order, and the
 * values compared being quantity (trailing fractional zeros dropped), qualifier, notes, preferred and role:
 *   release 1: 595 rows; release 2: 1,273 rows; release 1's 595 rows are its first 595 rows, in place.
 *   in release 2 only: 679 rows (678 of release 2's new operations, and pangea-iv persons_under_investigation 55);
 *   in release 1 only: 1 row (pangea-iv arrests 55, line 26 of release 1) -> retired;
 *   in both with other values: 81 rows (52 role only, 26 preferred only, 3 both).
 * The editor corrects pangea-x arrests 400 of The Portugal News (line 152 of both files; release 2 sets preferred = yes:
 * one of the 81; line 151, Quartz's "more than 400", is unchanged)
 * and deletes pangea-vii arrests 434 (OCCRP, line 75 of both files; unchanged by release 2), so release 2 reports
 * 679 added, 80 corrected, 1 retired and 2 left alone. Live figures afterwards: release 2's 1,273 rows minus the
 * one the editor deleted = 1,272 figures of the dataset (593 kept from release 1 + 679 added), plus the figure the
 * editor created = 1,273.
 */
const EXPECTED = { added: 679, corrected: 80, retired: 1, leftAlone: 2 };
const PANGEA_X_400 = 'https://www.theportugalnews.com/news/thousands-of-illegal-drugs-seized-in-portugal/43315';
const PANGEA_VII_434 =
  'https://www.occrp.org/en/27-ccwatch/cc-watch-briefs/4080-interpol-operation-seizes-20-million-counterfeit-medicines';
const PANGEA_IV_55 =
  'http://atlarge-lists.icann.org/pipermail/na-discuss_atlarge-lists.icann.org/2011-October/006084.html';
const REASON = 'data release 2';

describe('Data releases: release 1 upgraded to release 2 in place (e2e)', () => {
  let ctx: TestApp;
  let app: NestFastifyApplication;
  let server: TestServer;
  let dataSource: DataSource;
  let editor: { Authorization: string };
  let corrected: number;
  let deleted: number;
  let created: number;

  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> =>
    (await dataSource.query(sql, params))[0] as T;
  const count = async (sql: string, params: unknown[] = []) => Number((await one<{ n: string }>(sql, params)).n);
  const figureId = async (operation: string, kind: string, quantity: string, sourceUrl: string) => {
    const rows = await dataSource.query(
      `SELECT f.id FROM figures f JOIN operations o ON o.id = f.operation_id JOIN sources s ON s.id = f.source_id
       WHERE o.code = $1 AND f.kind = $2 AND f.quantity = $3 AND s.url = $4 AND f.deleted_at IS NULL`,
      [operation, kind, quantity, sourceUrl],
    );
    expect(rows).toHaveLength(1);
    return rows[0].id as number;
  };
  const revisionsOf = async (id: number) =>
    dataSource.query(
      `SELECT version, action, actor, reason, quantity::text AS quantity FROM figure_revisions WHERE figure_id = $1 ORDER BY version`,
      [id],
    );

  beforeAll(async () => {
    ctx = await openTestApp({ database: 'scratch', label: 'releases' });
    ({ app, server } = ctx);
    dataSource = app.get(DataSource);
    const admin = await dataSource.transaction((manager) =>
      createApiKey(manager, { name: 'test admin', role: 'admin', createdBy: 'cli' }),
    );
    const key = await request(server)
      .post('/v1/api-keys')
      .set(bearer(admin.key))
      .send({ name: 'Jane Doe', role: 'editor' })
      .expect(201);
    editor = bearer(key.body.key);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('seeds release 1 (results.csv without the role column) and records it', async () => {
    const outcome = await app.get(SeedService).seedOrUpgrade({ dataDir: RELEASE_1 });
    expect(outcome.seeded && outcome.report.release).toMatchObject({
      release: 1,
      previousRelease: null,
      added: 595,
      corrected: 0,
      retired: 0,
      leftAlone: 0,
    });
    expect(await count('SELECT count(*) AS n FROM figures WHERE deleted_at IS NULL AND dataset_key IS NOT NULL')).toBe(
      595,
    );
    expect(await dataSource.query('SELECT release FROM dataset_releases')).toEqual([{ release: 1 }]);
    // The first load writes no history: a seeded figure is version 1 by `seed` until it changes.
    expect(await count('SELECT count(*) AS n FROM figure_revisions')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM changes')).toBe(0);
  });

  it('lets an editor correct, delete and create figures of release 1 through the API', async () => {
    corrected = await figureId('pangea-x', 'arrests', '400', PANGEA_X_400);
    deleted = await figureId('pangea-vii', 'arrests', '434', PANGEA_VII_434);
    await request(server)
      .patch(`/v1/arrests/${corrected}`)
      .set(editor)
      .send({ quantity: '410', reason: 'the final report gives 410' })
      .expect(200);
    await request(server)
      .delete(`/v1/arrests/${deleted}`)
      .query({ reason: 'OCCRP counts another period' })
      .set(editor)
      .expect(204);
    const post = await request(server)
      .post('/v1/arrests')
      .set(editor)
      .send({
        operation: 'pangea-vii',
        kind: 'arrests',
        quantity: '7',
        unit: 'people',
        qualifier: 'exact',
        country: 'FR',
        source: { url: 'https://example.org/pangea-vii/fr', publisher: 'INTERPOL', publishedOn: '2014-05-22' },
      })
      .expect(201);
    created = post.body.id;
    // Release 1 and 2 both give pangea-vii 111 countries and list pangea-i's AU.
    await request(server)
      .patch('/v1/operations/pangea-vii')
      .set(editor)
      .send({ countriesCount: 112, reason: 'the final report lists 112' })
      .expect(200);
    await request(server)
      .delete('/v1/operations/pangea-i/countries/AU')
      .query({ reason: 'not a participant' })
      .set(editor)
      .expect(204);
  });

  it('migrates a database seeded before releases were recorded: release 1, and the identities the seed gives', async () => {
    const seeded: { id: number; dataset_key: string | null }[] = await dataSource.query(
      'SELECT id, dataset_key FROM figures ORDER BY id',
    );
    // Line 26 of release 1's results.csv, the 25th row (the seed inserts in file order); the editor's figure has none.
    expect(seeded[24].dataset_key).toBe(`["pangea-iv", "arrests", "people", "", "", "${PANGEA_IV_55}", 1]`);
    expect(seeded.filter((f) => f.dataset_key === null).map((f) => f.id)).toEqual([created]);
    // Undo migration DatasetReleases (the schema of a database seeded before it, with the editor's changes), then run it.
    const runner = dataSource.createQueryRunner();
    try {
      await new DatasetReleases1796007000000().down(runner);
      await new DatasetReleases1796007000000().up(runner);
    } finally {
      await runner.release();
    }
    expect(await dataSource.query('SELECT id, dataset_key FROM figures ORDER BY id')).toEqual(seeded);
    expect(await dataSource.query('SELECT release, report FROM dataset_releases')).toEqual([
      { release: 1, report: { release: 1, note: 'seeded before releases were recorded (migration DatasetReleases)' } },
    ]);
  });

  it('applies release 2 at start-up: every new row added, changed rows corrected, the gone row retired, the editor left alone', async () => {
    const lines: string[] = [];
    const service = app.get(SeedService);
    const log = jest
      .spyOn((service as unknown as { logger: { log: (line: string) => void } }).logger, 'log')
      .mockImplementation((line) => void lines.push(line));
    const outcome = await service.seedOrUpgrade();
    log.mockRestore();
    const report = outcome.seeded ? outcome.report.release : undefined;
    expect(report).toEqual({
      release: 2,
      previousRelease: 1,
      ...EXPECTED,
      leftAloneIds: [corrected, deleted].sort((a, b) => a - b),
      operationsLeftAlone: ['pangea-vii'],
      participationsLeftAlone: ['pangea-i/AU'],
    });
    expect(lines).toContain(
      `seed: release 2 (database held release 1): 679 added, 80 corrected, 1 retired, 2 left as editors left them (figure ids ${report!.leftAloneIds.join(', ')}); ` +
        'operations kept as editors left them: pangea-vii; participations kept as editors left them: pangea-i/AU',
    );
    // 1,273 rows: 679 inserted, 80 updated, the 2 rows of the editor's figures not written, 512 unchanged.
    expect(lines).toContain(
      'seed: results.csv 1273 rows: 679 inserted, 80 updated, 512 unchanged, 2 left as editors left them',
    );

    const [stored] = await dataSource.query('SELECT release, report FROM dataset_releases ORDER BY id DESC LIMIT 1');
    expect(stored).toEqual({ release: 2, report });
  });

  it('holds every row of release 2 once, as published, except the two the editor changed', async () => {
    expect(await count('SELECT count(*) AS n FROM figures WHERE deleted_at IS NULL')).toBe(1273);
    expect(await count('SELECT count(*) AS n FROM figures WHERE deleted_at IS NULL AND dataset_key IS NOT NULL')).toBe(
      1272,
    );
    // No duplicate: no two live figures with the same identity (without the occurrence) and quantity.
    const duplicates = await dataSource.query(`
      SELECT o.code, f.kind, f.unit, f.category, f.country_iso2, f.source_id, f.quantity, count(*) FROM figures f JOIN operations o ON o.id = f.operation_id
      WHERE f.deleted_at IS NULL GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING count(*) > 1`);
    expect(duplicates).toEqual([]);

    const published = readRows(RELEASE_2, 'results.csv')
      .filter((r) => r.source_url !== PANGEA_VII_434 || r.metric !== 'arrests')
      .filter((r) => r.source_url !== PANGEA_X_400 || r.metric !== 'arrests')
      .map((r) =>
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
          r.preferred,
          r.role,
        ]),
      )
      .sort();
    expect(published).toHaveLength(1271);
    const stored: { fields: (string | null)[] }[] = await dataSource.query(
      `SELECT ARRAY[o.code, f.kind, f.quantity::text, f.unit, f.category, f.country_iso2, f.qualifier, s.url, p.name, to_char(s.published_on, 'YYYY-MM-DD'),
                    f.notes, CASE f.preferred_override WHEN true THEN 'yes' WHEN false THEN 'no' END, f.role] AS fields
       FROM figures f JOIN operations o ON o.id = f.operation_id JOIN sources s ON s.id = f.source_id LEFT JOIN publishers p ON p.id = s.publisher_id
       WHERE f.deleted_at IS NULL AND f.dataset_key IS NOT NULL AND f.id <> $1`,
      [corrected],
    );
    expect(stored.map((row) => canonical(row.fields)).sort()).toEqual(published);
  });

  it('leaves the corrected, deleted and created figures exactly as the editor left them', async () => {
    // Release 2 would set pangea-x arrests 400 as preferred (`preferred = yes`): the editor's 410 stands, unruled.
    expect(
      await one(
        `SELECT quantity::text AS quantity, preferred_override, deleted_at IS NULL AS live FROM figures WHERE id = $1`,
        [corrected],
      ),
    ).toEqual({
      quantity: '410',
      preferred_override: null,
      live: true,
    });
    expect(await revisionsOf(corrected)).toEqual([
      { version: 1, action: 'created', actor: 'seed', reason: null, quantity: '400' },
      { version: 2, action: 'corrected', actor: 'Jane Doe', reason: 'the final report gives 410', quantity: '410' },
    ]);
    expect(await one(`SELECT deleted_at IS NOT NULL AS deleted FROM figures WHERE id = $1`, [deleted])).toEqual({
      deleted: true,
    });
    expect(await revisionsOf(deleted)).toEqual([
      { version: 1, action: 'created', actor: 'seed', reason: null, quantity: '434' },
      { version: 2, action: 'deleted', actor: 'Jane Doe', reason: 'OCCRP counts another period', quantity: '434' },
    ]);
    await request(server).get(`/v1/arrests/${deleted}`).expect(404);
    // The operation and the participation the editor changed are not overwritten or re-added.
    expect(await one(`SELECT countries_count FROM operations WHERE code = 'pangea-vii'`)).toEqual({
      countries_count: 112,
    });
    expect(
      await count(
        `SELECT count(*) AS n FROM operation_countries oc JOIN operations o ON o.id = oc.operation_id WHERE o.code = 'pangea-i' AND oc.country_iso2 = 'AU'`,
      ),
    ).toBe(0);
    expect(await count('SELECT count(*) AS n FROM operation_countries')).toBe(771); // 772 rows of release 2 but pangea-i/AU
    // Figures editors created are no row of the dataset: never retired.
    expect(await one(`SELECT dataset_key, deleted_at IS NULL AS live FROM figures WHERE id = $1`, [created])).toEqual({
      dataset_key: null,
      live: true,
    });
    expect(await revisionsOf(created)).toEqual([
      { version: 1, action: 'created', actor: 'Jane Doe', reason: null, quantity: '7' },
    ]);
  });

  it("retires Pangea IV's 55 arrests and adds them back as persons under investigation", async () => {
    // The ICANN list's copy of the US ICE release (line 26 of both files); Manufacturing Chemist's 55 (line 34) was
    // already a persons_under_investigation figure in release 1.
    const rows = await dataSource.query(
      `SELECT f.kind, f.quantity::text AS quantity, f.deleted_at IS NOT NULL AS deleted, f.preferred,
              array(SELECT r.action || ' ' || r.actor || ' ' || coalesce(r.reason, '') FROM figure_revisions r WHERE r.figure_id = f.id ORDER BY r.version) AS versions
       FROM figures f JOIN sources s ON s.id = f.source_id WHERE s.url = $1 AND f.quantity = 55 ORDER BY f.id`,
      [PANGEA_IV_55],
    );
    expect(rows).toEqual([
      {
        kind: 'arrests',
        quantity: '55',
        deleted: true,
        preferred: false,
        versions: ['created seed ', `deleted dataset ${REASON}`],
      },
      {
        kind: 'persons_under_investigation',
        quantity: '55',
        deleted: false,
        preferred: expect.any(Boolean),
        versions: [`created dataset ${REASON}`],
      },
    ]);
    const arrests = await request(server).get('/v1/arrests?operation=pangea-iv').expect(200);
    expect(arrests.body.data.map((f: { kind: string; quantity: string }) => `${f.kind} ${f.quantity}`)).toContain(
      'persons_under_investigation 55',
    );
    expect(arrests.body.data.map((f: { kind: string; quantity: string }) => `${f.kind} ${f.quantity}`)).not.toContain(
      'arrests 55',
    );
  });

  it('writes each change as a revision by `dataset` and a change-feed entry with the release as reason', async () => {
    // 679 created + 80 corrected + 1 deleted.
    expect(
      await dataSource.query(
        `SELECT action, count(*)::int AS n FROM figure_revisions WHERE actor = 'dataset' AND reason = $1 GROUP BY action ORDER BY action`,
        [REASON],
      ),
    ).toEqual([
      { action: 'corrected', n: 80 },
      { action: 'created', n: 679 },
      { action: 'deleted', n: 1 },
    ]);
    // The 81 corrected or retired seeded figures first got their version 1 by `seed` (the 2 of the editor already had theirs).
    expect(await count(`SELECT count(*) AS n FROM figure_revisions WHERE actor = 'seed'`)).toBe(83);
    const feed: { action: string; actor: string; reason: string; entity: string }[] = [];
    let after = 0;
    for (;;) {
      const page = await request(server).get('/v1/changes').query({ after, limit: 1000 }).expect(200);
      feed.push(...page.body.data);
      if (page.body.data.length < 1000) break;
      after = page.body.data.at(-1).id;
    }
    const release = feed.filter((c) => c.reason === REASON);
    expect(release.every((c) => c.actor === 'dataset' && c.entity === 'figure')).toBe(true);
    expect({
      created: release.filter((c) => c.action === 'created').length,
      corrected: release.filter((c) => c.action === 'corrected').length,
      deleted: release.filter((c) => c.action === 'deleted').length,
    }).toEqual({ created: 679, corrected: 80, deleted: 1 });
  });

  it('has one preferred figure in every group and rollups built from the figures', async () => {
    const bad = await dataSource.query(`
      SELECT group_key FROM figures WHERE deleted_at IS NULL GROUP BY group_key
      HAVING count(*) FILTER (WHERE preferred) <> CASE WHEN bool_and(preferred_override IS NOT DISTINCT FROM false) THEN 0 ELSE 1 END`);
    expect(bad).toEqual([]);
    expect(await count(`SELECT count(DISTINCT operation_id) AS n FROM figure_rollups`)).toBeGreaterThan(100);
  });

  it('changes nothing when applied again (npm run seed), and start-up leaves the release alone', async () => {
    const state = async () => ({
      revisions: await count('SELECT count(*) AS n FROM figure_revisions'),
      changes: await count('SELECT count(*) AS n FROM changes'),
      releases: await count('SELECT count(*) AS n FROM dataset_releases'),
      figures: await count('SELECT count(*) AS n FROM figures'),
      updated: (await one<{ at: string }>('SELECT max(updated_at)::text AS at FROM figures')).at,
    });
    const before = await state();
    const outcome = await app.get(SeedService).seed();
    expect(outcome.seeded && outcome.report.release).toEqual({
      release: 2,
      previousRelease: 2,
      added: 0,
      corrected: 0,
      retired: 0,
      leftAlone: 0,
      leftAloneIds: [],
      operationsLeftAlone: [],
      participationsLeftAlone: [],
    });
    expect(outcome.seeded && outcome.report.tables.find((t) => t.name === 'results.csv')).toMatchObject({
      rows: 1273,
      inserted: 0,
      updated: 0,
      unchanged: 1273,
    });
    expect(await state()).toEqual(before);
    expect(await app.get(SeedService).seedOrUpgrade()).toEqual({
      seeded: false,
      reason: 'the database already holds release 2',
    });
  });

  it('refuses to apply an older release over a newer one, writing nothing', async () => {
    await expect(app.get(SeedService).seed({ dataDir: RELEASE_1 })).rejects.toThrow(
      /holds release 2, newer than release 1/,
    );
    expect(await count('SELECT count(*) AS n FROM figures WHERE deleted_at IS NULL')).toBe(1273);
  });
});

describe('Data releases: release 1 to 2 on a database no editor touched (e2e)', () => {
  let database: ScratchDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createScratchDatabase('releases_plain');
    dataSource = await openMigratedDataSource(database.url);
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  it('adds 679, corrects 81, retires 1 and leaves nothing alone (the counts of the comment above, no editor)', async () => {
    await seedDatabase(dataSource, { dataDir: RELEASE_1 });
    const lines: string[] = [];
    const outcome = await seedDatabase(dataSource, { onlyIfNewer: true, log: (line) => lines.push(line) });
    expect(outcome.seeded && outcome.report.release).toMatchObject({
      release: 2,
      previousRelease: 1,
      added: 679,
      corrected: 81,
      retired: 1,
      leftAlone: 0,
    });
    expect(lines).toContain(
      'seed: release 2 (database held release 1): 679 added, 81 corrected, 1 retired, 0 left as editors left them',
    );
    expect(await dataSource.query('SELECT count(*)::int AS n FROM figures WHERE deleted_at IS NULL')).toEqual([
      { n: 1273 },
    ]);
  });
});
