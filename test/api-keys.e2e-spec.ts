import { createHash } from 'node:crypto';
import request from 'supertest';
import { bearer, createSeededScratchApp, SeededScratchApp } from './utils/seeded-scratch';

/**
 * API keys and roles on a private seeded database: reads are anonymous, writes
 * need an editor key, key management an admin key; keys are shown once and
 * stored as SHA-256 hashes; a revoked key is refused.
 */
describe('API keys and roles (e2e)', () => {
  let ctx: SeededScratchApp;
  let editorKey: string;
  let editorId: number;
  const unknownKey = `ora_${'A'.repeat(43)}`;
  const newSource = (n: number) => ({
    url: `https://example.org/api-keys-test/${n}`,
    publisher: 'INTERPOL',
    publishedOn: '2024-01-02',
  });

  beforeAll(async () => {
    ctx = await createSeededScratchApp('api_keys');
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('refuses an anonymous write with 401 problem+json and WWW-Authenticate: Bearer', async () => {
    const res = await request(ctx.server).post('/v1/sources').send(newSource(1)).expect(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="operation-results-api"');
    expect(res.body).toMatchObject({
      type: '/problems/unauthorized',
      status: 401,
      title: 'Unauthorized',
      instance: '/v1/sources',
    });
    expect(res.body.detail).toContain('Authorization: Bearer');
    for (const [method, path] of [
      ['patch', '/v1/arrests/1'],
      ['delete', '/v1/arrests/1?reason=x'],
      ['post', '/v1/operations'],
      ['delete', '/v1/operations/pangea-vii'],
      ['post', '/v1/operations/pangea-vii/countries'],
      ['get', '/v1/api-keys'],
    ] as const) {
      await request(ctx.server)[method](path).send({}).expect(401);
    }
  });

  it('refuses an unknown, a malformed or a non-bearer key with 401 and error="invalid_token"', async () => {
    for (const authorization of [`Bearer ${unknownKey}`, 'Bearer not-a-key', 'Basic dXNlcjpwYXNz']) {
      const res = await request(ctx.server)
        .post('/v1/sources')
        .set('Authorization', authorization)
        .send(newSource(2))
        .expect(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="operation-results-api", error="invalid_token"');
      expect(res.body.detail).toBe('The API key is not valid: it is unknown, malformed or revoked.');
    }
  });

  it('keeps reads anonymous, even with a bad key', async () => {
    await request(ctx.server).get('/v1/sources?limit=1').expect(200);
    await request(ctx.server).get('/v1/arrests?limit=1').set(bearer(unknownKey)).expect(200);
  });

  it('lets an admin create an editor key, shown once', async () => {
    const res = await request(ctx.server)
      .post('/v1/api-keys')
      .set(bearer(ctx.adminKey))
      .send({ name: 'Editor One', role: 'editor' })
      .expect(201);
    expect(res.body).toMatchObject({
      name: 'Editor One',
      role: 'editor',
      createdBy: 'test admin',
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(res.body.key).toMatch(/^ora_[A-Za-z0-9_-]{43}$/);
    expect(res.body.prefix).toBe(res.body.key.slice(0, 12));
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.location).toBe(`/v1/api-keys/${res.body.id}`);
    editorKey = res.body.key;
    editorId = res.body.id;
  });

  it('stores only the SHA-256 of the key and its 12-character prefix', async () => {
    const [row] = await ctx.dataSource.query('SELECT * FROM api_keys WHERE id = $1', [editorId]);
    expect(row.key_hash).toBe(createHash('sha256').update(editorKey).digest('hex'));
    expect(row.prefix).toBe(editorKey.slice(0, 12));
    expect(JSON.stringify(row)).not.toContain(editorKey.slice(12));
  });

  it('lists keys without their secret', async () => {
    const res = await request(ctx.server).get('/v1/api-keys').set(bearer(ctx.adminKey)).expect(200);
    expect(res.body.meta).toEqual({ total: 2, limit: 50, offset: 0 });
    expect(res.body.data.map((k: { name: string; role: string }) => [k.name, k.role])).toEqual([
      ['test admin', 'admin'],
      ['Editor One', 'editor'],
    ]);
    expect(Object.keys(res.body.data[1]).sort()).toEqual([
      'createdAt',
      'createdBy',
      'href',
      'id',
      'lastUsedAt',
      'name',
      'prefix',
      'revokedAt',
      'role',
    ]);
    expect(res.text).not.toContain(editorKey);
    expect(res.text).not.toContain(createHash('sha256').update(editorKey).digest('hex'));
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('lets the editor write and records its name as the actor', async () => {
    const res = await request(ctx.server).post('/v1/sources').set(bearer(editorKey)).send(newSource(3)).expect(201);
    expect(res.body).toMatchObject({
      url: newSource(3).url,
      publisher: 'INTERPOL',
      tier: 'official',
      publishedOn: '2024-01-02',
    });
    const [change] = await ctx.dataSource.query(`SELECT actor, action, entity FROM changes WHERE entity_id = $1`, [
      String(res.body.id),
    ]);
    expect(change).toEqual({ actor: 'Editor One', action: 'created', entity: 'source' });
    const [{ last_used_at }] = await ctx.dataSource.query('SELECT last_used_at FROM api_keys WHERE id = $1', [
      editorId,
    ]);
    expect(last_used_at).toBeInstanceOf(Date);
  });

  it('refuses key management to an editor with 403 problem+json', async () => {
    for (const req of [
      request(ctx.server).get('/v1/api-keys'),
      request(ctx.server).post('/v1/api-keys').send({ name: 'x', role: 'editor' }),
      request(ctx.server).delete(`/v1/api-keys/${editorId}`),
    ]) {
      const res = await req.set(bearer(editorKey)).expect(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ type: '/problems/forbidden', status: 403 });
      expect(res.body.detail).toBe("This request needs the admin role; the key 'Editor One' has the editor role.");
    }
  });

  it('lets an admin write too (admin includes editor)', async () => {
    await request(ctx.server).post('/v1/sources').set(bearer(ctx.adminKey)).send(newSource(4)).expect(201);
  });

  it('refuses a second active key with the same name (409) and a bad role or name (400)', async () => {
    const dup = await request(ctx.server)
      .post('/v1/api-keys')
      .set(bearer(ctx.adminKey))
      .send({ name: 'Editor One', role: 'admin' })
      .expect(409);
    expect(dup.body).toMatchObject({ status: 409, existingId: editorId });
    const bad = await request(ctx.server)
      .post('/v1/api-keys')
      .set(bearer(ctx.adminKey))
      .send({ name: 'seed', role: 'reader' })
      .expect(400);
    expect(bad.body.errors.map((e: { name: string }) => e.name).sort()).toEqual(['name', 'role']);
  });

  it('revokes a key: 204, then every write with it is a 401, and the list shows when', async () => {
    await request(ctx.server).delete(`/v1/api-keys/${editorId}`).set(bearer(ctx.adminKey)).expect(204);
    await request(ctx.server).delete(`/v1/api-keys/${editorId}`).set(bearer(ctx.adminKey)).expect(204);
    const res = await request(ctx.server).post('/v1/sources').set(bearer(editorKey)).send(newSource(5)).expect(401);
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    const list = await request(ctx.server).get('/v1/api-keys').set(bearer(ctx.adminKey)).expect(200);
    expect(list.body.data.find((k: { id: number }) => k.id === editorId).revokedAt).toEqual(expect.any(String));
    await request(ctx.server).delete('/v1/api-keys/99999').set(bearer(ctx.adminKey)).expect(404);
  });

  it('lets a new key take the name of a revoked one', async () => {
    await request(ctx.server)
      .post('/v1/api-keys')
      .set(bearer(ctx.adminKey))
      .send({ name: 'Editor One', role: 'editor' })
      .expect(201);
  });

  it('declares the bearer scheme in the OpenAPI document, on write routes only', async () => {
    const doc = (await request(ctx.server).get('/openapi.json').expect(200)).body;
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/v1/arrests'].post.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/v1/arrests/{id}'].patch.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/v1/api-keys'].get.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/v1/arrests'].get.security).toEqual([]);
    expect(Object.keys(doc.paths['/v1/arrests'].post.responses).sort()).toEqual([
      '201',
      '400',
      '401',
      '403',
      '409',
      '413',
      '415',
      '422',
      '429',
      '500',
      '503',
    ]);
  });
});
