import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DataVersion } from '../src/common/data-version';
import { recomputePreferred } from '../src/figures/figure-preference';
import { refreshFigureRollups } from '../src/figures/figure-rollups';
import { Participation, participation } from '../src/stats/participation';
import { ResolvedStatsFilters } from '../src/stats/stats.repository';
import type { components } from '../clients/typescript/src/schema';
import { openTestApp, TestApp, TestServer } from './utils/setup';
import { insertFigures, insertReferenceRows } from './utils/stats-fixture';

type Operation = components['schemas']['OperationDto'];
type Country = components['schemas']['CountryDto'];

/**
 * Participation, three facts kept apart, on a fixture small enough to count by hand:
 *
 * | operation              | countries_count | listed as participants | live figures for |
 * |------------------------|-----------------|------------------------|------------------|
 * | p1 (alpha, 2015, World)  | 10            | GB, FR, KE             | GB (2), DE       |
 * | p2 (alpha, 2016, Europe) | 4             | none                   | FR               |
 * | p3 (beta, 2016, Africa)  | none          | KE                     | none             |
 *
 * p1 also has an operation-wide figure (no country) and a deleted figure for KE; neither counts for a country.
 */
describe('Participation: stated, listed, with figures (e2e, hand-made fixture)', () => {
  let app: NestFastifyApplication;
  let ctx: TestApp;
  let server: TestServer;
  let dataSource: DataSource;

  beforeAll(async () => {
    ctx = await openTestApp({ database: 'scratch', label: 'participation' });
    ({ app, server } = ctx);
    dataSource = app.get(DataSource);
    await dataSource.transaction(async (manager) => {
      await insertReferenceRows(manager);
      await manager.query(
        `INSERT INTO countries (iso2, iso3, numeric_code, name, region_id) VALUES ('DE', 'DEU', '276', 'Germany', 2)`,
      );
      await manager.query(`INSERT INTO region_countries (region_id, country_iso2) VALUES (1, 'DE'), (2, 'DE')`);
      await manager.query(`INSERT INTO operations (id, code, name, series_id, year, region_id, crime_area, source_id, countries_count) VALUES
        (1, 'p1', 'P1', 1, 2015, 1, 'test', 1, 10), (2, 'p2', 'P2', 1, 2016, 2, 'test', 1, 4),
        (3, 'p3', 'P3', 2, 2016, 3, 'test', 3, NULL)`);
      await manager.query(`INSERT INTO operation_countries (operation_id, country_iso2, source_id) VALUES
        (1, 'GB', 1), (1, 'FR', 1), (1, 'KE', 3), (3, 'KE', 3)`);
    });
    await insertFigures(dataSource, [
      { op: 'p1', kind: 'arrests', quantity: '10', unit: 'people', source: 'S1' },
      { op: 'p1', kind: 'arrests', quantity: '4', unit: 'people', country: 'GB', source: 'S1' },
      { op: 'p1', kind: 'items_seized', quantity: '100', unit: 'pills', country: 'GB', source: 'S1' },
      { op: 'p1', kind: 'arrests', quantity: '3', unit: 'people', country: 'DE', source: 'S1' },
      { op: 'p1', kind: 'arrests', quantity: '2', unit: 'people', country: 'KE', source: 'S2' },
      { op: 'p2', kind: 'arrests', quantity: '5', unit: 'people', country: 'FR', source: 'S1' },
    ]);
    await dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE figures SET deleted_at = now(), preferred = false WHERE country_iso2 = 'KE'`);
      await recomputePreferred(manager);
      await refreshFigureRollups(manager);
    });
    await app.get(DataVersion).bump();
  });

  afterAll(async () => {
    await ctx?.close();
  });

  const get = async (url: string) => (await request(server).get(url).expect(200)).body;
  const counts = (o: Operation) => [o.code, o.countriesCount, o.countriesListedCount, o.countriesWithFiguresCount];
  const countryCounts = (c: Country) => [
    c.iso2,
    c.operationsCount,
    c.operationsListedInCount,
    c.operationsWithFiguresCount,
    c.figuresCount,
  ];

  describe('operations', () => {
    it('p1: 10 countries stated, 3 listed, 2 with figures (DE not listed; the deleted KE figure left out)', async () => {
      const body = await get('/v1/operations/p1');
      expect(body).toMatchObject({ countriesCount: 10, countriesListedCount: 3, countriesWithFiguresCount: 2 });
      expect(body.participatingCountries.map((c: { iso2: string }) => c.iso2)).toEqual(['FR', 'KE', 'GB']);
    });

    it('lists the three numbers of every operation', async () => {
      const body = await get('/v1/operations');
      expect(body.data.map(counts)).toEqual([
        ['p1', 10, 3, 2],
        ['p2', 4, 0, 1],
        ['p3', null, 1, 0],
      ]);
    });

    it('sorts by the counted numbers', async () => {
      expect((await get('/v1/operations?sort=-countriesListedCount')).data.map((o: Operation) => o.code)).toEqual([
        'p1',
        'p3',
        'p2',
      ]);
      expect((await get('/v1/operations?sort=countriesWithFiguresCount')).data.map((o: Operation) => o.code)).toEqual([
        'p3',
        'p2',
        'p1',
      ]);
    });

    it('writes them in the CSV as well', async () => {
      const res = await request(server).get('/v1/operations?format=csv').expect(200);
      const records = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
      expect(
        records.map((r) => [r.code, r.countries_count, r.countries_listed_count, r.countries_with_figures_count]),
      ).toEqual([
        ['p1', '10', '3', '2'],
        ['p2', '4', '0', '1'],
        ['p3', '', '1', '0'],
      ]);
    });

    it('counts a participant added through the API at once', async () => {
      // Computed on every read, so a write needs no refresh of its own; the shared fixture is restored afterwards.
      await dataSource.query(
        `INSERT INTO operation_countries (operation_id, country_iso2, source_id) VALUES (2, 'DE', 1)`,
      );
      await app.get(DataVersion).bump();
      try {
        expect(await get('/v1/operations/p2')).toMatchObject({
          countriesCount: 4,
          countriesListedCount: 1,
          countriesWithFiguresCount: 1,
        });
      } finally {
        await dataSource.query(`DELETE FROM operation_countries WHERE operation_id = 2`);
        await app.get(DataVersion).bump();
      }
    });
  });

  describe('countries', () => {
    it('counts for each country the operations listing it, those with its figures, and both together', async () => {
      const body = await get('/v1/countries?sort=iso2');
      // [iso2, operationsCount, operationsListedInCount, operationsWithFiguresCount, figuresCount]
      expect(body.data.map(countryCounts)).toEqual([
        ['DE', 1, 0, 1, 1],
        ['FR', 2, 1, 1, 1], // listed in p1, a figure in p2: two operations
        ['GB', 1, 1, 1, 2], // listed in p1 and two figures there: one operation
        ['KE', 2, 2, 0, 0], // listed in p1 and p3; its only figure is deleted
      ]);
    });

    it('answers them on the detail, matching its list of operations', async () => {
      const body = await get('/v1/countries/FR');
      expect(body).toMatchObject({ operationsCount: 2, operationsListedInCount: 1, operationsWithFiguresCount: 1 });
      expect(
        body.operations.map((o: { code: string; listedAsParticipant: boolean; figuresCount: number }) => [
          o.code,
          o.listedAsParticipant,
          o.figuresCount,
        ]),
      ).toEqual([
        ['p1', true, 0],
        ['p2', false, 1],
      ]);
    });

    it('sorts by them and writes them in the CSV', async () => {
      expect((await get('/v1/countries?sort=-operationsListedInCount,iso2')).data.map((c: Country) => c.iso2)).toEqual([
        'KE',
        'FR',
        'GB',
        'DE',
      ]);
      expect(
        (await get('/v1/countries?sort=-operationsWithFiguresCount,iso2')).data.map((c: Country) => c.iso2),
      ).toEqual(['DE', 'FR', 'GB', 'KE']);
      const res = await request(server).get('/v1/countries?sort=iso2&format=csv').expect(200);
      const records = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
      expect(
        records.map((r) => [r.iso2, r.operations_count, r.operations_listed_in_count, r.operations_with_figures_count]),
      ).toEqual([
        ['DE', '1', '0', '1'],
        ['FR', '2', '1', '1'],
        ['GB', '1', '1', '1'],
        ['KE', '2', '2', '0'],
      ]);
    });
  });

  describe('participation() for the statistics summary', () => {
    const expected = (p: Partial<Participation>): Participation => ({
      operations: 0,
      operationsWithParticipantList: 0,
      operationsStatingCountries: 0,
      countriesListed: 0,
      countriesWithFigures: 0,
      countriesListedOrWithFigures: 0,
      countriesStatedMax: null,
      ...p,
    });

    // Each case: the filters as the statistics service resolves them, the summary URL with the same filters, the answer.
    const cases: [string, ResolvedStatsFilters, string, Participation][] = [
      [
        // Listed: GB, FR, KE. With figures: GB, DE (p1), FR (p2). Either: 4. The largest stated number is p1's 10.
        'all operations',
        {},
        '',
        expected({
          operations: 3,
          operationsWithParticipantList: 2,
          operationsStatingCountries: 2,
          countriesListed: 3,
          countriesWithFigures: 3,
          countriesListedOrWithFigures: 4,
          countriesStatedMax: 10,
        }),
      ],
      [
        'series beta (p3: listed, no stated number)',
        { seriesIds: [2] },
        'series=beta',
        expected({
          operations: 1,
          operationsWithParticipantList: 1,
          countriesListed: 1,
          countriesListedOrWithFigures: 1,
        }),
      ],
      [
        // The region selects operations by their region (p2); countries are not narrowed to it.
        'region europe (p2)',
        { regionIds: [2], regionCountries: ['GB', 'FR', 'DE'] },
        'region=europe',
        expected({
          operations: 1,
          operationsStatingCountries: 1,
          countriesWithFigures: 1,
          countriesListedOrWithFigures: 1,
          countriesStatedMax: 4,
        }),
      ],
      [
        'years 2016 (p2, p3)',
        { years: [2016] },
        'year=2016',
        expected({
          operations: 2,
          operationsWithParticipantList: 1,
          operationsStatingCountries: 1,
          countriesListed: 1,
          countriesWithFigures: 1,
          countriesListedOrWithFigures: 2,
          countriesStatedMax: 4,
        }),
      ],
      [
        // FR is listed in p1 and has a figure in p2: both selected, FR counted once; no stated number with a country filter.
        'country FR',
        { countries: ['FR'] },
        'country=FR',
        expected({
          operations: 2,
          operationsWithParticipantList: 1,
          operationsStatingCountries: 2,
          countriesListed: 1,
          countriesWithFigures: 1,
          countriesListedOrWithFigures: 1,
        }),
      ],
      [
        // KE is listed in p1 and p3; its deleted figure neither selects an operation nor counts.
        'country KE',
        { countries: ['KE'] },
        'country=KE',
        expected({
          operations: 2,
          operationsWithParticipantList: 2,
          operationsStatingCountries: 1,
          countriesListed: 1,
          countriesListedOrWithFigures: 1,
        }),
      ],
      [
        'countries DE and GB (only p1)',
        { countries: ['DE', 'GB'] },
        'country=DE,GB',
        expected({
          operations: 1,
          operationsWithParticipantList: 1,
          operationsStatingCountries: 1,
          countriesListed: 1,
          countriesWithFigures: 2,
          countriesListedOrWithFigures: 2,
        }),
      ],
      ['no operation', { years: [1999] }, 'year=1999', expected({})],
    ];

    it.each(cases)('%s', async (_name, filters, _query, answer) => {
      expect(await participation(dataSource, filters)).toEqual(answer);
    });

    it('takes the caller’s EntityManager too', async () => {
      const inTransaction = await dataSource.transaction((manager) => participation(manager, { seriesIds: [1] }));
      expect(inTransaction).toEqual(
        expected({
          operations: 2,
          operationsWithParticipantList: 1,
          operationsStatingCountries: 2,
          countriesListed: 3,
          countriesWithFigures: 3,
          countriesListedOrWithFigures: 4,
          countriesStatedMax: 10,
        }),
      );
    });

    it.each(cases)(
      'selects the operations and counts the countries of the summary: %s',
      async (_name, filters, query, answer) => {
        const summary = await get(`/v1/stats/summary${query ? `?${query}` : ''}`);
        expect({ operations: summary.operations, participatingCountries: summary.participatingCountries }).toEqual({
          operations: answer.operations,
          participatingCountries: answer.countriesListedOrWithFigures,
        });
        expect(await participation(dataSource, filters)).toEqual(answer);
      },
    );
  });
});
