import request from 'supertest';
import { openTestApp, TestApp, TestServer } from './utils/setup';

/**
 * Query parameters a partner's stack adds by itself are ignored (a cache-buster `_`, `utm_*` tracking), and
 * left out of caches and entity tags; any other unknown parameter is still a 400, which names the known
 * parameter it most likely meant; a 400's detail gives the most telling reason first.
 */
describe('Query parameter conventions (e2e)', () => {
  let ctx: TestApp;
  let server: TestServer;

  beforeAll(async () => {
    ctx = await openTestApp();
    ({ server } = ctx);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it.each(['/v1/operations?limit=2', '/v1/stats/summary?series=pangea', '/v1/arrests?operation=pangea-vii&format=csv'])(
    '%s: `_` and utm_* change nothing, not even the entity tag',
    async (url) => {
      const plain = await request(server).get(url).set('Accept-Encoding', 'identity').expect(200);
      const busted = await request(server)
        .get(`${url}&_=1700000000&utm_source=newsletter&utm_campaign=pangea`)
        .set('Accept-Encoding', 'identity')
        .expect(200);
      expect(busted.text).toBe(plain.text);
      expect(busted.headers.etag).toBe(plain.headers.etag);
      await request(server)
        .get(`${url}&_=1`)
        .set('If-None-Match', plain.headers.etag)
        .set('Accept-Encoding', 'identity')
        .expect(304);
    },
  );

  it('keeps ignored parameters out of the paging links', async () => {
    const res = await request(server).get('/v1/operations?limit=2&_=99&utm_medium=web').expect(200);
    expect(res.headers.link).toContain('</v1/operations?limit=2&offset=2>; rel="next"');
    expect(res.headers.link).not.toMatch(/_=|utm_/);
  });

  it.each([
    ['/v1/operations?yeer=2015', 'yeer', "did you mean 'year'?"],
    ['/v1/stats/arrests?groupby=year', 'groupby', "did you mean 'groupBy'?"],
    ['/v1/seizures?operaton=pangea-vii', 'operaton', "did you mean 'operation'?"],
  ])('%s is a 400 suggesting the known name', async (url, name, hint) => {
    const res = await request(server).get(url).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([{ name, reason: `'${name}' is not accepted here: ${hint}` }]);
  });

  it('refuses an unknown parameter far from any known one, without a guess', async () => {
    const res = await request(server).get('/v1/operations?colour=red').expect(400);
    expect(res.body.errors).toEqual([{ name: 'colour', reason: "'colour' is not accepted here" }]);
  });

  it('names a very long request by its path in a problem, within the documented length', async () => {
    const long = `/v1/changes?since=${'x'.repeat(12000)}`;
    const res = await request(server).get(long).expect(400);
    expect(res.body.instance).toBe('/v1/changes');
  });

  it('names the first real reason in the detail: a value that is not a number, not its range', async () => {
    const res = await request(server).get('/v1/stats/summary?yearFrom=abc').expect(400);
    expect(res.body.errors[0]).toEqual({ name: 'yearFrom', reason: expect.stringMatching(/integer/) });
    expect(res.body.detail).toMatch(/integer/);
    expect(res.body.detail).not.toMatch(/greater than/);
  });
});
