import request from 'supertest';
import { bearer, createSeededScratchApp, SeededScratchApp } from './utils/seeded-scratch';

/**
 * Writes of operations, participations and sources on a private copy of the
 * real dataset, with the seed's rules, the 409s that protect cited records,
 * and the preference and statistics that follow a source's correction.
 */
describe('Operation, participation and source writes (e2e)', () => {
  let ctx: SeededScratchApp;
  let editor: { Authorization: string };
  const errorNames = (body: { errors?: { name: string }[] }) => (body.errors ?? []).map((e) => e.name);
  const changes = async () =>
    (await request(ctx.server).get('/v1/changes?limit=1000').expect(200)).body.data.map(
      (c: { entity: string; entityId: string; action: string; reason: string | null }) => [
        c.entity,
        c.entityId,
        c.action,
        c.reason,
      ],
    );

  const operation = {
    code: 'pangea-xviii',
    name: 'Pangea XVIII',
    series: 'pangea',
    edition: 'XVIII',
    year: 2026,
    startDate: '2026-03-02',
    endDate: '2026-03-09',
    region: 'world',
    countriesCount: 88,
    source: { url: 'https://example.org/pangea-xviii', publisher: 'INTERPOL', publishedOn: '2026-03-20' },
  };

  beforeAll(async () => {
    ctx = await createSeededScratchApp('catalog_writes');
    const key = await request(ctx.server)
      .post('/v1/api-keys')
      .set(bearer(ctx.adminKey))
      .send({ name: 'Catalog editor', role: 'editor' })
      .expect(201);
    editor = bearer(key.body.key);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  describe('operations', () => {
    it('refuses an operation that breaks the rules of operations.csv, naming each field', async () => {
      const res = await request(ctx.server)
        .post('/v1/operations')
        .set(editor)
        .send({ ...operation, series: 'nope', endDate: '2026-03-01', region: 'atlantis' })
        .expect(400);
      expect(errorNames(res.body).sort()).toEqual(['endDate', 'region', 'series']);
      expect(res.body.errors).toContainEqual({
        name: 'endDate',
        reason: 'endDate 2026-03-01 is before startDate 2026-03-02',
      });
      const area = await request(ctx.server)
        .post('/v1/operations')
        .set(editor)
        .send({ ...operation, crimeArea: 'illicit goods' })
        .expect(400);
      expect(area.body.errors).toEqual([
        { name: 'crimeArea', reason: `crimeArea "illicit goods" differs from the series' "pharmaceutical crime"` },
      ]);
      const shape = await request(ctx.server)
        .post('/v1/operations')
        .set(editor)
        .send({ ...operation, code: 'Pangea XVIII', edition: '18', year: 1900 })
        .expect(400);
      expect(errorNames(shape.body).sort()).toEqual(['code', 'edition', 'year']);
      await request(ctx.server).get('/v1/operations/pangea-xviii').expect(404);
    });

    it('releases an Idempotency-Key whose request failed, so that the corrected retry runs', async () => {
      await request(ctx.server)
        .post('/v1/operations')
        .set(editor)
        .set('Idempotency-Key', 'op-18')
        .send({ ...operation, year: 1900 })
        .expect(400);
      const res = await request(ctx.server)
        .post('/v1/operations')
        .set(editor)
        .set('Idempotency-Key', 'op-18')
        .send(operation)
        .expect(201);
      expect(res.headers.location).toBe('/v1/operations/pangea-xviii');
      expect(res.body).toMatchObject({
        code: 'pangea-xviii',
        series: { code: 'pangea' },
        year: 2026,
        startDate: '2026-03-02',
        endDate: '2026-03-09',
        region: { code: 'world' },
        crimeArea: 'pharmaceutical crime',
        countriesCount: 88,
        source: { url: operation.source.url, publisher: 'INTERPOL', tier: 'official', publishedOn: '2026-03-20' },
        participatingCountries: [],
      });
      const again = await request(ctx.server)
        .post('/v1/operations')
        .set(editor)
        .set('Idempotency-Key', 'op-18')
        .send(operation)
        .expect(201);
      expect(again.text).toBe(res.text);
    });

    it('refuses a code already taken with 409', async () => {
      const res = await request(ctx.server).post('/v1/operations').set(editor).send(operation).expect(409);
      expect(res.body.detail).toContain('/v1/operations/pangea-xviii');
    });

    it('corrects an operation, keeping the code', async () => {
      const res = await request(ctx.server)
        .patch('/v1/operations/pangea-xviii')
        .set(editor)
        .send({ countriesCount: 90, notes: 'final report', reason: 'the final report gives 90 countries' })
        .expect(200);
      expect(res.body).toMatchObject({ code: 'pangea-xviii', countriesCount: 90, notes: 'final report' });
      await request(ctx.server)
        .patch('/v1/operations/pangea-xviii')
        .set(editor)
        .send({ code: 'pangea-19' })
        .expect(400);
      const dates = await request(ctx.server)
        .patch('/v1/operations/pangea-xviii')
        .set(editor)
        .send({ endDate: '2026-01-01' })
        .expect(400);
      expect(dates.body.errors).toEqual([
        { name: 'endDate', reason: 'endDate 2026-01-01 is before startDate 2026-03-02' },
      ]);
      await request(ctx.server).patch('/v1/operations/pangea-xcix').set(editor).send({ countriesCount: 1 }).expect(404);
    });

    it('refuses a start date after the date of a source that reports its figures', async () => {
      // Pangea VII (2014-05-13): OCCRP's report of its arrests is dated 2015-06-19.
      const res = await request(ctx.server)
        .patch('/v1/operations/pangea-vii')
        .set(editor)
        .send({ startDate: '2015-07-01', endDate: '2015-07-08' })
        .expect(400);
      expect(res.body.errors).toEqual([
        {
          name: 'startDate',
          reason: 'a figure of the operation cites a source dated 2015-06-19, before startDate 2015-07-01',
        },
      ]);
    });
  });

  describe('participations', () => {
    it('lists a country as a participant, citing a new page, once', async () => {
      const res = await request(ctx.server)
        .post('/v1/operations/pangea-xviii/countries')
        .set(editor)
        .send({ iso2: 'gb', sourceUrl: 'https://example.org/pangea-xviii-participants' })
        .expect(201);
      expect(res.body).toEqual({
        iso2: 'GB',
        name: 'United Kingdom',
        sourceUrl: 'https://example.org/pangea-xviii-participants',
      });
      const detail = await request(ctx.server).get('/v1/operations/pangea-xviii').expect(200);
      expect(detail.body.participatingCountries).toEqual([res.body]);
      await request(ctx.server)
        .post('/v1/operations/pangea-xviii/countries')
        .set(editor)
        .send({ iso2: 'GB', sourceUrl: 'https://example.org/pangea-xviii-participants' })
        .expect(409);
      const bad = await request(ctx.server)
        .post('/v1/operations/pangea-xviii/countries')
        .set(editor)
        .send({ iso2: 'XX', sourceUrl: 'mailto:x' })
        .expect(400);
      expect(errorNames(bad.body).sort()).toEqual(['iso2', 'sourceUrl']);
      await request(ctx.server)
        .post('/v1/operations/nope/countries')
        .set(editor)
        .send({ iso2: 'GB', sourceUrl: 'https://example.org/x' })
        .expect(404);
    });

    it('removes a participant, then answers 404', async () => {
      await request(ctx.server)
        .delete('/v1/operations/pangea-xviii/countries/gb?reason=not%20listed%20after%20all')
        .set(editor)
        .expect(204);
      await request(ctx.server).delete('/v1/operations/pangea-xviii/countries/GB').set(editor).expect(404);
      expect(
        (await request(ctx.server).get('/v1/operations/pangea-xviii').expect(200)).body.participatingCountries,
      ).toEqual([]);
    });
  });

  describe('deleting an operation', () => {
    let figureId: number;

    it('is refused with 409 while it has live figures', async () => {
      const figure = await request(ctx.server)
        .post('/v1/seizures')
        .set(editor)
        .send({
          operation: 'pangea-xviii',
          kind: 'items_seized',
          quantity: '1000',
          unit: 'pills',
          qualifier: 'exact',
          source: { url: operation.source.url },
        })
        .expect(201);
      figureId = figure.body.id;
      expect(
        (await request(ctx.server).get('/v1/stats/seizures?operation=pangea-xviii').expect(200)).body.data,
      ).not.toEqual([]);
      const res = await request(ctx.server).delete('/v1/operations/pangea-xviii').set(editor).expect(409);
      expect(res.body).toMatchObject({ status: 409, liveFigures: 1 });
    });

    it('succeeds once its figures are deleted; their history stays readable', async () => {
      await request(ctx.server).delete(`/v1/seizures/${figureId}?reason=test%20data`).set(editor).expect(204);
      await request(ctx.server).delete('/v1/operations/pangea-xviii?reason=test%20operation').set(editor).expect(204);
      await request(ctx.server).get('/v1/operations/pangea-xviii').expect(404);
      const versions = (await request(ctx.server).get(`/v1/seizures/${figureId}/revisions`).expect(200)).body.data;
      expect(
        versions.map((v: { action: string; values: { operation: string } }) => [v.action, v.values.operation]),
      ).toEqual([
        ['created', 'pangea-xviii'],
        ['deleted', 'pangea-xviii'],
      ]);
      const codes = (await request(ctx.server).get('/v1/operations?limit=1000').expect(200)).body.data.map(
        (o: { code: string }) => o.code,
      );
      expect(codes).not.toContain('pangea-xviii');
      // The 145 rows of operations.csv (release 2), none more.
      expect(codes).toHaveLength(145);
    });
  });

  describe('sources', () => {
    it('adds a source; a new publisher needs its tier; a known URL is a 409 naming it', async () => {
      const missing = await request(ctx.server)
        .post('/v1/sources')
        .set(editor)
        .send({ url: 'https://example.org/weekly', publisher: 'Pharma Weekly' })
        .expect(400);
      expect(missing.body.errors).toEqual([
        {
          name: 'publisher',
          reason:
            "publisher 'Pharma Weekly' is not listed yet: give its tier (official, regulator, media) in tier to add it",
        },
      ]);
      const res = await request(ctx.server)
        .post('/v1/sources')
        .set(editor)
        .send({
          url: 'https://example.org/weekly',
          publisher: 'Pharma Weekly',
          tier: 'media',
          publishedOn: '2024-02-29',
        })
        .expect(201);
      expect(res.body).toMatchObject({
        url: 'https://example.org/weekly',
        publisher: 'Pharma Weekly',
        tier: 'media',
        publishedOn: '2024-02-29',
        figuresCount: 0,
      });
      const dup = await request(ctx.server)
        .post('/v1/sources')
        .set(editor)
        .send({ url: 'https://example.org/weekly' })
        .expect(409);
      expect(dup.body).toMatchObject({ existingId: res.body.id });
      const bad = await request(ctx.server)
        .post('/v1/sources')
        .set(editor)
        .send({ url: 'example.org', publishedOn: '2024-02-30' })
        .expect(400);
      expect(errorNames(bad.body).sort()).toEqual(['publishedOn', 'url']);
      const future = await request(ctx.server)
        .post('/v1/sources')
        .set(editor)
        .send({ url: 'https://example.org/future', publishedOn: '2999-01-01' })
        .expect(400);
      expect(future.body.errors).toEqual([{ name: 'publishedOn', reason: 'publishedOn 2999-01-01 is in the future' }]);
    });

    it('deletes a source nothing cites, and refuses one that is cited (409 with the citations)', async () => {
      const { id } = (await ctx.dataSource.query(`SELECT id FROM sources WHERE url = 'https://example.org/weekly'`))[0];
      await request(ctx.server).delete(`/v1/sources/${id}`).set(editor).expect(204);
      await request(ctx.server).get(`/v1/sources/${id}`).expect(404);
      const occrp = (
        await ctx.dataSource.query(`SELECT id FROM sources WHERE url LIKE 'https://www.occrp.org/%4080%'`)
      )[0].id;
      const res = await request(ctx.server).delete(`/v1/sources/${occrp}`).set(editor).expect(409);
      expect(res.body.citations).toMatchObject({ figures: expect.any(Number) });
      expect(res.body.citations.figures).toBeGreaterThan(0);
    });

    it('re-decides the preferred report and the statistics when a source is corrected', async () => {
      // Pangea VII arrests: 237 (official, undated) is preferred over 434 (OCCRP, media, 2015-06-19).
      const before = await request(ctx.server).get('/v1/stats/arrests?operation=pangea-vii').expect(200);
      expect(before.body.data[0].arrests.value).toBe(237);
      const occrp = (
        await ctx.dataSource.query(`SELECT id FROM sources WHERE url LIKE 'https://www.occrp.org/%4080%'`)
      )[0].id;
      const res = await request(ctx.server)
        .patch(`/v1/sources/${occrp}`)
        .set(editor)
        .send({ publisher: 'INTERPOL', reason: 'the page is a verbatim INTERPOL release' })
        .expect(200);
      expect(res.body).toMatchObject({ publisher: 'INTERPOL', tier: 'official', publishedOn: '2015-06-19' });
      // Both official now: the dated report outranks the undated one.
      const after = await request(ctx.server).get('/v1/stats/arrests?operation=pangea-vii').expect(200);
      expect(after.body.data[0].arrests.value).toBe(434);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      const early = await request(ctx.server)
        .patch(`/v1/sources/${occrp}`)
        .set(editor)
        .send({ publishedOn: '2014-05-01' })
        .expect(400);
      expect(errorNames(early.body)).toEqual(['publishedOn']);
      await request(ctx.server).patch('/v1/sources/999999').set(editor).send({ publishedOn: '2014-05-01' }).expect(404);
    });
  });

  it('records every write in the change feed, in order', async () => {
    const feed = await changes();
    expect(feed.filter(([entity]: string[]) => entity !== 'source')).toEqual([
      ['operation', 'pangea-xviii', 'created', null],
      ['operation', 'pangea-xviii', 'corrected', 'the final report gives 90 countries'],
      ['participation', 'pangea-xviii/GB', 'created', null],
      ['participation', 'pangea-xviii/GB', 'deleted', 'not listed after all'],
      ['figure', expect.any(String), 'created', null],
      ['figure', expect.any(String), 'deleted', 'test data'],
      ['operation', 'pangea-xviii', 'deleted', 'test operation'],
    ]);
    expect(
      feed
        .filter(([entity]: string[]) => entity === 'source')
        .map(([, , action, reason]: string[]) => [action, reason]),
    ).toEqual([
      ['created', null],
      ['created', null],
      ['created', null],
      ['deleted', null],
      ['corrected', 'the page is a verbatim INTERPOL release'],
    ]);
  });
});
