import { parse } from 'csv-parse/sync';
import request from 'supertest';
import type { components } from '../clients/typescript/src/schema';
import { openTestApp, TestApp, TestServer } from './utils/setup';

// Expected numbers: the UN M49 hierarchy (30 areas: 1 world, 5 regions, 17 sub-regions, 7 intermediate regions) plus
// the two operational regions, "Middle East" and (release 2, Trigger IV) "Middle East and North Africa" = the Middle
// East plus DZ, LY, MA, SD, TN, EH; memberships counted over the 249 ISO 3166-1 countries of the seed (Taiwan has no
// M49 area, Antarctica belongs to the world only). 32 regions in all.

type RegionItem = components['schemas']['RegionDto'];

const cell = (value: unknown) => (value === null || value === undefined ? '' : String(value));

describe('Regions (e2e)', () => {
  let ctx: TestApp;
  let server: TestServer;

  beforeAll(async () => {
    ctx = await openTestApp();
    ({ server } = ctx);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  const list = async (query: string): Promise<{ codes: string[]; total: number; data: RegionItem[] }> => {
    const res = await request(server).get(`/v1/regions?limit=100&${query}`).expect(200);
    return { codes: res.body.data.map((r: RegionItem) => r.code), total: res.body.meta.total, data: res.body.data };
  };

  describe('GET /v1/regions', () => {
    it('lists the 32 regions by code', async () => {
      const res = await request(server).get('/v1/regions').expect(200);
      expect(res.body.meta).toEqual({ total: 32, limit: 50, offset: 0 });
      const codes = res.body.data.map((r: RegionItem) => r.code);
      expect(codes.slice(0, 5)).toEqual(['africa', 'americas', 'asia', 'australia-and-new-zealand', 'caribbean']);
      expect(codes.slice(-3)).toEqual(['western-asia', 'western-europe', 'world']);
      expect(codes).toEqual(
        expect.arrayContaining([
          'latin-america-and-the-caribbean',
          'south-eastern-asia',
          'sub-saharan-africa',
          'middle-east',
          'middle-east-and-north-africa',
        ]),
      );
    });

    it('answers an item with its M49 code, operational label, parent and number of countries', async () => {
      const { data } = await list('');
      const byCode = new Map(data.map((r) => [r.code, r]));
      expect(byCode.get('africa')).toEqual({
        code: 'africa',
        name: 'Africa',
        kind: 'region',
        m49Code: '002',
        operationalLabel: 'Africa',
        parent: { code: 'world', name: 'World' },
        countriesCount: 60,
        href: '/v1/regions/africa',
      });
      expect(byCode.get('world')).toMatchObject({
        kind: 'world',
        m49Code: '001',
        operationalLabel: 'Global',
        parent: null,
        countriesCount: 248,
      });
      expect(byCode.get('western-africa')).toMatchObject({
        kind: 'intermediate_region',
        m49Code: '011',
        operationalLabel: 'West Africa',
        parent: { code: 'sub-saharan-africa', name: 'Sub-Saharan Africa' },
        countriesCount: 17,
      });
      expect(byCode.get('south-eastern-asia')).toMatchObject({
        kind: 'sub_region',
        operationalLabel: 'South East Asia',
        countriesCount: 11,
      });
      expect(byCode.get('northern-europe')).toMatchObject({ operationalLabel: null, countriesCount: 16 });
      expect(byCode.get('middle-east')).toEqual({
        code: 'middle-east',
        name: 'Middle East',
        kind: 'operational',
        m49Code: null,
        operationalLabel: 'Middle East',
        parent: { code: 'world', name: 'World' },
        countriesCount: 17,
        href: '/v1/regions/middle-east',
      });
      expect(byCode.get('middle-east-and-north-africa')).toEqual({
        code: 'middle-east-and-north-africa',
        name: 'Middle East and North Africa',
        kind: 'operational',
        m49Code: null,
        operationalLabel: 'Middle East and North Africa',
        parent: { code: 'world', name: 'World' },
        countriesCount: 23,
        href: '/v1/regions/middle-east-and-north-africa',
      });
      // Release 2 labels of operations.csv stand for M49 areas too: Americas (region), Caribbean (intermediate region).
      expect(byCode.get('americas')).toMatchObject({ kind: 'region', operationalLabel: 'Americas' });
      expect(byCode.get('caribbean')).toMatchObject({ kind: 'intermediate_region', operationalLabel: 'Caribbean' });
      // Each of the 14 labels an operation may carry (the 13 used in operations.csv's `region` column, plus Middle East)
      // names exactly one region.
      expect(data.filter((r) => r.operationalLabel !== null)).toHaveLength(14);
    });

    it('filters by kind, one or several', async () => {
      expect(await list('kind=world')).toMatchObject({ codes: ['world'], total: 1 });
      expect(await list('kind=region')).toMatchObject({
        codes: ['africa', 'americas', 'asia', 'europe', 'oceania'],
        total: 5,
      });
      expect((await list('kind=sub_region')).total).toBe(17);
      expect(await list('kind=intermediate_region')).toMatchObject({
        codes: [
          'caribbean',
          'central-america',
          'eastern-africa',
          'middle-africa',
          'south-america',
          'southern-africa',
          'western-africa',
        ],
        total: 7,
      });
      expect(await list('kind=operational')).toMatchObject({
        codes: ['middle-east', 'middle-east-and-north-africa'],
        total: 2,
      });
      expect((await list('kind=region,sub_region')).total).toBe(22);
    });

    it('refuses an unknown kind naming the parameter and the allowed values', async () => {
      const res = await request(server).get('/v1/regions?kind=continent').expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([
        {
          name: 'kind',
          reason:
            'each value in kind must be one of the following values: world, region, sub_region, intermediate_region, operational',
        },
      ]);
    });

    it('sorts by kind in hierarchy order, then code', async () => {
      const asc = await list('sort=kind');
      expect(asc.codes.slice(0, 6)).toEqual(['world', 'africa', 'americas', 'asia', 'europe', 'oceania']);
      expect(asc.codes.slice(30)).toEqual(['middle-east', 'middle-east-and-north-africa']);
      expect(asc.data.slice(6, 23).every((r) => r.kind === 'sub_region')).toBe(true);
      const desc = await list('sort=-kind,-code');
      expect(desc.codes.slice(0, 3)).toEqual(['middle-east-and-north-africa', 'middle-east', 'western-africa']);
      expect(desc.codes[31]).toBe('world');
    });

    it('sorts by code and name, descending too', async () => {
      expect((await list('sort=-code')).codes.slice(0, 3)).toEqual(['world', 'western-europe', 'western-asia']);
      expect((await list('sort=name')).codes.slice(0, 3)).toEqual(['africa', 'americas', 'asia']);
      expect((await list('sort=-name')).codes[0]).toBe('world');
    });

    it('names the allowed sort fields', async () => {
      const res = await request(server).get('/v1/regions?sort=countriesCount').expect(400);
      expect(res.body.errors).toEqual([
        { name: 'sort', reason: "unknown sort field 'countriesCount'; allowed: code, name, kind" },
      ]);
    });

    it('pages with a Link header', async () => {
      // The last page of 32 codes in code order holds the 31st and 32nd.
      const res = await request(server).get('/v1/regions?limit=10&offset=30').expect(200);
      expect(res.body.meta).toEqual({ total: 32, limit: 10, offset: 30 });
      expect(res.body.data.map((r: RegionItem) => r.code)).toEqual(['western-europe', 'world']);
      expect(res.headers.link).toBe(
        '</v1/regions?limit=10&offset=20>; rel="prev", </v1/regions?limit=10&offset=0>; rel="first", </v1/regions?limit=10&offset=30>; rel="last"',
      );
      const first = await request(server).get('/v1/regions?kind=sub_region&limit=10').expect(200);
      expect(first.headers.link).toBe(
        '</v1/regions?kind=sub_region&limit=10&offset=10>; rel="next", </v1/regions?kind=sub_region&limit=10&offset=0>; rel="first", ' +
          '</v1/regions?kind=sub_region&limit=10&offset=10>; rel="last"',
      );
    });

    it('answers CSV with the same rows as the JSON', async () => {
      const json = await list('sort=-kind');
      const res = await request(server).get('/v1/regions?format=csv&sort=-kind').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe('attachment; filename="regions_sort--kind.csv"');
      const records = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
      expect(records).toHaveLength(32);
      expect(records).toEqual(
        json.data.map((r) => ({
          code: r.code,
          name: r.name,
          kind: r.kind,
          m49_code: cell(r.m49Code),
          operational_label: cell(r.operationalLabel),
          parent_code: cell(r.parent?.code),
          parent_name: cell(r.parent?.name),
          countries_count: String(r.countriesCount),
        })),
      );
      expect(records.find((r) => r.code === 'africa')?.m49_code).toBe('002');
    });

    it('refuses a bad sort with a problem+json 400 before any CSV is written', async () => {
      const res = await request(server).get('/v1/regions?format=csv&sort=population').expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { name: string }) => e.name)).toEqual(['sort']);
    });
  });

  describe('GET /v1/regions/{code}', () => {
    it('answers an intermediate region with its countries', async () => {
      const res = await request(server).get('/v1/regions/western-africa').expect(200);
      expect(res.body).toMatchObject({
        code: 'western-africa',
        name: 'Western Africa',
        kind: 'intermediate_region',
        m49Code: '011',
        operationalLabel: 'West Africa',
        parent: { code: 'sub-saharan-africa', name: 'Sub-Saharan Africa' },
        countriesCount: 17,
        subRegions: [],
      });
      expect(res.body.countries.map((c: { iso2: string }) => c.iso2).sort()).toEqual([
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
      expect(res.body.countries).toContainEqual({ iso2: 'NG', name: 'Nigeria' });
    });

    it('answers a sub-region with the regions directly below it', async () => {
      const res = await request(server).get('/v1/regions/sub-saharan-africa').expect(200);
      expect(res.body.subRegions).toEqual([
        { code: 'eastern-africa', name: 'Eastern Africa', kind: 'intermediate_region' },
        { code: 'middle-africa', name: 'Middle Africa', kind: 'intermediate_region' },
        { code: 'southern-africa', name: 'Southern Africa', kind: 'intermediate_region' },
        { code: 'western-africa', name: 'Western Africa', kind: 'intermediate_region' },
      ]);
      expect(res.body.countries).toHaveLength(53);
      expect(res.body.countriesCount).toBe(53);
    });

    it('answers the world with the five M49 regions and the two operational regions below it', async () => {
      const res = await request(server).get('/v1/regions/world').expect(200);
      expect(res.body.parent).toBeNull();
      expect(res.body.subRegions.map((r: { code: string }) => r.code)).toEqual([
        'africa',
        'americas',
        'asia',
        'europe',
        'middle-east',
        'middle-east-and-north-africa',
        'oceania',
      ]);
      expect(res.body.countries).toHaveLength(248);
      expect(res.body.countries.map((c: { iso2: string }) => c.iso2)).not.toContain('TW');
    });

    it('answers the operational Middle East with its 17 countries', async () => {
      const res = await request(server).get('/v1/regions/MIDDLE-EAST').expect(200);
      expect(res.body).toMatchObject({ code: 'middle-east', kind: 'operational', m49Code: null, subRegions: [] });
      expect(res.body.countries.map((c: { iso2: string }) => c.iso2).sort()).toEqual([
        'AE',
        'BH',
        'CY',
        'EG',
        'IL',
        'IQ',
        'IR',
        'JO',
        'KW',
        'LB',
        'OM',
        'PS',
        'QA',
        'SA',
        'SY',
        'TR',
        'YE',
      ]);
    });

    it('answers the operational Middle East and North Africa with its 23 countries', async () => {
      const res = await request(server).get('/v1/regions/middle-east-and-north-africa').expect(200);
      expect(res.body).toMatchObject({
        code: 'middle-east-and-north-africa',
        kind: 'operational',
        m49Code: null,
        subRegions: [],
        countriesCount: 23,
      });
      expect(res.body.countries.map((c: { iso2: string }) => c.iso2).sort()).toEqual([
        'AE',
        'BH',
        'CY',
        'DZ',
        'EG',
        'EH',
        'IL',
        'IQ',
        'IR',
        'JO',
        'KW',
        'LB',
        'LY',
        'MA',
        'OM',
        'PS',
        'QA',
        'SA',
        'SD',
        'SY',
        'TN',
        'TR',
        'YE',
      ]);
    });

    it('answers an unknown code with 404 problem+json', async () => {
      const res = await request(server).get('/v1/regions/atlantis').expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        status: 404,
        type: '/problems/not-found',
        detail: "No region has the code 'atlantis'. See /v1/regions for the codes.",
      });
    });

    it('refuses a malformed code with 400', async () => {
      const res = await request(server).get('/v1/regions/west%20africa').expect(400);
      expect(res.body.errors.map((e: { name: string }) => e.name)).toEqual(['code']);
    });
  });
});
