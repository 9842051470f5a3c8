import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { PROBLEM_TYPES, ProblemType } from '../src/common/problem';
import { createTestApp } from './utils/app';

/**
 * One `type` per kind of problem, whatever raised it, and every type URI answers a short description of the
 * problem: JSON for programs, an HTML page for browsers.
 */
describe('Problem types (e2e)', () => {
  let app: NestFastifyApplication;
  let server: ReturnType<NestFastifyApplication['getHttpServer']>;

  beforeAll(async () => {
    app = await createTestApp();
    server = app.getHttpServer();
  });

  afterAll(async () => {
    await app.close();
  });

  const emitted = Object.values(ProblemType).filter((type) => type !== ProblemType.blank);

  it('lists every type the code can emit, each once', () => {
    expect(PROBLEM_TYPES.map((p) => p.type).sort()).toEqual([...emitted].sort());
  });

  it.each(emitted)('GET %s describes the problem as JSON', async (type) => {
    const res = await request(server).get(type).set('Accept', 'application/json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const described = PROBLEM_TYPES.find((p) => p.type === type)!;
    expect(res.body).toEqual({
      type,
      title: described.title,
      statuses: described.statuses,
      description: described.description,
    });
    expect(res.body.description.length).toBeGreaterThan(40);
  });

  it.each(emitted)('GET %s is a page for a browser', async (type) => {
    const res = await request(server).get(type).set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const described = PROBLEM_TYPES.find((p) => p.type === type)!;
    expect(res.text).toContain(`<h1>${described.title}</h1>`);
    expect(res.text).toContain(`<code>${type}</code>`);
  });

  it('GET /problems lists them all (JSON and HTML)', async () => {
    const json = await request(server).get('/problems').expect(200);
    expect(json.body.data.map((p: { type: string }) => p.type)).toEqual(PROBLEM_TYPES.map((p) => p.type));
    const html = await request(server).get('/problems').set('Accept', 'text/html').expect(200);
    for (const p of PROBLEM_TYPES) expect(html.text).toContain(`<code>${p.type}</code>`);
  });

  it('an unknown problem type is a not-found problem', async () => {
    const res = await request(server).get('/problems/no-such-problem').expect(404);
    expect(res.body).toMatchObject({ type: ProblemType.notFound, status: 404 });
    await request(server).get('/problems/Not_A_Name').expect(400);
  });

  it.each([
    ['an unknown route', '/v1/does-not-exist', 404, ProblemType.notFound],
    ['an unknown code', '/v1/operations/no-such-operation', 404, ProblemType.notFound],
    ['an unknown id', '/v1/seizures/999999', 404, ProblemType.notFound],
    ['an unknown route outside /v1', '/nothing-here', 404, ProblemType.notFound],
    ['a bad parameter', '/v1/operations?limit=0', 400, ProblemType.validation],
    ['a URL that is not valid percent-encoding', '/v1/series/%zz', 400, ProblemType.validation],
    ['a path segment too long', `/v1/operations/${'x'.repeat(300)}`, 414, ProblemType.uriTooLong],
  ])('%s answers the type of its kind', async (_what, url, status, type) => {
    const res = await request(server).get(url).expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toBe(type);
    expect(PROBLEM_TYPES.find((p) => p.type === type)!.statuses).toContain(status);
  });

  it('writes: no key, unsupported media type and a malformed body each have their type', async () => {
    const noKey = await request(server).post('/v1/sources').send({}).expect(401);
    expect(noKey.body.type).toBe(ProblemType.unauthorized);
  });
});
