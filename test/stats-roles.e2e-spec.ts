import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiKey } from '../src/api-keys/api-keys.service';
import { DataVersion } from '../src/common/data-version';
import { openTestApp, TestApp, TestServer } from './utils/setup';
import { bearer } from './utils/seeded-scratch';
import { FixtureFigure, insertFigures, insertReferenceRows } from './utils/stats-fixture';

/**
 * The operation-total rules of README "Counting rules", each on an operation of its own, every expected
 * figure worked out by hand below. All operations are Alpha editions (2015 to 2021, World); S1 is an
 * official source of 2016, S2 a media one of 2017. Rule letters as in the README:
 * (a) the uncategorised figure, else the `total` role, else the only figure; (b) the sum of the figures
 * that are not parts (derived from categories, a lower bound); (c) the sum of the country figures
 * (derived from countries, a lower bound).
 */
const FIGURES: FixtureFigure[] = [
  // T1 (2015): (a) uncategorised. 1,000 kg with no category is the total; the 300 kg of cheese (empty role)
  // and the GB 50 kg are breakdowns, never added: 1,000 kg.
  { op: 'T1', kind: 'weight_seized', quantity: '1', unit: 'tonnes', source: 'S1' },
  { op: 'T1', kind: 'weight_seized', quantity: '300', unit: 'kg', category: 'cheese', source: 'S1' },
  { op: 'T1', kind: 'weight_seized', quantity: '50', unit: 'kg', country: 'GB', source: 'S1' },
  // T2 (2016): (a) role total. "more than 1,200 t of food" is the total whatever its label; cereals and
  // spices are parts of it: 1,200,000 kg, a lower bound ("more than"), not derived.
  {
    op: 'T2',
    kind: 'weight_seized',
    quantity: '1200',
    unit: 'tonnes',
    category: 'food',
    role: 'total',
    qualifier: 'more_than',
    source: 'S1',
  },
  { op: 'T2', kind: 'weight_seized', quantity: '186', unit: 'tonnes', category: 'cereals', role: 'part', source: 'S1' },
  { op: 'T2', kind: 'weight_seized', quantity: '20', unit: 'tonnes', category: 'spices', role: 'part', source: 'S1' },
  // T3 (2017): (a) the only operation-wide figure: 4,000 litres of wine is the total although it has a
  // category; the FR 900 litres are not added.
  { op: 'T3', kind: 'volume_seized', quantity: '4000', unit: 'litres', category: 'wine', source: 'S1' },
  { op: 'T3', kind: 'volume_seized', quantity: '900', unit: 'litres', country: 'FR', source: 'S1' },
  // T4 (2018): (b) no total: 15,000,000 (alcoholic beverages) + "nearly" 175,000 (alcohol) + 70,000 (soft
  // drinks) = 15,245,000 litres, derived from 3 category figures, a lower bound and approximate; the
  // 10,000 litres of beer are a part of the alcohol and never added; the KE country figure is not added.
  {
    op: 'T4',
    kind: 'volume_seized',
    quantity: '15000000',
    unit: 'litres',
    category: 'alcoholic beverages',
    source: 'S1',
  },
  {
    op: 'T4',
    kind: 'volume_seized',
    quantity: '175000',
    unit: 'litres',
    category: 'alcohol',
    qualifier: 'nearly',
    source: 'S1',
  },
  { op: 'T4', kind: 'volume_seized', quantity: '70000', unit: 'litres', category: 'soft drinks', source: 'S1' },
  { op: 'T4', kind: 'volume_seized', quantity: '10000', unit: 'litres', category: 'beer', role: 'part', source: 'S1' },
  { op: 'T4', kind: 'volume_seized', quantity: '1000000', unit: 'litres', country: 'KE', source: 'S1' },
  // T5 (2019): (c) no operation-wide arrest figure: GB 2 is the only thing reported, so "at least 2",
  // derived from 1 country figure.
  { op: 'T5', kind: 'arrests', quantity: '2', unit: 'people', country: 'GB', source: 'S1' },
  // T6 (2020): one haul in three currencies, like Pangea VIII: USD 81,000,000 is `total`, the GBP and EUR
  // renderings are `part`: USD 81,000,000 (GBP and EUR never converted and added).
  {
    op: 'T6',
    kind: 'value_seized',
    quantity: '81000000',
    unit: 'USD',
    category: 'medicines',
    role: 'total',
    source: 'S1',
  },
  {
    op: 'T6',
    kind: 'value_seized',
    quantity: '51600000',
    unit: 'GBP',
    category: 'medicines and devices',
    role: 'part',
    source: 'S1',
  },
  {
    op: 'T6',
    kind: 'value_seized',
    quantity: '71000000',
    unit: 'EUR',
    category: 'pharmaceuticals',
    role: 'part',
    source: 'S1',
  },
  // T7 (2021): checks and search warrants are different facts (counted by unit): 5,821 checks and 184
  // search warrants, both counted; two categories of items in one unit without total: 300 + 200 = 500 items,
  // derived from 2 category figures.
  { op: 'T7', kind: 'raids_or_checks', quantity: '5821', unit: 'checks', source: 'S1' },
  { op: 'T7', kind: 'raids_or_checks', quantity: '184', unit: 'search warrants', source: 'S1' },
  { op: 'T7', kind: 'items_seized', quantity: '300', unit: 'items', category: 'shoes', source: 'S1' },
  { op: 'T7', kind: 'items_seized', quantity: '200', unit: 'items', category: 'bags', source: 'S1' },
];

describe('Operation totals from figure roles (e2e, hand-checked fixture)', () => {
  let app: NestFastifyApplication;
  let ctx: TestApp;
  let server: TestServer;
  let editor: { Authorization: string };

  beforeAll(async () => {
    ctx = await openTestApp({ database: 'scratch', label: 'stats_roles' });
    ({ app, server } = ctx);
    const dataSource = app.get(DataSource);
    await dataSource.transaction(async (manager) => {
      await insertReferenceRows(manager);
      const ops = ['t1', 't2', 't3', 't4', 't5', 't6', 't7'].map(
        (code, i) => `(${i + 1}, '${code}', '${code.toUpperCase()}', 1, ${2015 + i}, 1, 'test', 1)`,
      );
      await manager.query(
        `INSERT INTO operations (id, code, name, series_id, year, region_id, crime_area, source_id) VALUES ${ops.join(', ')}`,
      );
      await manager.query(`INSERT INTO fx_rates (year, currency, units_per_usd, source_url, source_publisher) VALUES
        (2020, 'GBP', 0.8, 'https://rates.example/gbp', 'Rates'), (2020, 'EUR', 0.9, 'https://rates.example/eur', 'Rates')`);
    });
    await insertFigures(
      dataSource,
      FIGURES.map((f) => ({ ...f, op: f.op.toLowerCase() })),
    );
    await app.get(DataVersion).bump();
    const admin = await dataSource.transaction((manager) =>
      createApiKey(manager, { name: 'roles admin', role: 'admin', createdBy: 'cli' }),
    );
    const key = await request(server)
      .post('/v1/api-keys')
      .set(bearer(admin.key))
      .send({ name: 'Roles desk', role: 'editor' })
      .expect(201);
    editor = bearer(key.body.key);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  const get = async (url: string) => (await request(server).get(url).expect(200)).body;
  const measure = (
    row: { measures: { kind: string; unit: string; value: number | null }[] },
    kind: string,
    unit: string,
  ) => row.measures.find((m) => m.kind === kind && m.unit === unit);
  const byOperation = async (type: 'seizures' | 'arrests' | 'outcomes') => {
    const body = await get(`/v1/stats/${type}?groupBy=operation`);
    return Object.fromEntries(body.data.map((r: { keys: { operation: string } }) => [r.keys.operation, r]));
  };

  it('(a) an uncategorised figure is the total; its breakdowns are not added', async () => {
    const rows = await byOperation('seizures');
    expect(measure(rows.t1, 'weight_seized', 'kg')).toMatchObject({
      value: 1000,
      derived: false,
      derivedFrom: null,
      derivedFromCount: 0,
      figureCount: 1,
    });
  });

  it('(a) the figure whose role is total counts, whatever its label; its parts are never added', async () => {
    const rows = await byOperation('seizures');
    expect(measure(rows.t2, 'weight_seized', 'kg')).toMatchObject({
      value: 1200000,
      lowerBound: true,
      derived: false,
      derivedFrom: null,
      figureCount: 1,
    });
  });

  it('(a) the only operation-wide figure is the total even with a category', async () => {
    const rows = await byOperation('seizures');
    expect(measure(rows.t3, 'volume_seized', 'litres')).toMatchObject({
      value: 4000,
      lowerBound: false,
      derived: false,
      figureCount: 1,
    });
  });

  it('(b) without a total, the figures that are not parts add up to a lower bound derived from categories', async () => {
    const rows = await byOperation('seizures');
    expect(measure(rows.t4, 'volume_seized', 'litres')).toEqual({
      kind: 'volume_seized',
      unitClass: 'volume',
      unit: 'litres',
      value: 15245000,
      lowerBound: true,
      upperBound: false,
      approximate: true,
      derived: true,
      derivedFrom: 'categories',
      derivedFromCount: 3,
      figureCount: 3,
    });
    expect(measure(rows.t7, 'items_seized', 'items')).toMatchObject({
      value: 500,
      lowerBound: true,
      derivedFrom: 'categories',
      derivedFromCount: 2,
    });
  });

  it('(c) with no operation-wide figure, the country figures give "at least", derived from countries', async () => {
    const rows = await byOperation('arrests');
    expect(rows.t5.arrests).toEqual({
      value: 2,
      lowerBound: true,
      upperBound: false,
      approximate: false,
      derived: true,
      derivedFrom: 'countries',
      derivedFromCount: 1,
      figureCount: 1,
    });
  });

  it('counts one haul reported in three currencies once: the total, never its renderings', async () => {
    const rows = await byOperation('seizures');
    expect(rows.t6.valueUsd).toMatchObject({
      value: 81000000,
      unconverted: 0,
      partial: false,
      derived: false,
      figureCount: 1,
      rates: [],
    });
    expect(rows.t6.measures.map((m: { unit: string }) => m.unit)).toEqual(['USD']);
  });

  it('counts checks and search warrants side by side, by unit', async () => {
    const rows = await byOperation('outcomes');
    expect(measure(rows.t7, 'raids_or_checks', 'checks')).toMatchObject({ value: 5821, derived: false });
    expect(measure(rows.t7, 'raids_or_checks', 'search warrants')).toMatchObject({ value: 184, derived: false });
  });

  it('agrees between groupBy=year and groupBy=category for the same operation', async () => {
    // T2 by category: food 1,200 t is the total; cereals and spices are shown under their own category.
    const byCategory = await get('/v1/stats/seizures?operation=t2&groupBy=category');
    const categories = Object.fromEntries(
      byCategory.data.map(
        (r: { keys: { category: string }; measures: { kind: string; unit: string; value: number | null }[] }) => [
          r.keys.category,
          measure(r, 'weight_seized', 'kg')?.value,
        ],
      ),
    );
    expect(categories).toEqual({ cereals: 186000, food: 1200000, spices: 20000 });
    const [year] = (await get('/v1/stats/seizures?operation=t2&groupBy=year')).data;
    expect(measure(year, 'weight_seized', 'kg')?.value).toBe(categories.food);
  });

  it('sums operations, with what the derived parts were summed from', async () => {
    // Volumes: T3 4,000 (total) + T4 15,245,000 (categories) = 15,249,000.
    const [row] = (await get('/v1/stats/seizures?year=2017,2018')).data;
    expect(measure(row, 'volume_seized', 'litres')).toMatchObject({
      value: 15249000,
      lowerBound: true,
      derived: true,
      derivedFrom: 'categories',
      derivedFromCount: 3,
      figureCount: 4,
    });
    // Arrests over everything: only T5's country figure.
    const [all] = (await get('/v1/stats/arrests')).data;
    expect(all.arrests).toMatchObject({ value: 2, derivedFrom: 'countries' });
  });

  it('links every row to exactly the figures it added up, and lists their sources', async () => {
    const rows = await byOperation('seizures');
    expect(rows.t4.figuresHref).toBe('/v1/seizures?operation=t4&preferred=true&countedIn=operation');
    expect(rows.t4.sourceCount).toBe(1);
    expect(rows.t4.sources).toEqual([
      {
        id: 1,
        url: 'https://agency.example/s1',
        publisher: 'Agency',
        publishedOn: '2016-01-01',
        tier: 'official',
        href: '/v1/sources/1',
      },
    ]);
    const listed = await get(`${rows.t4.figuresHref}&limit=100`);
    const quantities = listed.data.map((f: { quantity: string }) => f.quantity).sort();
    // The three summed category figures; the part (beer) and the KE country figure are not counted here.
    expect(quantities).toEqual(['15000000', '175000', '70000']);
    expect(listed.data.every((f: { role: string | null }) => f.role === null)).toBe(true);
  });

  it('gives the same links and sources in CSV', async () => {
    const res = await request(server).get('/v1/stats/seizures?groupBy=operation&operation=t4&format=csv').expect(200);
    const [header, ...lines] = parse(res.text) as string[][];
    const cell = (line: string[], name: string) => line[header.indexOf(name)];
    const volume = lines.find((l) => cell(l, 'kind') === 'volume_seized')!;
    expect(cell(volume, 'value')).toBe('15245000');
    expect(cell(volume, 'derived_from')).toBe('categories');
    expect(cell(volume, 'lower_bound')).toBe('true');
    expect(cell(volume, 'figures_href')).toBe('/v1/seizures?operation=t4&preferred=true&countedIn=operation');
    expect(cell(volume, 'sources')).toBe('Agency <https://agency.example/s1>');
  });

  it('lets an editor change a role, keeps it in the history, and recounts', async () => {
    // Make T4's 15,000,000 litres of alcoholic beverages the total: the operation's volume becomes 15,000,000, not derived.
    const list = await get('/v1/seizures?operation=t4&kind=volume_seized&limit=100');
    const alcoholic = list.data.find((f: { quantity: string }) => f.quantity === '15000000');
    const corrected = await request(server)
      .patch(`/v1/seizures/${alcoholic.id}`)
      .set(editor)
      .send({ role: 'total', reason: 'the release calls it the whole volume' })
      .expect(200);
    expect(corrected.body.role).toBe('total');
    const rows = await byOperation('seizures');
    expect(measure(rows.t4, 'volume_seized', 'litres')).toMatchObject({
      value: 15000000,
      lowerBound: false,
      derived: false,
      derivedFrom: null,
    });
    const history = (await get(`/v1/seizures/${alcoholic.id}/revisions`)).data;
    expect(history.map((r: { values: { role: string | null } }) => r.values.role)).toEqual([null, 'total']);

    // A country figure has no role: 400 naming the field, nothing written.
    const ke = list.data.find((f: { country: { iso2: string } | null }) => f.country?.iso2 === 'KE');
    const refused = await request(server)
      .patch(`/v1/seizures/${ke.id}`)
      .set(editor)
      .send({ role: 'part', reason: 'x' })
      .expect(400);
    expect(refused.body.errors.map((e: { name: string }) => e.name)).toEqual(['role']);
    const unknown = await request(server)
      .patch(`/v1/seizures/${ke.id}`)
      .set(editor)
      .send({ role: 'whole', reason: 'x' })
      .expect(400);
    expect(unknown.body.errors.map((e: { name: string }) => e.name)).toEqual(['role']);
  });
});
