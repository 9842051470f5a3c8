import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createTestApp } from './utils/app';

/**
 * Names that agree: a `kind` filter on every grouped statistic (as on the lists), `kind` beside its older name
 * `metric` on /v1/stats/outcomes, and snake_case metric names beside camelCase on the timeseries.
 */
describe('Statistics: kind filters and name aliases (e2e)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const get = async (url: string, status = 200) => (await request(app.getHttpServer()).get(url).expect(status)).body;
  type Measure = { kind: string; unit: string; value: number | null };

  it('kind=weight_seized on /v1/stats/seizures keeps only that kind', async () => {
    // results.csv line 291: Opson III, more than 1,200 t of food (role `total`).
    const [row] = (await get('/v1/stats/seizures?operation=opson-iii&kind=weight_seized')).data;
    expect(row.measures.map((m: Measure) => m.kind)).toEqual(['weight_seized']);
    expect(row.measures[0]).toMatchObject({ unit: 'kg', value: 1200000, lowerBound: true });
    expect(row.valueUsd).toBeNull();
    expect(row.figuresHref).toContain('kind=weight_seized');
  });

  it('kind=value_seized gives the same dollar sums as the unfiltered rows, and nothing else', async () => {
    const all = (await get('/v1/stats/seizures?series=pangea&groupBy=year')).data;
    const values = (await get('/v1/stats/seizures?series=pangea&groupBy=year&kind=value_seized')).data;
    expect(values.map((r: { keys: object }) => r.keys)).toEqual(all.map((r: { keys: object }) => r.keys));
    expect(values.map((r: { valueUsd: unknown }) => r.valueUsd)).toEqual(
      all.map((r: { valueUsd: unknown }) => r.valueUsd),
    );
    expect(
      values
        .flatMap((r: { measures: Measure[] }) => r.measures.map((m) => m.kind))
        .every((k: string) => k === 'value_seized'),
    ).toBe(true);
  });

  it('kind=arrests on /v1/stats/arrests leaves persons under investigation out', async () => {
    // Pangea II (2009): 12 arrests (results.csv, hand-checked in stats-real-data).
    const rows = (await get('/v1/stats/arrests?series=pangea&groupBy=year&kind=arrests')).data;
    const at = (year: number) => rows.find((r: { keys: { year: number } }) => r.keys.year === year);
    expect(at(2009).arrests.value).toBe(12);
    expect(rows.every((r: { personsUnderInvestigation: unknown }) => r.personsUnderInvestigation === null)).toBe(true);
    expect(at(2010)).toMatchObject({ arrests: null, measures: [] }); // Pangea III: persons under investigation only
  });

  it('kind is metric on /v1/stats/outcomes; both agreeing is fine, disagreeing is a 400', async () => {
    const byMetric = await get('/v1/stats/outcomes?metric=websites_shut_down&groupBy=series');
    const byKind = await get('/v1/stats/outcomes?kind=websites_shut_down&groupBy=series');
    expect(byKind.data).toEqual(byMetric.data);
    expect(byKind.data.length).toBeGreaterThan(0);
    expect(byKind.data.flatMap((r: { measures: Measure[] }) => r.measures.map((m) => m.kind))).toEqual(
      expect.arrayContaining(['websites_shut_down']),
    );
    await get('/v1/stats/outcomes?metric=websites_shut_down&kind=websites_shut_down&groupBy=series');
    const problem = await get('/v1/stats/outcomes?metric=websites_shut_down&kind=raids_or_checks', 400);
    expect(problem).toMatchObject({
      type: '/problems/validation-error',
      errors: [{ name: 'kind', reason: expect.stringMatching(/disagree/) }],
    });
  });

  it.each([
    ['seizure_value_usd', 'seizureValueUsd'],
    ['persons_under_investigation', 'personsUnderInvestigation'],
    ['seizure_weight_kg', 'seizureWeightKg'],
  ])('timeseries metric=%s is metric=%s', async (snake, camel) => {
    const a = await get(`/v1/stats/timeseries?series=pangea&metric=${snake}`);
    const b = await get(`/v1/stats/timeseries?series=pangea&metric=${camel}`);
    expect(a).toEqual(b);
    expect(a.meta.metric).toBe(camel);
  });

  it('an unknown metric lists both spellings', async () => {
    const problem = await get('/v1/stats/timeseries?metric=seizure_value', 400);
    expect(problem.errors[0].reason).toMatch(/seizureValueUsd.*seizure_value_usd/);
  });

  it('yearFrom after yearTo: one message on operations, lists and statistics', async () => {
    for (const path of ['/v1/operations', '/v1/seizures', '/v1/stats/summary', '/v1/stats/arrests']) {
      const problem = await get(`${path}?yearFrom=2020&yearTo=2010`, 400);
      expect([path, problem.errors]).toEqual([
        path,
        [{ name: 'yearFrom', reason: 'yearFrom (2020) must not be after yearTo (2010)' }],
      ]);
    }
  });

  it('years are 1900-2100 on every route', async () => {
    for (const path of ['/v1/operations', '/v1/arrests', '/v1/stats/arrests']) {
      const problem = await get(`${path}?yearFrom=1800`, 400);
      expect([path, problem.errors[0].reason]).toEqual([path, 'yearFrom must not be less than 1900']);
    }
  });
});
