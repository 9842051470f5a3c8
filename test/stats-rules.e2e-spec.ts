import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DataVersion } from '../src/common/data-version';
import { refreshFigureRollups } from '../src/figures/figure-rollups';
import { openTestApp, TestApp, TestServer } from './utils/setup';
import { FixtureFigure, insertFigures, insertReferenceRows } from './utils/stats-fixture';

/**
 * The counting rules on a small fixture whose every expected figure is worked
 * out by hand in the comments below. Operations: A1 (alpha, 2015, World),
 * A2 (alpha, 2016, Europe), A3 (alpha, 2018, Africa), B1 (beta, 2015, Europe).
 * Sources: S1 official 2016, S2 media 2017, S3 official 2017.
 * Rates: GBP 2015 0.8, EUR 2015 0.9, EUR 2016 0.5 units per USD; none for NGN.
 */
const FIGURES: FixtureFigure[] = [
  // Arrests. A1: a total of 100 (official) and a conflicting 150 (media): 100 counts, the 40 + 70 breakdown never adds on top.
  { op: 'A1', kind: 'arrests', quantity: '100', unit: 'people', source: 'S1' },
  { op: 'A1', kind: 'arrests', quantity: '150', unit: 'people', source: 'S2' },
  { op: 'A1', kind: 'arrests', quantity: '40', unit: 'people', country: 'GB', source: 'S1' },
  { op: 'A1', kind: 'arrests', quantity: '70', unit: 'people', country: 'FR', source: 'S1' },
  // A2: no total, so 30 ("more than") + 20 = 50, derived and a lower bound.
  { op: 'A2', kind: 'arrests', quantity: '30', unit: 'people', country: 'GB', qualifier: 'more_than', source: 'S1' },
  { op: 'A2', kind: 'arrests', quantity: '20', unit: 'people', country: 'FR', source: 'S1' },
  // A3: "nearly 10".
  { op: 'A3', kind: 'arrests', quantity: '10', unit: 'people', qualifier: 'nearly', source: 'S1' },
  // Persons under investigation are never added to arrests. A1 has only a GB figure (derived total 7), B1 a total of 5.
  {
    op: 'A1',
    kind: 'persons_under_investigation',
    quantity: '7',
    unit: 'people',
    country: 'GB',
    qualifier: 'approximately',
    source: 'S1',
  },
  { op: 'B1', kind: 'persons_under_investigation', quantity: '5', unit: 'people', source: 'S3' },
  // Seizure values. A1: USD 1,000,000 (official) beats GBP 900,000 (media); the FR EUR 500,000 is a breakdown.
  { op: 'A1', kind: 'value_seized', quantity: '1000000', unit: 'USD', source: 'S1' },
  { op: 'A1', kind: 'value_seized', quantity: '900000', unit: 'GBP', source: 'S2' },
  { op: 'A1', kind: 'value_seized', quantity: '500000', unit: 'EUR', country: 'FR', source: 'S1' },
  // A2: more than EUR 2,000,000 at 0.5 EUR per USD = USD 4,000,000. A3: NGN has no rate. B1: GBP 100 / 0.8 = USD 125.
  { op: 'A2', kind: 'value_seized', quantity: '2000000', unit: 'EUR', qualifier: 'more_than', source: 'S1' },
  { op: 'A3', kind: 'value_seized', quantity: '3000', unit: 'NGN', source: 'S1' },
  { op: 'B1', kind: 'value_seized', quantity: '100', unit: 'GBP', source: 'S3' },
  // Weights: 2 tonnes = 2,000 kg (A1; its GB 500 kg is a breakdown) + 1,000 lb = 453.59237 kg (A2).
  { op: 'A1', kind: 'weight_seized', quantity: '2', unit: 'tonnes', source: 'S1' },
  { op: 'A1', kind: 'weight_seized', quantity: '500', unit: 'kg', country: 'GB', source: 'S1' },
  { op: 'A2', kind: 'weight_seized', quantity: '1000', unit: 'lb', source: 'S1' },
  // Counts are only added within one unit: pills 1,000 (A1) and bottles 50 (A2) stay apart. A1's 300 bottles of
  // olive oil are its only bottle figure: different units name different things, so they are not a breakdown of
  // its pills but A1's bottle total (rule (a), the only figure): 300 + 50 = 350 bottles.
  { op: 'A1', kind: 'items_seized', quantity: '1000', unit: 'pills', source: 'S1' },
  { op: 'A2', kind: 'items_seized', quantity: '50', unit: 'bottles', source: 'S1' },
  { op: 'A1', kind: 'items_seized', quantity: '300', unit: 'bottles', category: 'olive oil', source: 'S1' },
  // A1 reports volume only for wine: the only operation-wide volume figure is A1's total (rule (a)): 20 litres.
  { op: 'A1', kind: 'volume_seized', quantity: '20', unit: 'litres', category: 'wine', source: 'S1' },
  // Outcomes: websites and web links are different units; `other` figures count what their unit names.
  { op: 'A1', kind: 'websites_shut_down', quantity: '10', unit: 'websites', source: 'S1' },
  { op: 'A2', kind: 'websites_shut_down', quantity: '3', unit: 'web links', source: 'S1' },
  { op: 'A1', kind: 'other', quantity: '4', unit: 'warning letters', source: 'S1' },
  { op: 'A1', kind: 'other', quantity: '2', unit: 'bank accounts frozen', source: 'S1' },
];

describe('Statistics counting rules (e2e, hand-checked fixture)', () => {
  let app: NestFastifyApplication;
  let ctx: TestApp;
  let server: TestServer;

  beforeAll(async () => {
    ctx = await openTestApp({ database: 'scratch', label: 'stats_rules' });
    ({ app, server } = ctx);
    const dataSource = app.get(DataSource);
    await dataSource.transaction(async (manager) => {
      await insertReferenceRows(manager);
      await manager.query(`INSERT INTO operations (id, code, name, series_id, year, region_id, crime_area, source_id) VALUES
        (1, 'a1', 'A1', 1, 2015, 1, 'test', 1), (2, 'a2', 'A2', 1, 2016, 2, 'test', 1),
        (3, 'a3', 'A3', 1, 2018, 3, 'test', 1), (4, 'b1', 'B1', 2, 2015, 2, 'test', 3)`);
      await manager.query(`INSERT INTO fx_rates (year, currency, units_per_usd, source_url, source_publisher) VALUES
        (2015, 'GBP', 0.8, 'https://rates.example', 'Rates'), (2015, 'EUR', 0.9, 'https://rates.example', 'Rates'),
        (2016, 'EUR', 0.5, 'https://rates.example', 'Rates')`);
    });
    await insertFigures(
      dataSource,
      FIGURES.map((f) => ({ ...f, op: f.op.toLowerCase() })),
    );
    await app.get(DataVersion).bump();
  });

  afterAll(async () => {
    await ctx?.close();
  });

  const get = async (url: string) => (await request(server).get(url).expect(200)).body;
  type Flags = Partial<Record<'lowerBound' | 'upperBound' | 'approximate' | 'derived', boolean>> & {
    derivedFrom?: 'categories' | 'countries' | 'mixed';
    derivedFromCount?: number;
  };
  const value = (v: number | null, flags: Flags = {}, figureCount?: number) => ({
    value: v,
    lowerBound: flags.lowerBound ?? false,
    upperBound: flags.upperBound ?? false,
    approximate: flags.approximate ?? false,
    derived: flags.derived ?? false,
    derivedFrom: flags.derivedFrom ?? null,
    derivedFromCount: flags.derivedFromCount ?? 0,
    ...(figureCount === undefined ? {} : { figureCount }),
  });
  /** A total summed from `count` country figures: derived, and a lower bound. */
  const fromCountries = (count: number): Flags => ({
    derived: true,
    lowerBound: true,
    derivedFrom: 'countries',
    derivedFromCount: count,
  });
  const RATES = { sourcePublisher: 'Rates', sourceUrl: 'https://rates.example' };

  describe('arrests', () => {
    it('adds one total per operation: 100 + (30 + 20) + 10 = 160, a lower bound, approximate and partly derived', async () => {
      const body = await get('/v1/stats/arrests');
      expect(body.meta).toMatchObject({ groupBy: [], scope: 'operation' });
      expect(body.data).toHaveLength(1);
      expect(body.data[0].arrests).toEqual(value(160, { ...fromCountries(2), approximate: true }, 4));
      // 7 (A1, derived from GB, approximately) + 5 (B1).
      expect(body.data[0].personsUnderInvestigation).toEqual(value(12, { ...fromCountries(1), approximate: true }, 2));
      expect(body.data[0].figureCount).toBe(6);
      expect(body.data[0].sourceCount).toBe(2);
    });

    it('groups by year', async () => {
      const body = await get('/v1/stats/arrests?groupBy=year');
      const byYear = Object.fromEntries(body.data.map((r: { keys: { year: number } }) => [r.keys.year, r]));
      // Every year of the range, as the timeseries: 2017 had no operation, so a row with nothing in it (never left out).
      expect(body.data.map((r: { keys: { year: number } }) => r.keys.year)).toEqual([2015, 2016, 2017, 2018]);
      expect(byYear[2017]).toMatchObject({
        labels: { year: '2017' },
        figureCount: 0,
        sourceCount: 0,
        measures: [],
        arrests: null,
        personsUnderInvestigation: null,
      });
      expect(byYear[2015].arrests).toEqual(value(100, {}, 1));
      expect(byYear[2015].personsUnderInvestigation).toEqual(value(12, { ...fromCountries(1), approximate: true }, 2));
      expect(byYear[2016].arrests).toEqual(value(50, fromCountries(2), 2));
      expect(byYear[2016].personsUnderInvestigation).toBeNull();
      expect(byYear[2018].arrests).toEqual(value(10, { approximate: true }, 1));
      expect(byYear[2015].labels).toEqual({ year: '2015' });
    });

    it('groups by series, with labels', async () => {
      const body = await get('/v1/stats/arrests?groupBy=series');
      expect(body.data.map((r: { keys: object; labels: object }) => [r.keys, r.labels])).toEqual([
        [{ series: 'alpha' }, { series: 'Alpha' }],
        [{ series: 'beta' }, { series: 'Beta' }],
      ]);
      expect(body.data[0].arrests.value).toBe(160);
      expect(body.data[0].personsUnderInvestigation.value).toBe(7);
      expect(body.data[1].arrests).toBeNull();
      expect(body.data[1].personsUnderInvestigation).toEqual(value(5, {}, 1));
    });

    it('groups by country using country figures only: GB 40 + 30, FR 70 + 20', async () => {
      const body = await get('/v1/stats/arrests?groupBy=country');
      expect(body.meta.scope).toBe('country');
      const rows = Object.fromEntries(body.data.map((r: { keys: { country: string } }) => [r.keys.country, r]));
      expect(rows.GB.arrests).toEqual(value(70, { lowerBound: true }, 2));
      expect(rows.GB.personsUnderInvestigation).toEqual(value(7, { approximate: true }, 1));
      expect(rows.FR.arrests).toEqual(value(90, {}, 2));
      expect(rows.GB.labels.country).toBe('United Kingdom');
    });

    it('filters by country, region (operation region), series and years', async () => {
      expect((await get('/v1/stats/arrests?country=gb')).data[0].arrests.value).toBe(70);
      // Europe: A2 (50) and B1 (no arrests, 5 persons).
      const europe = (await get('/v1/stats/arrests?region=europe')).data[0];
      expect(europe.arrests).toEqual(value(50, fromCountries(2), 2));
      expect(europe.personsUnderInvestigation.value).toBe(5);
      expect((await get('/v1/stats/arrests?yearFrom=2016')).data[0].arrests.value).toBe(60);
      expect((await get('/v1/stats/arrests?yearTo=2015&series=alpha')).data[0].arrests.value).toBe(100);
      expect((await get('/v1/stats/arrests?year=2016,2018')).data[0].arrests.value).toBe(60);
      expect((await get('/v1/stats/arrests?operation=a1,a3')).data[0].arrests.value).toBe(110);
    });

    it('pivots two dimensions', async () => {
      const body = await get('/v1/stats/arrests?groupBy=series,year');
      // Every year of the range (2015-2018) for each series, as with year alone: empty rows where nothing was reported.
      expect(body.data.map((r: { keys: object }) => r.keys)).toEqual([
        { series: 'alpha', year: 2015 },
        { series: 'alpha', year: 2016 },
        { series: 'alpha', year: 2017 },
        { series: 'alpha', year: 2018 },
        { series: 'beta', year: 2015 },
        { series: 'beta', year: 2016 },
        { series: 'beta', year: 2017 },
        { series: 'beta', year: 2018 },
      ]);
      expect(body.data.map((r: { arrests: { value: number } | null }) => r.arrests?.value ?? null)).toEqual([
        100,
        50,
        null,
        10,
        null,
        null,
        null,
        null,
      ]);
      expect(body.data.map((r: { figureCount: number }) => r.figureCount > 0)).toEqual([
        true,
        true,
        false,
        true,
        true,
        false,
        false,
        false,
      ]);
    });
  });

  describe('seizures', () => {
    it('converts money with the rate of the operation year and keeps unconverted values out of the sum', async () => {
      const [row] = (await get('/v1/stats/seizures')).data;
      // 1,000,000 + 4,000,000 + 125; NGN 3,000 has no rate.
      expect(row.valueUsd).toEqual({
        ...value(5000125, { lowerBound: true }, 4),
        unconverted: 1,
        partial: true,
        rates: [
          { currency: 'EUR', year: 2016, unitsPerUsd: 0.5, ...RATES },
          { currency: 'GBP', year: 2015, unitsPerUsd: 0.8, ...RATES },
        ],
      });
      const money = row.measures.filter((m: { unitClass: string }) => m.unitClass === 'money');
      expect(money).toEqual([
        {
          kind: 'value_seized',
          unitClass: 'money',
          unit: 'EUR',
          ...value(2000000, { lowerBound: true }, 1),
          valueUsd: 4000000,
        },
        { kind: 'value_seized', unitClass: 'money', unit: 'GBP', ...value(100, {}, 1), valueUsd: 125 },
        { kind: 'value_seized', unitClass: 'money', unit: 'NGN', ...value(3000, {}, 1), valueUsd: null },
        { kind: 'value_seized', unitClass: 'money', unit: 'USD', ...value(1000000, {}, 1), valueUsd: 1000000 },
      ]);
    });

    it('adds mass in kg and volume in litres, and counts only within one unit', async () => {
      const [row] = (await get('/v1/stats/seizures')).data;
      const measures = row.measures.filter((m: { unitClass: string }) => m.unitClass !== 'money');
      expect(measures).toEqual([
        { kind: 'items_seized', unitClass: 'count', unit: 'bottles', ...value(350, {}, 2) },
        { kind: 'items_seized', unitClass: 'count', unit: 'pills', ...value(1000, {}, 1) },
        { kind: 'volume_seized', unitClass: 'volume', unit: 'litres', ...value(20, {}, 1) },
        { kind: 'weight_seized', unitClass: 'mass', unit: 'kg', ...value(2453.59237, {}, 2) },
      ]);
    });

    it('groups by category: category rows, and totals without category as unspecified', async () => {
      const body = await get('/v1/stats/seizures?groupBy=category');
      expect(body.meta.scope).toBe('category');
      const rows = Object.fromEntries(body.data.map((r: { keys: { category: string } }) => [r.keys.category, r]));
      expect(Object.keys(rows).sort()).toEqual(['olive oil', 'unspecified', 'wine']);
      expect(rows['olive oil'].measures).toEqual([
        { kind: 'items_seized', unitClass: 'count', unit: 'bottles', ...value(300, {}, 1) },
      ]);
      expect(rows.wine.measures).toEqual([
        { kind: 'volume_seized', unitClass: 'volume', unit: 'litres', ...value(20, {}, 1) },
      ]);
      expect(rows.unspecified.valueUsd.value).toBe(5000125);
      expect((await get('/v1/stats/seizures?category=wine')).data[0].measures[0].value).toBe(20);
    });

    it('groups by country: FR EUR 500,000 at the 2015 rate 0.9 is USD 555,555.56', async () => {
      const body = await get('/v1/stats/seizures?groupBy=country');
      const rows = Object.fromEntries(body.data.map((r: { keys: { country: string } }) => [r.keys.country, r]));
      expect(rows.FR.valueUsd).toEqual({
        ...value(555555.56, {}, 1),
        unconverted: 0,
        partial: false,
        rates: [{ currency: 'EUR', year: 2015, unitsPerUsd: 0.9, ...RATES }],
      });
      expect(rows.GB.valueUsd).toBeNull();
      expect(rows.GB.measures).toEqual([
        { kind: 'weight_seized', unitClass: 'mass', unit: 'kg', ...value(500, {}, 1) },
      ]);
    });

    it('gives valueUsd null, never 0, when no value has a rate', async () => {
      const [row] = (await get('/v1/stats/seizures?operation=a3')).data;
      expect(row.valueUsd).toEqual({ ...value(null, {}, 1), unconverted: 1, partial: true, rates: [] });
    });

    it('answers CSV, one line per group and measure', async () => {
      const res = await request(server).get('/v1/stats/seizures?groupBy=year&format=csv').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe('attachment; filename="stats-seizures_groupBy-year.csv"');
      const records = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
      // 2017 had no operation: one line with the year and empty measure cells.
      expect(records.filter((r) => r.year === '2017')).toEqual([
        expect.objectContaining({ year: '2017', kind: '', value: '', figure_count: '0', group_figure_count: '0' }),
      ]);
      const weight2016 = records.find((r) => r.year === '2016' && r.kind === 'weight_seized');
      expect(weight2016).toMatchObject({ unit: 'kg', value: '453.59237', derived: 'false', figure_count: '1' });
      // The year's value in USD with the rates used and where they come from: 2015 is A1's USD 1,000,000 plus
      // B1's GBP 100 at 0.8 (USD 125); 2018 is A3's NGN 3,000, which has no rate (partial, nothing converted).
      const money2015 = records.find((r) => r.year === '2015' && r.unit === 'GBP');
      expect(money2015).toMatchObject({
        group_value_usd: '1000125',
        group_unconverted: '0',
        group_partial: 'false',
        group_rates: 'GBP 2015: 0.8 per USD (Rates, https://rates.example)',
        figures_href: '/v1/seizures?year=2015&preferred=true&countedIn=operation',
      });
      expect(records.find((r) => r.year === '2018' && r.unit === 'NGN')).toMatchObject({
        group_value_usd: '',
        group_unconverted: '1',
        group_partial: 'true',
      });
      expect(records.filter((r) => r.year === '2015').map((r) => `${r.kind}:${r.unit}`)).toEqual([
        'items_seized:bottles',
        'items_seized:pills',
        'value_seized:GBP',
        'value_seized:USD',
        'volume_seized:litres',
        'weight_seized:kg',
      ]);
    });
  });

  describe('outcomes', () => {
    it('keeps units apart and splits other figures by what they count', async () => {
      const [row] = (await get('/v1/stats/outcomes')).data;
      expect(row.measures.map((m: { kind: string; unit: string; value: number }) => [m.kind, m.unit, m.value])).toEqual(
        [
          ['other', 'bank accounts frozen', 2],
          ['other', 'warning letters', 4],
          ['websites_shut_down', 'web links', 3],
          ['websites_shut_down', 'websites', 10],
        ],
      );
      const websites = (await get('/v1/stats/outcomes?metric=websites_shut_down&groupBy=operation')).data;
      expect(
        websites.map((r: { keys: object; measures: { unit: string; value: number }[] }) => [
          r.keys,
          r.measures.map((m) => `${m.value} ${m.unit}`),
        ]),
      ).toEqual([
        [{ operation: 'a1' }, ['10 websites']],
        [{ operation: 'a2' }, ['3 web links']],
      ]);
    });
  });

  describe('timeseries and summary', () => {
    it('gives one point per year with explicit gaps', async () => {
      const body = await get('/v1/stats/timeseries?metric=arrests&series=alpha');
      expect(body.meta).toMatchObject({ metric: 'arrests', by: 'year', unit: 'people' });
      expect(body.data.map((p: { year: number; value: number | null }) => [p.year, p.value])).toEqual([
        [2015, 100],
        [2016, 50],
        [2017, null],
        [2018, 10],
      ]);
      expect(body.data[1]).toMatchObject({ lowerBound: true, derived: true, figureCount: 2 });
    });

    it('gives one point per edition', async () => {
      const body = await get('/v1/stats/timeseries?metric=seizureValueUsd&by=edition');
      expect(
        body.data.map((p: { operation: string; value: number | null; unconverted: number }) => [
          p.operation,
          p.value,
          p.unconverted,
        ]),
      ).toEqual([
        ['a1', 1000000, 0],
        ['b1', 125, 0],
        ['a2', 4000000, 0],
        ['a3', null, 1],
      ]);
    });

    it('summarises the headline figures', async () => {
      const summary = await get('/v1/stats/summary');
      expect(summary).toMatchObject({
        operations: 4,
        participatingCountries: 2,
        arrests: value(160, { ...fromCountries(2), approximate: true }, 4),
        personsUnderInvestigation: value(12, { ...fromCountries(1), approximate: true }, 2),
        seizureValueUsd: { ...value(5000125, { lowerBound: true }, 4), unconverted: 1 },
        firstYear: 2015,
        lastYear: 2018,
      });
      expect(
        summary.seizedQuantities.map((q: { kind: string; unit: string; value: number }) => [q.kind, q.unit, q.value]),
      ).toEqual([
        ['items_seized', 'bottles', 350],
        ['items_seized', 'pills', 1000],
        ['volume_seized', 'litres', 20],
        ['weight_seized', 'kg', 2453.59237],
      ]);
      expect(new Date(summary.asOf).getTime()).not.toBeNaN();
    });
  });

  describe('caching and errors', () => {
    it('answers 304 to a matching entity tag', async () => {
      const first = await request(server).get('/v1/stats/summary').expect(200);
      expect(first.headers['cache-control']).toBe('public, max-age=60');
      await request(server).get('/v1/stats/summary').set('If-None-Match', first.headers.etag).expect(304);
    });

    it('serves a repeated question from the cache, gzipped with its own entity tag when accepted', async () => {
      const url = '/v1/stats/seizures?groupBy=year,series';
      const plain = await request(server).get(url).set('Accept-Encoding', 'identity').expect(200);
      const zipped = await request(server).get(url).set('Accept-Encoding', 'gzip').expect(200);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.etag).toBe(plain.headers.etag.replace(/"$/, '-gzip"'));
      expect(zipped.body).toEqual(plain.body);
      await request(server)
        .get(url)
        .set('Accept-Encoding', 'gzip')
        .set('If-None-Match', zipped.headers.etag)
        .expect(304);
      await request(server)
        .get(url)
        .set('Accept-Encoding', 'identity')
        .set('If-None-Match', plain.headers.etag)
        .expect(304);
    });

    it('answers repeats with the same headers as the first, full answer', async () => {
      const url = '/v1/stats/outcomes?groupBy=year';
      const first = await request(server).get(url).set('Accept-Encoding', 'identity').expect(200);
      const again = await request(server)
        .get(url)
        .set('Accept-Encoding', 'identity')
        .set('X-Request-Id', 'repeat-1')
        .expect(200);
      expect(again.text).toBe(first.text);
      for (const name of [
        'content-type',
        'etag',
        'cache-control',
        'vary',
        'access-control-allow-origin',
        'content-security-policy',
        'x-content-type-options',
        'strict-transport-security',
      ]) {
        expect([name, again.headers[name]]).toEqual([name, first.headers[name]]);
      }
      expect(again.headers['x-request-id']).toBe('repeat-1');
      const head = await request(server).head(url).set('Accept-Encoding', 'identity').expect(200);
      expect(head.headers['content-length']).toBe(String(Buffer.byteLength(first.text)));
      expect(head.text ?? '').toBe('');
    });

    it('changes the entity tag when the data changes', async () => {
      const before = await request(server).get('/v1/stats/arrests').expect(200);
      const dataSource = app.get(DataSource);
      await dataSource.query(
        "UPDATE figures SET quantity = 101, normalized_quantity = 101 WHERE quantity = 100 AND kind = 'arrests'",
      );
      await dataSource.transaction((manager) => refreshFigureRollups(manager));
      await app.get(DataVersion).bump();
      const after = await request(server).get('/v1/stats/arrests').expect(200);
      expect(after.body.data[0].arrests.value).toBe(161);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      await request(server).get('/v1/stats/arrests').set('If-None-Match', before.headers.etag).expect(200);
      await dataSource.query(
        "UPDATE figures SET quantity = 100, normalized_quantity = 100 WHERE quantity = 101 AND kind = 'arrests'",
      );
      await dataSource.transaction((manager) => refreshFigureRollups(manager));
      await app.get(DataVersion).bump();
      expect((await get('/v1/stats/arrests')).data[0].arrests.value).toBe(160);
    });

    it.each([
      ['/v1/stats/arrests?groupBy=week', 'groupBy'],
      ['/v1/stats/arrests?groupBy=year,series,operation', 'groupBy'],
      ['/v1/stats/arrests?groupBy=country,category', 'groupBy'],
      ['/v1/stats/arrests?country=GB&category=wine', 'category'],
      ['/v1/stats/arrests?series=nope', 'series'],
      ['/v1/stats/arrests?yearFrom=2018&yearTo=2015', 'yearFrom'],
      ['/v1/stats/outcomes?metric=arrests', 'metric'],
      ['/v1/stats/timeseries', 'metric'],
      ['/v1/stats/timeseries?metric=arrests&by=month', 'by'],
    ])('%s is a 400 naming %s', async (url, name) => {
      const res = await request(server).get(url).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { name: string }) => e.name)).toContain(name);
    });
  });
});
