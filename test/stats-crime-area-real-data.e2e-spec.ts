import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { components } from '../clients/typescript/src/schema';
import { openTestApp, TestApp } from './utils/setup';

type ArrestStats = components['schemas']['ArrestStatsDto'];
type SeizureStats = components['schemas']['SeizureStatsDto'];
type List = { meta: { total: number } };

/**
 * Crime areas on the seeded real data (release 2). Every expected number was computed from
 * src/database/seed/data/*.csv with a short Python script, independently of the API: operations.csv's crime_area
 * per operation, results.csv rows per operation's crime area and figure type, and for the firearms trafficking
 * arrests the preferred report of each group (editor's `preferred`, else publisher tier, then latest date, then
 * first row) and each operation's total under README "Counting rules".
 */
const PER_CRIME_AREA: Record<string, { operations: number; seizures: number; arrests: number; outcomes: number }> = {
  'cultural heritage crime': { operations: 7, seizures: 30, arrests: 8, outcomes: 10 },
  cybercrime: { operations: 13, seizures: 17, arrests: 33, outcomes: 40 },
  'drug trafficking': { operations: 8, seizures: 58, arrests: 10, outcomes: 6 },
  'environmental crime': { operations: 19, seizures: 134, arrests: 21, outcomes: 33 },
  'financial crime': { operations: 15, seizures: 34, arrests: 26, outcomes: 31 },
  'firearms trafficking': { operations: 8, seizures: 48, arrests: 15, outcomes: 13 },
  'human trafficking': { operations: 9, seizures: 4, arrests: 15, outcomes: 34 },
  'illicit food and beverages': { operations: 13, seizures: 104, arrests: 19, outcomes: 37 },
  'illicit goods': { operations: 16, seizures: 72, arrests: 15, outcomes: 17 },
  'people smuggling': { operations: 6, seizures: 1, arrests: 9, outcomes: 26 },
  'pharmaceutical crime': { operations: 29, seizures: 160, arrests: 39, outcomes: 146 },
  'vehicle crime': { operations: 2, seizures: 3, arrests: 2, outcomes: 3 },
};

describe('Crime areas on the real data (e2e)', () => {
  let ctx: TestApp;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    ctx = await openTestApp();
    app = ctx.app;
  });

  afterAll(async () => {
    await ctx?.close();
  });

  const get = async <T>(url: string): Promise<T> => (await request(app.getHttpServer()).get(url).expect(200)).body as T;
  const area = (name: string) => `crimeArea=${encodeURIComponent(name)}`;

  it('serves every operation and figure under its crime area: 145 operations and 1,273 figures in 12 areas', async () => {
    const served: typeof PER_CRIME_AREA = {};
    for (const name of Object.keys(PER_CRIME_AREA)) {
      const total = async (path: string) => (await get<List>(`${path}?${area(name)}&limit=1`)).meta.total;
      served[name] = {
        operations: await total('/v1/operations'),
        seizures: await total('/v1/seizures'),
        arrests: await total('/v1/arrests'),
        outcomes: await total('/v1/outcomes'),
      };
    }
    expect(served).toEqual(PER_CRIME_AREA);
    const sum = (pick: (c: (typeof PER_CRIME_AREA)[string]) => number) =>
      Object.values(PER_CRIME_AREA).reduce((n, c) => n + pick(c), 0);
    expect([sum((c) => c.operations), sum((c) => c.seizures + c.arrests + c.outcomes)]).toEqual([145, 1273]);
    const summary = await get<{ operations: number; series: number; crimeAreas: string[] }>('/v1/stats/summary');
    expect(summary).toMatchObject({ operations: 145, series: 48, crimeAreas: Object.keys(PER_CRIME_AREA) });
  });

  it('"Arrests in firearms trafficking operations by year" is one request', async () => {
    // One total per operation, rule (a) everywhere (each operation reports an operation-wide figure without category):
    // 2016 Balkan Trigger 14 (INTERPOL, beats Tanjug's 22); 2017 Trigger II 149; 2018 Trigger IV 115 (the first of
    // three INTERPOL rows, 115 = 17 + 98); 2021 Trigger VI "almost 4,000" (UNODC; Brazil's 3,487 is a breakdown);
    // 2022 Trigger VII 510 + Trigger VIII 120 (the first of three defenceWeb rows, 120 = 42 + 78) = 630;
    // 2023 Trigger IX 14,260 + Trigger Salvo II "more than 1,700" (Pakistan's 614 is a breakdown) = 15,960.
    const body = await get<ArrestStats>(`/v1/stats/arrests?${area('Firearms Trafficking')}&groupBy=year`);
    expect(
      body.data.map((r) => [
        r.keys.year,
        r.arrests?.value,
        r.arrests?.lowerBound,
        r.arrests?.approximate,
        r.arrests?.figureCount,
      ]),
    ).toEqual([
      [2016, 14, false, false, 1],
      [2017, 149, false, false, 1],
      [2018, 115, false, false, 1],
      // No firearms operation in 2019 and 2020: rows without a figure, as the timeseries has null points.
      [2019, undefined, undefined, undefined, undefined],
      [2020, undefined, undefined, undefined, undefined],
      [2021, 4000, false, true, 1],
      [2022, 630, false, false, 2],
      [2023, 15960, true, false, 2],
    ]);
    expect(
      body.data.every(
        (r) => (r.arrests === null || r.arrests.derived === false) && r.personsUnderInvestigation === null,
      ),
    ).toBe(true);
    expect(body.data.filter((r) => r.arrests === null).map((r) => [r.keys.year, r.figureCount, r.measures])).toEqual([
      [2019, 0, []],
      [2020, 0, []],
    ]);
    // The same numbers as a pivot of every crime area, and the firearms total among them.
    const pivot = await get<ArrestStats>('/v1/stats/arrests?groupBy=crimeArea,year');
    const firearms = pivot.data.filter((r) => r.keys.crimeArea === 'firearms trafficking');
    // The pivot has every year of the whole range for each crime area; the years with arrests are the same.
    expect(firearms.filter((r) => r.arrests !== null).map((r) => [r.keys.year, r.arrests?.value])).toEqual(
      body.data.filter((r) => r.arrests !== null).map((r) => [r.keys.year, r.arrests?.value]),
    );
    const firearmsTotal = (
      await get<ArrestStats>(`/v1/stats/arrests?groupBy=crimeArea&${area('firearms trafficking')}`)
    ).data[0];
    expect(firearmsTotal.arrests?.value).toBe(14 + 149 + 115 + 4000 + 630 + 15960);
  });

  it('ranks: the ten countries with the largest seizure value, largest first, rows without a converted value last', async () => {
    const body = await get<SeizureStats>('/v1/stats/seizures?groupBy=country&sort=-valueUsd&limit=10');
    expect(body.data).toHaveLength(10);
    expect(body.meta.limit).toBe(10);
    const all = await get<SeizureStats>('/v1/stats/seizures?groupBy=country');
    expect(body.meta.total).toBe(all.data.length);
    const values = all.data.map((r) => r.valueUsd?.value ?? null);
    const expected = values
      .filter((v): v is number => v !== null)
      .sort((a, b) => b - a)
      .slice(0, 10);
    expect(body.data.map((r) => r.valueUsd?.value)).toEqual(expected);
    const ascending = await get<SeizureStats>(
      `/v1/stats/seizures?groupBy=country&sort=valueUsd&offset=${all.data.length - 1}`,
    );
    // The last row in ascending order is one without a value when any row has none.
    if (values.includes(null)) expect(ascending.data[0].valueUsd?.value ?? null).toBeNull();
  });
});
