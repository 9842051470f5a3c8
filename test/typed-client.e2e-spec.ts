import { AddressInfo } from 'node:net';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { formatArrests, pangeaArrestsByYear } from '../clients/typescript/examples/pangea-arrests-by-year';
import { createOperationResultsClient } from '../clients/typescript/src';
import { openTestApp, TestApp } from './utils/setup';

/**
 * The typed client of clients/typescript, as a partner would use it: over
 * HTTP against the app listening on 127.0.0.1 (a random port), on the seeded data.
 */
describe('Typed client (e2e, clients/typescript)', () => {
  let ctx: TestApp;
  let app: NestFastifyApplication;
  let baseUrl: string;

  beforeAll(async () => {
    ctx = await openTestApp();
    app = ctx.app;
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('runs the example: Pangea arrests by year, with their qualifiers', async () => {
    // Counted from results.csv: per Pangea edition (operations.csv, family pangea) the preferred arrests in people,
    // operation-wide (no country; none has a category), else the sum of the country figures; then added up by year.
    // 2011: Pangea IV's 55 "arrested and under investigation" became persons_under_investigation (EDITORIAL.md #26),
    // so only GB's 13 (line 42) remains: derived from the countries, a lower bound. 2022: Pangea XV, GB's 2 (line 256),
    // likewise. 2017: Pangea X, the editor's `yes` on "about 400" (line 152) over "more than 400" (line 151).
    const rows = await pangeaArrestsByYear(baseUrl);
    expect(rows.map(({ year, arrests }) => [year, arrests])).toEqual([
      [2009, 12],
      [2011, 13],
      [2012, 80],
      [2013, 58],
      [2014, 237],
      [2015, 156],
      [2016, 393],
      [2017, 400],
      [2018, 859],
      [2020, 121],
      [2021, 277],
      [2022, 2],
      [2023, 72],
      [2025, 769],
    ]);
    const flagged = (flag: 'approximate' | 'lowerBound' | 'derived') =>
      rows.filter((row) => row[flag]).map((row) => row.year);
    expect(flagged('approximate')).toEqual([2012, 2017]);
    expect(flagged('lowerBound')).toEqual([2011, 2022]);
    expect(flagged('derived')).toEqual([2011, 2022]);
    const printed = formatArrests(rows).split('\n');
    expect(printed).toHaveLength(14);
    expect(printed).toContain('2012  80 (approximate)');
    expect(printed).toContain('2017  400 (approximate)');
    expect(printed).toContain('2022  2 (lower bound, derived)');
    expect(printed).toContain('2025  769');
  });

  it('answers an error as the typed problem details', async () => {
    const api = createOperationResultsClient({ baseUrl });
    const { data, error, response } = await api.GET('/v1/operations/{code}', {
      params: { path: { code: 'no-such-operation' } },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(error).toMatchObject({ status: 404, type: '/problems/not-found' });
  });

  it('sends the API key of a write', async () => {
    const api = createOperationResultsClient({ baseUrl, apiKey: 'ora_not_a_key' });
    const { error, response } = await api.DELETE('/v1/sources/{id}', { params: { path: { id: 1 } } });
    expect(response.status).toBe(401);
    expect(error?.type).toBe('/problems/unauthorized');
  });
});
