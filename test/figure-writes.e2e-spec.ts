import request from 'supertest';
import type { components } from '../clients/typescript/src/schema';
import { bearer, createSeededScratchApp, SeededScratchApp } from './utils/seeded-scratch';

type Revision = components['schemas']['FigureRevisionDto'];
type Change = components['schemas']['ChangeDto'];

/**
 * Writes of figures on a private copy of the real dataset: corrections with
 * history, soft deletion, the statistics and their ETag following, safe retries,
 * validation with the seed's rules, all-or-nothing transactions, the change feed.
 * Pangea VII (2014-05-13 to 2014-05-20) reports 237 arrests (Fortissa, republished
 * INTERPOL release, official, undated: preferred), 434 (OCCRP, media, 2015-06-19)
 * and 5 for GB (PharmaTimes).
 */
describe('Figure writes, history and change feed (e2e)', () => {
  let ctx: SeededScratchApp;
  let editor: { Authorization: string };
  let figure237: number;
  let figure434: number;
  let figureGb: number;
  let created: { id: number; href: string; body: Record<string, unknown> };
  const STATS = '/v1/stats/arrests?operation=pangea-vii';

  const stats = async () => {
    const res = await request(ctx.server).get(STATS).expect(200);
    return { arrests: res.body.data[0]?.arrests ?? null, etag: res.headers.etag };
  };
  const count = async (sql: string, params: unknown[] = []) => Number((await ctx.dataSource.query(sql, params))[0].n);
  const revisions = async (path: string) =>
    (await request(ctx.server).get(`${path}/revisions`).expect(200)).body.data as Revision[];
  const errorNames = (body: { errors?: { name: string }[] }) => (body.errors ?? []).map((e) => e.name);

  beforeAll(async () => {
    ctx = await createSeededScratchApp('figure_writes');
    const key = await request(ctx.server)
      .post('/v1/api-keys')
      .set(bearer(ctx.adminKey))
      .send({ name: 'Data desk', role: 'editor' })
      .expect(201);
    editor = bearer(key.body.key);
    const list = await request(ctx.server).get('/v1/arrests?operation=pangea-vii').expect(200);
    const byQuantity = new Map<string, number>(
      list.body.data.map((f: { quantity: string; id: number }) => [f.quantity, f.id]),
    );
    figure237 = byQuantity.get('237')!;
    figure434 = byQuantity.get('434')!;
    figureGb = byQuantity.get('5')!;
  });

  afterAll(async () => {
    await ctx?.close();
  });

  describe('correction', () => {
    it('changes Pangea VII arrests from 237 to 257 in the statistics, with a new ETag, and keeps the old version', async () => {
      const before = await stats();
      expect(before.arrests).toEqual({
        value: 237,
        lowerBound: false,
        upperBound: false,
        approximate: false,
        derived: false,
        derivedFrom: null,
        derivedFromCount: 0,
        figureCount: 1,
      });
      await request(ctx.server).get(STATS).set('If-None-Match', before.etag).expect(304);

      const res = await request(ctx.server)
        .patch(`/v1/arrests/${figure237}`)
        .set(editor)
        .send({ quantity: 257, reason: 'the final INTERPOL report gives 257 arrests' })
        .expect(200);
      expect(res.body).toMatchObject({
        id: figure237,
        quantity: '257',
        unit: 'people',
        preferred: true,
        href: `/v1/arrests/${figure237}`,
      });

      const after = await stats();
      expect(after.arrests).toEqual({
        value: 257,
        lowerBound: false,
        upperBound: false,
        approximate: false,
        derived: false,
        derivedFrom: null,
        derivedFromCount: 0,
        figureCount: 1,
      });
      expect(after.etag).not.toBe(before.etag);
      await request(ctx.server).get(STATS).set('If-None-Match', before.etag).expect(200);

      const versions = await revisions(`/v1/arrests/${figure237}`);
      expect(versions.map((v) => [v.version, v.action, v.actor, v.reason, v.values.quantity])).toEqual([
        [1, 'created', 'seed', null, '237'],
        [2, 'corrected', 'Data desk', 'the final INTERPOL report gives 257 arrests', '257'],
      ]);
      expect(versions[0].values).toMatchObject({
        operation: 'pangea-vii',
        kind: 'arrests',
        unit: 'people',
        country: null,
        sourceUrl: 'https://fortissa.com/news/thousands-of-illicit-online-pharmacies-shut-down',
      });
      expect(Date.parse(versions[1].at)).toBeGreaterThanOrEqual(Date.parse(versions[0].at));
    });

    it('shows a never-edited seeded figure as one version by seed', async () => {
      const versions = await revisions(`/v1/arrests/${figure434}`);
      expect(versions.map((v) => [v.version, v.action, v.actor, v.values.quantity])).toEqual([
        [1, 'created', 'seed', '434'],
      ]);
      await request(ctx.server).get(`/v1/seizures/${figure434}/revisions`).expect(404);
      await request(ctx.server).get('/v1/arrests/999999/revisions').expect(404);
    });

    it('refuses a correction without a reason (400 naming it) and changes nothing', async () => {
      const none = await request(ctx.server)
        .patch(`/v1/arrests/${figure237}`)
        .set(editor)
        .send({ quantity: '300' })
        .expect(400);
      expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(errorNames(none.body)).toEqual(['reason']);
      const blank = await request(ctx.server)
        .patch(`/v1/arrests/${figure237}`)
        .set(editor)
        .send({ quantity: '300', reason: '  ' })
        .expect(400);
      expect(errorNames(blank.body)).toEqual(['reason']);
      const unknown = await request(ctx.server)
        .patch(`/v1/arrests/${figure237}`)
        .set(editor)
        .send({ reason: 'x', colour: 'red' })
        .expect(400);
      expect(unknown.body.detail).toContain('colour');
      const cleared = await request(ctx.server)
        .patch(`/v1/arrests/${figure237}`)
        .set(editor)
        .send({ reason: 'x', quantity: null })
        .expect(400);
      expect(errorNames(cleared.body)).toContain('quantity');
      expect((await stats()).arrests.value).toBe(257);
      expect(await revisions(`/v1/arrests/${figure237}`)).toHaveLength(2);
    });

    it('writes nothing for a correction that changes no value', async () => {
      const changes = await count('SELECT count(*) AS n FROM changes');
      await request(ctx.server)
        .patch(`/v1/arrests/${figure237}`)
        .set(editor)
        .send({ quantity: '257', unit: 'people', reason: 'same' })
        .expect(200);
      expect(await count('SELECT count(*) AS n FROM changes')).toBe(changes);
      expect(await revisions(`/v1/arrests/${figure237}`)).toHaveLength(2);
    });
  });

  describe('deletion', () => {
    it('needs a reason in ?reason=', async () => {
      const res = await request(ctx.server).delete(`/v1/arrests/${figure237}`).set(editor).expect(400);
      expect(errorNames(res.body)).toEqual(['reason']);
      await request(ctx.server).get(`/v1/arrests/${figure237}`).expect(200);
    });

    it('removes the figure from lists, detail and statistics, but not from its revisions', async () => {
      const totalBefore = (await request(ctx.server).get('/v1/arrests?limit=1').expect(200)).body.meta.total as number;
      await request(ctx.server)
        .delete(`/v1/arrests/${figure237}?reason=${encodeURIComponent('duplicate of the OCCRP report')}`)
        .set(editor)
        .expect(204);

      await request(ctx.server).get(`/v1/arrests/${figure237}`).expect(404);
      const list = await request(ctx.server).get('/v1/arrests?operation=pangea-vii').expect(200);
      expect(list.body.data.map((f: { id: number }) => f.id).sort((a: number, b: number) => a - b)).toEqual(
        [figure434, figureGb].sort((a, b) => a - b),
      );
      expect((await request(ctx.server).get('/v1/arrests?limit=1').expect(200)).body.meta.total).toBe(totalBefore - 1);
      // The OCCRP report is now the only one of its group: preferred, and the statistics count it.
      expect((await request(ctx.server).get(`/v1/arrests/${figure434}`).expect(200)).body.preferred).toBe(true);
      expect((await stats()).arrests).toEqual({
        value: 434,
        lowerBound: false,
        upperBound: false,
        approximate: false,
        derived: false,
        derivedFrom: null,
        derivedFromCount: 0,
        figureCount: 1,
      });

      const versions = await revisions(`/v1/arrests/${figure237}`);
      expect(versions.map((v) => [v.version, v.action, v.actor, v.reason, v.values.quantity])).toEqual([
        [1, 'created', 'seed', null, '237'],
        [2, 'corrected', 'Data desk', 'the final INTERPOL report gives 257 arrests', '257'],
        [3, 'deleted', 'Data desk', 'duplicate of the OCCRP report', '257'],
      ]);
      await request(ctx.server)
        .patch(`/v1/arrests/${figure237}`)
        .set(editor)
        .send({ quantity: '1', reason: 'x' })
        .expect(404);
      await request(ctx.server).delete(`/v1/arrests/${figure237}?reason=again`).set(editor).expect(404);
    });
  });

  describe('creation and safe retries', () => {
    const body = {
      operation: 'pangea-vii',
      kind: 'persons_under_investigation',
      quantity: '12',
      unit: 'people',
      qualifier: 'more_than',
      country: 'ie',
      source: { url: 'https://example.org/pangea-vii-ireland', publisher: 'interpol', publishedOn: '2014-06-01' },
      notes: 'test figure',
    };

    it('creates a figure (201, Location) and answers a retry with the same Idempotency-Key with the first answer', async () => {
      const first = await request(ctx.server)
        .post('/v1/arrests')
        .set(editor)
        .set('Idempotency-Key', 'ireland-1')
        .send(body)
        .expect(201);
      expect(first.body).toMatchObject({
        type: 'arrest',
        kind: 'persons_under_investigation',
        quantity: '12',
        qualifier: 'more_than',
        country: { iso2: 'IE', name: 'Ireland' },
        operation: { code: 'pangea-vii', year: 2014 },
        source: { url: body.source.url, publisher: 'INTERPOL', tier: 'official', publishedOn: '2014-06-01' },
        preferred: true,
        role: null,
      });
      expect(first.headers.location).toBe(first.body.href);
      created = { id: first.body.id, href: first.body.href, body: first.body };

      const shuffled = {
        notes: body.notes,
        source: body.source,
        country: 'ie',
        qualifier: 'more_than',
        unit: 'people',
        quantity: '12',
        kind: body.kind,
        operation: body.operation,
      };
      const retry = await request(ctx.server)
        .post('/v1/arrests')
        .set(editor)
        .set('Idempotency-Key', 'ireland-1')
        .send(shuffled)
        .expect(201);
      expect(retry.text).toBe(first.text);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.headers.location).toBe(first.body.href);
      expect(
        await count(
          `SELECT count(*) AS n FROM figures WHERE country_iso2 = 'IE' AND kind = 'persons_under_investigation' AND notes = 'test figure'`,
        ),
      ).toBe(1);
      expect(await count('SELECT count(*) AS n FROM sources WHERE url = $1', [body.source.url])).toBe(1);
      expect((await revisions(created.href)).map((v) => [v.version, v.action, v.actor])).toEqual([
        [1, 'created', 'Data desk'],
      ]);
    });

    it('refuses the same Idempotency-Key with another body (422)', async () => {
      const res = await request(ctx.server)
        .post('/v1/arrests')
        .set(editor)
        .set('Idempotency-Key', 'ireland-1')
        .send({ ...body, quantity: '13' })
        .expect(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 422, type: '/problems/idempotency-key-reused' });
      expect(await count(`SELECT count(*) AS n FROM figures WHERE notes = 'test figure'`)).toBe(1);
    });

    it('refuses a duplicate natural key with 409 naming the existing figure', async () => {
      const res = await request(ctx.server).post('/v1/arrests').set(editor).send(body).expect(409);
      expect(res.body).toMatchObject({
        status: 409,
        type: '/problems/conflict',
        existingId: created.id,
        existingHref: created.href,
      });
      expect(res.body.detail).toContain(created.href);
      // The same figure with the quantity written another way (12.0 = 12) is the same figure.
      await request(ctx.server)
        .post('/v1/arrests')
        .set(editor)
        .send({ ...body, quantity: '12.0' })
        .expect(409);
    });
  });

  describe('validation with the rules of the dataset', () => {
    const valid = {
      operation: 'pangea-vii',
      kind: 'weight_seized',
      quantity: '2.5',
      unit: 'tonnes',
      qualifier: 'exact',
      sourceId: 0,
    };
    let sourceId: number;

    beforeAll(async () => {
      sourceId = (
        await ctx.dataSource.query(`SELECT id FROM sources WHERE url = 'https://example.org/pangea-vii-ireland'`)
      )[0].id;
    });

    it.each([
      [
        'an unknown unit for the kind',
        '/v1/seizures',
        { unit: 'pills' },
        'unit',
        'unit "pills" is count, but weight_seized needs a mass unit',
      ],
      [
        'a unit that is no ISO 4217 currency',
        '/v1/seizures',
        { kind: 'value_seized', unit: 'ABC' },
        'unit',
        'unit "ABC" is not an ISO 4217 currency code, but value_seized needs a money unit',
      ],
      [
        'an unknown country',
        '/v1/seizures',
        { country: 'XX' },
        'country',
        "'XX' is not the ISO 3166-1 alpha-2 code of a country; see /v1/countries",
      ],
      [
        'a negative quantity',
        '/v1/seizures',
        { quantity: -5 },
        'quantity',
        'quantity "-5" is not a plain non-negative decimal (digits and one optional point)',
      ],
      [
        'a quantity with a thousands separator',
        '/v1/seizures',
        { quantity: '1,000' },
        'quantity',
        'quantity "1,000" is not a plain non-negative decimal (digits and one optional point)',
      ],
      [
        'an unknown operation',
        '/v1/seizures',
        { operation: 'pangea-xcix' },
        'operation',
        "unknown operation 'pangea-xcix'; see /v1/operations for the codes",
      ],
      [
        'a kind of another resource',
        '/v1/arrests',
        { unit: 'people' },
        'kind',
        'kind must be one of: arrests, persons_under_investigation',
      ],
      [
        'an unknown qualifier',
        '/v1/seizures',
        { qualifier: 'roughly' },
        'qualifier',
        'qualifier must be one of: exact, approximately, more_than, nearly, up_to',
      ],
      ['an unknown role', '/v1/seizures', { role: 'whole' }, 'role', 'role must be one of: total, part'],
      [
        'a role on a country figure',
        '/v1/seizures',
        { country: 'GB', role: 'total' },
        'role',
        'role "total" applies to operation-wide figures only; a country figure has no role',
      ],
    ])('refuses %s with 400 naming the field', async (_what, path, change, field, reason) => {
      const figures = await count('SELECT count(*) AS n FROM figures');
      const res = await request(ctx.server)
        .post(path)
        .set(editor)
        .send({ ...valid, sourceId, ...change })
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.type).toBe('/problems/validation-error');
      expect(res.body.errors).toContainEqual({ name: field, reason });
      expect(await count('SELECT count(*) AS n FROM figures')).toBe(figures);
    });

    it('needs a source, and a new source needs a known publisher (or its tier) and a date not before the operation', async () => {
      const none = await request(ctx.server)
        .post('/v1/seizures')
        .set(editor)
        .send({ ...valid, sourceId: undefined })
        .expect(400);
      expect(errorNames(none.body)).toEqual(['source']);
      const both = await request(ctx.server)
        .post('/v1/seizures')
        .set(editor)
        .send({ ...valid, sourceId, source: { url: 'https://example.org/x' } })
        .expect(400);
      expect(errorNames(both.body)).toEqual(['source']);
      const publisher = await request(ctx.server)
        .post('/v1/seizures')
        .set(editor)
        .send({
          ...valid,
          sourceId: undefined,
          source: { url: 'https://example.org/new-page', publisher: 'Nobody Weekly' },
        })
        .expect(400);
      expect(publisher.body.errors).toEqual([
        {
          name: 'source.publisher',
          reason:
            "publisher 'Nobody Weekly' is not listed yet: give its tier (official, regulator, media) in source.tier to add it",
        },
      ]);
      const early = await request(ctx.server)
        .post('/v1/seizures')
        .set(editor)
        .send({
          ...valid,
          sourceId: undefined,
          source: { url: 'https://example.org/early', publisher: 'INTERPOL', publishedOn: '2014-05-01' },
        })
        .expect(400);
      expect(early.body.errors).toEqual([
        {
          name: 'source.publishedOn',
          reason:
            'the source is dated 2014-05-01, before operation pangea-vii started (2014-05-13): a report of its results cannot be older than the operation',
        },
      ]);
      const url = await request(ctx.server)
        .post('/v1/seizures')
        .set(editor)
        .send({ ...valid, sourceId: undefined, source: { url: 'ftp://example.org/x', publisher: 'INTERPOL' } })
        .expect(400);
      expect(errorNames(url.body)).toEqual(['source.url']);
    });

    it('refuses a role in the correction of a country figure, and changes nothing', async () => {
      // The seeded GB figure of Pangea VII (5 arrests, PharmaTimes) is a country figure: a role says how an
      // operation-wide figure counts, so it has none.
      const res = await request(ctx.server)
        .patch(`/v1/arrests/${figureGb}`)
        .set(editor)
        .send({ role: 'part', reason: 'part of the total' })
        .expect(400);
      expect(res.body.errors).toEqual([
        { name: 'role', reason: 'role "part" applies to operation-wide figures only; a country figure has no role' },
      ]);
      expect((await request(ctx.server).get(`/v1/arrests/${figureGb}`).expect(200)).body).toMatchObject({
        quantity: '5',
        role: null,
      });
      expect(await count('SELECT count(*) AS n FROM figure_revisions WHERE figure_id = $1', [figureGb])).toBe(0);
    });

    it('reports every bad field at once', async () => {
      const res = await request(ctx.server)
        .post('/v1/seizures')
        .set(editor)
        .send({ ...valid, sourceId, operation: 'nope', country: 'XX', unit: 'pills' })
        .expect(400);
      expect(errorNames(res.body).sort()).toEqual(['country', 'operation', 'unit']);
    });
  });

  describe('all or nothing', () => {
    it('leaves no trace of a write that fails half-way (the 409 comes after the first version was written)', async () => {
      // A figure that differs from the seeded GB figure (5, PharmaTimes) only in its quantity.
      const [{ source_id: gbSource }] = await ctx.dataSource.query('SELECT source_id FROM figures WHERE id = $1', [
        figureGb,
      ]);
      await request(ctx.server)
        .post('/v1/arrests')
        .set(editor)
        .send({
          operation: 'pangea-vii',
          kind: 'arrests',
          quantity: '6',
          unit: 'people',
          qualifier: 'exact',
          country: 'GB',
          sourceId: gbSource,
        })
        .expect(201);

      const gb = (await request(ctx.server).get(`/v1/arrests/${figureGb}`).expect(200)).body;
      const changes = await count('SELECT count(*) AS n FROM changes');
      const { etag } = await stats();
      expect(await count('SELECT count(*) AS n FROM figure_revisions WHERE figure_id = $1', [figureGb])).toBe(0);

      // Correcting the seeded figure to 6 first writes its version 1, then meets the other figure: 409.
      const res = await request(ctx.server)
        .patch(`/v1/arrests/${figureGb}`)
        .set(editor)
        .send({ quantity: '6', reason: 'typo' })
        .expect(409);
      expect(res.body.detail).toMatch(/already recorded as \/v1\/arrests\/\d+/);

      expect(await count('SELECT count(*) AS n FROM figure_revisions WHERE figure_id = $1', [figureGb])).toBe(0);
      expect(await count('SELECT count(*) AS n FROM changes')).toBe(changes);
      expect((await request(ctx.server).get(`/v1/arrests/${figureGb}`).expect(200)).body).toEqual(gb);
      expect((await stats()).etag).toBe(etag);
    });

    it('adds no source when the figure citing it is refused', async () => {
      const url = 'https://example.org/refused-figure';
      await request(ctx.server)
        .post('/v1/arrests')
        .set(editor)
        .send({
          operation: 'pangea-vii',
          kind: 'arrests',
          quantity: '1',
          unit: 'people',
          qualifier: 'exact',
          country: 'XX',
          source: { url, publisher: 'INTERPOL' },
        })
        .expect(400);
      expect(await count('SELECT count(*) AS n FROM sources WHERE url = $1', [url])).toBe(0);
    });
  });

  describe('change feed', () => {
    let feed: Change[];

    it('lists what was created, corrected and deleted, in order, with who, why and where', async () => {
      const res = await request(ctx.server).get('/v1/changes').expect(200);
      feed = res.body.data;
      expect(res.body.meta).toEqual({ limit: 100, since: null, after: null, next: null });
      const newSourceId = String(
        (await ctx.dataSource.query(`SELECT id FROM sources WHERE url = 'https://example.org/pangea-vii-ireland'`))[0]
          .id,
      );
      // Release 2 has another GB figure of 6 arrests (liberterra-i, results.csv line 1060): only Pangea VII's is this test's.
      const sixId = String(
        (
          await ctx.dataSource.query(
            `SELECT f.id FROM figures f JOIN operations o ON o.id = f.operation_id
             WHERE o.code = 'pangea-vii' AND f.country_iso2 = 'GB' AND f.quantity = 6 AND f.kind = 'arrests'`,
          )
        )[0].id,
      );
      expect(feed.map((c) => [c.entity, c.entityId, c.type, c.action, c.reason, c.href])).toEqual([
        [
          'figure',
          String(figure237),
          'arrest',
          'corrected',
          'the final INTERPOL report gives 257 arrests',
          `/v1/arrests/${figure237}`,
        ],
        ['figure', String(figure237), 'arrest', 'deleted', 'duplicate of the OCCRP report', `/v1/arrests/${figure237}`],
        ['source', newSourceId, null, 'created', null, `/v1/sources/${newSourceId}`],
        ['figure', String(created.id), 'arrest', 'created', null, created.href],
        ['figure', sixId, 'arrest', 'created', null, `/v1/arrests/${sixId}`],
      ]);
      expect(feed.every((c) => c.actor === 'Data desk')).toBe(true);
      for (let i = 1; i < feed.length; i += 1) {
        expect(feed[i].id).toBeGreaterThan(feed[i - 1].id);
        expect(Date.parse(feed[i].at)).toBeGreaterThanOrEqual(Date.parse(feed[i - 1].at));
      }
    });

    it('filters with since (inclusive) and pages with after and limit', async () => {
      const since = feed[2].at;
      const res = await request(ctx.server)
        .get(`/v1/changes?since=${encodeURIComponent(since)}`)
        .expect(200);
      expect(res.body.data.map((c: Change) => c.id)).toEqual(feed.filter((c) => c.at >= since).map((c) => c.id));
      expect(res.body.meta.since).toBe(since);
      const future = await request(ctx.server).get('/v1/changes?since=2999-01-01').expect(200);
      expect(future.body.data).toEqual([]);

      const page = await request(ctx.server).get(`/v1/changes?after=${feed[1].id}&limit=2`).expect(200);
      expect(page.body.data.map((c: Change) => c.id)).toEqual([feed[2].id, feed[3].id]);
      expect(page.body.meta).toEqual({ limit: 2, since: null, after: feed[1].id, next: feed[3].id });
      expect(page.headers.link).toBe(`</v1/changes?after=${feed[3].id}&limit=2>; rel="next"`);
      const last = await request(ctx.server).get(`/v1/changes?after=${feed[3].id}&limit=2`).expect(200);
      expect(last.body.data.map((c: Change) => c.id)).toEqual([feed[4].id]);
      expect(last.body.meta.next).toBeNull();
      expect(last.headers.link).toBeUndefined();
    });

    it('refuses an invalid since, after or limit with 400 naming it', async () => {
      for (const [query, name] of [
        ['since=yesterday', 'since'],
        ['since=2025-13-01', 'since'],
        ['since=2025-06-01T10:00:00', 'since'],
        ['after=-1', 'after'],
        ['limit=1001', 'limit'],
      ]) {
        const res = await request(ctx.server).get(`/v1/changes?${query}`).expect(400);
        expect(errorNames(res.body)).toEqual([name]);
      }
    });

    it('follows the list conventions: ETag with 304, CSV', async () => {
      const first = await request(ctx.server).get('/v1/changes').expect(200);
      expect(first.headers.etag).toBeDefined();
      expect(first.headers['cache-control']).toBe('no-cache');
      await request(ctx.server).get('/v1/changes').set('If-None-Match', first.headers.etag).expect(304);
      const csv = await request(ctx.server).get('/v1/changes?format=csv').expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
        'id,at,entity,entity_id,type,action,reason,actor,href',
      );
    });
  });
});
