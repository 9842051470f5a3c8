import { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiKey } from '../src/api-keys/api-keys.service';
import { createAppWithEnv } from './utils/app-with-env';
import { createScratchDatabase, ScratchDatabase } from './utils/scratch-database';

/**
 * Property: whatever a client sends (wrong types, huge numbers, SQL, unicode,
 * empty and oversized values, repeated parameters, odd path segments and
 * bodies), to whichever route, the API never answers 5xx, every 4xx is a full
 * problem+json, and the data does not change. Writes are sent without a key,
 * with a bad key, or with a valid editor key but a body, query or path that
 * cannot be valid, so nothing may be written. HOSTILE_RUNS sets the number of
 * requests, HOSTILE_SEED replays a failing run, HOSTILE_SURVEY=1 lists every
 * failure instead of stopping at the first.
 */

const RUNS = Number(process.env.HOSTILE_RUNS ?? 2500);
const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'] as const;
type Method = (typeof METHODS)[number];

interface Route {
  method: Method;
  /** OpenAPI path with `{param}` placeholders. */
  path: string;
  query: string[];
}

const SQL = [
  "' OR '1'='1",
  '1; DROP TABLE figures; --',
  "1' UNION SELECT null, version() --",
  "'; SELECT pg_sleep(5); --",
  "\\'",
  '%27',
  '$1',
  "E'\\\\x00'",
  'NULL',
  'null',
  '(SELECT 1)',
  '*',
  '%',
  '_',
  '\\',
  "O'Brien",
];
const NUMBERS = [
  '0',
  '-0',
  '-1',
  '1.5',
  '1e309',
  '-1e309',
  '1e-400',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x1F',
  '0b101',
  '1_000',
  ' 1',
  '1 ',
  '+1',
  '2147483647',
  '2147483648',
  '-2147483649',
  '9007199254740993',
  '99999999999999999999999999999999',
  '1,2,3',
  '1..2',
  '٣',
  '１２',
];
const ODD = [
  '',
  ' ',
  '\t',
  'true',
  'false',
  'undefined',
  '[]',
  '{}',
  '[object Object]',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '../../etc/passwd',
  '..',
  '.',
  '%00',
  '\u0000',
  '\uFFFF',
  '\uD800',
  '💥',
  'ﷺ',
  'İ',
  'ß',
  'Ω',
  'e\u0301',
  '\u202E',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  'a'.repeat(300),
  'x'.repeat(5000),
  ',,,',
  '-',
  '--',
  '-year,,name',
  'csv',
  'json',
  'text/csv',
  '2024-02-30',
  '2024-13-01',
  '1970-01-01T00:00:00Z',
  '2020-01-01T00:00:00.000Z',
  '2020-01-01T00:00:00+25:00',
  '9999-12-31',
  '5',
  '50',
  '1000',
  '1001',
  'year',
  '-year',
  'quantity',
  '-quantity,id',
  'name',
  'pangea',
  'opson',
  'pangea,opson',
  'FR,GB',
  '2015',
  '2010,2015',
  'seizures',
  'arrests',
  'usd',
  'USD',
  'gb',
  'GB',
  'XX',
  'pangea-xvi',
  'PANGEA-XVI',
  'world',
  'europe',
  'official',
  'seizure',
  'items_seized',
  'total',
  'part',
  'caribbean',
  'middle-east-and-north-africa',
  'thunder-2024',
];

const hostileText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SQL, ...NUMBERS, ...ODD) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.constantFrom(...NUMBERS, ...ODD, 'a', 'b'), { maxLength: 5 })
      .map((parts) => parts.join(',')),
  },
);

/** Encoded, or raw bytes that a client may still put in a URL. */
const urlPart = fc.oneof(
  { weight: 5, arbitrary: hostileText.map((t) => encodeURIComponent(t.replace(/[\uD800-\uDFFF]/g, '\uFFFD'))) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '%',
      '%zz',
      '%00',
      '%C0%AF',
      '%E2%80%AE',
      '..',
      '.',
      '',
      '%2F',
      '%2e%2e',
      ';',
      '@',
      '!',
      '~',
      "'",
      '(',
      ')',
      '*',
    ),
  },
);

const jsonBody = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom(
      'rows',
      'code',
      'name',
      'quantity',
      'kind',
      'operation',
      'notes',
      'source',
      'sourceId',
      'unit',
      'qualifier',
      'role',
      'reason',
      'year',
      '__proto__',
      'constructor',
    ),
    fc.jsonValue({ maxDepth: 2 }),
  ),
  fc.record({
    rows: fc.array(
      fc.dictionary(
        fc.constantFrom(
          'operationCode',
          'metric',
          'quantity',
          'unit',
          'category',
          'country',
          'qualifier',
          'sourceUrl',
          'sourcePublisher',
          'sourceDate',
          'notes',
          'preferred',
          'role',
          'extra',
        ),
        fc.oneof(hostileText, fc.jsonValue({ maxDepth: 1 })),
      ),
      { maxLength: 4 },
    ),
  }),
);

type Body = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; type: string; text: string };
const body: fc.Arbitrary<Body> = fc.oneof(
  fc.constant<Body>({ kind: 'none' }),
  jsonBody.map<Body>((value) => ({ kind: 'json', value })),
  fc
    .tuple(
      fc.constantFrom(
        'application/json',
        'text/csv',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'multipart/form-data; boundary=x',
        'text/csv; charset=latin1',
        '',
      ),
      fc.oneof(
        hostileText,
        fc.constantFrom(
          '{',
          '{"rows":',
          '[1,2',
          '{"__proto__":{"x":1}}',
          'operation_code,metric\n1,2',
          '\uFEFF',
          'a'.repeat(20_000),
        ),
      ),
    )
    .map<Body>(([type, text]) => ({ kind: 'raw', type, text })),
);

const auth = fc.constantFrom('none', 'bad', 'malformed', 'editor');
const accept = fc.constantFrom(
  undefined,
  'text/csv',
  'application/json',
  'application/xml',
  '*/*',
  'text/html',
  'image/svg+xml',
  ';;;',
  'text/csv;q=0',
);

function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function pathWith(route: Route, parts: string[], safe: boolean): string {
  let i = 0;
  return route.path.replace(/\{[^}]+\}/g, () => {
    const part = parts[i++ % parts.length];
    // With a valid key a path must not name a stored record: a plain id or code could.
    return safe && /^[A-Za-z0-9-]{0,40}$/.test(decoded(part)) ? `zz-none-${part}` : part;
  });
}

async function checksum(dataSource: DataSource): Promise<Record<string, string>> {
  const tables = [
    'figures',
    'operations',
    'sources',
    'publishers',
    'operation_countries',
    'series',
    'regions',
    'countries',
    'figure_rollups',
    'api_keys',
    'changes',
    'figure_revisions',
  ];
  const sums: Record<string, string> = {};
  for (const table of tables) {
    const [{ sum }] = await dataSource.query<{ sum: string | null }[]>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM ${table} t`,
    );
    sums[table] = sum ?? '';
  }
  return sums;
}

describe('Hostile requests to every route (e2e, property-based, own seeded database)', () => {
  let database: ScratchDatabase;
  let app: NestFastifyApplication;
  let server: ReturnType<NestFastifyApplication['getHttpServer']>;
  let dataSource: DataSource;
  let editorKey: string;
  let routes: Route[];

  beforeAll(async () => {
    database = await createScratchDatabase('hostile');
    app = await createAppWithEnv({
      DATABASE_URL: database.url,
      SEED_ON_START: 'true',
      RATE_LIMIT_PER_MINUTE: '1000000',
    });
    server = app.getHttpServer();
    dataSource = app.get(DataSource);
    editorKey = (await createApiKey(dataSource.manager, { name: 'hostile-editor', role: 'editor', createdBy: 'test' }))
      .key;
    // The touch of last_used_at is the one write a valid key makes: make it happen now, not during the run.
    await dataSource.query(`UPDATE api_keys SET last_used_at = now() + interval '1 day'`);
    const document = (await request(server).get('/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({
        method: method as Method,
        path,
        query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      })),
    );
    for (const path of ['/', '/embed.js', '/docs', '/openapi.yaml', '/v1', '/v1/', '/v1/nothing-here'])
      routes.push({ method: 'get', path, query: [] });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('reads the routes of the app', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.some((r) => r.method === 'post' && r.path === '/v1/imports')).toBe(true);
  });

  it(`answers ${RUNS} hostile requests with no 5xx, problem+json on every 4xx, and no change to the data`, async () => {
    const before = await checksum(dataSource);
    const routeIndex = fc.nat({ max: 10_000 });
    const request$ = fc.record({
      route: routeIndex,
      otherMethod: fc.option(fc.constantFrom(...METHODS), { freq: 6 }),
      parts: fc.array(urlPart, { minLength: 1, maxLength: 3 }),
      extraSegment: fc.option(urlPart, { freq: 8 }),
      query: fc.array(
        fc.tuple(
          fc.option(fc.constantFrom('limit', 'offset', 'sort', 'format', 'dryRun', 'since', 'after', 'q', 'reason'), {
            freq: 2,
          }),
          hostileText,
        ),
        { maxLength: 6 },
      ),
      rawQuery: fc.option(
        fc.constantFrom(
          '&&',
          '=',
          '==&=',
          'a[b]=c',
          '__proto__[x]=1',
          'constructor[prototype][x]=1',
          '%',
          'limit',
          'limit=',
          '?',
        ),
        { freq: 5 },
      ),
      body,
      auth,
      accept,
      ifNoneMatch: fc.option(fc.constantFrom('*', '"x"', 'W/"', '', ','.repeat(100)), { freq: 8 }),
      idempotencyKey: fc.option(hostileText, { freq: 8 }),
    });

    const failures: string[] = [];
    // HOSTILE_SURVEY=1 keeps going after a failure and lists them all (to find every bug in one run).
    const survey = process.env.HOSTILE_SURVEY === '1';
    const fail = (message: string) => {
      failures.push(message);
      return survey;
    };
    let sent = 0;
    await fc
      .assert(
        fc.asyncProperty(request$, async (r) => {
          const route = routes[r.route % routes.length];
          const method = r.otherMethod ?? route.method;
          const writes = !['get', 'head', 'options'].includes(method);
          const valid = r.auth === 'editor';
          // With a valid key, nothing may be valid: the path names no record and the body carries a field no route accepts.
          let path = pathWith(route, r.parts, valid && writes);
          if (r.extraSegment !== null) path += `/${r.extraSegment}`;
          const names = route.query.length > 0 ? route.query : ['q'];
          const pairs = r.query.map(
            ([name, value], i) =>
              `${encodeURIComponent(name ?? names[i % names.length])}=${encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\uFFFD'))}`,
          );
          if (r.rawQuery !== null) pairs.push(r.rawQuery);
          const url = pairs.length > 0 ? `${path}?${pairs.join('&')}` : path;

          let req = request(server)[method](url);
          if (r.auth === 'bad') req = req.set('Authorization', `Bearer ora_${'B'.repeat(43)}`);
          if (r.auth === 'malformed') req = req.set('Authorization', 'Bearer \u00ff\u00fe, Basic x');
          if (valid) req = req.set('Authorization', `Bearer ${editorKey}`);
          if (r.accept) req = req.set('Accept', r.accept);
          if (r.ifNoneMatch !== null) req = req.set('If-None-Match', r.ifNoneMatch);
          if (r.idempotencyKey !== null)
            req = req.set('Idempotency-Key', r.idempotencyKey.replace(/[^\x20-\x7e]/g, '?'));
          if (writes && r.body.kind !== 'none') {
            if (r.body.kind === 'json') {
              const value = valid ? { __hostile__: true, value: r.body.value } : r.body.value;
              req = req.set('Content-Type', 'application/json').send(JSON.stringify(value));
            } else {
              const text =
                valid && r.body.type.startsWith('application/json')
                  ? `{"__hostile__":${JSON.stringify(r.body.text)}}`
                  : r.body.text;
              if (r.body.type) req = req.set('Content-Type', r.body.type);
              req = req.send(valid && r.body.type.startsWith('text/csv') ? `not,a,header\n${text}` : text);
            }
          } else if (writes && valid && method !== 'delete') {
            req = req.set('Content-Type', 'application/json').send('{"__hostile__":true}');
          }
          let res: request.Response;
          try {
            res = await req;
          } catch (error) {
            // A request the HTTP client itself refuses to send (or a dropped connection): report it with the URL.
            return fail(`client error ${(error as Error).message} for ${method.toUpperCase()} ${url.slice(0, 200)}`);
          }
          sent += 1;
          const where = `${method.toUpperCase()} ${url.slice(0, 300)} (auth ${r.auth}, body ${JSON.stringify(r.body).slice(0, 200)})`;
          if (res.status >= 500) {
            return fail(`${res.status} ${where}: ${JSON.stringify(res.body).slice(0, 300)}`);
          }
          if (res.status >= 400 && method !== 'head') {
            const problem = res.body as Record<string, unknown>;
            const ok =
              /^application\/problem\+json/.test(String(res.headers['content-type'])) &&
              typeof problem.type === 'string' &&
              typeof problem.title === 'string' &&
              problem.status === res.status &&
              typeof problem.detail === 'string' &&
              typeof problem.instance === 'string';
            if (!ok) {
              return fail(
                `${res.status} not problem+json (${res.headers['content-type']}) ${where}: ${JSON.stringify(res.body).slice(0, 200)}`,
              );
            }
          }
          if (valid && writes && res.status < 400) {
            return fail(`${res.status} a write with a valid key succeeded: ${where}`);
          }
          return true;
        }),
        // A failure prints its seed: HOSTILE_SEED=<seed> replays the same requests.
        {
          numRuns: RUNS,
          endOnFailure: true,
          interruptAfterTimeLimit: 110_000,
          seed: process.env.HOSTILE_SEED ? Number(process.env.HOSTILE_SEED) : undefined,
        },
      )
      .catch((error: Error) => {
        const summary = error.message
          .split('\n')
          .filter((line) => !/Counterexample|Hint|Shrunk|^\s*$/.test(line))
          .slice(0, 8)
          .map((line) => line.slice(0, 300));
        throw new Error(`${summary.join('\n')}\nFailure:\n${failures.slice(0, 3).join('\n')}`);
      });
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(Math.min(RUNS, 2000));
    expect(await checksum(dataSource)).toEqual(before);
  }, 150_000);
});
