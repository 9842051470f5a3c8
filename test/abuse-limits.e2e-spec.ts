import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApiKey } from '../src/api-keys/api-keys.service';
import { createAppWithEnv } from './utils/app-with-env';
import { createScratchDatabase, ScratchDatabase } from './utils/scratch-database';

type Server = ReturnType<NestFastifyApplication['getHttpServer']>;

function expectProblem(res: request.Response, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status,
    detail: expect.any(String),
    instance: expect.any(String),
  });
}

describe('Rate limit (e2e, own app with 5 requests a minute)', () => {
  let app: NestFastifyApplication;
  let server: Server;

  beforeAll(async () => {
    app = await createAppWithEnv({ RATE_LIMIT_PER_MINUTE: '5' });
    server = app.getHttpServer();
  });

  afterAll(async () => {
    await app?.close();
  });

  // Each request asks for another page: an answer already in the response cache is served in front of the
  // application, uncounted, as a CDN would serve it (README "Rate limits").
  let page = 0;
  const uncached = () => `/v1/series?limit=1&offset=${(page += 1)}`;

  it('counts down in RateLimit headers, then answers 429 problem+json with Retry-After', async () => {
    const client = '203.0.113.10';
    for (let i = 1; i <= 5; i += 1) {
      const res = await request(server).get(uncached()).set('X-Forwarded-For', client).expect(200);
      expect(res.headers['ratelimit-limit']).toBe('5');
      expect(res.headers['ratelimit-remaining']).toBe(String(5 - i));
      expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThan(0);
    }
    const limited = await request(server).get(uncached()).set('X-Forwarded-For', client);
    expectProblem(limited, 429);
    expect(limited.body.title).toBe('Too Many Requests');
    expect(limited.body.detail).toContain('At most 5 requests a minute');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers['ratelimit-remaining']).toBe('0');
    // Browsers can read the refusal: CORS headers are on it too.
    expect(limited.headers['access-control-allow-origin']).toBe('*');
  });

  it('counts each client address on its own (X-Forwarded-For from a trusted local proxy)', async () => {
    const res = await request(server).get(uncached()).set('X-Forwarded-For', '203.0.113.11').expect(200);
    expect(res.headers['ratelimit-remaining']).toBe('4');
  });

  it('never limits the health checks', async () => {
    const client = '203.0.113.12';
    for (let i = 0; i < 8; i += 1) {
      const res = await request(server)
        .get(i % 2 ? '/health' : '/ready')
        .set('X-Forwarded-For', client)
        .expect(200);
      expect(res.headers['ratelimit-limit']).toBeUndefined();
    }
    await request(server).get(uncached()).set('X-Forwarded-For', client).expect(200);
  });

  it('counts requests that end in 404 too', async () => {
    const client = '203.0.113.13';
    for (let i = 0; i < 5; i += 1) await request(server).get(uncached()).set('X-Forwarded-For', client).expect(200);
    const res = await request(server).get('/v1/series/no-such-series').set('X-Forwarded-For', client);
    expectProblem(res, 429);
  });

  it('serves an answer already cached without counting it', async () => {
    const client = '203.0.113.14';
    const url = uncached();
    await request(server).get(url).set('X-Forwarded-For', '203.0.113.15').expect(200);
    for (let i = 0; i < 8; i += 1) {
      const res = await request(server).get(url).set('X-Forwarded-For', client).expect(200);
      expect(res.headers['ratelimit-limit']).toBeUndefined();
    }
    const counted = await request(server).get(uncached()).set('X-Forwarded-For', client).expect(200);
    expect(counted.headers['ratelimit-remaining']).toBe('4');
  });
});

describe('Rate limit with an API key (e2e, own database, 2 anonymous / 4 keyed requests a minute)', () => {
  let database: ScratchDatabase;
  let app: NestFastifyApplication;
  let key: string;

  beforeAll(async () => {
    database = await createScratchDatabase('keyed_limit');
    app = await createAppWithEnv({
      DATABASE_URL: database.url,
      SEED_ON_START: 'false',
      RATE_LIMIT_PER_MINUTE: '2',
      RATE_LIMIT_PER_MINUTE_WITH_KEY: '4',
    });
    key = (await createApiKey(app.get(DataSource).manager, { name: 'limit-editor', role: 'editor', createdBy: 'test' }))
      .key;
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('counts a valid key on its own, with its higher limit, whatever the address', async () => {
    for (let i = 1; i <= 4; i += 1) {
      const res = await request(app.getHttpServer())
        .get('/v1/series')
        .set('Authorization', `Bearer ${key}`)
        .set('X-Forwarded-For', `203.0.113.${100 + i}`)
        .expect(200);
      expect(res.headers['ratelimit-limit']).toBe('4');
      expect(res.headers['ratelimit-remaining']).toBe(String(4 - i));
    }
    const limited = await request(app.getHttpServer()).get('/v1/series').set('Authorization', `Bearer ${key}`);
    expectProblem(limited, 429);
    expect(limited.body.detail).toContain('for one API key');
  });

  it('counts a request with an invalid key as anonymous', async () => {
    const bad = `ora_${'Z'.repeat(43)}`;
    const client = '203.0.113.200';
    for (let i = 0; i < 2; i += 1) {
      const res = await request(app.getHttpServer())
        .get('/v1/series')
        .set('Authorization', `Bearer ${bad}`)
        .set('X-Forwarded-For', client)
        .expect(200);
      expect(res.headers['ratelimit-limit']).toBe('2');
    }
    const limited = await request(app.getHttpServer())
      .get('/v1/series')
      .set('Authorization', `Bearer ${bad}`)
      .set('X-Forwarded-For', client);
    expectProblem(limited, 429);
    expect(limited.body.detail).toContain('without an API key');
  });
});

describe('Rate limit turned off (e2e, RATE_LIMIT_PER_MINUTE=0)', () => {
  it('sends no RateLimit headers and never answers 429', async () => {
    const app = await createAppWithEnv({ RATE_LIMIT_PER_MINUTE: '0' });
    try {
      for (let i = 0; i < 3; i += 1) {
        const res = await request(app.getHttpServer()).get('/v1/series?limit=1').expect(200);
        expect(res.headers['ratelimit-limit']).toBeUndefined();
      }
    } finally {
      await app.close();
    }
  });
});

describe('Security headers and CORS (e2e)', () => {
  let app: NestFastifyApplication;
  let server: Server;
  const editor = 'https://editor.example.org';

  beforeAll(async () => {
    app = await createAppWithEnv({ CORS_WRITE_ORIGINS: `${editor}, https://other.example.org:8443` });
    server = app.getHttpServer();
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each(['/v1/series', '/v1/does-not-exist'])('sends the helmet headers on %s', async (path) => {
    const res = await request(server).get(path);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+; includeSubDomains$/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('opens reads to every origin', async () => {
    const res = await request(server).get('/v1/series?limit=1').set('Origin', 'https://anyone.example').expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-expose-headers']).toContain('ETag');
    expect(res.headers['access-control-expose-headers']).toContain('Retry-After');
  });

  it.each(['/v1/series/no-such-series', '/v1/series?limit=0'])(
    'does not vary by Origin on the error of a read either (%s)',
    async (path) => {
      const res = await request(server).get(path).set('Origin', 'https://anyone.example');
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(String(res.headers.vary ?? '')).not.toMatch(/origin/i);
    },
  );

  it('answers the preflight of a read from any origin', async () => {
    const res = await request(server)
      .options('/v1/series')
      .set('Origin', 'https://anyone.example')
      .set('Access-Control-Request-Method', 'GET')
      .expect(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
  });

  it('gives no Access-Control-Allow-Origin to the preflight of a write from an unknown origin', async () => {
    const res = await request(server)
      .options('/v1/imports')
      .set('Origin', 'https://attacker.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization, content-type');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows the preflight of a write from a configured origin', async () => {
    const res = await request(server)
      .options('/v1/imports')
      .set('Origin', editor)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization, content-type')
      .expect(204);
    expect(res.headers['access-control-allow-origin']).toBe(editor);
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-methods']).toContain('DELETE');
    expect(res.headers['access-control-allow-headers']).toContain('Authorization');
    expect(res.headers.vary).toMatch(/origin/i);
    const other = await request(server)
      .options('/v1/imports')
      .set('Origin', 'https://other.example.org:8443')
      .set('Access-Control-Request-Method', 'PATCH')
      .expect(204);
    expect(other.headers['access-control-allow-origin']).toBe('https://other.example.org:8443');
  });

  it('lets a page on a configured origin read what a write answers beside its body', async () => {
    const res = await request(server).post('/v1/sources').set('Origin', editor).send({});
    expect(res.status).toBe(401);
    expect(res.headers['access-control-allow-origin']).toBe(editor);
    expect(res.headers.vary).toMatch(/origin/i);
    const exposed = String(res.headers['access-control-expose-headers']).split(/,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(['Location', 'Idempotent-Replayed', 'X-Request-Id']));
  });

  it('gives the write itself no Access-Control-Allow-Origin from an unknown origin', async () => {
    const res = await request(server).post('/v1/imports').set('Origin', 'https://attacker.example').send({ rows: [] });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('Query timeout (e2e, own database, DB_STATEMENT_TIMEOUT_MS=100)', () => {
  let database: ScratchDatabase;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    database = await createScratchDatabase('timeout');
    app = await createAppWithEnv({
      DATABASE_URL: database.url,
      SEED_ON_START: 'false',
      DB_STATEMENT_TIMEOUT_MS: '100',
    });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('answers a cancelled query (57014) with 503 problem+json and Retry-After', async () => {
    // Another session holds the series table locked: the list waits for it until the statement timeout cancels the query.
    const locker = new Client({ connectionString: database.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE series IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const res = await request(app.getHttpServer()).get('/v1/series');
      expect(Date.now() - started).toBeLessThan(5000);
      expectProblem(res, 503);
      expect(res.body.type).toBe('/problems/service-unavailable');
      expect(res.body.detail).toContain('took too long');
      expect(res.headers['retry-after']).toBe('5');
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    await request(app.getHttpServer()).get('/v1/series').expect(200);
  });
});
