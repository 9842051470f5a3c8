import request from 'supertest';
import { openTestApp, TestApp, TestServer } from './utils/setup';

describe('List conventions (e2e, on /v1/series)', () => {
  let ctx: TestApp;
  let server: TestServer;

  beforeAll(async () => {
    ctx = await openTestApp();
    ({ server } = ctx);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('answers { data, meta } with caching headers', async () => {
    const res = await request(server).get('/v1/series').expect(200);
    expect(res.body.meta).toEqual({ total: expect.any(Number), limit: 50, offset: 0 });
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    // The strong tag of the body; a gzip body has its own (supertest accepts gzip).
    expect(res.headers.etag).toMatch(
      res.headers['content-encoding'] === 'gzip' ? /^"[A-Za-z0-9_-]{27}-gzip"$/ : /^"[A-Za-z0-9_-]{27}"$/,
    );
    expect(res.headers.vary).toBe('Accept, Accept-Encoding');
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('answers 304 to a matching If-None-Match, and 200 to another', async () => {
    const first = await request(server).get('/v1/series?limit=3').expect(200);
    await request(server).get('/v1/series?limit=3').set('If-None-Match', first.headers.etag).expect(304);
    await request(server).get('/v1/series?limit=3').set('If-None-Match', '"something-else"').expect(200);
  });

  it('refuses a limit above 1000 naming the parameter', async () => {
    const res = await request(server).get('/v1/series?limit=5000').expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([{ name: 'limit', reason: 'limit must not be greater than 1000' }]);
  });

  it.each([
    ['limit=abc', 'limit'],
    ['offset=-1', 'offset'],
    ['format=xml', 'format'],
    ['sort=nope', 'sort'],
    ['unknown=1', 'unknown'],
  ])('refuses %s naming %s', async (query, name) => {
    const res = await request(server).get(`/v1/series?${query}`).expect(400);
    expect(res.body.status).toBe(400);
    expect(res.body.errors.map((e: { name: string }) => e.name)).toContain(name);
  });

  it('names the allowed sort fields', async () => {
    const res = await request(server).get('/v1/series?sort=-nope').expect(400);
    expect(res.body.errors[0].reason).toContain('allowed: code, name, crimeArea, firstYear, lastYear, operationsCount');
  });

  it('answers CSV for format=csv and for Accept: text/csv', async () => {
    const byQuery = await request(server).get('/v1/series?format=csv&sort=-name').expect(200);
    expect(byQuery.headers['content-type']).toMatch(/^text\/csv/);
    expect(byQuery.headers['content-disposition']).toBe('attachment; filename="series_sort--name.csv"');
    expect(byQuery.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      'code,name,crime_area,operations_count,first_year,last_year,description',
    );
    const byAccept = await request(server).get('/v1/series').set('Accept', 'text/csv').expect(200);
    expect(byAccept.headers['content-type']).toMatch(/^text\/csv/);
    expect(byAccept.headers.etag).toBeDefined();
    await request(server)
      .get('/v1/series')
      .set('Accept', 'text/csv')
      .set('If-None-Match', byAccept.headers.etag)
      .expect(304);
  });

  it('refuses a bad CSV request with a 400 before any row is sent', async () => {
    const res = await request(server).get('/v1/series?format=csv&sort=nope').expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors[0].name).toBe('sort');
  });

  it('honours limit and offset in CSV', async () => {
    const all = await request(server).get('/v1/series?format=csv').expect(200);
    const page = await request(server).get('/v1/series?format=csv&limit=2&offset=1').expect(200);
    const lines = (text: string) =>
      text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
    expect(lines(page.text)).toEqual([lines(all.text)[0], ...lines(all.text).slice(2, 4)]);
  });

  it('gzips large responses when asked', async () => {
    const res = await request(server).get('/openapi.json').set('Accept-Encoding', 'gzip').expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
  });

  it('answers an unknown code with 404 problem+json', async () => {
    const res = await request(server).get('/v1/series/no-such-series').expect(404);
    expect(res.body).toMatchObject({ status: 404, type: '/problems/not-found' });
  });
});
