import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createTestApp } from './utils/app';
import { OPENAPI_FILE } from './utils/contract';

/**
 * Examples that work, against the seeded data: every `curl` of the README to the local API, and every GET route of
 * the OpenAPI document called with its path examples, then with each query parameter's example (its `example`,
 * else its `default`, else the first value of its enum, as Swagger UI's "Try it out" fills it in).
 */
type Json = Record<string, unknown>;
const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const document = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json>; parameters: Record<string, Json> };
};

interface ReadmeCall {
  line: string;
  method: string;
  path: string;
  withKey: boolean;
}

/** The curl lines of the README's shell blocks that call the API on localhost:3000. */
function readmeCalls(): ReadmeCall[] {
  const blocks = [...readme.matchAll(/```(?:bash|sh|shell)\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.flatMap((block) =>
    block
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .flatMap((line) => {
        const url = /curl\b.*?'?(?:https?:\/\/)?localhost:3000(\/[^'\s]*)/.exec(line);
        if (!url) return [];
        const method = /-X\s+([A-Z]+)/.exec(line)?.[1] ?? 'GET';
        return [{ line: line.trim(), method, path: url[1], withKey: /Authorization: Bearer/.test(line) }];
      }),
  );
}

/** The value Swagger UI would send for a parameter: its example, its default, else the first of its enum. */
function exampleValue(parameter: Json): unknown {
  const schema = (parameter.schema ?? {}) as Json;
  const items = schema.items as Json | undefined;
  const enumOf = (s: Json | undefined) => {
    const ref = s?.$ref as string | undefined;
    return ((ref ? document.components.schemas[ref.split('/').pop()!] : s)?.enum as unknown[] | undefined)?.filter(
      (v) => v !== null,
    );
  };
  return (
    parameter.example ??
    schema.example ??
    schema.default ??
    (schema.type === 'array' ? enumOf(items)?.slice(0, 1) : enumOf(schema)?.[0])
  );
}

function queryString(values: Record<string, unknown>): string {
  const pairs = Object.entries(values).map(
    ([name, value]) =>
      `${encodeURIComponent(name)}=${encodeURIComponent(Array.isArray(value) ? value.join(',') : String(value))}`,
  );
  return pairs.length ? `?${pairs.join('&')}` : '';
}

const getRoutes = Object.entries(document.paths).flatMap(([path, item]) =>
  item.get ? [{ path, operation: item.get as { operationId: string; parameters?: Json[]; security?: unknown[] } }] : [],
);

describe('Examples that work (e2e)', () => {
  let app: NestFastifyApplication;
  let server: ReturnType<NestFastifyApplication['getHttpServer']>;

  beforeAll(async () => {
    app = await createTestApp();
    server = app.getHttpServer();
  });

  afterAll(async () => {
    await app.close();
  });

  const calls = readmeCalls();

  it('finds the README examples', () => {
    expect(calls.length).toBeGreaterThan(30);
    expect(calls.filter((c) => c.method === 'GET' && c.path.includes('$'))).toEqual([]);
    expect(calls.map((c) => c.path)).toEqual(
      expect.arrayContaining(['/v1/seizures/2', '/v1/outcomes/4', '/v1/operations/pangea-vii']),
    );
  });

  const reads = calls.filter((c) => c.method === 'GET' && !c.path.includes('$'));
  it.each(reads.map((c) => [c.path, c]))('README: GET %s answers 200', async (_path, call) => {
    const res = await request(server).get(call.path);
    expect([call.line, res.status]).toEqual([call.line, 200]);
  });

  // Writes need a key the test does not have: each is checked for its 401 without one (`$ID`, read by the line
  // before in the README, stands for a real id).
  const writes = calls.filter((c) => c.method !== 'GET');
  it.each(writes.map((c) => [`${c.method} ${c.path}`, c]))(
    'README: %s needs an API key (401 without one)',
    async (_what, call) => {
      const { method, path } = call;
      const agent = request(server);
      const res = await agent[method.toLowerCase() as 'post' | 'patch'](path.replace(/\$\w+/, '1'))
        .set('Content-Type', 'application/json')
        .send('{}');
      expect([path, res.status]).toEqual([path, 401]);
    },
  );

  it('every path parameter of every route has an example', () => {
    const without = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, operation]) =>
        ((operation as { parameters?: Json[] }).parameters ?? [])
          .filter((p) => p.in === 'path' && exampleValue(p) === undefined)
          .map((p) => `${method} ${path} ${String(p.name)}`),
      ),
    );
    expect(without).toEqual([]);
  });

  /** The route's URL with its path examples and its required query parameters. */
  const baseUrl = (path: string, parameters: Json[]) => {
    const filled = path.replace(/\{(\w+)\}/g, (_m, name: string) =>
      String(exampleValue(parameters.find((p) => p.in === 'path' && p.name === name)!)),
    );
    const required = Object.fromEntries(
      parameters.filter((p) => p.in === 'query' && p.required).map((p) => [p.name as string, exampleValue(p)]),
    );
    return { filled, required };
  };

  it.each(getRoutes.map((r) => [r.operation.operationId, r]))(
    'OpenAPI: %s with its examples answers 200 (401 when it needs a key)',
    async (_id, route) => {
      const { path, operation } = route;
      const parameters = (operation.parameters ?? []).filter((p) => !p.$ref);
      const { filled, required } = baseUrl(path, parameters);
      // A read that needs a key (listing API keys) is checked for its 401 without one.
      const expected = operation.security?.length ? 401 : 200;
      const base = await request(server).get(`${filled}${queryString(required)}`);
      expect([`${filled}${queryString(required)}`, base.status]).toEqual([
        `${filled}${queryString(required)}`,
        expected,
      ]);
      const failures: string[] = [];
      for (const parameter of parameters.filter((p) => p.in === 'query' && !p.required)) {
        const value = exampleValue(parameter);
        if (value === undefined) continue;
        const url = `${filled}${queryString({ ...required, [parameter.name as string]: value })}`;
        const res = await request(server).get(url);
        if (res.status !== expected) failures.push(`${url} → ${res.status} ${String(res.body?.detail ?? '')}`);
      }
      expect(failures).toEqual([]);
    },
  );
});
