import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import request from 'supertest';
import { CachedResponses } from '../src/common/response-cache';
import { DataVersion } from '../src/common/data-version';
import { createAppOn } from './utils/scratch-database';
import { bearer, createSeededScratchApp, SeededScratchApp } from './utils/seeded-scratch';
import { TcpProxy } from './utils/tcp-proxy';

/** Polls `probe` every 20 ms until it holds or `ms` pass; returns whether it held. Never waits longer than `ms`. */
async function within(ms: number, probe: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Several processes on one PostgreSQL tell the same truth (issue "One truth across processes"): the data
 * version lives in the database (table data_state, moved by a trigger in every writing transaction, announced
 * with NOTIFY), so a change made through one application, or by any other connection, empties the caches of
 * all of them within a second, and they send the same entity tags for the same data. Application A and B run
 * on a private copy of the real dataset; C reaches the same database through a relay the test can cut.
 */
describe('One truth across processes (e2e)', () => {
  let ctx: SeededScratchApp;
  let b: NestFastifyApplication;
  let editor: { Authorization: string };
  let figure237: number;
  const STATS = '/v1/stats/arrests?operation=pangea-vii';
  const LIST = '/v1/arrests?operation=pangea-vii';

  const get = (app: NestFastifyApplication, url: string, headers: Record<string, string> = {}) =>
    request(app.getHttpServer()).get(url).set(headers);
  const arrestsOf = async (app: NestFastifyApplication) => {
    const res = await get(app, STATS).expect(200);
    return { value: res.body.data[0].arrests.value as number, etag: res.headers.etag };
  };

  beforeAll(async () => {
    ctx = await createSeededScratchApp('one_truth');
    b = await createAppOn(ctx.url);
    const key = await request(ctx.server)
      .post('/v1/api-keys')
      .set(bearer(ctx.adminKey))
      .send({ name: 'Desk', role: 'editor' })
      .expect(201);
    editor = bearer(key.body.key);
    const list = await get(ctx.app, LIST).expect(200);
    figure237 = list.body.data.find((f: { quantity: string }) => f.quantity === '237').id;
  });

  afterAll(async () => {
    await b?.close();
    await ctx?.close();
  });

  it('shares one data version, read from PostgreSQL, and the same asOf', async () => {
    const [row] = await ctx.dataSource.query<{ version: string; changed_at: Date }[]>(
      'SELECT version::text AS version, changed_at FROM data_state',
    );
    expect(ctx.app.get(DataVersion).current()).toBe(`v${row.version}`);
    expect(b.get(DataVersion).current()).toBe(`v${row.version}`);
    const [a1, b1] = await Promise.all([
      get(ctx.app, '/v1/stats/summary').expect(200),
      get(b, '/v1/stats/summary').expect(200),
    ]);
    expect(a1.body.asOf).toBe(row.changed_at.toISOString());
    expect(b1.body.asOf).toBe(a1.body.asOf);
  });

  it('shows a correction made through A in statistics, lists and details of B within 1 s, with the same entity tags', async () => {
    const before = await Promise.all([arrestsOf(ctx.app), arrestsOf(b)]);
    expect(before.map((r) => r.value)).toEqual([237, 237]);
    expect(before[1].etag).toBe(before[0].etag);
    // B has the list and the detail cached.
    await get(b, LIST).expect(200);
    await get(b, `/v1/arrests/${figure237}`).expect(200);

    await request(ctx.server)
      .patch(`/v1/arrests/${figure237}`)
      .set(editor)
      .send({ quantity: '257', reason: 'the release says 257' })
      .expect(200);
    const seen = await within(1000, async () => {
      const [stats, list, detail] = await Promise.all([arrestsOf(b), get(b, LIST), get(b, `/v1/arrests/${figure237}`)]);
      return (
        stats.value === 257 &&
        list.body.data.some((f: { quantity: string }) => f.quantity === '257') &&
        detail.body.quantity === '257'
      );
    });
    expect(seen).toBe(true);
    const after = await Promise.all([arrestsOf(ctx.app), arrestsOf(b)]);
    expect(after[0].etag).toBe(after[1].etag);
    expect(after[0].etag).not.toBe(before[0].etag);
    // Never a 304 for data that changed.
    await get(b, STATS, { 'If-None-Match': before[0].etag }).expect(200);
    await get(b, STATS, { 'If-None-Match': after[0].etag }).expect(304);
  });

  it('moves both applications when another connection changes the data (a seed, an import, a hand-written fix)', async () => {
    const url = '/v1/operations/pangea-vii';
    const [a1, b1] = await Promise.all([get(ctx.app, url).expect(200), get(b, url).expect(200)]);
    expect(b1.headers.etag).toBe(a1.headers.etag);
    const third = new Client({ connectionString: ctx.url });
    await third.connect();
    try {
      await third.query("UPDATE operations SET notes = coalesce(notes, '') || ' (checked)' WHERE code = 'pangea-vii'");
    } finally {
      await third.end();
    }
    const moved = await within(1000, async () => {
      const [a2, b2] = await Promise.all([get(ctx.app, url), get(b, url)]);
      return (
        a2.body.notes?.endsWith('(checked)') &&
        b2.body.notes?.endsWith('(checked)') &&
        a2.headers.etag === b2.headers.etag
      );
    });
    expect(moved).toBe(true);
  });

  describe('the database unreachable', () => {
    let proxy: TcpProxy;
    let c: NestFastifyApplication;

    beforeAll(async () => {
      const target = new URL(ctx.url);
      proxy = new TcpProxy(target.hostname, Number(target.port));
      await proxy.open();
      c = await createAppOn(proxy.urlFor(ctx.url));
    });

    afterAll(async () => {
      await proxy.open().catch(() => undefined);
      await c?.close();
      await proxy.cut();
    });

    it('answers 503 with Retry-After (never 500), keeps serving cached answers, changes nothing, and recovers by itself', async () => {
      const cached = [
        '/v1/operations?limit=5',
        '/v1/stats/summary',
        '/v1/arrests?operation=pangea-vii&format=csv',
        '/v1/embed/summary.svg',
      ];
      const etags = new Map<string, string>();
      for (const url of cached) etags.set(url, (await get(c, url).expect(200)).headers.etag);
      const figures = Number((await ctx.dataSource.query('SELECT count(*) AS n FROM figures'))[0].n);

      await proxy.cut();
      for (const url of cached) {
        const res = await get(c, url).expect(200);
        expect(res.headers.etag).toBe(etags.get(url));
      }
      const uncached = [
        '/v1/operations?limit=6',
        '/v1/operations/pangea-viii',
        '/v1/stats/arrests?groupBy=year',
        '/v1/seizures?limit=3',
        '/v1/countries/GB',
      ];
      const answers = await Promise.all(uncached.map(async (url) => ({ url, res: await get(c, url) })));
      for (const { url, res } of answers) {
        expect([url, res.status]).toEqual([url, 503]);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        expect(res.headers['cache-control']).toBe('no-store');
      }
      const write = await request(c.getHttpServer()).post('/v1/arrests').set(editor).send({
        operation: 'pangea-vii',
        kind: 'arrests',
        quantity: '1',
        unit: 'people',
        qualifier: 'exact',
        sourceId: 1,
      });
      expect(write.status).toBe(503);
      expect(Number(write.headers['retry-after'])).toBeGreaterThan(0);
      await get(c, '/ready').expect(503);

      await proxy.open();
      const recovered = await within(15000, async () => (await get(c, '/v1/operations?limit=6')).status === 200);
      expect(recovered).toBe(true);
      expect(Number((await ctx.dataSource.query('SELECT count(*) AS n FROM figures'))[0].n)).toBe(figures);
      // The listening connection came back too: a change made elsewhere reaches C again.
      expect(await within(15000, async () => c.get(DataVersion).listening)).toBe(true);
      await request(ctx.server)
        .patch(`/v1/arrests/${figure237}`)
        .set(editor)
        .send({ quantity: '258', reason: 'second check' })
        .expect(200);
      expect(await within(1000, async () => (await arrestsOf(c)).value === 258)).toBe(true);
    });
  });

  describe('the same caching headers on every path', () => {
    let d: NestFastifyApplication;

    beforeAll(async () => {
      d = await createAppOn(ctx.url);
    });

    afterAll(async () => {
      await d?.close();
    });

    const ROUTES = [
      '/v1/operations?limit=3',
      '/v1/operations/pangea-vii',
      '/v1/stats/arrests?groupBy=year',
      '/v1/arrests?operation=pangea-vii&format=csv',
      '/v1/embed/summary.svg',
      '/v1/countries/GB',
      // A zip is never gzipped (it is compressed already), by either path.
      '/v1/downloads/dataset.zip',
      '/v1/datapackage.json',
    ];
    const CACHING = [
      'etag',
      'cache-control',
      'vary',
      'access-control-allow-origin',
      'content-type',
      'content-encoding',
    ];
    const pick = (headers: Record<string, string>, names: string[]) =>
      Object.fromEntries(names.map((n) => [n, headers[n]]));

    it.each(ROUTES)(
      '%s: full pipeline and fast path agree, for 200 and 304, plain and gzip, with and without Origin',
      async (url) => {
        const fast = jest.spyOn(d.get(CachedResponses), 'serveRaw');
        for (const encoding of ['identity', 'gzip']) {
          for (const origin of [undefined, 'https://campaign.example']) {
            const headers: Record<string, string> = {
              'Accept-Encoding': encoding,
              ...(origin ? { Origin: origin } : {}),
            };
            fast.mockClear();
            const first = await get(d, url, headers).expect(200);
            const again = await get(d, url, headers).expect(200);
            // The repeat came from the fast path (the first may too, once a variant is stored).
            expect(fast.mock.results.at(-1)?.value).toBe(true);
            expect(pick(again.headers, CACHING)).toEqual(pick(first.headers, CACHING));
            expect(first.headers['cache-control']).toBe('public, max-age=60');
            // The cards, the chart and the landing page are in the language Accept-Language chooses when the URL has no ?lang=.
            expect(first.headers.vary).toBe(
              /^\/(\?|$)|^\/v1\/embed\/.*\.svg/.test(url)
                ? 'Accept, Accept-Encoding, Accept-Language'
                : 'Accept, Accept-Encoding',
            );
            expect(first.headers['access-control-allow-origin']).toBe('*');
            expect(first.headers['access-control-expose-headers']).toContain('ETag');
            if (encoding === 'gzip' && first.headers['content-encoding'] === 'gzip')
              expect(first.headers.etag).toMatch(/-gzip"$/);
            if (encoding === 'identity' || url.endsWith('.zip'))
              expect(first.headers['content-encoding']).toBeUndefined();
            for (const viaFastPath of [false, true]) {
              if (!viaFastPath) fast.mockReturnValueOnce(false);
              const revalidated = await get(d, url, { ...headers, 'If-None-Match': first.headers.etag }).expect(304);
              expect(
                pick(revalidated.headers, ['etag', 'cache-control', 'vary', 'access-control-allow-origin']),
              ).toEqual(pick(first.headers, ['etag', 'cache-control', 'vary', 'access-control-allow-origin']));
            }
            const head = await request(d.getHttpServer()).head(url).set(headers).expect(200);
            expect(head.headers.etag).toBe(first.headers.etag);
          }
        }
        // Plain and gzip bodies never share a tag.
        const plain = await get(d, url, { 'Accept-Encoding': 'identity' });
        const zipped = await get(d, url, { 'Accept-Encoding': 'gzip' });
        if (zipped.headers['content-encoding'] === 'gzip') expect(zipped.headers.etag).not.toBe(plain.headers.etag);
        fast.mockRestore();
      },
    );

    it('sends errors with Cache-Control: no-store, on reads and writes', async () => {
      expect((await get(d, '/v1/operations/nope').expect(404)).headers['cache-control']).toBe('no-store');
      expect((await get(d, '/v1/stats/arrests?groupBy=week').expect(400)).headers['cache-control']).toBe('no-store');
      expect((await request(d.getHttpServer()).post('/v1/arrests').send({}).expect(401)).headers['cache-control']).toBe(
        'no-store',
      );
    });

    it('counts 0 figures and 0 sources for an empty selection, never null', async () => {
      // Antarctica: no figure in the data.
      const body = (await get(d, '/v1/stats/arrests?country=AQ').expect(200)).body;
      expect(body.data).toEqual([
        expect.objectContaining({
          figureCount: 0,
          sourceCount: 0,
          arrests: null,
          personsUnderInvestigation: null,
          sources: [],
        }),
      ]);
      const seizures = (await get(d, '/v1/stats/seizures?country=AQ').expect(200)).body;
      expect(seizures.data[0]).toMatchObject({ figureCount: 0, sourceCount: 0, valueUsd: null });
      const outcomes = (await get(d, '/v1/stats/outcomes?country=AQ').expect(200)).body;
      expect(outcomes.data[0]).toMatchObject({ figureCount: 0, sourceCount: 0, measures: [] });
    });
  });
});
