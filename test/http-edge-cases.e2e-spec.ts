import request from 'supertest';
import { openTestApp, TestApp, TestServer } from './utils/setup';

/** Requests that once answered 500 or a body that was not problem+json (found by test/hostile-requests.e2e-spec.ts). */
describe('HTTP edge cases (e2e)', () => {
  let ctx: TestApp;
  let server: TestServer;

  beforeAll(async () => {
    ctx = await openTestApp();
    ({ server } = ctx);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  const expectProblem = (res: request.Response, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: expect.stringMatching(/^\/problems\/[a-z-]+$/),
      status,
      title: expect.any(String),
      detail: expect.any(String),
      instance: expect.any(String),
    });
  };

  it.each(['/health', '/v1/series?limit=1', '/v1/seizures?limit=1&format=csv'])(
    'HEAD %s with If-None-Match: * answers 304',
    async (url) => {
      const res = await request(server).head(url).set('If-None-Match', '*');
      expect(res.status).toBe(304);
    },
  );

  it('HEAD with a matching tag answers 304, with another 200', async () => {
    const { headers } = await request(server).get('/v1/series?limit=2').expect(200);
    await request(server).head('/v1/series?limit=2').set('If-None-Match', headers.etag).expect(304);
    await request(server).head('/v1/series?limit=2').set('If-None-Match', '"other"').expect(200);
  });

  it('answers a URL that is not valid percent-encoding with 400 problem+json', async () => {
    const res = await request(server).get('/v1/series/%zz');
    expectProblem(res, 400);
    expect(res.headers['x-request-id']).toBeDefined();
  });

  it('keeps a problem within its documented lengths when the refused input is very long', async () => {
    const name = 'q'.repeat(5000);
    const res = await request(server).get(`/v1/operations?${name}=1`).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const error = (res.body as { errors: { name: string; reason: string }[] }).errors[0];
    expect(error.name).toHaveLength(200);
    expect(error.name.endsWith('…')).toBe(true);
    expect(error.reason.length).toBeLessThanOrEqual(2000);
    expect((res.body as { detail: string }).detail.length).toBeLessThanOrEqual(10000);
  });

  it('answers a path parameter longer than the router accepts with 414 problem+json', async () => {
    expectProblem(await request(server).get(`/v1/operations/${'x'.repeat(300)}`), 414);
  });

  it('answers a plain OPTIONS (not a preflight) with 204, not a text/plain 400', async () => {
    const res = await request(server).options('/v1/series');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });
});
