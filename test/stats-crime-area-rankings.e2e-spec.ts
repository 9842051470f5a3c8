import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { components } from '../clients/typescript/src/schema';
import { DataVersion } from '../src/common/data-version';
import { openTestApp, TestApp, TestServer } from './utils/setup';
import { FixtureFigure, insertFigures, insertReferenceRows } from './utils/stats-fixture';

type ArrestStats = components['schemas']['ArrestStatsDto'];
type SeizureStats = components['schemas']['SeizureStatsDto'];
type OutcomeStats = components['schemas']['OutcomeStatsDto'];
type Summary = components['schemas']['SummaryDto'];
type Timeseries = components['schemas']['TimeseriesDto'];
type StatsRow = components['schemas']['StatsRowDto'];
type FigureList = components['schemas']['FigureListDto'];
type OperationList = components['schemas']['OperationListDto'];
type Problem = components['schemas']['ProblemDetailsDto'];

/**
 * Crime area as a dimension, and rankings (sort, limit, offset), on a fixture whose every expected figure is worked
 * out by hand below. Besides the reference rows' series alpha (crime area `test`), two series of their own:
 *
 * | operation | series | crime area           | year | region |
 * |-----------|--------|----------------------|------|--------|
 * | g1        | gamma  | firearms trafficking | 2020 | World  |
 * | g2        | gamma  | firearms trafficking | 2021 | Europe |
 * | d1        | delta  | environmental crime  | 2020 | Africa |
 * | d2        | delta  | environmental crime  | 2021 | World  |
 * | a1        | alpha  | test                 | 2020 | World  |
 *
 * Default order of groupBy=operation: year, then code: a1, d1, g1 (2020), d2, g2 (2021).
 * Rates: EUR 2021 0.9 per USD; none for NGN.
 */
const FIGURES: FixtureFigure[] = [
  // Arrests. g1: 100 is the total, its GB 40 a breakdown. g2: no total, GB 30 + FR 20 = at least 50, from countries.
  { op: 'g1', kind: 'arrests', quantity: '100', unit: 'people', source: 'S1' },
  { op: 'g1', kind: 'arrests', quantity: '40', unit: 'people', country: 'GB', source: 'S1' },
  { op: 'g2', kind: 'arrests', quantity: '30', unit: 'people', country: 'GB', source: 'S1' },
  { op: 'g2', kind: 'arrests', quantity: '20', unit: 'people', country: 'FR', source: 'S1' },
  // d1: more than 7 (a lower bound), KE 7 a breakdown. d2: no arrests, 5 persons under investigation. a1: 1,000.
  { op: 'd1', kind: 'arrests', quantity: '7', unit: 'people', qualifier: 'more_than', source: 'S1' },
  { op: 'd1', kind: 'arrests', quantity: '7', unit: 'people', country: 'KE', source: 'S1' },
  { op: 'd2', kind: 'persons_under_investigation', quantity: '5', unit: 'people', source: 'S3' },
  { op: 'a1', kind: 'arrests', quantity: '1000', unit: 'people', source: 'S2' },
  // Seizure values: g1 USD 1,000,000; g2 EUR 900 / 0.9 = USD 1,000; d1 NGN 5,000 (no rate: nothing converted);
  // d2 USD 2,000,000. a1 has no seizure. Weights: d1 2 t = 2,000 kg, g1 500 kg.
  { op: 'g1', kind: 'value_seized', quantity: '1000000', unit: 'USD', source: 'S1' },
  { op: 'g2', kind: 'value_seized', quantity: '900', unit: 'EUR', source: 'S1' },
  { op: 'd1', kind: 'value_seized', quantity: '5000', unit: 'NGN', source: 'S1' },
  { op: 'd2', kind: 'value_seized', quantity: '2000000', unit: 'USD', source: 'S3' },
  { op: 'd1', kind: 'weight_seized', quantity: '2', unit: 'tonnes', source: 'S1' },
  { op: 'g1', kind: 'weight_seized', quantity: '500', unit: 'kg', source: 'S1' },
  // Outcomes: g1 10 websites, d1 4 websites, d2 3 checks.
  { op: 'g1', kind: 'websites_shut_down', quantity: '10', unit: 'websites', source: 'S1' },
  { op: 'd1', kind: 'websites_shut_down', quantity: '4', unit: 'websites', source: 'S1' },
  { op: 'd2', kind: 'raids_or_checks', quantity: '3', unit: 'checks', source: 'S3' },
];

describe('Crime area as a dimension, and rankings of statistics rows (e2e, hand-checked fixture)', () => {
  let app: NestFastifyApplication;
  let ctx: TestApp;
  let server: TestServer;

  beforeAll(async () => {
    ctx = await openTestApp({ database: 'scratch', label: 'stats_crime_area' });
    ({ app, server } = ctx);
    const dataSource = app.get(DataSource);
    await dataSource.transaction(async (manager) => {
      await insertReferenceRows(manager);
      await manager.query(`INSERT INTO series (id, code, name, crime_area, description) VALUES
        (3, 'gamma', 'Gamma', 'firearms trafficking', 'fixture'), (4, 'delta', 'Delta', 'environmental crime', 'fixture')`);
      await manager.query(`INSERT INTO operations (id, code, name, series_id, year, region_id, crime_area, source_id) VALUES
        (1, 'g1', 'G1', 3, 2020, 1, 'firearms trafficking', 1), (2, 'g2', 'G2', 3, 2021, 2, 'firearms trafficking', 1),
        (3, 'd1', 'D1', 4, 2020, 3, 'environmental crime', 1), (4, 'd2', 'D2', 4, 2021, 1, 'environmental crime', 1),
        (5, 'a1', 'A1', 1, 2020, 1, 'test', 1)`);
      await manager.query(`INSERT INTO fx_rates (year, currency, units_per_usd, source_url, source_publisher) VALUES
        (2021, 'EUR', 0.9, 'https://rates.example', 'Rates')`);
    });
    await insertFigures(dataSource, FIGURES);
    await app.get(DataVersion).bump();
  });

  afterAll(async () => {
    await ctx?.close();
  });

  const get = async <T>(url: string): Promise<T> => (await request(server).get(url).expect(200)).body as T;
  const problem = async (url: string): Promise<Problem> => {
    const res = await request(server).get(url).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    return res.body as Problem;
  };
  const keys = (rows: StatsRow[], dimension: keyof StatsRow['keys']) => rows.map((r) => r.keys[dimension]);
  const FIREARMS = 'crimeArea=firearms%20trafficking';
  const ALLOWED = 'allowed: environmental crime, firearms trafficking, test';

  describe('the crimeArea filter', () => {
    it('selects operations by their crime area, any case, several at once', async () => {
      const codes = async (query: string) =>
        (await get<OperationList>(`/v1/operations?${query}&sort=code`)).data.map((o) => o.code);
      expect(await codes('crimeArea=FIREARMS%20Trafficking')).toEqual(['g1', 'g2']);
      expect(await codes('crimeArea=firearms%20trafficking,Environmental%20Crime')).toEqual(['d1', 'd2', 'g1', 'g2']);
      expect(await codes('crimeArea=test&year=2020')).toEqual(['a1']);
    });

    it('selects the figures of those operations in the figure lists', async () => {
      const ids = async (resource: string, query: string) =>
        (await get<FigureList>(`/v1/${resource}?${query}&limit=100`)).meta.total;
      // g1 100 and GB 40, g2 GB 30 and FR 20.
      expect(await ids('arrests', FIREARMS)).toBe(4);
      // The same four, d1's 7 and KE 7, d2's 5 persons under investigation.
      expect(await ids('arrests', 'crimeArea=Firearms%20Trafficking,environmental%20crime')).toBe(7);
      // d1 NGN 5,000 and 2 t, d2 USD 2,000,000.
      expect(await ids('seizures', 'crimeArea=environmental%20crime')).toBe(3);
      // d1 4 websites, d2 3 checks.
      expect(await ids('outcomes', 'crimeArea=environmental%20crime')).toBe(2);
      expect(await ids('seizures', 'crimeArea=test')).toBe(0);
    });

    it.each([
      '/v1/operations',
      '/v1/seizures',
      '/v1/arrests',
      '/v1/outcomes',
      '/v1/stats/summary',
      '/v1/stats/seizures',
      '/v1/stats/arrests',
      '/v1/stats/outcomes',
      '/v1/stats/timeseries?metric=arrests&',
    ])('refuses an unknown crime area on %s, naming the parameter and the crime areas in the data', async (path) => {
      const body = await problem(`${path}${path.endsWith('&') ? '' : '?'}crimeArea=piracy`);
      expect(body.errors).toEqual([{ name: 'crimeArea', reason: `unknown crime area(s) 'piracy'; ${ALLOWED}` }]);
    });

    it('refuses an empty crime area', async () => {
      const body = await problem('/v1/stats/arrests?crimeArea=');
      expect(body.errors).toEqual([{ name: 'crimeArea', reason: 'crimeArea must not contain an empty value' }]);
    });

    it('counts the arrests of the selected operations only: 100 (g1) + at least 50 (g2) = at least 150', async () => {
      const [row] = (await get<ArrestStats>(`/v1/stats/arrests?${FIREARMS}`)).data;
      expect(row.arrests).toEqual({
        value: 150,
        lowerBound: true,
        upperBound: false,
        approximate: false,
        derived: true,
        derivedFrom: 'countries',
        derivedFromCount: 2,
        figureCount: 3,
      });
      expect(row.personsUnderInvestigation).toBeNull();
      expect(row.figuresHref).toBe('/v1/arrests?crimeArea=firearms+trafficking&preferred=true&countedIn=operation');
    });

    it('gives the summary of a crime area with its series and crime areas', async () => {
      const summary = await get<Summary>('/v1/stats/summary?crimeArea=Environmental%20Crime');
      expect(summary).toMatchObject({
        operations: 2,
        series: 1,
        crimeAreas: ['environmental crime'],
        firstYear: 2020,
        lastYear: 2021,
      });
      expect(summary.arrests).toMatchObject({ value: 7, lowerBound: true, figureCount: 1 });
      expect(summary.personsUnderInvestigation).toMatchObject({ value: 5, figureCount: 1 });
      // d2's USD 2,000,000 converted; d1's NGN 5,000 has no rate.
      expect(summary.seizureValueUsd).toMatchObject({ value: 2000000, unconverted: 1, partial: true });
      const all = await get<Summary>('/v1/stats/summary');
      expect(all).toMatchObject({
        operations: 5,
        series: 3,
        crimeAreas: ['environmental crime', 'firearms trafficking', 'test'],
      });
    });

    it('gives a time series of a crime area, with links that keep the filter', async () => {
      const series = await get<Timeseries>(`/v1/stats/timeseries?metric=arrests&${FIREARMS}`);
      expect(series.data.map((p) => [p.year, p.value, p.lowerBound])).toEqual([
        [2020, 100, false],
        [2021, 50, true],
      ]);
      expect(series.data[1].figuresHref).toBe(
        '/v1/arrests?kind=arrests&crimeArea=firearms+trafficking&year=2021&preferred=true&countedIn=operation',
      );
      const listed = await get<FigureList>(series.data[1].figuresHref);
      expect(listed.data.map((f) => f.quantity).sort()).toEqual(['20', '30']);
    });

    it('is combined with the other filters and scopes: firearms arrests by country are GB 40 + 30 = 70 and FR 20', async () => {
      const body = await get<ArrestStats>(`/v1/stats/arrests?${FIREARMS}&groupBy=country`);
      expect(body.meta.scope).toBe('country');
      expect(body.data.map((r) => [r.keys.country, r.arrests?.value])).toEqual([
        ['FR', 20],
        ['GB', 70],
      ]);
    });
  });

  describe('groupBy=crimeArea', () => {
    it('groups arrests by the operation crime area, with keys and labels', async () => {
      const body = await get<ArrestStats>('/v1/stats/arrests?groupBy=crimeArea');
      expect(body.meta).toMatchObject({ groupBy: ['crimeArea'], scope: 'operation', total: 3, limit: null, offset: 0 });
      expect(
        body.data.map((r) => [
          r.keys,
          r.labels,
          r.arrests?.value ?? null,
          r.personsUnderInvestigation?.value ?? null,
          r.figureCount,
        ]),
      ).toEqual([
        [{ crimeArea: 'environmental crime' }, { crimeArea: 'environmental crime' }, 7, 5, 2],
        [{ crimeArea: 'firearms trafficking' }, { crimeArea: 'firearms trafficking' }, 150, null, 3],
        [{ crimeArea: 'test' }, { crimeArea: 'test' }, 1000, null, 1],
      ]);
    });

    it('groups seizures: firearms USD 1,000,000 + 1,000, environmental USD 2,000,000 with NGN 5,000 unconverted', async () => {
      const body = await get<SeizureStats>('/v1/stats/seizures?groupBy=crimeArea');
      const byArea = Object.fromEntries(body.data.map((r) => [r.keys.crimeArea, r]));
      expect(Object.keys(byArea)).toEqual(['environmental crime', 'firearms trafficking']);
      expect(byArea['firearms trafficking'].valueUsd).toMatchObject({
        value: 1001000,
        unconverted: 0,
        partial: false,
        figureCount: 2,
      });
      expect(byArea['environmental crime'].valueUsd).toMatchObject({
        value: 2000000,
        unconverted: 1,
        partial: true,
        figureCount: 2,
      });
      const weight = (r: StatsRow) => r.measures.find((m) => m.kind === 'weight_seized')?.value;
      expect([weight(byArea['environmental crime']), weight(byArea['firearms trafficking'])]).toEqual([2000, 500]);
    });

    it('groups outcomes', async () => {
      const body = await get<OutcomeStats>('/v1/stats/outcomes?groupBy=crimeArea');
      expect(body.data.map((r) => [r.keys.crimeArea, r.measures.map((m) => `${m.kind} ${m.value} ${m.unit}`)])).toEqual(
        [
          ['environmental crime', ['raids_or_checks 3 checks', 'websites_shut_down 4 websites']],
          ['firearms trafficking', ['websites_shut_down 10 websites']],
        ],
      );
    });

    it('pivots with year, and agrees with the crimeArea filter', async () => {
      const body = await get<ArrestStats>('/v1/stats/arrests?groupBy=crimeArea,year');
      expect(body.data.map((r) => [r.keys.crimeArea, r.keys.year, r.arrests?.value ?? null])).toEqual([
        ['environmental crime', 2020, 7],
        ['environmental crime', 2021, null],
        ['firearms trafficking', 2020, 100],
        ['firearms trafficking', 2021, 50],
        ['test', 2020, 1000],
        ['test', 2021, null], // every year of the range for each crime area (README "Years without a figure")
      ]);
      const filtered = await get<ArrestStats>(`/v1/stats/arrests?${FIREARMS}&groupBy=year`);
      expect(filtered.data.map((r) => [r.keys.year, r.arrests?.value])).toEqual([
        [2020, 100],
        [2021, 50],
      ]);
    });

    it.each(['seizures', 'arrests', 'outcomes'])(
      'links every %s row to exactly the figures it added up (the crime area as a filter and as a key)',
      async (resource) => {
        let checked = 0;
        for (const query of [
          'groupBy=crimeArea',
          'groupBy=crimeArea,year',
          'groupBy=crimeArea,country',
          `groupBy=year&${FIREARMS},test`,
        ]) {
          const body = await get<ArrestStats>(`/v1/stats/${resource}?${query}`);
          for (const row of body.data) {
            checked += 1;
            if (row.keys.crimeArea)
              expect(row.figuresHref).toContain(`crimeArea=${row.keys.crimeArea.replace(/ /g, '+')}`);
            const listed = await get<FigureList>(`${row.figuresHref}&limit=1000`);
            expect([query, row.keys, listed.meta.total]).toEqual([query, row.keys, row.figureCount]);
          }
        }
        expect(checked).toBeGreaterThan(4);
      },
    );

    it('names the crime area columns crime_area and crime_area_label in CSV', async () => {
      const res = await request(server).get('/v1/stats/arrests?groupBy=crimeArea&format=csv').expect(200);
      const [header, ...lines] = parse(res.text, { bom: true }) as string[][];
      expect(header.slice(0, 3)).toEqual(['crime_area', 'crime_area_label', 'kind']);
      expect(lines.map((l) => [l[0], l[2], l[header.indexOf('value')]])).toEqual([
        ['environmental crime', 'arrests', '7'],
        ['environmental crime', 'persons_under_investigation', '5'],
        ['firearms trafficking', 'arrests', '150'],
        ['test', 'arrests', '1000'],
      ]);
    });
  });

  describe('rankings: sort, limit, offset', () => {
    const operations = async (url: string) => keys((await get<ArrestStats>(url)).data, 'operation');

    it('keeps the default order without sort, with every row and meta.total', async () => {
      const body = await get<ArrestStats>('/v1/stats/arrests?groupBy=operation');
      expect(keys(body.data, 'operation')).toEqual(['a1', 'd1', 'g1', 'd2', 'g2']);
      expect(body.meta).toMatchObject({ total: 5, limit: null, offset: 0 });
    });

    it('sorts arrests descending and ascending; a row without arrests (d2) comes last both ways', async () => {
      // a1 1,000, g1 100, g2 50, d1 7, d2 none.
      expect(await operations('/v1/stats/arrests?groupBy=operation&sort=-arrests')).toEqual([
        'a1',
        'g1',
        'g2',
        'd1',
        'd2',
      ]);
      expect(await operations('/v1/stats/arrests?groupBy=operation&sort=arrests')).toEqual([
        'd1',
        'g2',
        'g1',
        'a1',
        'd2',
      ]);
      // Only d2 has persons under investigation; the others keep the default order after it.
      expect(await operations('/v1/stats/arrests?groupBy=operation&sort=-personsUnderInvestigation')).toEqual([
        'd2',
        'a1',
        'd1',
        'g1',
        'g2',
      ]);
    });

    it('sorts seizures by value in USD; nothing converted (d1) is null and last both ways', async () => {
      // d2 2,000,000, g1 1,000,000, g2 1,000, d1 null (NGN without a rate).
      const body = await get<SeizureStats>('/v1/stats/seizures?groupBy=operation&sort=-valueUsd');
      expect(body.data.map((r) => [r.keys.operation, r.valueUsd?.value ?? null])).toEqual([
        ['d2', 2000000],
        ['g1', 1000000],
        ['g2', 1000],
        ['d1', null],
      ]);
      expect(await operations('/v1/stats/seizures?groupBy=operation&sort=valueUsd')).toEqual(['g2', 'g1', 'd2', 'd1']);
      // Weight: d1 2,000 kg, g1 500 kg; d2 and g2 have none and keep the default order.
      expect(await operations('/v1/stats/seizures?groupBy=operation&sort=-weightKg')).toEqual(['d1', 'g1', 'd2', 'g2']);
      expect(await operations('/v1/stats/seizures?groupBy=operation&sort=volumeLitres')).toEqual([
        'd1',
        'g1',
        'd2',
        'g2',
      ]);
    });

    it('sorts on a group key and on several fields', async () => {
      const areas = await get<ArrestStats>('/v1/stats/arrests?groupBy=crimeArea&sort=-crimeArea');
      expect(keys(areas.data, 'crimeArea')).toEqual(['test', 'firearms trafficking', 'environmental crime']);
      // Figures added up: g2 2, every other operation 1; the ties by year descending, then the default order.
      expect(await operations('/v1/stats/arrests?groupBy=operation,year&sort=-figureCount,-year')).toEqual([
        'g2',
        'd2',
        'a1',
        'd1',
        'g1',
      ]);
      const outcomes = await get<OutcomeStats>('/v1/stats/outcomes?groupBy=series&sort=-sourceCount,series');
      // delta: S1 (d1) and S3 (d2); gamma: S1.
      expect(outcomes.data.map((r) => [r.keys.series, r.sourceCount])).toEqual([
        ['delta', 2],
        ['gamma', 1],
      ]);
    });

    it('pages after grouping and sorting: limit, offset, meta.total and Link', async () => {
      const res = await request(server)
        .get('/v1/stats/arrests?groupBy=operation&sort=-arrests&limit=2&offset=1')
        .expect(200);
      const body = res.body as ArrestStats;
      expect(body.data.map((r) => [r.keys.operation, r.arrests?.value])).toEqual([
        ['g1', 100],
        ['g2', 50],
      ]);
      expect(body.meta).toMatchObject({ total: 5, limit: 2, offset: 1 });
      const links = String(res.headers.link).split(', ');
      const base = '/v1/stats/arrests?groupBy=operation&sort=-arrests';
      expect(links).toEqual([
        `<${base}&limit=2&offset=3>; rel="next"`,
        `<${base}&limit=2&offset=0>; rel="prev"`,
        `<${base}&limit=2&offset=0>; rel="first"`,
        `<${base}&limit=2&offset=4>; rel="last"`,
      ]);
      // The same page again, from the cache: the same links.
      const again = await request(server)
        .get('/v1/stats/arrests?groupBy=operation&sort=-arrests&limit=2&offset=1')
        .expect(200);
      expect(again.headers.link).toBe(res.headers.link);
      // The last page: d2, without arrests.
      expect(await operations(`${base}&limit=2&offset=4`)).toEqual(['d2']);
      const beyond = await get<ArrestStats>(`${base}&limit=2&offset=10`);
      expect([beyond.data, beyond.meta.total]).toEqual([[], 5]);
    });

    it('ranks in one request: the two operations with the largest seizure value', async () => {
      const body = await get<SeizureStats>('/v1/stats/seizures?groupBy=operation&sort=-valueUsd&limit=2');
      expect(body.data.map((r) => [r.keys.operation, r.valueUsd?.value])).toEqual([
        ['d2', 2000000],
        ['g1', 1000000],
      ]);
      expect(body.meta).toMatchObject({ total: 4, limit: 2, offset: 0 });
    });

    it('honours sort and paging in CSV', async () => {
      const res = await request(server)
        .get('/v1/stats/seizures?groupBy=operation&sort=-valueUsd&limit=2&offset=1&format=csv')
        .expect(200);
      const [header, ...lines] = parse(res.text, { bom: true }) as string[][];
      const rows = lines.filter((l) => l[header.indexOf('kind')] === 'value_seized');
      // g1 (USD 1,000,000) and g2 (EUR 900 = USD 1,000); g1 also has its weight line.
      expect(rows.map((l) => [l[0], l[header.indexOf('group_value_usd')]])).toEqual([
        ['g1', '1000000'],
        ['g2', '1000'],
      ]);
      expect([...new Set(lines.map((l) => l[0]))]).toEqual(['g1', 'g2']);
      // An empty page keeps the columns.
      const empty = await request(server).get('/v1/stats/seizures?groupBy=operation&offset=10&format=csv').expect(200);
      expect((parse(empty.text, { bom: true }) as string[][])[0]).toContain('group_value_usd');
    });

    it.each([
      [
        '/v1/stats/seizures?groupBy=year&sort=arrests',
        "unknown sort field 'arrests'; allowed: year, valueUsd, weightKg, volumeLitres, figureCount, sourceCount",
      ],
      [
        '/v1/stats/arrests?groupBy=series&sort=-valueUsd',
        "unknown sort field 'valueUsd'; allowed: series, arrests, personsUnderInvestigation, figureCount, sourceCount",
      ],
      ['/v1/stats/outcomes?sort=valueUsd', "unknown sort field 'valueUsd'; allowed: figureCount, sourceCount"],
      [
        '/v1/stats/arrests?groupBy=series&sort=year',
        "cannot sort on 'year' without groupBy=year; allowed: series, arrests, personsUnderInvestigation, figureCount, sourceCount",
      ],
      ['/v1/stats/arrests?sort=-', 'sort must be comma-separated field names, each optionally prefixed with "-"'],
    ])('refuses %s naming sort', async (url, reason) => {
      expect((await problem(url)).errors).toEqual([{ name: 'sort', reason }]);
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['offset=-1', 'offset'],
      ['limit=x', 'limit'],
    ])('refuses %s naming %s', async (query, name) => {
      const body = await problem(`/v1/stats/arrests?groupBy=year&${query}`);
      expect([...new Set((body.errors ?? []).map((e) => e.name))]).toEqual([name]);
    });
  });
});
