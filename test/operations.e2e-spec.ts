import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { createTestApp } from './utils/app';

// Expected numbers are counted from ../shared/data/operations.csv, results.csv and participating_countries.csv
// (the seed data): 55 operations, 595 figures, 200 participations.

interface OperationItem {
  code: string;
  name: string;
  series: { code: string; name: string };
  edition: string | null;
  year: number;
  startDate: string | null;
  endDate: string | null;
  region: { code: string; name: string } | null;
  crimeArea: string;
  countriesCount: number | null;
  countriesListedCount: number;
  countriesWithFiguresCount: number;
  agenciesCount: number | null;
  notes: string | null;
  source: { id: number; url: string; publisher: string | null; publishedOn: string | null; tier: string | null };
  href: string;
}

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
  let app: NestFastifyApplication;
  let server: ReturnType<NestFastifyApplication['getHttpServer']>;

  beforeAll(async () => {
    app = await createTestApp();
    server = app.getHttpServer();
  });

  afterAll(async () => {
    await app.close();
  });

  const codes = async (query: string): Promise<{ codes: string[]; total: number }> => {
    const res = await request(server).get(`/v1/operations?limit=100&${query}`).expect(200);
    return { codes: res.body.data.map((o: OperationItem) => o.code), total: res.body.meta.total };
  };

  const problem = async (query: string, status = 400) => {
    const res = await request(server).get(`/v1/operations${query}`).expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    return res.body;
  };

  describe('GET /v1/operations', () => {
    it('lists all 55 operations by year, then code, 50 to a page', async () => {
      const res = await request(server).get('/v1/operations').expect(200);
      expect(res.body.meta).toEqual({ total: 55, limit: 50, offset: 0 });
      expect(res.body.data).toHaveLength(50);
      expect(res.body.data.slice(0, 5).map((o: OperationItem) => o.code)).toEqual([
        'jupiter-iii',
        'jupiter-2008',
        'mamba-i',
        'pangea-i',
        'storm-i',
      ]);
      const all = await codes('');
      expect(all.codes.slice(-5)).toEqual(['opson-xii', 'pangea-xvi', 'first-light-2024', 'opson-xiii', 'pangea-xvii']);
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
      expect(opsonII).toMatchObject({ region: null, countriesCount: 29, agenciesCount: null, edition: 'II', year: 2012 });
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
        expect(await codes('year=2015')).toEqual({
          codes: ['first-light-2015', 'giboia-ii', 'jupiter-vii', 'maya-ii', 'opson-iv', 'pangea-viii', 'storm-vi'],
          total: 7,
        });
        expect((await codes('year=2014,2015')).total).toBe(13);
        expect((await codes('year=1999')).total).toBe(0);
      });

      it('yearFrom and yearTo, inclusive', async () => {
        expect(await codes('yearTo=2008')).toEqual({
          codes: ['jupiter-iii', 'jupiter-2008', 'mamba-i', 'pangea-i', 'storm-i'],
          total: 5,
        });
        expect((await codes('yearFrom=2020')).codes).toEqual([
          'first-light-2020',
          'opson-ix',
          'pangea-xiii',
          'opson-x',
          'pangea-xiv',
          'first-light-2022',
          'opson-xi',
          'pangea-xv',
          'opson-xii',
          'pangea-xvi',
          'first-light-2024',
          'opson-xiii',
          'pangea-xvii',
        ]);
        expect((await codes('yearFrom=2010&yearTo=2012')).total).toBe(9);
        expect((await codes('yearFrom=2015&yearTo=2015')).total).toBe(7);
      });

      it('region: the region itself and every region below it', async () => {
        expect(await codes('region=africa')).toEqual({
          codes: ['mamba-i', 'mamba-ii', 'mamba-iii', 'cobra-2011', 'giboia-2013', 'wipeout-2014', 'giboia-ii'],
          total: 7,
        });
        const africa = await request(server).get('/v1/operations?region=africa&limit=100').expect(200);
        expect([...new Set(africa.body.data.map((o: OperationItem) => o.region!.code))].sort()).toEqual([
          'africa',
          'eastern-africa',
          'southern-africa',
          'western-africa',
        ]);
        expect((await codes('region=eastern-africa')).codes).toEqual(['mamba-i', 'mamba-ii', 'mamba-iii']);
        expect((await codes('region=western-africa')).codes).toEqual(['cobra-2011']);
        expect((await codes('region=asia')).codes).toEqual([
          'storm-i',
          'storm-ii',
          'first-light-2014',
          'real-2014',
          'first-light-2015',
          'storm-vi',
        ]);
        expect((await codes('region=latin-america-and-the-caribbean')).total).toBe(9);
        expect((await codes('region=europe')).total).toBe(3);
        expect((await codes('region=asia,europe')).total).toBe(9);
        // Every operation with a region is in the world; Opson II has none.
        expect((await codes('region=world')).total).toBe(54);
        expect((await codes('region=middle-east')).total).toBe(0);
      });

      it('country: listed among the participants, or with figures for the country', async () => {
        // GB is listed for Pangea I and II and has figures in 13 other operations.
        expect(await codes('country=GB')).toEqual({
          codes: [
            'pangea-i',
            'pangea-ii',
            'pangea-iii',
            'pangea-iv',
            'pangea-vii',
            'opson-iv',
            'pangea-viii',
            'opson-v',
            'pangea-x',
            'pangea-xi',
            'pangea-xiii',
            'pangea-xiv',
            'pangea-xv',
            'pangea-xvi',
            'pangea-xvii',
          ],
          total: 15,
        });
        expect((await codes('country=gb')).total).toBe(15);
        expect((await codes('country=GB,IE')).total).toBe(17);
        // Namibia's code is not a missing value.
        expect((await codes('country=NA')).codes).toEqual(['wipeout-2014', 'first-light-2024']);
        expect((await codes('country=AD')).total).toBe(0);
      });

      it('crimeArea, one or several, any case', async () => {
        expect((await codes('crimeArea=pharmaceutical%20crime')).total).toBe(25);
        expect((await codes('crimeArea=illicit%20food%20and%20beverages')).total).toBe(13);
        expect((await codes('crimeArea=financial%20crime,people%20smuggling')).total).toBe(7);
        expect((await codes('crimeArea=Illicit%20Goods')).total).toBe(10);
      });

      it('q: case-insensitive search in code, name and notes, wildcards taken literally', async () => {
        expect((await codes('q=pangea')).total).toBe(16);
        expect((await codes('q=PANGEA')).total).toBe(16);
        // In the notes only: "more than" is written in the notes of three operations.
        expect((await codes('q=More%20Than')).codes).toEqual(['pangea-iii', 'giboia-2013', 'pangea-xiii']);
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
        expect((await codes('region=africa&crimeArea=illicit%20goods')).codes).toEqual(['wipeout-2014']);
      });
    });

    describe('bad filter values', () => {
      it('unknown series names the parameter and the allowed codes', async () => {
        const body = await problem('?series=pangea,nope');
        expect(body.errors).toEqual([
          {
            name: 'series',
            reason:
              "unknown code(s) 'nope'; allowed: andes, cobra, first-light, giboia, jupiter, mamba, maya, opson, pangea, real, storm, wipeout",
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
            reason:
              "unknown crime area(s) 'piracy'; allowed: financial crime, illicit food and beverages, illicit goods, people smuggling, pharmaceutical crime",
          },
        ]);
      });

      it('yearFrom after yearTo', async () => {
        const body = await problem('?yearFrom=2020&yearTo=2010');
        expect(body.detail).toBe("Invalid value for 'yearFrom': yearFrom (2020) must not be greater than yearTo (2010).");
        expect(body.errors).toEqual([{ name: 'yearFrom', reason: 'yearFrom (2020) must not be greater than yearTo (2010)' }]);
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
          { name: 'sort', reason: "unknown sort field 'region'; allowed: code, name, year, startDate, series, countriesCount, countriesListedCount, countriesWithFiguresCount" },
        ]);
      });
    });

    describe('sorting', () => {
      it('by code, ascending and descending', async () => {
        const asc = await codes('sort=code');
        expect(asc.codes.slice(0, 3)).toEqual(['andes-2018', 'cobra-2011', 'first-light-2014']);
        const desc = await codes('sort=-code');
        expect(desc.codes.slice(0, 3)).toEqual(['wipeout-2014', 'storm-vi', 'storm-ii']);
        expect(desc.codes).toEqual([...asc.codes].reverse());
      });

      it('by countriesCount, missing counts last in both directions', async () => {
        const desc = await request(server).get('/v1/operations?sort=-countriesCount&limit=100').expect(200);
        expect(desc.body.data.slice(0, 5).map((o: OperationItem) => [o.code, o.countriesCount])).toEqual([
          ['pangea-x', 123],
          ['pangea-xi', 116],
          ['pangea-viii', 115],
          ['pangea-vii', 111],
          ['pangea-ix', 103],
        ]);
        expect(desc.body.data.slice(-3).map((o: OperationItem) => [o.code, o.countriesCount])).toEqual([
          ['first-light-2014', null],
          ['first-light-2016', null],
          ['mamba-i', null],
        ]);
        const asc = await request(server).get('/v1/operations?sort=countriesCount&limit=100').expect(200);
        expect(asc.body.data.slice(-3).map((o: OperationItem) => o.countriesCount)).toEqual([null, null, null]);
        expect(asc.body.data[0].countriesCount).toBeLessThanOrEqual(asc.body.data[1].countriesCount);
      });

      it('by the counted participation numbers: Opson XI lists 26 countries, Opson V has figures for 7', async () => {
        const listed = await request(server).get('/v1/operations?sort=-countriesListedCount,code&limit=3').expect(200);
        expect(listed.body.data.map((o: OperationItem) => [o.code, o.countriesListedCount])).toEqual([
          ['opson-xi', 26],
          ['pangea-ii', 24],
          ['jupiter-v', 13],
        ]);
        const withFigures = await request(server).get('/v1/operations?sort=-countriesWithFiguresCount,code&limit=2').expect(200);
        expect(withFigures.body.data.map((o: OperationItem) => [o.code, o.countriesWithFiguresCount])).toEqual([
          ['opson-v', 7],
          ['pangea-xi', 6],
        ]);
      });

      it('by several fields: series, then newest first', async () => {
        expect((await codes('sort=series,-year')).codes.slice(0, 4)).toEqual([
          'andes-2018',
          'cobra-2011',
          'first-light-2024',
          'first-light-2022',
        ]);
      });

      it('by startDate: the earliest known start first, unknown ones last', async () => {
        const res = await request(server).get('/v1/operations?sort=startDate&limit=100').expect(200);
        const dated = res.body.data.filter((o: OperationItem) => o.startDate !== null);
        expect(dated).toHaveLength(28);
        expect(res.body.data.slice(0, 28)).toEqual(dated);
        expect(dated.slice(0, 3).map((o: OperationItem) => [o.code, o.startDate])).toEqual([
          ['storm-i', '2008-04-15'],
          ['pangea-ii', '2009-11-16'],
          ['pangea-iii', '2010-10-05'],
        ]);
      });

      it('by name', async () => {
        expect((await codes('sort=name')).codes.slice(0, 3)).toEqual(['andes-2018', 'cobra-2011', 'first-light-2014']);
      });
    });

    describe('paging', () => {
      it('answers the last page with prev, first and last links', async () => {
        const res = await request(server).get('/v1/operations?limit=10&offset=50').expect(200);
        expect(res.body.meta).toEqual({ total: 55, limit: 10, offset: 50 });
        expect(res.body.data.map((o: OperationItem) => o.code)).toEqual([
          'opson-xii',
          'pangea-xvi',
          'first-light-2024',
          'opson-xiii',
          'pangea-xvii',
        ]);
        expect(res.headers.link).toBe(
          '</v1/operations?limit=10&offset=40>; rel="prev", </v1/operations?limit=10&offset=0>; rel="first", ' +
            '</v1/operations?limit=10&offset=50>; rel="last"',
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
        for (let offset = 0; offset < 55; offset += 20) {
          const res = await request(server).get(`/v1/operations?sort=-year,code&limit=20&offset=${offset}`).expect(200);
          pages.push(...res.body.data.map((o: OperationItem) => o.code));
        }
        expect(pages).toEqual((await codes('sort=-year,code')).codes);
        expect(new Set(pages).size).toBe(55);
      });

      it('answers an empty page beyond the end, with the total', async () => {
        const res = await request(server).get('/v1/operations?offset=100').expect(200);
        expect(res.body).toEqual({ data: [], meta: { total: 55, limit: 50, offset: 100 } });
      });
    });

    describe('CSV', () => {
      it('holds every operation, the same as the JSON list', async () => {
        const json = await request(server).get('/v1/operations?limit=100').expect(200);
        const res = await request(server).get('/v1/operations?format=csv').expect(200);
        expect(res.headers['content-type']).toMatch(/^text\/csv/);
        expect(res.headers['content-disposition']).toBe('attachment; filename="operations.csv"');
        expect(res.text.startsWith('\uFEFF')).toBe(true);
        const records = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
        expect(records).toHaveLength(55);
        expect(records).toEqual(json.body.data.map(csvRecord));
      });

      it('applies filters, sort and paging, and names them in the filename', async () => {
        const json = await request(server).get('/v1/operations?series=pangea&sort=-year&limit=100').expect(200);
        const res = await request(server).get('/v1/operations?series=pangea&sort=-year&format=csv').expect(200);
        expect(res.headers['content-disposition']).toBe('attachment; filename="operations_series-pangea_sort--year.csv"');
        const records = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
        expect(records.map((r) => r.code)).toEqual(json.body.data.map((o: OperationItem) => o.code));
        expect(records).toHaveLength(16);
        expect(records[0].code).toBe('pangea-xvii');

        const page = await request(server).get('/v1/operations?format=csv&limit=5&offset=50').expect(200);
        const pageRecords = parse(page.text, { bom: true, columns: true }) as Record<string, string>[];
        expect(pageRecords.map((r) => r.code)).toEqual(['opson-xii', 'pangea-xvi', 'first-light-2024', 'opson-xiii', 'pangea-xvii']);
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
        const res = await request(server).get('/v1/operations?crimeArea=people%20smuggling').set('Accept', 'text/csv').expect(200);
        const records = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
        expect(records.map((r) => r.code)).toEqual(['andes-2018']);
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

    it('20 of the 55 operations list participants, 200 listings in all', async () => {
      const { body } = await request(server).get('/v1/operations?limit=100').expect(200);
      const listed = body.data.map((o: OperationItem) => o.countriesListedCount);
      expect(listed.filter((n: number) => n > 0)).toHaveLength(20);
      expect(listed.reduce((a: number, b: number) => a + b, 0)).toBe(200);
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
      expect(body.sources.map((s: { publisher: string; tier: string; citedFor: string[]; figuresCount: number }) => [
        s.publisher,
        s.tier,
        s.citedFor,
        s.figuresCount,
      ])).toEqual([
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
      // Preferred operation-wide totals (no country, no specific category), as reported: never summed.
      expect(
        body.headlineFigures.map((f: { type: string; kind: string; quantity: string; unit: string; qualifier: string; category: string | null; source: { publisher: string } }) => [
          f.type,
          f.kind,
          f.quantity,
          f.unit,
          f.qualifier,
          f.category,
          f.source.publisher,
        ]),
      ).toEqual([
        ['seizure', 'items_seized', '81000000', 'items', 'exact', 'medicines', 'WCO'],
        ['seizure', 'value_seized', '81000000', 'USD', 'more_than', 'medicines', 'WCO'],
        ['arrest', 'arrests', '156', 'people', 'exact', null, 'WCO'],
        ['outcome', 'investigations_opened', '429', 'cases', 'exact', null, 'WCO'],
        ['outcome', 'other', '320', 'YouTube channels shut down', 'exact', null, 'SecuringIndustry.com'],
        ['outcome', 'other', '80', 'customs administrations', 'exact', null, 'WCO'],
        ['outcome', 'other', '365', 'online adverts', 'more_than', null, 'WCO'],
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
      expect(res.body.headlineFigures).toHaveLength(7);
      expect(res.body.figureCounts).toEqual({ seizure: 6, arrest: 2, outcome: 5 });
    });

    it('leaves out figures an editor ruled out', async () => {
      // First Light 2022: 2,999 arrests (Capacity Media) is marked preferred=no; some 2,000 (Computer Weekly) counts.
      const res = await request(server).get('/v1/operations/first-light-2022').expect(200);
      expect(res.body.headlineFigures.map((f: { kind: string; quantity: string; qualifier: string }) => [f.kind, f.quantity, f.qualifier])).toEqual([
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
