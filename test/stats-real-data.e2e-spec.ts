import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { openTestApp, TestApp } from './utils/setup';

/**
 * Journalists' questions on the seeded real data, with the expected figures
 * worked out by hand from results.csv (the rows are quoted in the comments).
 */
describe('Statistics on the real data (e2e)', () => {
  let ctx: TestApp;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    ctx = await openTestApp();
    app = ctx.app;
  });

  afterAll(async () => {
    await ctx?.close();
  });

  const get = async (url: string) => (await request(app.getHttpServer()).get(url).expect(200)).body;

  it('"How many arrests did Pangea operations report between 2013 and 2018?"', async () => {
    // Operation totals: VI 58 (WCO), VII 237 (official copy, beats OCCRP's 434), VIII 156 (WCO), IX 393 (Europol),
    // X "some 400" (The Portugal News, the release text: EDITORIAL.md #21 prefers it over Quartz's "more than 400"),
    // XI 859. The country rows (GB 5, FR 6, IE 2, IE 2, IE 2, GB 1) are breakdowns and are not added.
    const [row] = (await get('/v1/stats/arrests?series=pangea&yearFrom=2013&yearTo=2018')).data;
    expect(row.arrests).toEqual({
      value: 2103,
      lowerBound: false,
      upperBound: false,
      approximate: true,
      derived: false,
      derivedFrom: null,
      derivedFromCount: 0,
      figureCount: 6,
    });
  });

  it('gives one point per year for Pangea arrests, gaps as null', async () => {
    const body = await get('/v1/stats/timeseries?metric=arrests&series=pangea');
    const points = Object.fromEntries(body.data.map((p: { year: number; value: number | null }) => [p.year, p.value]));
    expect(points).toEqual({
      2008: null, // Pangea I reported no arrests
      2009: 12,
      2010: null,
      2011: 13, // Pangea IV's 55 are "arrested or under investigation" (EDITORIAL.md): only the UK's 13 arrests, derived
      2012: 80, // about 80 (WCO) is preferred over 79 (SecuringIndustry)
      2013: 58,
      2014: 237,
      2015: 156,
      2016: 393,
      2017: 400,
      2018: 859,
      2019: null, // no Pangea XII in the data
      2020: 121,
      2021: 277,
      2022: 2, // Pangea XV published no global figure: only the UK's 2 arrests, "at least 2", derived from countries
      2023: 72,
      2024: null,
      2025: 769,
    });
    const byYear = Object.fromEntries(body.data.map((p: { year: number }) => [p.year, p]));
    expect(byYear[2012]).toMatchObject({ approximate: true, lowerBound: false });
    expect(byYear[2017]).toMatchObject({ approximate: true, lowerBound: false }); // Pangea X: "some 400" (EDITORIAL.md #21)
    expect(byYear[2022]).toMatchObject({
      value: 2,
      derived: true,
      lowerBound: true,
      derivedFrom: 'countries',
      derivedFromCount: 1,
    });
    expect(byYear[2011]).toMatchObject({ value: 13, derived: true, lowerBound: true, derivedFrom: 'countries' });
  });

  it('lists Pangea arrests by operation in the order the editions ran', async () => {
    const body = await get('/v1/stats/arrests?series=pangea&groupBy=operation');
    expect(body.data.map((r: { keys: { operation: string } }) => r.keys.operation)).toEqual([
      'pangea-ii',
      'pangea-iii',
      'pangea-iv',
      'pangea-v',
      'pangea-vi',
      'pangea-vii',
      'pangea-viii',
      'pangea-ix',
      'pangea-x',
      'pangea-xi',
      'pangea-xiii',
      'pangea-xiv',
      'pangea-xv',
      'pangea-xvi',
      'pangea-xvii',
    ]);
  });

  it('counts the UK figures when asked about the UK', async () => {
    // GB arrests: IV 13, VII 5, XI 1, XIII 2, XIV 7, XV 2, XVI 12.
    const [row] = (await get('/v1/stats/arrests?series=pangea&country=GB')).data;
    expect(row.arrests).toMatchObject({ value: 42, figureCount: 7, derived: false });
  });

  const measureOf = (
    row: { measures: { kind: string; unit: string; value: number | null }[] },
    kind: string,
    unit: string,
  ) => row.measures.find((m) => m.kind === kind && m.unit === unit);

  it('"How much food did Opson III seize?" more than 1,200 t, the release\'s total, not Spain\'s snails', async () => {
    // results.csv line 291: more than 1,200 t of food, role `total`; dairy, spices and cereals (290, 292, 293) are parts.
    const [row] = (await get('/v1/stats/seizures?operation=opson-iii')).data;
    expect(measureOf(row, 'weight_seized', 'kg')).toMatchObject({
      value: 1200000,
      lowerBound: true,
      derived: false,
      figureCount: 1,
    });
    const [year] = (await get('/v1/stats/seizures?series=opson&year=2014&groupBy=year')).data;
    expect(measureOf(year, 'weight_seized', 'kg')?.value).toBe(1200000);
  });

  it('"How much drink did Opson XI seize?" at least 15,245,000 litres: Europol\'s EU result plus INTERPOL\'s outside the EU', async () => {
    // Lines 408-410 (role empty: EDITORIAL.md #21): 15,000,000 + nearly 175,000 + 70,000 litres; Italy's 1 million litres
    // of wine is a country figure and is not added.
    const [row] = (await get('/v1/stats/seizures?operation=opson-xi')).data;
    expect(measureOf(row, 'volume_seized', 'litres')).toMatchObject({
      value: 15245000,
      lowerBound: true,
      approximate: true,
      derived: true,
      derivedFrom: 'categories',
      derivedFromCount: 3,
    });
  });

  it('gives the per-year Opson volumes and weights that were published', async () => {
    const body = await get('/v1/stats/seizures?series=opson&groupBy=year');
    const byYear = Object.fromEntries(body.data.map((r: { keys: { year: number } }) => [r.keys.year, r]));
    // Opson IV (2015): more than 2,500 t (line 301); VI (2017): more than 26.4 million litres (326, `total`);
    // VIII (2019): about 33 million litres (353); XIII (2024): about 850,000 litres (434).
    expect(measureOf(byYear[2015], 'weight_seized', 'kg')).toMatchObject({ value: 2500000, lowerBound: true });
    expect(measureOf(byYear[2017], 'volume_seized', 'litres')).toMatchObject({ value: 26400000, lowerBound: true });
    expect(measureOf(byYear[2019], 'volume_seized', 'litres')).toMatchObject({ value: 33000000, approximate: true });
    expect(measureOf(byYear[2024], 'volume_seized', 'litres')).toMatchObject({ value: 850000, approximate: true });
  });
});
