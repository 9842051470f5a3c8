import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { openTestApp, TestApp } from './utils/setup';

describe('Foundation (e2e)', () => {
  let ctx: TestApp;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    ctx = await openTestApp();
    app = ctx.app;
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('GET /health answers without touching the database', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /ready checks the database', async () => {
    const res = await request(app.getHttpServer()).get('/ready').expect(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: 'up' } });
  });

  it('answers an unknown route with a 404 problem+json', async () => {
    const res = await request(app.getHttpServer()).get('/v1/does-not-exist').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: '/problems/not-found',
      title: 'Not Found',
      status: 404,
      instance: '/v1/does-not-exist',
    });
    expect(res.body.detail).toContain('/v1/does-not-exist');
  });

  it('echoes a safe X-Request-Id and replaces an unsafe one', async () => {
    const given = await request(app.getHttpServer()).get('/health').set('X-Request-Id', 'abc-123').expect(200);
    expect(given.headers['x-request-id']).toBe('abc-123');
    const unsafe = await request(app.getHttpServer()).get('/health').set('X-Request-Id', 'a b<script>').expect(200);
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const doc = await request(app.getHttpServer()).get('/openapi.json').expect(200);
    expect(doc.body.info.title).toBe('Operation Results API');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/health', '/ready']));
    const ui = await request(app.getHttpServer()).get('/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger-ui');
  });
});
