import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiKey } from '../src/api-keys/api-keys.service';
import { createAppWithEnv } from './utils/app-with-env';
import { createScratchDatabase, ScratchDatabase } from './utils/scratch-database';

/** The header of results.csv since release 2 of the data: `role` after `preferred`. */
const HEADER =
  'operation_code,metric,quantity,unit,category,country,qualifier,source_url,source_publisher,source_date,notes,preferred,role';
/** The header of release 1, without `role`: such files still import, the role left empty. */
const RELEASE_1_HEADER = HEADER.replace(/,role$/, '');
const RESULTS_CSV = readFileSync(join(__dirname, '..', 'src', 'database', 'seed', 'data', 'results.csv'), 'utf8');
/** A page already cited by the seed for pangea-xvi (publisher "Red Notice Law Journal", no date). */
const RNLJ =
  'https://www.rednoticelawjournal.com/2023/12/france-interpol-red-notice-subjects-and-operation-pangea-xvi-how-interpol-helps-police-share-information-in-cross-border-investigations-part-1-of-3/';
const NEW_PAGE = 'https://www.interpol.int/News-and-Events/News/2023/import-test-pangea-xvi';

function csv(...rows: string[]): string {
  return `${[HEADER, ...rows].join('\n')}\n`;
}

function release1Csv(...rows: string[]): string {
  return `${[RELEASE_1_HEADER, ...rows].join('\n')}\n`;
}

describe('POST /v1/imports (e2e, own database seeded with the real data)', () => {
  let database: ScratchDatabase;
  let app: NestFastifyApplication;
  let server: ReturnType<NestFastifyApplication['getHttpServer']>;
  let dataSource: DataSource;
  let editor: string;

  const counts = async () => {
    const [row] = await dataSource.query<{ figures: number; sources: number; revisions: number; changes: number }[]>(
      `SELECT (SELECT count(*)::int FROM figures) AS figures, (SELECT count(*)::int FROM sources) AS sources,
              (SELECT count(*)::int FROM figure_revisions) AS revisions, (SELECT count(*)::int FROM changes) AS changes`,
    );
    return row;
  };
  const post = (body: string | object, query = '', key: string | null = editor) => {
    const req = request(server).post(`/v1/imports${query}`);
    if (key) req.set('Authorization', `Bearer ${key}`);
    return typeof body === 'string' ? req.set('Content-Type', 'text/csv').send(body) : req.send(body);
  };

  beforeAll(async () => {
    database = await createScratchDatabase('imports');
    app = await createAppWithEnv({
      DATABASE_URL: database.url,
      SEED_ON_START: 'true',
      // Above the 1,273 rows of the bundled results.csv, which is imported whole below.
      IMPORT_MAX_ROWS: '2000',
      BODY_LIMIT_BYTES: '16384',
      IMPORT_BODY_LIMIT_BYTES: '1048576',
    });
    server = app.getHttpServer();
    dataSource = app.get(DataSource);
    editor = (await createApiKey(dataSource.manager, { name: 'import-editor', role: 'editor', createdBy: 'test' })).key;
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('needs an editor key', async () => {
    const anonymous = await post(csv(), '', null).expect(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    await post(csv(), '', `ora_${'A'.repeat(43)}`).expect(401);
  });

  it('dry run: reports every bad row with its physical CSV line, writes nothing', async () => {
    const before = await counts();
    const body =
      `${HEADER}\n` +
      `pangea-xvi,arrests,80,people,,,exact,${NEW_PAGE},INTERPOL,2023-10-12,,,\n` + // line 2: fine
      `pangea-xvi,arrests,"12,000",people,,,exact,${NEW_PAGE},INTERPOL,2023-10-12,,,\n` + // line 3: quantity
      `"no-such-op",arrests,1,people,,,exact,${NEW_PAGE},INTERPOL,2023-10-12,"a note\nover two lines",,\n` + // lines 4-5
      `pangea-xvi,weight_seized,5,pills,,XX,roughly,not-a-url,Nobody,2023-02-30,,maybe,\n`; // line 6
    const res = await post(body, '?dryRun=true').expect(200);
    expect(res.body).toMatchObject({ dryRun: true, valid: false, rows: 4, created: 0, updated: 0, unchanged: 0 });
    const lines = res.body.errors.map((e: { line: number }) => e.line);
    expect([...new Set(lines)]).toEqual([3, 4, 6]);
    const reasons = (line: number) =>
      res.body.errors.filter((e: { line: number }) => e.line === line).map((e: { reason: string }) => e.reason);
    expect(reasons(3)).toEqual([
      'quantity "12,000" is not a plain non-negative decimal (digits and one optional point)',
    ]);
    expect(reasons(4)).toEqual(['a field contains a line break']);
    expect(reasons(6)).toEqual([
      'unit "pills" is count, but weight_seized needs a mass unit',
      'country "XX" is not an ISO 3166-1 alpha-2 country code',
      'qualifier "roughly" is not one of exact, approximately, more_than, nearly, up_to',
      'source_url "not-a-url" is not an http(s) URL',
      'source_publisher "Nobody" is not listed in the publishers of this database (see /v1/sources)',
      'source_date "2023-02-30" is not a valid YYYY-MM-DD date',
      'preferred "maybe" is not one of (empty), yes, no',
    ]);
    expect(res.body.errorCount).toBe(res.body.errors.length);
    expect(await counts()).toEqual(before);
  });

  it('dry run of JSON: a row is numbered by its index + 1; a valid file reports what it would do', async () => {
    const rows = [
      {
        operationCode: 'pangea-xvi',
        metric: 'arrests',
        quantity: 72,
        unit: 'people',
        qualifier: 'exact',
        sourceUrl: RNLJ,
        sourcePublisher: 'Red Notice Law Journal',
      },
      {
        operationCode: 'pangea-xvi',
        metric: 'arrests',
        quantity: '-1',
        unit: 'people',
        qualifier: 'exact',
        sourceUrl: RNLJ,
        sourcePublisher: 'Red Notice Law Journal',
        colour: 'red',
      },
      'not a row',
    ];
    const bad = await post({ rows }, '?dryRun=true').expect(200);
    expect(bad.body.errors).toEqual([
      { line: 2, reason: 'unknown field "colour"' },
      { line: 3, reason: 'a row must be an object with the fields operationCode, metric, quantity, …' },
    ]);
    const good = await post({ rows: rows.slice(0, 1) }, '?dryRun=true').expect(200);
    expect(good.body).toEqual({
      dryRun: true,
      valid: true,
      rows: 1,
      created: 0,
      updated: 0,
      unchanged: 1,
      keptDeleted: 0,
      sourcesCreated: 0,
      errors: [],
      errorCount: 0,
    });
  });

  it('refuses the whole import when one row is bad (400 listing the lines), writing nothing', async () => {
    const before = await counts();
    const res = await post(
      csv(
        `pangea-xvi,arrests,80,people,,,exact,${NEW_PAGE},INTERPOL,2023-10-12,,,`,
        `pangea-xvi,labs_dismantled,3,labs,,,exact,${NEW_PAGE},INTERPOL,2023-10-12,,,`,
        `pangea-xvi,arrests,80,people,,,exact,${NEW_PAGE},INTERPOL,2023-10-12,,,`,
      ),
    ).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: '/problems/validation-error',
      status: 400,
      instance: '/v1/imports',
      errorCount: 1,
    });
    expect(res.body.errors).toEqual([
      {
        name: 'line 4',
        line: 4,
        reason: 'same figure (operation, metric, unit, category, country, source, quantity) as line 2',
      },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('re-importing the bundled results.csv changes nothing', async () => {
    const before = await counts();
    const res = await post(RESULTS_CSV).expect(200);
    // The 1,273 data rows of results.csv (release 2, with the role column), all already seeded.
    expect(res.body).toMatchObject({
      dryRun: false,
      valid: true,
      rows: 1273,
      created: 0,
      updated: 0,
      unchanged: 1273,
      sourcesCreated: 0,
    });
    expect(await counts()).toEqual(before);
  });

  it('imports new figures and corrections; stats, ETags and the change feed follow; a second import is a no-op', async () => {
    const stats = async () => request(server).get('/v1/stats/arrests?operation=pangea-xvi').expect(200);
    const statsBefore = await stats();
    const before = await counts();
    const body = csv(
      // New: an official total of 80 arrests from a new INTERPOL page: preferred over the media's 72.
      `pangea-xvi,arrests,80,people,,,exact,${NEW_PAGE},INTERPOL,2023-10-12,official total,,`,
      `pangea-xvi,labs_dismantled,3,labs,,,exact,${NEW_PAGE},INTERPOL,2023-10-12,,,`,
      // Equal to the seeded figure.
      `pangea-xvi,investigations_opened,325,cases,,,exact,${RNLJ},Red Notice Law Journal,,,,`,
      // The seeded 1300 websites, with other notes: corrected.
      `pangea-xvi,websites_shut_down,1300,websites,,,more_than,${RNLJ},Red Notice Law Journal,,checked against the release,,`,
    );
    const first = await post(body, '?reason=annual%20report').expect(200);
    expect(first.body).toEqual({
      dryRun: false,
      valid: true,
      rows: 4,
      created: 2,
      updated: 1,
      unchanged: 1,
      keptDeleted: 0,
      sourcesCreated: 1,
      errors: [],
      errorCount: 0,
    });
    const after = await counts();
    expect(after.figures).toBe(before.figures + 2);
    expect(after.sources).toBe(before.sources + 1);
    // Two created figures (version 1 each); the corrected one: its seeded version 1 and version 2.
    expect(after.revisions).toBe(before.revisions + 4);
    // Changes: the source, two figures created, one corrected.
    expect(after.changes).toBe(before.changes + 4);

    const [corrected] = await dataSource.query<{ notes: string; id: number }[]>(
      `SELECT f.id, f.notes FROM figures f JOIN operations o ON o.id = f.operation_id WHERE o.code = 'pangea-xvi' AND f.kind = 'websites_shut_down'`,
    );
    expect(corrected.notes).toBe('checked against the release');
    const history = await request(server).get(`/v1/outcomes/${corrected.id}/revisions`).expect(200);
    expect(history.body.data.map((v: { action: string }) => v.action)).toEqual(['created', 'corrected']);
    expect(history.body.data[1]).toMatchObject({
      reason: 'annual report',
      actor: 'import-editor',
      values: { notes: 'checked against the release' },
    });

    const statsAfter = await stats();
    expect(statsAfter.headers.etag).not.toBe(statsBefore.headers.etag);
    expect(JSON.stringify(statsAfter.body)).toContain('80');
    expect(statsAfter.body).not.toEqual(statsBefore.body);
    const [preferred] = await dataSource.query<{ quantity: string }[]>(
      `SELECT f.quantity::text AS quantity FROM figures f JOIN operations o ON o.id = f.operation_id
       WHERE o.code = 'pangea-xvi' AND f.kind = 'arrests' AND f.country_iso2 IS NULL AND f.preferred`,
    );
    expect(preferred.quantity).toBe('80');

    const second = await post(body, '?reason=annual%20report').expect(200);
    expect(second.body).toMatchObject({ created: 0, updated: 0, unchanged: 4, sourcesCreated: 0 });
    expect(await counts()).toEqual(after);
    const statsAgain = await stats();
    expect(statsAgain.headers.etag).toBe(statsAfter.headers.etag);
  });

  describe('the role column', () => {
    // results.csv has no operation-wide items_seized figure for pangea-xvi (lines 263-269; its only items figure is
    // GB's 712,000 "tablets and medicines", line 268): the operation's items in the unit `items` are those imported here.
    const items = async () => {
      const res = await request(server).get('/v1/stats/seizures?operation=pangea-xvi').expect(200);
      return res.body.data[0].measures.find(
        (m: { kind: string; unit: string }) => m.kind === 'items_seized' && m.unit === 'items',
      );
    };
    const listed = async (query = '') => {
      const res = await request(server)
        .get(`/v1/seizures?operation=pangea-xvi&kind=items_seized&unit=items${query}`)
        .expect(200);
      return res.body.data.map((f: { quantity: string; category: string | null; role: string | null }) => [
        f.quantity,
        f.category,
        f.role,
      ]);
    };
    const TOTAL = `pangea-xvi,items_seized,1000000,items,medicines,,more_than,${NEW_PAGE},INTERPOL,2023-10-12,whole haul`;
    const PART = `pangea-xvi,items_seized,250000,items,antibiotics,,exact,${NEW_PAGE},INTERPOL,2023-10-12,of which antibiotics`;

    it('refuses a role on a country figure and an unknown role, naming the line', async () => {
      const before = await counts();
      const res = await post(
        csv(
          `pangea-xvi,items_seized,5000,items,antibiotics,GB,exact,${NEW_PAGE},INTERPOL,2023-10-12,,,part`,
          `pangea-xvi,items_seized,5000,items,antibiotics,,exact,${NEW_PAGE},INTERPOL,2023-10-12,,,whole`,
        ),
        '?dryRun=true',
      ).expect(200);
      expect(res.body).toMatchObject({ valid: false, rows: 2, created: 0 });
      expect(res.body.errors).toEqual([
        { line: 2, reason: 'role "part" applies to operation-wide figures only; a country figure has no role' },
        { line: 3, reason: 'role "whole" is not one of (empty), total, part' },
      ]);
      expect(await counts()).toEqual(before);
    });

    it('imports rows with a role: the `total` is the operation total, the `part` is never added to it', async () => {
      expect(await items()).toBeUndefined();
      const res = await post(csv(`${TOTAL},,total`, `${PART},,part`), '?reason=role%20test').expect(200);
      expect(res.body).toMatchObject({ valid: true, rows: 2, created: 2, updated: 0, unchanged: 0, sourcesCreated: 0 });
      expect(await listed()).toEqual([
        ['1000000', 'medicines', 'total'],
        ['250000', 'antibiotics', 'part'],
      ]);
      // The total alone, "more than 1,000,000": a lower bound as reported, not derived.
      expect(await items()).toEqual({
        kind: 'items_seized',
        unitClass: 'count',
        unit: 'items',
        value: 1000000,
        lowerBound: true,
        upperBound: false,
        approximate: false,
        derived: false,
        derivedFrom: null,
        derivedFromCount: 0,
        figureCount: 1,
      });
      expect(await listed('&countedIn=operation')).toEqual([['1000000', 'medicines', 'total']]);
      // Imported again: the same rows, roles included, change nothing.
      const again = await post(csv(`${TOTAL},,total`, `${PART},,part`)).expect(200);
      expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    });

    it('corrects the roles by import (JSON, role null): the two figures are then added up, derived from the categories', async () => {
      const row = (line: string, role: string | null) => {
        const [
          operationCode,
          metric,
          quantity,
          unit,
          category,
          country,
          qualifier,
          sourceUrl,
          sourcePublisher,
          sourceDate,
          notes,
        ] = line.split(',');
        return {
          operationCode,
          metric,
          quantity,
          unit,
          category,
          country,
          qualifier,
          sourceUrl,
          sourcePublisher,
          sourceDate,
          notes,
          role,
        };
      };
      const res = await post({ rows: [row(TOTAL, null), row(PART, null)] }, '?reason=no%20roles').expect(200);
      expect(res.body).toMatchObject({ valid: true, rows: 2, created: 0, updated: 2, unchanged: 0 });
      expect(await listed()).toEqual([
        ['1000000', 'medicines', null],
        ['250000', 'antibiotics', null],
      ]);
      // 1,000,000 + 250,000 with no uncategorised figure and no total: a lower bound derived from 2 category figures.
      expect(await items()).toEqual({
        kind: 'items_seized',
        unitClass: 'count',
        unit: 'items',
        value: 1250000,
        lowerBound: true,
        upperBound: false,
        approximate: false,
        derived: true,
        derivedFrom: 'categories',
        derivedFromCount: 2,
        figureCount: 2,
      });
      const [{ id }] = await dataSource.query<{ id: number }[]>(
        `SELECT f.id FROM figures f JOIN operations o ON o.id = f.operation_id
         WHERE o.code = 'pangea-xvi' AND f.kind = 'items_seized' AND f.unit = 'items' AND f.quantity = 1000000`,
      );
      const history = await request(server).get(`/v1/seizures/${id}/revisions`).expect(200);
      expect(
        history.body.data.map((v: { action: string; reason: string | null; values: { role: string | null } }) => [
          v.action,
          v.reason,
          v.values.role,
        ]),
      ).toEqual([
        ['created', null, 'total'],
        ['corrected', 'no roles', null],
      ]);
    });

    it('imports a CSV without the role column (the columns of release 1): the role is left empty', async () => {
      const res = await post(
        release1Csv(
          // New: created without a role.
          `pangea-xvi,other,4,warning letters,,,exact,${NEW_PAGE},INTERPOL,2023-10-12,,`,
          // The seeded line 264, which has no role: unchanged.
          `pangea-xvi,investigations_opened,325,cases,,,exact,${RNLJ},Red Notice Law Journal,,,`,
        ),
        '?reason=release%201%20columns',
      ).expect(200);
      expect(res.body).toEqual({
        dryRun: false,
        valid: true,
        rows: 2,
        created: 1,
        updated: 0,
        unchanged: 1,
        keptDeleted: 0,
        sourcesCreated: 0,
        errors: [],
        errorCount: 0,
      });
      const created = await request(server)
        .get('/v1/outcomes?operation=pangea-xvi&kind=other&unit=warning%20letters')
        .expect(200);
      expect(created.body.data.map((f: { quantity: string; role: string | null }) => [f.quantity, f.role])).toEqual([
        ['4', null],
      ]);
    });

    it('keeps the stored role of a figure when a row leaves the role out (CSV without the column, JSON without the field)', async () => {
      // results.csv line 291: Opson III's "more than 1,200 t" of food, role `total`.
      const line =
        'opson-iii,weight_seized,1200,tonnes,food,,more_than,https://ens-newswire.com/food-scam-tons-of-fake-food-drinks-seized-in-interpol-bust/,Environment News Service (ENS),2014-02-19,fake or substandard food,';
      const fromCsv = await post(release1Csv(line), '?reason=old%20columns').expect(200);
      expect(fromCsv.body).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
      const [
        operationCode,
        metric,
        quantity,
        unit,
        category,
        ,
        qualifier,
        sourceUrl,
        sourcePublisher,
        sourceDate,
        notes,
      ] = line.split(',');
      const fromJson = await post({
        rows: [
          { operationCode, metric, quantity, unit, category, qualifier, sourceUrl, sourcePublisher, sourceDate, notes },
        ],
      }).expect(200);
      expect(fromJson.body).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
      const res = await request(server)
        .get('/v1/seizures?operation=opson-iii&kind=weight_seized&category=food')
        .expect(200);
      expect(res.body.data.map((f: { quantity: string; role: string | null }) => [f.quantity, f.role])).toEqual([
        ['1200', 'total'],
      ]);
    });
  });

  it('refuses more rows than IMPORT_MAX_ROWS with 413', async () => {
    const rows = Array.from(
      { length: 2001 },
      (_, i) => `pangea-xvi,other,${i},things,,,exact,${NEW_PAGE},INTERPOL,2023-10-12,,,`,
    );
    const res = await post(csv(...rows)).expect(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toContain('at most 2000');
  });

  it('gives the import a larger body limit than other routes; beyond it 413', async () => {
    // 20 KiB: more than BODY_LIMIT_BYTES (16 KiB), less than IMPORT_BODY_LIMIT_BYTES.
    const big = {
      rows: [
        {
          operationCode: 'pangea-xvi',
          metric: 'arrests',
          quantity: '72',
          unit: 'people',
          qualifier: 'exact',
          sourceUrl: RNLJ,
          sourcePublisher: 'Red Notice Law Journal',
          notes: 'x'.repeat(20_000),
        },
      ],
    };
    const accepted = await post(big, '?dryRun=true').expect(200);
    expect(accepted.body.valid).toBe(true);
    const elsewhere = await request(server)
      .post('/v1/operations')
      .set('Authorization', `Bearer ${editor}`)
      .send({ notes: 'x'.repeat(20_000) });
    expect(elsewhere.status).toBe(413);
    expect(elsewhere.headers['content-type']).toMatch(/^application\/problem\+json/);
    const tooBig = await post(`${HEADER}\n${'x'.repeat(1_100_000)}`);
    expect(tooBig.status).toBe(413);
    expect(tooBig.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses other media types with 415 and a JSON body that is not { rows } with 400', async () => {
    const plain = await request(server)
      .post('/v1/imports')
      .set('Authorization', `Bearer ${editor}`)
      .set('Content-Type', 'text/plain')
      .send('a,b');
    expect(plain.status).toBe(415);
    expect(plain.headers['content-type']).toMatch(/^application\/problem\+json/);
    const array = await post([]).expect(400);
    expect(array.body.errors).toEqual([
      { name: 'rows', reason: 'the body must be a JSON object { "rows": [ … ] } and nothing else' },
    ]);
    await post({ rows: [] }).expect(400);
  });
});
