import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createTestApp } from './utils/app';

/**
 * Journalists' questions on the seeded real data, with the expected figures
 * worked out by hand from results.csv (the rows are quoted in the comments).
 */
describe('Statistics on the real data (e2e)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const get = async (url: string) => (await request(app.getHttpServer()).get(url).expect(200)).body;

  it('"How many arrests did Pangea operations report between 2013 and 2018?"', async () => {
    // Operation totals: VI 58 (WCO), VII 237 (official copy, beats OCCRP's 434), VIII 156 (WCO), IX 393 (Europol),
    // X "more than 400" (Quartz; "about 400" by The Portugal News is the alternative), XI 859.
    // The country rows (GB 5, FR 6, IE 2, IE 2, IE 2, GB 1) are breakdowns and are not added.
    const [row] = (await get('/v1/stats/arrests?series=pangea&yearFrom=2013&yearTo=2018')).data;
    expect(row.arrests).toEqual({ value: 2103, lowerBound: true, upperBound: false, approximate: false, derived: false, figureCount: 6 });
  });

  it('gives one point per year for Pangea arrests, gaps as null', async () => {
    const body = await get('/v1/stats/timeseries?metric=arrests&series=pangea');
    const points = Object.fromEntries(body.data.map((p: { year: number; value: number | null }) => [p.year, p.value]));
    expect(points).toEqual({
      2008: null, // Pangea I reported no arrests
      2009: 12,
      2010: null,
      2011: 55,
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
      2022: 2, // only the UK's 2 arrests: derived
      2023: 72,
      2024: null,
      2025: 769,
    });
    const byYear = Object.fromEntries(body.data.map((p: { year: number }) => [p.year, p]));
    expect(byYear[2012]).toMatchObject({ approximate: true, lowerBound: false });
    expect(byYear[2017]).toMatchObject({ lowerBound: true });
    expect(byYear[2022]).toMatchObject({ derived: true });
  });

  it('lists Pangea arrests by operation in the order the editions ran', async () => {
    const body = await get('/v1/stats/arrests?series=pangea&groupBy=operation');
    expect(body.data.map((r: { keys: { operation: string } }) => r.keys.operation)).toEqual([
      'pangea-ii', 'pangea-iii', 'pangea-iv', 'pangea-v', 'pangea-vi', 'pangea-vii', 'pangea-viii', 'pangea-ix',
      'pangea-x', 'pangea-xi', 'pangea-xiii', 'pangea-xiv', 'pangea-xv', 'pangea-xvi', 'pangea-xvii',
    ]);
  });

  it('counts the UK figures when asked about the UK', async () => {
    // GB arrests: IV 13, VII 5, XI 1, XIII 2, XIV 7, XV 2, XVI 12.
    const [row] = (await get('/v1/stats/arrests?series=pangea&country=GB')).data;
    expect(row.arrests).toMatchObject({ value: 42, figureCount: 7, derived: false });
  });
});
