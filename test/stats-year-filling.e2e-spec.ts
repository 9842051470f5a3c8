import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createTestApp } from './utils/app';

/**
 * Statistics grouped by year, alone or with another key, have a row for every year of the selection's range (as the
 * timeseries has a point): a year without a figure is a row with no measures and null values, never a missing row.
 *
 * The expected years were worked out from the seed CSVs (src/database/seed/data), independently of the API:
 *   ops = operations.csv by operation_code; for each results.csv row whose metric is `arrests` or
 *   `persons_under_investigation`, the year of its operation is a year "with a figure" of the operation's family;
 *   the range is the first to the last year of the operations the filters select.
 * Values are hand-checked against results.csv (the GB arrest rows of Pangea: IV 13, VII 5, XI 1, XIII 2, XIV 7,
 * XV 2, XVI 12).
 */
describe('Statistics grouped by year fill every year (e2e)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const get = async (url: string) => (await request(app.getHttpServer()).get(url).expect(200)).body;
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  type Row = {
    keys: Record<string, string | number>;
    measures: unknown[];
    figureCount: number;
    arrests: { value: number | null } | null;
    personsUnderInvestigation: unknown;
  };

  // Years with an arrest figure (arrests or persons under investigation), per series, from results.csv.
  const YEARS_WITH_ARREST_FIGURES: Record<string, number[]> = {
    pangea: [2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2020, 2021, 2022, 2023, 2025],
    opson: [2014, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024],
  };

  it('groupBy=series,year: every year of 2008-2025 for each series, nulls where there is no figure', async () => {
    // Pangea (2008-2025) and Opson (2011-2024) together run from 2008 to 2025.
    const body = await get('/v1/stats/arrests?series=pangea,opson&groupBy=series,year');
    const rows = body.data as Row[];
    expect(rows.map((r) => [r.keys.series, r.keys.year])).toEqual(
      ['opson', 'pangea'].flatMap((series) => range(2008, 2025).map((year) => [series, year])),
    );
    for (const row of rows) {
      const withFigure = YEARS_WITH_ARREST_FIGURES[row.keys.series as string].includes(row.keys.year as number);
      expect([row.keys, row.measures.length > 0, row.figureCount > 0]).toEqual([row.keys, withFigure, withFigure]);
      if (!withFigure)
        expect(row).toMatchObject({
          arrests: null,
          personsUnderInvestigation: null,
          measures: [],
          figureCount: 0,
          sourceCount: 0,
          sources: [],
        });
    }
    expect(body.meta.total).toBe(36);
    const at = (series: string, year: number) => rows.find((r) => r.keys.series === series && r.keys.year === year)!;
    expect(at('pangea', 2009).arrests?.value).toBe(12); // Pangea II: 12 arrests
    expect(at('pangea', 2008).arrests).toBeNull(); // Pangea I reported no arrests: a row all the same
    expect(at('pangea', 2019).arrests).toBeNull(); // no Pangea XII in the data
    expect(at('pangea', 2010).arrests).toBeNull(); // Pangea III: persons under investigation only
    expect(at('pangea', 2010).personsUnderInvestigation).not.toBeNull();
    expect(at('opson', 2008)).toMatchObject({ labels: { series: 'Opson', year: '2008' }, arrests: null });
  });

  it('the series rows agree with the timeseries point by point', async () => {
    const pivot = (await get('/v1/stats/arrests?series=pangea&groupBy=year,series')).data as Row[];
    const points = (await get('/v1/stats/timeseries?metric=arrests&series=pangea')).data as {
      year: number;
      value: number | null;
    }[];
    expect(pivot.map((r) => [r.keys.year, r.arrests?.value ?? null])).toEqual(points.map((p) => [p.year, p.value]));
  });

  it('groupBy=year,country: every year of the range for the country, its arrests where published', async () => {
    // Pangea operations listing GB or with a GB figure run from 2008 to 2025.
    const rows = (await get('/v1/stats/arrests?series=pangea&country=GB&groupBy=year,country')).data as Row[];
    const gb: Record<number, number> = { 2011: 13, 2014: 5, 2018: 1, 2020: 2, 2021: 7, 2022: 2, 2023: 12 };
    expect(rows.map((r) => [r.keys.year, r.keys.country, r.arrests?.value ?? null])).toEqual(
      range(2008, 2025).map((year) => [year, 'GB', gb[year] ?? null]),
    );
  });

  it('a page of a pivot counts the filled rows, and sort orders them', async () => {
    const body = await get('/v1/stats/arrests?series=pangea&groupBy=series,year&sort=-year&limit=3');
    expect(body.meta.total).toBe(18);
    expect(body.data.map((r: Row) => r.keys.year)).toEqual([2025, 2024, 2023]);
    expect(body.data[1]).toMatchObject({ arrests: null, measures: [] });
  });
});
