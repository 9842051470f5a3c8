import { parse } from 'csv-parse/sync';
import request from 'supertest';
import type { components } from '../clients/typescript/src/schema';
import { openTestApp, TestApp, TestServer } from './utils/setup';

// Expected numbers are counted from ../shared/data/operations.csv, results.csv and participating_countries.csv
// (the seed data, release 2): 145 operations in 48 series, 1,273 figures, 772 participations. Code order is
// byte order (the API sorts codes with COLLATE "C").

type OperationItem = components['schemas']['OperationDto'];

const cell = (value: unknown) => (value === null || value === undefined ? '' : String(value));

/** The CSV row an operation of the JSON list must appear as. */
function csvRecord(o: OperationItem): Record<string, string> {
  return {
    code: o.code,
    name: o.name,
    series_code: o.series.code,
    series_name: o.series.name,
    edition: cell(o.edition),
    year: String(o.year),
    start_date: cell(o.startDate),
    end_date: cell(o.endDate),
    region_code: cell(o.region?.code),
    region_name: cell(o.region?.name),
    crime_area: o.crimeArea,
    countries_count: cell(o.countriesCount),
    agencies_count: cell(o.agenciesCount),
    source_url: o.source.url,
    source_publisher: cell(o.source.publisher),
    source_published_on: cell(o.source.publishedOn),
    source_tier: cell(o.source.tier),
    notes: cell(o.notes),
    countries_listed_count: String(o.countriesListedCount),
    countries_with_figures_count: String(o.countriesWithFiguresCount),
  };
}

describe('Operations (e2e)', () => {
  let ctx: TestApp;
  let server: TestServer;

  beforeAll(async () => {
    ctx = await openTestApp();
    ({ server } = ctx);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  const codes = async (query: string): Promise<{ codes: string[]; total: number }> => {
    const res = await request(server).get(`/v1/operations?limit=1000&${query}`).expect(200);
    return { codes: res.body.data.map((o: OperationItem) => o.code), total: res.body.meta.total };
  };

  const problem = async (query: string, status = 400) => {
    const res = await request(server).get(`/v1/operations${query}`).expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    return res.body;
  };

  describe('GET /v1/operations', () => {
    it('lists all 145 operations by year, then code, 50 to a page', async () => {
      const res = await request(server).get('/v1/operations').expect(200);
      expect(res.body.meta).toEqual({ total: 145, limit: 50, offset: 0 });
      expect(res.body.data).toHaveLength(50);
      // 2007: huracan-2007, jupiter-iii; 2008: baba-2008, jupiter-2008, mamba-i, …
      expect(res.body.data.slice(0, 5).map((o: OperationItem) => o.code)).toEqual([
        'huracan-2007',
        'jupiter-iii',
        'baba-2008',
        'jupiter-2008',
        'mamba-i',
      ]);
      const all = await codes('');
      expect(all.total).toBe(145);
      // The last four of 2025, then synergia-iii, the only operation of 2026.
      expect(all.codes.slice(-5)).toEqual([
        'secure-2025',
        'sentinel-2025',
        'serengeti-2025',
        'thunder-2025',
        'synergia-iii',
      ]);
    });

    it('answers an item with its series, region and source', async () => {
      const res = await request(server).get('/v1/operations?year=2015&series=pangea').expect(200);
      expect(res.body.meta.total).toBe(1);
      expect(res.body.data[0]).toEqual({
        code: 'pangea-viii',
        name: 'Pangea VIII',
        series: { code: 'pangea', name: 'Pangea' },
        edition: 'VIII',
        year: 2015,
        startDate: '2015-06-09',
        endDate: '2015-06-16',
        region: { code: 'world', name: 'World' },
        crimeArea: 'pharmaceutical crime',
        countriesCount: 115,
        // No source lists Pangea VIII's participants; figures for FR, GB, IE and US.
        countriesListedCount: 0,
        countriesWithFiguresCount: 4,
        agenciesCount: 236,
        notes: null,
        source: {
          id: expect.any(Number),
          url: 'https://www.interpol.int/es/Crime-areas/Pharmaceutical-crime/Operations',
          publisher: 'INTERPOL',
          publishedOn: null,
          tier: 'official',
        },
        href: '/v1/operations/pangea-viii',
      });
    });

    it('gives null region and counts where the sources give none', async () => {
      const { body } = await request(server).get('/v1/operations?q=opson%20ii').expect(200);
      const opsonII = body.data.find((o: OperationItem) => o.code === 'opson-ii');
      expect(opsonII).toMatchObject({
        region: null,
        countriesCount: 29,
        agenciesCount: null,
        edition: 'II',
        year: 2012,
      });
      expect(opsonII.source).toEqual({
        id: expect.any(Number),
        url: 'https://ens-newswire.com/food-scam-tons-of-fake-food-drinks-seized-in-interpol-bust/',
        publisher: 'Environment News Service (ENS)',
        publishedOn: '2014-02-19',
        tier: 'media',
      });
    });

    describe('filters', () => {
      it('series: one or several, comma-separated, any case', async () => {
        expect((await codes('series=pangea')).total).toBe(16);
        expect((await codes('series=opson')).total).toBe(13);
        expect((await codes('series=pangea,opson')).total).toBe(29);
        expect((await codes('series=PANGEA')).total).toBe(16);
        expect(await codes('series=andes')).toEqual({ codes: ['andes-2018'], total: 1 });
      });

      it('year, and several years', async () => {
        // Rows of operations.csv with year 2015 (9), 2014 (10).
        expect(await codes('year=2015')).toEqual({
          codes: [
            'first-light-2015',
            'giboia-ii',
            'jupiter-vii',
            'maya-ii',
            'opson-iv',
            'pangea-viii',
            'paws-ii',
            'storm-vi',
            'worthy-ii',
          ],
          total: 9,
        });
        expect((await codes('year=2014,2015')).total).toBe(19);
        expect((await codes('year=1999')).total).toBe(0);
      });

      it('yearFrom and yearTo, inclusive', async () => {
        // 2007: 2 operations, 2008: 5.
        expect(await codes('yearTo=2008')).toEqual({
          codes: ['huracan-2007', 'jupiter-iii', 'baba-2008', 'jupiter-2008', 'mamba-i', 'pangea-i', 'storm-i'],
          total: 7,
        });
        // 2025: 10 operations, 2026: 1.
        expect((await codes('yearFrom=2025')).codes).toEqual([
          'global-chain-2025',
          'haechi-vi',
          'liberterra-iii',
          'lionfish-mayag-iii',
          'pangea-xvii',
          'red-card-2025',
          'secure-2025',
          'sentinel-2025',
          'serengeti-2025',
          'thunder-2025',
          'synergia-iii',
        ]);
        // 2020 to 2026: 6 + 13 + 15 + 13 + 11 + 10 + 1.
        expect((await codes('yearFrom=2020')).total).toBe(69);
        // 2010: 3, 2011: 4, 2012: 6.
        expect((await codes('yearFrom=2010&yearTo=2012')).total).toBe(13);
        expect((await codes('yearFrom=2015&yearTo=2015')).total).toBe(9);
      });

      it('region: the region itself and every region below it', async () => {
        // operations.csv region Africa (13), Eastern Africa (4), Southern Africa (5), West Africa (3).
        expect((await codes('region=africa')).total).toBe(25);
        const africa = await request(server).get('/v1/operations?region=africa&limit=1000').expect(200);
        expect([...new Set(africa.body.data.map((o: OperationItem) => o.region!.code))].sort()).toEqual([
          'africa',
          'eastern-africa',
          'southern-africa',
          'western-africa',
        ]);
        expect((await codes('region=eastern-africa')).codes).toEqual([
          'mamba-i',
          'costa-2009',
          'mamba-ii',
          'mamba-iii',
        ]);
        expect((await codes('region=western-africa')).codes).toEqual(['atlantic-2011', 'cobra-2011', 'heera-2017']);
        // Asia (10) and South East Asia (5).
        expect((await codes('region=asia')).codes).toEqual([
          'storm-i',
          'storm-ii',
          'first-light-2014',
          'real-2014',
          'strikeback-2014',
          'strikeback-ii',
          'first-light-2015',
          'paws-ii',
          'storm-vi',
          'haechi-i',
          'killer-bee-2022',
          'storm-makers-i',
          'trigger-salvo-ii',
          'lionfish-mayag-ii',
          'secure-2025',
        ]);
        // South America (8), Central America (5) and the new label Caribbean (2).
        expect((await codes('region=latin-america-and-the-caribbean')).total).toBe(15);
        expect((await codes('region=caribbean')).codes).toEqual(['libertad-2018', 'trigger-vii']);
        // The new label Americas (6: trigger-ix, turquesa-i to v) is above Latin America and the Caribbean.
        expect((await codes('region=americas')).total).toBe(21);
        expect((await codes('region=europe')).total).toBe(14);
        expect((await codes('region=asia,europe')).total).toBe(29);
        // Every operation with a region is in the world; Opson II and Jackal 2022 have none.
        expect((await codes('region=world')).total).toBe(143);
        // The new label Middle East and North Africa (Trigger IV) is a region of its own, not below the Middle East.
        expect((await codes('region=middle-east-and-north-africa')).codes).toEqual(['trigger-iv']);
        expect((await codes('region=middle-east')).total).toBe(0);
      });

      it('country: listed among the participants, or with figures for the country', async () => {
        // GB is listed for 9 operations (participating_countries.csv) and has figures in 15 others (results.csv).
        expect(await codes('country=GB')).toEqual({
          codes: [
            'pangea-i',
            'pangea-ii',
            'pangea-iii',
            'pangea-iv',
            'lionfish-ii',
            'pangea-vii',
            'opson-iv',
            'pangea-viii',
            'opson-v',
            'pandora-i',
            'pangea-x',
            'pangea-xi',
            'pangea-xiii',
            'liberterra-i',
            'pangea-xiv',
            'thunder-2021',
            'pangea-xv',
            'storm-makers-i',
            'haechi-iv',
            'jackal-2023',
            'pangea-xvi',
            'jackal-iii',
            'lionfish-hurricane-2024',
            'pangea-xvii',
          ],
          total: 24,
        });
        expect((await codes('country=gb')).total).toBe(24);
        // GB's 24 and IE's 13 share 10 (Pangea I, II, VIII, X, XI, XIV, HAECHI IV, Jackal 2023, Jackal III, Lionfish Hurricane).
        expect((await codes('country=GB,IE')).total).toBe(27);
        // Namibia's code is not a missing value: listed for 6 operations, figures in Kalahari 2013, Wipeout 2014, First Light 2024.
        expect((await codes('country=NA')).codes).toEqual([
          'meerkat-2012',
          'kalahari-2013',
          'wipeout-2014',
          'worthy-ii',
          'afya-ii',
          'flash-ippa-2021',
          'first-light-2024',
        ]);
        expect((await codes('country=AD')).total).toBe(0);
      });

      it('crimeArea, one or several, any case', async () => {
        // Rows of operations.csv per crime_area.
        expect((await codes('crimeArea=pharmaceutical%20crime')).total).toBe(29);
        expect((await codes('crimeArea=illicit%20food%20and%20beverages')).total).toBe(13);
        // 15 + 6.
        expect((await codes('crimeArea=financial%20crime,people%20smuggling')).total).toBe(21);
        expect((await codes('crimeArea=Illicit%20Goods')).total).toBe(16);
        // Labels new in release 2.
        expect((await codes('crimeArea=environmental%20crime')).total).toBe(19);
        expect((await codes('crimeArea=Vehicle%20Crime')).codes).toEqual(['huracan-2007', 'carback-2022']);
      });

      it('q: case-insensitive search in code, name and notes, wildcards taken literally', async () => {
        expect((await codes('q=pangea')).total).toBe(16);
        expect((await codes('q=PANGEA')).total).toBe(16);
        // In the notes only: "more than" is written in the notes of 13 operations (none in a code or name).
        expect((await codes('q=More%20Than')).codes).toEqual([
          'baba-2008',
          'zambezi-2009',
          'pangea-iii',
          'black-poseidon-i',
          'worthy-i',
          'giboia-2013',
          'libertad-2018',
          '30-days-at-sea-2',
          'pangea-xiii',
          'haechi-i',
          'thunder-2021',
          'trigger-ix',
          'liberterra-iii',
        ]);
        expect((await codes('q=%25')).total).toBe(0);
        expect((await codes('q=_')).total).toBe(0);
        expect((await codes('q=%5C')).total).toBe(0);
        expect((await codes("q=d'ivoire")).total).toBe(0);
        expect((await codes('q=first-light-2022')).codes).toEqual(['first-light-2022']);
      });

      it('combines filters with AND', async () => {
        expect((await codes('series=pangea&yearFrom=2015')).codes).toEqual([
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
        expect((await codes('series=pangea&country=GB&yearTo=2011')).codes).toEqual([
          'pangea-i',
          'pangea-ii',
          'pangea-iii',
          'pangea-iv',
        ]);
        // Of the 25 African operations, four are about illicit goods.
        expect((await codes('region=africa&crimeArea=illicit%20goods')).codes).toEqual([
          'atlantic-2011',
          'meerkat-2012',
          'kalahari-2013',
          'wipeout-2014',
        ]);
      });
    });

    describe('bad filter values', () => {
      it('unknown series names the parameter and the allowed codes', async () => {
        const body = await problem('?series=pangea,nope');
        expect(body.errors).toEqual([
          {
            name: 'series',
            // The 48 codes of series.csv, sorted.
            reason:
              "unknown code(s) 'nope'; allowed: 30-days-at-sea, africa-cyber-surge, afya, andes, atlantic, baba, black-poseidon, blizzard, " +
              'carback, cobra, costa, first-light, flash-ippa, giboia, global-chain, haechi, heera, huracan, ikatere, jackal, jupiter, ' +
              'kalahari, killer-bee, libertad, liberterra, lionfish, mamba, maya, meerkat, opson, pandora, pangea, paws, real, red-card, ' +
              'secure, sentinel, serengeti, storm, storm-makers, strikeback, synergia, thunder, trigger, turquesa, wipeout, worthy, zambezi',
          },
        ]);
      });

      it('unknown region names the parameter', async () => {
        const body = await problem('?region=atlantis');
        expect(body.errors[0].name).toBe('region');
        expect(body.errors[0].reason).toContain("unknown code(s) 'atlantis'; allowed: africa, americas, asia,");
      });

      it('unknown or malformed country names the parameter', async () => {
        expect((await problem('?country=XX')).errors).toEqual([
          { name: 'country', reason: "unknown ISO 3166-1 alpha-2 code(s) 'XX'; see /v1/countries" },
        ]);
        expect((await problem('?country=GBR')).errors).toEqual([
          { name: 'country', reason: 'each value in country must be an ISO 3166-1 alpha-2 code' },
        ]);
      });

      it('unknown crime area lists the allowed ones', async () => {
        expect((await problem('?crimeArea=piracy')).errors).toEqual([
          {
            name: 'crimeArea',
            // The 12 crime_area labels of operations.csv, sorted.
            reason:
              "unknown crime area(s) 'piracy'; allowed: cultural heritage crime, cybercrime, drug trafficking, environmental crime, " +
              'financial crime, firearms trafficking, human trafficking, illicit food and beverages, illicit goods, people smuggling, ' +
              'pharmaceutical crime, vehicle crime',
          },
        ]);
      });

      it('yearFrom after yearTo', async () => {
        const body = await problem('?yearFrom=2020&yearTo=2010');
        expect(body.detail).toBe("Invalid value for 'yearFrom': yearFrom (2020) must not be after yearTo (2010).");
        expect(body.errors).toEqual([{ name: 'yearFrom', reason: 'yearFrom (2020) must not be after yearTo (2010)' }]);
      });

      it.each([
        ['year=abc', 'year'],
        ['year=2015,x', 'year'],
        ['yearFrom=20x0', 'yearFrom'],
        ['yearTo=-1', 'yearTo'],
        ['series=', 'series'],
        ['series=bad_code', 'series'],
        ['region=a%20b', 'region'],
        ['q=' + 'x'.repeat(201), 'q'],
        ['crimeArea=', 'crimeArea'],
        ['sort=region', 'sort'],
        ['kind=seizure', 'kind'],
      ])('refuses %s naming %s', async (query, name) => {
        const body = await problem(`?${query}`);
        expect(body.errors.map((e: { name: string }) => e.name)).toContain(name);
      });

      it('names the allowed sort fields', async () => {
        const body = await problem('?sort=-region');
        expect(body.errors).toEqual([
          {
            name: 'sort',
            reason:
              "unknown sort field 'region'; allowed: code, name, year, startDate, series, countriesCount, countriesListedCount, countriesWithFiguresCount",
          },
        ]);
      });
    });

    describe('sorting', () => {
      it('by code, ascending and descending', async () => {
        // Byte order: digits before letters, '-' (0x2D) before digits.
        const asc = await codes('sort=code');
        expect(asc.codes.slice(0, 3)).toEqual(['30-days-at-sea-2', '30-days-at-sea-2018', '30-days-at-sea-3']);
        const desc = await codes('sort=-code');
        expect(desc.codes.slice(0, 3)).toEqual(['zambezi-2009', 'worthy-ii', 'worthy-i']);
        expect(desc.codes).toEqual([...asc.codes].reverse());
      });

      it('by countriesCount, missing counts last in both directions', async () => {
        // countries_count of operations.csv: the Thunder editions from 2022 on stated the most countries.
        const desc = await request(server).get('/v1/operations?sort=-countriesCount&limit=1000').expect(200);
        expect(desc.body.data.slice(0, 5).map((o: OperationItem) => [o.code, o.countriesCount])).toEqual([
          ['thunder-2024', 138],
          ['thunder-2025', 134],
          ['thunder-2023', 133],
          ['thunder-2022', 125],
          ['pangea-x', 123],
        ]);
        // 7 rows have no countries_count; the last three by code.
        expect(desc.body.data.slice(-3).map((o: OperationItem) => [o.code, o.countriesCount])).toEqual([
          ['strikeback-2014', null],
          ['strikeback-ii', null],
          ['thunder-2020', null],
        ]);
        const asc = await request(server).get('/v1/operations?sort=countriesCount&limit=1000').expect(200);
        expect(asc.body.data.slice(-3).map((o: OperationItem) => o.countriesCount)).toEqual([null, null, null]);
        expect(asc.body.data[0].countriesCount).toBeLessThanOrEqual(asc.body.data[1].countriesCount);
      });

      it('by the counted participation numbers: Lionfish II lists 37 countries, Thunder 2024 has figures for 10', async () => {
        // Rows of participating_countries.csv per operation.
        const listed = await request(server).get('/v1/operations?sort=-countriesListedCount,code&limit=3').expect(200);
        expect(listed.body.data.map((o: OperationItem) => [o.code, o.countriesListedCount])).toEqual([
          ['lionfish-ii', 37],
          ['haechi-iv', 34],
          ['lionfish-hurricane-2024', 31],
        ]);
        // Distinct countries of the results.csv rows of each operation.
        const withFigures = await request(server)
          .get('/v1/operations?sort=-countriesWithFiguresCount,code&limit=2')
          .expect(200);
        expect(withFigures.body.data.map((o: OperationItem) => [o.code, o.countriesWithFiguresCount])).toEqual([
          ['thunder-2024', 10],
          ['opson-v', 7],
        ]);
      });

      it('by several fields: series, then newest first', async () => {
        // Series 30-days-at-sea (2021, 2019, 2018), then africa-cyber-surge (2023, …).
        expect((await codes('sort=series,-year')).codes.slice(0, 4)).toEqual([
          '30-days-at-sea-3',
          '30-days-at-sea-2',
          '30-days-at-sea-2018',
          'africa-cyber-surge-ii',
        ]);
      });

      it('by startDate: the earliest known start first, unknown ones last', async () => {
        const res = await request(server).get('/v1/operations?sort=startDate&limit=1000').expect(200);
        // 82 rows of operations.csv have a start_date.
        const dated = res.body.data.filter((o: OperationItem) => o.startDate !== null);
        expect(dated).toHaveLength(82);
        expect(res.body.data.slice(0, 82)).toEqual(dated);
        expect(dated.slice(0, 3).map((o: OperationItem) => [o.code, o.startDate])).toEqual([
          ['storm-i', '2008-04-15'],
          ['zambezi-2009', '2009-10-12'],
          ['pangea-ii', '2009-11-16'],
        ]);
      });

      it('by name', async () => {
        // "30 Days at Sea", "30 Days at Sea 2.0", "30 Days at Sea 3.0": the only names beginning with a digit, first in any collation.
        expect((await codes('sort=name')).codes.slice(0, 3)).toEqual([
          '30-days-at-sea-2018',
          '30-days-at-sea-2',
          '30-days-at-sea-3',
        ]);
      });
    });

    describe('paging', () => {
      it('answers the last page with prev, first and last links', async () => {
        const res = await request(server).get('/v1/operations?limit=10&offset=140').expect(200);
        expect(res.body.meta).toEqual({ total: 145, limit: 10, offset: 140 });
        expect(res.body.data.map((o: OperationItem) => o.code)).toEqual([
          'secure-2025',
          'sentinel-2025',
          'serengeti-2025',
          'thunder-2025',
          'synergia-iii',
        ]);
        expect(res.headers.link).toBe(
          '</v1/operations?limit=10&offset=130>; rel="prev", </v1/operations?limit=10&offset=0>; rel="first", ' +
            '</v1/operations?limit=10&offset=140>; rel="last"',
        );
      });

      it('keeps the filters in the links', async () => {
        const res = await request(server).get('/v1/operations?series=pangea&limit=5').expect(200);
        expect(res.body.meta).toEqual({ total: 16, limit: 5, offset: 0 });
        expect(res.headers.link).toBe(
          '</v1/operations?series=pangea&limit=5&offset=5>; rel="next", </v1/operations?series=pangea&limit=5&offset=0>; rel="first", ' +
            '</v1/operations?series=pangea&limit=5&offset=15>; rel="last"',
        );
      });

      it('pages add up to the whole list', async () => {
        const pages: string[] = [];
        for (let offset = 0; offset < 145; offset += 20) {
          const res = await request(server).get(`/v1/operations?sort=-year,code&limit=20&offset=${offset}`).expect(200);
          pages.push(...res.body.data.map((o: OperationItem) => o.code));
        }
        expect(pages).toEqual((await codes('sort=-year,code')).codes);
        expect(new Set(pages).size).toBe(145);
      });

      it('answers an empty page beyond the end, with the total', async () => {
        const res = await request(server).get('/v1/operations?offset=200').expect(200);
        expect(res.body).toEqual({ data: [], meta: { total: 145, limit: 50, offset: 200 } });
      });
    });

    describe('CSV', () => {
      it('holds every operation, the same as the JSON list', async () => {
        const json = await request(server).get('/v1/operations?limit=1000').expect(200);
        const res = await request(server).get('/v1/operations?format=csv').expect(200);
        expect(res.headers['content-type']).toMatch(/^text\/csv/);
        expect(res.headers['content-disposition']).toBe('attachment; filename="operations.csv"');
        expect(res.text.startsWith('\uFEFF')).toBe(true);
        const records = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
        expect(records).toHaveLength(145);
        expect(records).toEqual(json.body.data.map(csvRecord));
      });

      it('applies filters, sort and paging, and names them in the filename', async () => {
        const json = await request(server).get('/v1/operations?series=pangea&sort=-year&limit=100').expect(200);
        const res = await request(server).get('/v1/operations?series=pangea&sort=-year&format=csv').expect(200);
        expect(res.headers['content-disposition']).toBe(
          'attachment; filename="operations_series-pangea_sort--year.csv"',
        );
        const records = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
        expect(records.map((r) => r.code)).toEqual(json.body.data.map((o: OperationItem) => o.code));
        expect(records).toHaveLength(16);
        expect(records[0].code).toBe('pangea-xvii');

        const page = await request(server).get('/v1/operations?format=csv&limit=5&offset=140').expect(200);
        const pageRecords = parse(page.text, { bom: true, columns: true }) as Record<string, string>[];
        expect(pageRecords.map((r) => r.code)).toEqual([
          'secure-2025',
          'sentinel-2025',
          'serengeti-2025',
          'thunder-2025',
          'synergia-iii',
        ]);
      });

      it.each([
        ['series=nope', 'series'],
        ['yearFrom=2020&yearTo=2010', 'yearFrom'],
        ['sort=region', 'sort'],
      ])('refuses %s with a problem+json 400, not a broken download', async (query, name) => {
        const res = await request(server).get(`/v1/operations?format=csv&${query}`).expect(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.errors.map((e: { name: string }) => e.name)).toEqual([name]);
      });

      it('answers CSV to Accept: text/csv', async () => {
        const res = await request(server)
          .get('/v1/operations?crimeArea=people%20smuggling')
          .set('Accept', 'text/csv')
          .expect(200);
        const records = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
        // Andes 2018 and the five Turquesa editions (people smuggling in operations.csv).
        expect(records.map((r) => r.code)).toEqual([
          'andes-2018',
          'turquesa-i',
          'turquesa-ii',
          'turquesa-iii',
          'turquesa-iv',
          'turquesa-v',
        ]);
      });
    });
  });

  describe('participation: stated, listed, with figures', () => {
    it('keeps the three numbers apart: Pangea I and II list their participants, Pangea VIII does not', async () => {
      const { body } = await request(server).get('/v1/operations?series=pangea&limit=100').expect(200);
      const byCode = new Map<string, OperationItem>(body.data.map((o: OperationItem) => [o.code, o]));
      const numbers = (code: string) => {
        const o = byCode.get(code)!;
        return [o.countriesCount, o.countriesListedCount, o.countriesWithFiguresCount];
      };
      expect(numbers('pangea-i')).toEqual([10, 10, 0]);
      expect(numbers('pangea-ii')).toEqual([24, 24, 1]);
      expect(numbers('pangea-viii')).toEqual([115, 0, 4]);
    });

    it('60 of the 145 operations list participants, 772 listings in all', async () => {
      // participating_countries.csv: 772 rows naming 60 distinct operations.
      const { body } = await request(server).get('/v1/operations?limit=1000').expect(200);
      const listed = body.data.map((o: OperationItem) => o.countriesListedCount);
      expect(listed).toHaveLength(145);
      expect(listed.filter((n: number) => n > 0)).toHaveLength(60);
      expect(listed.reduce((a: number, b: number) => a + b, 0)).toBe(772);
    });

    it('counts in countriesListedCount exactly the participatingCountries of the detail', async () => {
      for (const code of ['pangea-ii', 'opson-xi', 'pangea-viii']) {
        const { body } = await request(server).get(`/v1/operations/${code}`).expect(200);
        expect(body.countriesListedCount).toBe(body.participatingCountries.length);
      }
    });
  });

  describe('GET /v1/operations/{code}', () => {
    it('answers Pangea VIII with its sources, headline figures, figure counts and links', async () => {
      const res = await request(server).get('/v1/operations/pangea-viii').expect(200);
      const body = res.body;
      expect(body.code).toBe('pangea-viii');
      expect(body.countriesCount).toBe(115);
      expect(body.participatingCountries).toEqual([]);
      expect(body).toMatchObject({ countriesListedCount: 0, countriesWithFiguresCount: 4 });
      // 11 distinct pages: the operation's own source and 10 cited by its 37 figures; official first, then newest.
      expect(
        body.sources.map((s: { publisher: string; tier: string; citedFor: string[]; figuresCount: number }) => [
          s.publisher,
          s.tier,
          s.citedFor,
          s.figuresCount,
        ]),
      ).toEqual([
        ['WCO', 'official', ['figures'], 9],
        ['Europol', 'official', ['figures'], 2],
        ['INTERPOL', 'official', ['operation'], 0],
        ['Leo Varadkar (Irish Minister for Health) website', 'regulator', ['figures'], 9],
        ['UK Government (MHRA)', 'regulator', ['figures'], 4],
        ['OCCRP', 'media', ['figures'], 1],
        ['Fakeshare', 'media', ['figures'], 2],
        ['IRACM', 'media', ['figures'], 7],
        ['acemind.net', 'media', ['figures'], 1],
        ['Partnership for Safe Medicines', 'media', ['figures'], 1],
        ['SecuringIndustry.com', 'media', ['figures'], 1],
      ]);
      expect(body.sources[0]).toEqual({
        id: expect.any(Number),
        url: 'https://www.wcoomd.org/en/media/newsroom/2015/june/millions-usd-worth-illicit-medicines-seized-in-global-operation.aspx',
        publisher: 'WCO',
        publishedOn: '2015-06-18',
        tier: 'official',
        citedFor: ['figures'],
        figuresCount: 9,
        href: `/v1/sources/${body.sources[0].id}`,
      });
      // Preferred operation-wide totals (no country, no specific category), as reported: never summed. The editor
      // ruled out WCO's 81,000,000 items (results.csv line 94, `no`: the dollar value misread as a count), so IRACM's
      // 20,700,000 (line 93) is preferred; and chose Europol's more than 550 online adverts (line 95, `yes`) over
      // WCO's 365 (line 98), see EDITORIAL.md.
      expect(
        body.headlineFigures.map(
          (f: {
            type: string;
            kind: string;
            quantity: string;
            unit: string;
            qualifier: string;
            category: string | null;
            source: { publisher: string };
          }) => [f.type, f.kind, f.quantity, f.unit, f.qualifier, f.category, f.source.publisher],
        ),
      ).toEqual([
        ['seizure', 'items_seized', '20700000', 'items', 'exact', 'medicines', 'IRACM'],
        ['seizure', 'value_seized', '81000000', 'USD', 'more_than', 'medicines', 'WCO'],
        ['arrest', 'arrests', '156', 'people', 'exact', null, 'WCO'],
        ['outcome', 'investigations_opened', '429', 'cases', 'exact', null, 'WCO'],
        ['outcome', 'other', '320', 'YouTube channels shut down', 'exact', null, 'SecuringIndustry.com'],
        ['outcome', 'other', '80', 'customs administrations', 'exact', null, 'WCO'],
        ['outcome', 'other', '550', 'online adverts', 'more_than', null, 'Europol'],
        ['outcome', 'packages_inspected', '149623', 'packages', 'approximately', null, 'WCO'],
        ['outcome', 'packages_seized', '50068', 'packages', 'nearly', null, 'WCO'],
        ['outcome', 'websites_shut_down', '2414', 'websites', 'more_than', null, 'WCO'],
      ]);
      expect(body.headlineFigures[2]).toEqual({
        id: expect.any(Number),
        type: 'arrest',
        kind: 'arrests',
        quantity: '156',
        unit: 'people',
        qualifier: 'exact',
        category: null,
        source: {
          url: 'https://www.wcoomd.org/en/media/newsroom/2015/june/millions-usd-worth-illicit-medicines-seized-in-global-operation.aspx',
          publisher: 'WCO',
        },
      });
      expect(body.figureCounts).toEqual({ seizure: 16, arrest: 3, outcome: 18 });
      expect(body.links).toEqual({
        seizures: '/v1/seizures?operation=pangea-viii',
        arrests: '/v1/arrests?operation=pangea-viii',
        outcomes: '/v1/outcomes?operation=pangea-viii',
      });
    });

    it('lists the participating countries with the page that lists them', async () => {
      const res = await request(server).get('/v1/operations/pangea-i').expect(200);
      const url =
        'https://www.interpol.int/ar/News-and-Events/News/2008/Illegal-online-medicine-suppliers-targeted-in-first-international-Internet-day-of-action';
      expect(res.body.participatingCountries).toHaveLength(10);
      expect(res.body.participatingCountries.map((c: { iso2: string }) => c.iso2).sort()).toEqual([
        'AU',
        'CA',
        'CH',
        'DE',
        'GB',
        'IE',
        'IL',
        'NZ',
        'SG',
        'US',
      ]);
      expect(res.body.participatingCountries).toContainEqual({ iso2: 'GB', name: 'United Kingdom', sourceUrl: url });
      expect(res.body.sources).toEqual([
        {
          id: expect.any(Number),
          url,
          publisher: 'INTERPOL',
          publishedOn: '2008-11-13',
          tier: 'official',
          citedFor: ['operation', 'participants'],
          figuresCount: 0,
          href: expect.stringMatching(/^\/v1\/sources\/\d+$/),
        },
      ]);
      expect(res.body.headlineFigures).toEqual([]);
      expect(res.body.figureCounts).toEqual({ seizure: 0, arrest: 0, outcome: 0 });
    });

    it('includes a page cited only for the participants, which has no publisher', async () => {
      const res = await request(server).get('/v1/operations/opson-xi').expect(200);
      expect(res.body.participatingCountries).toHaveLength(26);
      expect(res.body.sources).toHaveLength(5);
      expect(res.body.sources[4]).toMatchObject({
        url: 'https://europol.europa.eu/operations-services-and-innovation/operations/operation-opson',
        publisher: null,
        tier: null,
        publishedOn: null,
        citedFor: ['participants'],
        figuresCount: 0,
      });
      // Investigations are counted by unit since release 2: the 2,078 administrative cases (line 403) and the more
      // than 175 criminal cases (line 402) are two headline figures, not conflicting reports of one.
      expect(
        res.body.headlineFigures.map((f: { kind: string; quantity: string; unit: string }) => [
          f.kind,
          f.quantity,
          f.unit,
        ]),
      ).toEqual([
        ['weight_seized', '26800', 'tonnes'],
        ['arrests', '43', 'people'],
        ['persons_under_investigation', '137', 'people'],
        ['investigations_opened', '2078', 'administrative cases'],
        ['investigations_opened', '175', 'criminal cases'],
        ['other', '80', 'arrest warrants'],
        ['other', '8', 'criminal networks disrupted'],
        ['raids_or_checks', '74000', 'checks'],
      ]);
      expect(res.body.figureCounts).toEqual({ seizure: 6, arrest: 2, outcome: 5 });
    });

    it('leaves out figures an editor ruled out', async () => {
      // First Light 2022: 2,999 arrests (Capacity Media) is marked preferred=no; some 2,000 (Computer Weekly) counts.
      const res = await request(server).get('/v1/operations/first-light-2022').expect(200);
      expect(
        res.body.headlineFigures.map((f: { kind: string; quantity: string; qualifier: string }) => [
          f.kind,
          f.quantity,
          f.qualifier,
        ]),
      ).toEqual([
        ['arrests', '2000', 'approximately'],
        ['persons_under_investigation', '3000', 'approximately'],
        ['other', '4000', 'exact'],
        ['raids_or_checks', '1770', 'exact'],
      ]);
      expect(res.body.figureCounts).toEqual({ seizure: 1, arrest: 3, outcome: 4 });
    });

    it('accepts the code in any case', async () => {
      const res = await request(server).get('/v1/operations/PANGEA-VIII').expect(200);
      expect(res.body.code).toBe('pangea-viii');
    });

    it('answers an unknown code with 404 problem+json', async () => {
      const res = await request(server).get('/v1/operations/pangea-xii').expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        type: '/problems/not-found',
        status: 404,
        detail: "No operation has the code 'pangea-xii'. See /v1/operations for the codes.",
        instance: '/v1/operations/pangea-xii',
      });
    });

    it('refuses a malformed code with 400 naming it', async () => {
      const res = await request(server).get('/v1/operations/bad_code!').expect(400);
      expect(res.body.errors.map((e: { name: string }) => e.name)).toEqual(['code']);
    });
  });
});
