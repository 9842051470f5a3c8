import { AddressInfo } from 'node:net';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { formatArrests, pangeaArrestsByYear } from '../clients/typescript/examples/pangea-arrests-by-year';
import { createOperationResultsClient } from '../clients/typescript/src';
import { createTestApp } from './utils/app';

/**
 * The typed client of clients/typescript, as a partner would use it: over
 * HTTP against the app listening on 127.0.0.1 (a random port), on the seeded data.
 */
describe('Typed client (e2e, clients/typescript)', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('runs the example: Pangea arrests by year, with their qualifiers', async () => {
    const rows = await pangeaArrestsByYear(baseUrl);
    expect(rows.map(({ year, arrests }) => [year, arrests])).toEqual([
      [2009, 12],
      [2011, 55],
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
    const flagged = (flag: 'approximate' | 'lowerBound' | 'derived') => rows.filter((row) => row[flag]).map((row) => row.year);
    expect(flagged('approximate')).toEqual([2012]);
    expect(flagged('lowerBound')).toEqual([2017]);
    expect(flagged('derived')).toEqual([2022]);
    const printed = formatArrests(rows).split('\n');
    expect(printed).toHaveLength(14);
    expect(printed).toContain('2012  80 (approximate)');
    expect(printed).toContain('2017  400 (lower bound)');
    expect(printed).toContain('2022  2 (derived)');
    expect(printed).toContain('2025  769');
  });

  it('answers an error as the typed problem details', async () => {
    const api = createOperationResultsClient({ baseUrl });
    const { data, error, response } = await api.GET('/v1/operations/{code}', { params: { path: { code: 'no-such-operation' } } });
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
