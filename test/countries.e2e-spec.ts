import { parse } from 'csv-parse/sync';
import request from 'supertest';
import type { components } from '../clients/typescript/src/schema';
import { openTestApp, TestApp, TestServer } from './utils/setup';

// Expected numbers are counted from ../shared/data/results.csv (release 2: 1,273 figures, 398 with a country) and
// participating_countries.csv (772 rows), with the preference rule of src/figures/figure-preference.ts reimplemented
// on the CSV (groups of operation, metric, unit class, category key and country, plus the unit for other,
// raids_or_checks and investigations_opened; the editor's `preferred` column, then tier, then newest source, then
// first row).

type CountryItem = components['schemas']['CountryDto'];
type FigureSum = components['schemas']['CountryFigureSumDto'];

const cell = (value: unknown) => (value === null || value === undefined ? '' : String(value));

describe('Countries (e2e)', () => {
  let ctx: TestApp;
  let server: TestServer;

  beforeAll(async () => {
    ctx = await openTestApp();
    ({ server } = ctx);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  const list = async (query: string): Promise<{ iso2s: string[]; total: number; data: CountryItem[] }> => {
    const res = await request(server).get(`/v1/countries?limit=1000&${query}`).expect(200);
    return { iso2s: res.body.data.map((c: CountryItem) => c.iso2), total: res.body.meta.total, data: res.body.data };
  };

  describe('GET /v1/countries', () => {
    it('lists the 249 countries by name', async () => {
      const res = await request(server).get('/v1/countries').expect(200);
      expect(res.body.meta).toEqual({ total: 249, limit: 50, offset: 0 });
      expect(res.body.data[0]).toEqual({
        iso2: 'AF',
        iso3: 'AFG',
        numericCode: '004',
        name: 'Afghanistan',
        region: { code: 'asia', name: 'Asia' },
        subRegion: { code: 'southern-asia', name: 'Southern Asia' },
        // Listed for Storm VI only (participating_countries.csv); no figure.
        operationsCount: 1,
        operationsListedInCount: 1,
        operationsWithFiguresCount: 0,
        figuresCount: 0,
        href: '/v1/countries/AF',
      });
    });

    it('answers the United Kingdom with its region, sub-region and counts', async () => {
      const { data } = await list('q=GBR');
      expect(data).toEqual([
        {
          iso2: 'GB',
          iso3: 'GBR',
          numericCode: '826',
          name: 'United Kingdom',
          region: { code: 'europe', name: 'Europe' },
          subRegion: { code: 'northern-europe', name: 'Northern Europe' },
          // Listed for 9 operations, figures in 15 others (none both); 56 rows of results.csv with country GB.
          operationsCount: 24,
          operationsListedInCount: 9,
          operationsWithFiguresCount: 15,
          figuresCount: 56,
          href: '/v1/countries/GB',
        },
      ]);
    });

    it('gives null regions where UN M49 has none', async () => {
      const { data } = await list('q=TW');
      expect(data).toEqual([
        expect.objectContaining({ iso2: 'TW', name: 'Taiwan, Province of China', region: null, subRegion: null }),
      ]);
      // Antarctica belongs to the world only.
      expect((await list('q=ATA')).data[0]).toMatchObject({ iso2: 'AQ', region: null, subRegion: null });
    });

    it('filters by region: the countries of the region at any level below it', async () => {
      const westernAfrica = await list('region=western-africa');
      expect(westernAfrica.total).toBe(17);
      expect([...westernAfrica.iso2s].sort()).toEqual([
        'BF',
        'BJ',
        'CI',
        'CV',
        'GH',
        'GM',
        'GN',
        'GW',
        'LR',
        'ML',
        'MR',
        'NE',
        'NG',
        'SH',
        'SL',
        'SN',
        'TG',
      ]);
      expect(
        westernAfrica.data.every((c) => c.region?.code === 'africa' && c.subRegion?.code === 'sub-saharan-africa'),
      ).toBe(true);
      expect((await list('region=africa')).total).toBe(60);
      expect((await list('region=europe')).total).toBe(51);
      expect((await list('region=africa,europe')).total).toBe(111);
      expect((await list('region=AFRICA,western-africa')).total).toBe(60);
      expect((await list('region=world')).total).toBe(248);
      expect((await list('region=middle-east')).total).toBe(17);
      expect((await list('region=south-eastern-asia')).iso2s.sort()).toEqual([
        'BN',
        'ID',
        'KH',
        'LA',
        'MM',
        'MY',
        'PH',
        'SG',
        'TH',
        'TL',
        'VN',
      ]);
    });

    it('searches the name (case-insensitive) or an exact alpha-2 / alpha-3 code', async () => {
      expect((await list('q=guinea')).iso2s.sort()).toEqual(['GN', 'GQ', 'GW', 'PG']);
      expect((await list('q=GUINEA')).total).toBe(4);
      expect((await list('q=united')).total).toBe(5);
      expect((await list('q=gb')).iso2s).toEqual(['GB']);
      expect((await list('q=nam')).iso2s.sort()).toEqual(['NA', 'PA', 'SR', 'VN']);
      expect((await list('q=%25')).total).toBe(0);
      expect((await list('q=_')).total).toBe(0);
      expect((await list('q=guinea&region=western-africa')).iso2s.sort()).toEqual(['GN', 'GW']);
    });

    it('refuses an unknown region naming the parameter', async () => {
      const res = await request(server).get('/v1/countries?region=atlantis').expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors[0].name).toBe('region');
      expect(res.body.errors[0].reason).toMatch(/^unknown code\(s\) 'atlantis'; allowed: africa, americas, asia, /);
    });

    it('sorts by iso2 and name, ascending and descending', async () => {
      expect((await list('sort=iso2')).iso2s.slice(0, 3)).toEqual(['AD', 'AE', 'AF']);
      expect((await list('sort=-iso2')).iso2s.slice(0, 3)).toEqual(['ZW', 'ZM', 'ZA']);
      const byName = await list('sort=name');
      const byNameDesc = await list('sort=-name');
      expect(byNameDesc.iso2s).toEqual([...byName.iso2s].reverse());
    });

    it('sorts by figuresCount and operationsCount, then iso2', async () => {
      const figures = await list('sort=-figuresCount');
      // Rows of results.csv per country; ES and US have 27 each, ES first by iso2.
      expect(figures.data.slice(0, 4).map((c) => [c.iso2, c.figuresCount])).toEqual([
        ['GB', 56],
        ['IE', 39],
        ['ES', 27],
        ['US', 27],
      ]);
      // 79 countries have figures.
      expect(figures.data[78].figuresCount).toBeGreaterThan(0);
      expect(figures.data[79].figuresCount).toBe(0);

      const operations = await list('sort=-operationsCount,iso2');
      // Operations listing the country or with figures for it; the next ones (ID, SG) have 15.
      expect(operations.data.slice(0, 7).map((c) => [c.iso2, c.operationsCount])).toEqual([
        ['GB', 24],
        ['US', 23],
        ['ES', 22],
        ['CO', 18],
        ['IT', 18],
        ['TH', 18],
        ['BR', 16],
      ]);
      // 177 countries took part in at least one operation.
      expect(operations.data[176].operationsCount).toBeGreaterThan(0);
      expect(operations.data[177].operationsCount).toBe(0);
    });

    it('counts listings and operations with figures apart: 772 listings, 218 operation-country pairs with figures', async () => {
      const all = await list('sort=iso2');
      const total = (pick: (c: CountryItem) => number) => all.data.reduce((sum, c) => sum + pick(c), 0);
      // The rows of participating_countries.csv; the distinct (operation_code, country) of results.csv.
      expect(total((c) => c.operationsListedInCount)).toBe(772);
      expect(total((c) => c.operationsWithFiguresCount)).toBe(218);
      for (const c of all.data) {
        // An operation with both a listing and figures counts once in operationsCount.
        expect(c.operationsCount).toBeGreaterThanOrEqual(
          Math.max(c.operationsListedInCount, c.operationsWithFiguresCount),
        );
        expect(c.operationsCount).toBeLessThanOrEqual(c.operationsListedInCount + c.operationsWithFiguresCount);
      }
      // Brazil is listed in 15 operations, South Africa in 14; seven countries in 13 (AR and CO first by iso2).
      const listed = await list('sort=-operationsListedInCount,iso2');
      expect(listed.data.slice(0, 4).map((c) => [c.iso2, c.operationsListedInCount])).toEqual([
        ['BR', 15],
        ['ZA', 14],
        ['AR', 13],
        ['CO', 13],
      ]);
    });

    it('names the allowed sort fields', async () => {
      const res = await request(server).get('/v1/countries?sort=region').expect(400);
      expect(res.body.errors).toEqual([
        {
          name: 'sort',
          reason:
            "unknown sort field 'region'; allowed: iso2, name, operationsCount, operationsListedInCount, operationsWithFiguresCount, figuresCount",
        },
      ]);
    });

    it('pages with a Link header', async () => {
      const res = await request(server).get('/v1/countries?sort=iso2&limit=100&offset=100').expect(200);
      expect(res.body.meta).toEqual({ total: 249, limit: 100, offset: 100 });
      expect(res.body.data).toHaveLength(100);
      expect(res.headers.link).toBe(
        '</v1/countries?sort=iso2&limit=100&offset=200>; rel="next", </v1/countries?sort=iso2&limit=100&offset=0>; rel="prev", ' +
          '</v1/countries?sort=iso2&limit=100&offset=0>; rel="first", </v1/countries?sort=iso2&limit=100&offset=200>; rel="last"',
      );
    });

    it('answers CSV with the same rows as the JSON, names with commas quoted', async () => {
      const json = await list('sort=iso2');
      const res = await request(server).get('/v1/countries?sort=iso2&format=csv').expect(200);
      expect(res.headers['content-disposition']).toBe('attachment; filename="countries_sort-iso2.csv"');
      expect(res.text).toContain('"Taiwan, Province of China"');
      const records = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
      expect(records).toHaveLength(249);
      expect(records).toEqual(
        json.data.map((c) => ({
          iso2: c.iso2,
          iso3: c.iso3,
          numeric_code: c.numericCode,
          name: c.name,
          region_code: cell(c.region?.code),
          region_name: cell(c.region?.name),
          sub_region_code: cell(c.subRegion?.code),
          sub_region_name: cell(c.subRegion?.name),
          operations_count: String(c.operationsCount),
          figures_count: String(c.figuresCount),
          operations_listed_in_count: String(c.operationsListedInCount),
          operations_with_figures_count: String(c.operationsWithFiguresCount),
        })),
      );
      // Namibia's code survives the round trip.
      // 13 rows of results.csv with country NA.
      expect(records.find((r) => r.iso2 === 'NA')).toMatchObject({ iso3: 'NAM', name: 'Namibia', figures_count: '13' });
    });

    it('refuses an unknown region with a problem+json 400 before any CSV is written', async () => {
      const res = await request(server).get('/v1/countries?format=csv&region=atlantis').expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { name: string }) => e.name)).toEqual(['region']);
    });
  });

  describe('GET /v1/countries/{iso2}', () => {
    it('answers the United Kingdom with its operations, figure totals and sums', async () => {
      const res = await request(server).get('/v1/countries/GB').expect(200);
      const body = res.body;
      expect(body).toMatchObject({
        iso2: 'GB',
        name: 'United Kingdom',
        operationsCount: 24,
        operationsListedInCount: 9,
        operationsWithFiguresCount: 15,
        figuresCount: 56,
      });
      expect(body.operations).toHaveLength(24);
      // The two counts are those of its operations: listed as participant, and with figures.
      const operations = body.operations as { listedAsParticipant: boolean; figuresCount: number }[];
      expect(operations.filter((o) => o.listedAsParticipant)).toHaveLength(9);
      expect(operations.filter((o) => o.figuresCount > 0)).toHaveLength(15);
      expect(body.operations.slice(0, 4)).toEqual([
        {
          code: 'pangea-i',
          name: 'Pangea I',
          year: 2008,
          listedAsParticipant: true,
          figuresCount: 0,
          href: '/v1/operations/pangea-i',
        },
        {
          code: 'pangea-ii',
          name: 'Pangea II',
          year: 2009,
          listedAsParticipant: true,
          figuresCount: 0,
          href: '/v1/operations/pangea-ii',
        },
        {
          code: 'pangea-iii',
          name: 'Pangea III',
          year: 2010,
          listedAsParticipant: false,
          figuresCount: 3,
          href: '/v1/operations/pangea-iii',
        },
        {
          code: 'pangea-iv',
          name: 'Pangea IV',
          year: 2011,
          listedAsParticipant: false,
          figuresCount: 6,
          href: '/v1/operations/pangea-iv',
        },
      ]);
      // Year, then code; figures = rows of results.csv with country GB (the listed-only ones have none).
      expect(
        body.operations.map((o: { code: string; figuresCount: number }) => [o.code, o.figuresCount]).slice(4),
      ).toEqual([
        ['lionfish-ii', 0],
        ['pangea-vii', 4],
        ['opson-iv', 1],
        ['pangea-viii', 5],
        ['opson-v', 1],
        ['pandora-i', 0],
        ['pangea-x', 2],
        ['pangea-xi', 7],
        ['pangea-xiii', 6],
        ['liberterra-i', 1],
        ['pangea-xiv', 7],
        ['thunder-2021', 1],
        ['pangea-xv', 5],
        ['storm-makers-i', 0],
        ['haechi-iv', 0],
        ['jackal-2023', 0],
        ['pangea-xvi', 3],
        ['jackal-iii', 0],
        ['lionfish-hurricane-2024', 0],
        ['pangea-xvii', 4],
      ]);
      // Release 2 adds Thunder 2021's 1,300,000 tablets (line 680) and Liberterra I's 6 arrests (line 1060). Of the 13
      // values, lines 115/116 (Pangea VIII, MHRA outranks Fakeshare) and 204/205 (Pangea XI, `yes` 205) conflict; of the 10
      // websites figures, line 239 (113,000) is ruled out and line 241 (3,100 web links) loses to line 240 (43 websites,
      // same source, entered first) in the group of Pangea XIV's GB websites.
      expect(body.figureTotals).toEqual([
        { type: 'seizure', kind: 'items_seized', figures: 15, preferred: 15 },
        { type: 'seizure', kind: 'value_seized', figures: 13, preferred: 11 },
        { type: 'seizure', kind: 'volume_seized', figures: 1, preferred: 1 },
        { type: 'arrest', kind: 'arrests', figures: 8, preferred: 8 },
        { type: 'outcome', kind: 'other', figures: 5, preferred: 5 },
        { type: 'outcome', kind: 'raids_or_checks', figures: 4, preferred: 4 },
        { type: 'outcome', kind: 'websites_shut_down', figures: 10, preferred: 8 },
      ]);
      // Preferred GB figures summed by kind, unit and category key.
      const sums = body.preferredSums as FigureSum[];
      expect(sums.map((s) => [s.kind, s.unit, s.category, s.sum, s.figureCount, s.lowerBound, s.approximate])).toEqual([
        ['items_seized', 'doses', null, '20371616', 6, true, true],
        ['items_seized', 'items', null, '285000', 1, true, false],
        ['items_seized', 'tablets and injectables', null, '50000', 1, true, false],
        ['items_seized', 'tablets and medicines', null, '712000', 1, false, false],
        ['items_seized', 'doses', 'counterfeit medicines', '52000', 1, false, false],
        ['items_seized', 'items', 'medical devices', '15000', 1, false, false],
        ['items_seized', 'tablets', 'prescription medicines', '90000', 1, false, false],
        ['items_seized', 'tablets', 'saussurea costus plant tablets', '1300000', 1, false, false],
        ['items_seized', 'pills', 'sleeping pills', '150000', 1, false, true],
        ['items_seized', 'empty bottles', 'vodka', '20000', 1, true, false],
        ['value_seized', 'GBP', null, '50505000', 10, true, true],
        ['value_seized', 'USD', 'fake medicines and medical devices', '13000000', 1, false, false],
        ['volume_seized', 'litres', 'alcohol', '10000', 1, false, true],
        // Release 1's 42 (lines 42, 87, 200, 226, 235, 256, 267) and Liberterra I's 6 (line 1060).
        ['arrests', 'people', null, '48', 8, false, false],
        ['other', 'online adverts', null, '535', 1, false, false],
        ['other', 'social media adverts removed', null, '1031', 1, false, false],
        ['other', 'websites (closure in progress)', null, '183', 1, false, false],
        ['other', 'websites (premises raided)', null, '12', 1, false, false],
        ['other', 'GBP', 'criminal profits denied', '1400000', 1, false, true],
        ['raids_or_checks', 'addresses raided', null, '16', 1, false, false],
        ['raids_or_checks', 'premises searched', null, '5', 1, false, false],
        ['raids_or_checks', 'search warrants', null, '8', 1, false, false],
        ['raids_or_checks', 'warrants executed', null, '7', 1, false, false],
        ['websites_shut_down', 'social media accounts', null, '48', 1, false, false],
        // Lines 47, 90, 117, 206, 231, 240: the 113,000 of line 239 is ruled out (EDITORIAL.md #22).
        ['websites_shut_down', 'websites', null, '4231', 6, false, true],
        ['websites_shut_down', 'websites and social media accounts', null, '367', 1, false, false],
      ]);
      expect(sums[0]).toEqual({
        type: 'seizure',
        kind: 'items_seized',
        unit: 'doses',
        category: null,
        sum: '20371616',
        figureCount: 6,
        lowerBound: true,
        upperBound: false,
        approximate: true,
        operations: ['pangea-iv', 'pangea-vii', 'pangea-viii', 'pangea-xi', 'pangea-xiii', 'pangea-xvii'],
      });
      expect(
        sums.find((s) => s.kind === 'value_seized' && s.unit === 'GBP' && s.category === null)?.operations,
      ).toEqual([
        'pangea-iii',
        'pangea-iv',
        'pangea-vii',
        'pangea-viii',
        'pangea-x',
        'pangea-xi',
        'pangea-xiii',
        'pangea-xv',
        'pangea-xvi',
        'pangea-xvii',
      ]);
      // Every preferred figure is in exactly one sum.
      const preferred = body.figureTotals.reduce((n: number, t: { preferred: number }) => n + t.preferred, 0);
      expect(sums.reduce((n, s) => n + s.figureCount, 0)).toBe(preferred);
    });

    it('keeps a total apart from its breakdown by category (Ireland)', async () => {
      const res = await request(server).get('/v1/countries/ie').expect(200);
      // Listed for 8 operations, figures in 6 (Jackal 2023 both); 39 rows of results.csv with country IE.
      expect(res.body).toMatchObject({ iso2: 'IE', name: 'Ireland', operationsCount: 13, figuresCount: 39 });
      // Preferred IE figures in `units`: the uncategorised totals of lines 119, 140, 171 apart from the categories.
      const units = (res.body.preferredSums as FigureSum[]).filter(
        (s) => s.kind === 'items_seized' && s.unit === 'units',
      );
      expect(units.map((s) => [s.category, s.sum, s.figureCount, s.lowerBound, s.approximate, s.operations])).toEqual([
        [null, '402000', 3, true, false, ['pangea-viii', 'pangea-ix', 'pangea-x']],
        ['anabolic steroids', '146518', 4, false, true, ['pangea-viii', 'pangea-ix', 'pangea-x', 'pangea-xi']],
        ['analgesics', '7977', 2, false, false, ['pangea-x', 'pangea-xi']],
        ['antibiotics', '2600', 1, false, false, ['pangea-x']],
        [
          'erectile dysfunction medicines',
          '45700',
          4,
          false,
          true,
          ['pangea-viii', 'pangea-ix', 'pangea-x', 'pangea-xi'],
        ],
        ['sedatives', '211741', 4, false, true, ['pangea-viii', 'pangea-ix', 'pangea-x', 'pangea-xi']],
        ['slimming products', '2300', 1, false, false, ['pangea-x']],
      ]);
      expect(
        res.body.operations.map((o: { code: string; listedAsParticipant: boolean }) => [o.code, o.listedAsParticipant]),
      ).toEqual([
        ['pangea-i', true],
        ['pangea-ii', true],
        ['pangea-viii', false],
        ['pangea-ix', false],
        ['pangea-x', false],
        ['pangea-xi', false],
        ['haechi-ii', true],
        ['pangea-xiv', false],
        ['opson-xi', true],
        ['haechi-iv', true],
        ['jackal-2023', true],
        ['jackal-iii', true],
        ['lionfish-hurricane-2024', true],
      ]);
    });

    it('answers Namibia (NA is a country code, not a missing value)', async () => {
      const res = await request(server).get('/v1/countries/na').expect(200);
      expect(res.body).toMatchObject({
        iso2: 'NA',
        iso3: 'NAM',
        name: 'Namibia',
        region: { code: 'africa', name: 'Africa' },
        subRegion: { code: 'sub-saharan-africa', name: 'Sub-Saharan Africa' },
        // Listed for 6 operations; figures in Kalahari 2013 (1), Wipeout 2014 (9) and First Light 2024 (3).
        operationsCount: 7,
        operationsListedInCount: 6,
        operationsWithFiguresCount: 3,
        figuresCount: 13,
      });
      expect(res.body.operations.map((o: { code: string }) => o.code)).toEqual([
        'meerkat-2012',
        'kalahari-2013',
        'wipeout-2014',
        'worthy-ii',
        'afya-ii',
        'flash-ippa-2021',
        'first-light-2024',
      ]);
      // Kalahari 2013's 4,860 cartons of cigarettes (line 834) is the ninth items figure.
      expect(res.body.figureTotals).toEqual([
        { type: 'seizure', kind: 'items_seized', figures: 9, preferred: 9 },
        { type: 'seizure', kind: 'value_seized', figures: 2, preferred: 2 },
        { type: 'outcome', kind: 'other', figures: 2, preferred: 2 },
      ]);
      expect((res.body.preferredSums as FigureSum[]).filter((s) => s.kind === 'value_seized')).toEqual([
        {
          type: 'seizure',
          kind: 'value_seized',
          unit: 'NAD',
          category: null,
          sum: '14500000',
          figureCount: 1,
          lowerBound: false,
          upperBound: false,
          approximate: false,
          operations: ['wipeout-2014'],
        },
        {
          type: 'seizure',
          kind: 'value_seized',
          unit: 'NAD',
          category: 'cash',
          sum: '120000',
          figureCount: 1,
          lowerBound: false,
          upperBound: false,
          approximate: false,
          operations: ['wipeout-2014'],
        },
      ]);
      // Every NA figure is preferred and alone in its (kind, unit, category) sum.
      expect(res.body.preferredSums).toHaveLength(13);
    });

    it('answers a country without operations or figures with empty lists', async () => {
      const res = await request(server).get('/v1/countries/AD').expect(200);
      expect(res.body).toMatchObject({
        iso2: 'AD',
        name: 'Andorra',
        operationsCount: 0,
        operationsListedInCount: 0,
        operationsWithFiguresCount: 0,
        figuresCount: 0,
      });
      expect(res.body.operations).toEqual([]);
      expect(res.body.figureTotals).toEqual([]);
      expect(res.body.preferredSums).toEqual([]);
    });

    it('answers an unknown code with 404 problem+json', async () => {
      const res = await request(server).get('/v1/countries/XX').expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        status: 404,
        type: '/problems/not-found',
        detail: "No country has the ISO 3166-1 alpha-2 code 'XX'. See /v1/countries for the codes.",
      });
    });

    it.each(['GBR', 'G1', 'g'])('refuses the malformed code %s with 400 naming iso2', async (code) => {
      const res = await request(server).get(`/v1/countries/${code}`).expect(400);
      expect(res.body.errors).toEqual([
        { name: 'iso2', reason: 'iso2 must be an ISO 3166-1 alpha-2 code (two letters)' },
      ]);
    });
  });
});
