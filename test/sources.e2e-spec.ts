import { parse } from 'csv-parse/sync';
import request from 'supertest';
import type { components } from '../clients/typescript/src/schema';
import { openTestApp, TestApp, TestServer } from './utils/setup';

// Expected numbers are counted from the release 2 files of src/database/seed/data with a one-off python script:
// 341 distinct source URLs across operations.csv, results.csv and participating_countries.csv (16 cited only for
// participants, without a publisher), tiers from publishers.csv, 1,273 figures of which 1,179 are preferred (the
// preference rule of figure-preference.ts reimplemented over the group keys of figure-rules.ts: 1,184 groups, 5 of
// them a single row set to `no`). Source ids follow the URL order (the seed sorts the URLs before inserting them), so
// ties of a sort (ORDER BY … NULLS LAST, id) are in URL order.

type SourceItem = components['schemas']['SourceDto'];

const HPRA =
  'http://www.hpra.ie/homepage/about-us/news-and-events/item?t=/over-200-000-illegal-medicines-worth-e850-000-detained-in-ireland&id=456f0826-9782-6eee-9b55-ff00008c97d0';
const ENS = 'https://ens-newswire.com/food-scam-tons-of-fake-food-drinks-seized-in-interpol-bust/';
const EL_NUEVO_SIGLO = 'https://www.elnuevosiglo.com.co/duro-golpe-al-contrabando-en-america-latina';
const EUROPOL_OPSON = 'https://europol.europa.eu/operations-services-and-innovation/operations/operation-opson';

const cell = (value: unknown) => (value === null || value === undefined ? '' : String(value));

describe('Sources (e2e)', () => {
  let ctx: TestApp;
  let server: TestServer;
  let all: SourceItem[];

  beforeAll(async () => {
    ctx = await openTestApp();
    ({ server } = ctx);
    all = (await request(server).get('/v1/sources?limit=1000').expect(200)).body.data;
  });

  afterAll(async () => {
    await ctx?.close();
  });

  const list = async (query: string): Promise<{ urls: string[]; total: number; data: SourceItem[] }> => {
    const res = await request(server).get(`/v1/sources?limit=1000&${query}`).expect(200);
    return { urls: res.body.data.map((s: SourceItem) => s.url), total: res.body.meta.total, data: res.body.data };
  };
  const byUrl = (url: string) => all.find((s) => s.url === url)!;

  describe('GET /v1/sources', () => {
    it('lists the 341 sources by URL', async () => {
      const res = await request(server).get('/v1/sources').expect(200);
      expect(res.body.meta).toEqual({ total: 341, limit: 50, offset: 0 });
      expect(all).toHaveLength(341);
      // First and last of the 341 URLs in byte order.
      expect(all[0].url).toBe(
        'http://atlarge-lists.icann.org/pipermail/na-discuss_atlarge-lists.icann.org/2011-October/006084.html',
      );
      expect(all[340].url).toBe(
        'https://www.zdnet.com/article/europol-takes-down-coronavirus-fake-medicine-surgical-mask-criminal-gangs/',
      );
    });

    it('counts figures, preferred figures and operations of each source', async () => {
      expect(all.reduce((n, s) => n + s.figuresCount, 0)).toBe(1273);
      expect(all.reduce((n, s) => n + s.preferredFiguresCount, 0)).toBe(1179);
      // 27 URLs that no results.csv row cites (only operations.csv and/or participating_countries.csv do).
      expect(all.filter((s) => s.figuresCount === 0)).toHaveLength(27);
      expect(byUrl(HPRA)).toEqual({
        id: expect.any(Number),
        url: HPRA,
        publisher: 'Health Products Regulatory Authority (Ireland)',
        tier: 'regulator',
        publishedOn: '2017-09-25',
        figuresCount: 14,
        operationsCount: 2,
        preferredFiguresCount: 14,
        href: `/v1/sources/${byUrl(HPRA).id}`,
      });
      // HPRA: 14 results.csv rows (1 pangea-ix, 13 pangea-x), all preferred. ENS: cited for Opson II's own facts and
      // for Opson III's facts and 7 figures.
      expect(byUrl(ENS)).toMatchObject({
        publisher: 'Environment News Service (ENS)',
        tier: 'media',
        figuresCount: 7,
        operationsCount: 2,
      });
    });

    it('answers pages cited only for participants with no publisher and no tier', async () => {
      expect(all.filter((s) => s.publisher === null)).toHaveLength(16);
      expect(byUrl(EUROPOL_OPSON)).toMatchObject({
        publisher: null,
        tier: null,
        publishedOn: null,
        figuresCount: 0,
        operationsCount: 1,
        preferredFiguresCount: 0,
      });
    });

    it('filters by tier, one or several', async () => {
      // URLs whose publisher has that tier in publishers.csv: 93 + 19 + 213 = 325, plus 16 without a publisher = 341.
      expect((await list('tier=official')).total).toBe(93);
      expect((await list('tier=regulator')).total).toBe(19);
      expect((await list('tier=media')).total).toBe(213);
      expect((await list('tier=official,regulator')).total).toBe(112);
      expect((await list('tier=official')).data.every((s) => s.tier === 'official')).toBe(true);
    });

    it('filters by publisher, exact but case-insensitive, commas included', async () => {
      // 40 URLs published by INTERPOL itself; release 2 cites a second ScamsNOW copy of an INTERPOL release.
      expect((await list('publisher=INTERPOL')).total).toBe(40);
      expect((await list('publisher=interpol')).total).toBe(40);
      expect((await list('publisher=interpo')).total).toBe(0);
      const scams = await list(`publisher=${encodeURIComponent('ScamsNOW (SCARS), reproducing INTERPOL release')}`);
      expect(scams.data.map((s) => [s.publisher, s.tier])).toEqual([
        ['ScamsNOW (SCARS), reproducing INTERPOL release', 'official'],
        ['ScamsNOW (SCARS), reproducing INTERPOL release', 'official'],
      ]);
    });

    it('filters by operation: pages cited for its facts, its figures or its participants', async () => {
      expect((await list('operation=pangea-viii')).total).toBe(11);
      expect((await list('operation=pangea-viii,pangea-i')).total).toBe(12);
      const opsonXI = await list('operation=opson-xi');
      expect(opsonXI.total).toBe(5);
      expect(opsonXI.urls).toContain(EUROPOL_OPSON);
      expect((await list('operation=OPSON-II')).urls).toEqual([ENS]);
      expect((await list('operation=pangea-viii&tier=official')).data.map((s) => s.publisher).sort()).toEqual([
        'Europol',
        'INTERPOL',
        'WCO',
      ]);
    });

    it.each([
      ['tier=gossip', 'tier', 'each value in tier must be one of the following values: official, regulator, media'],
      ['operation=pangea-xii', 'operation', "unknown code(s) 'pangea-xii'; see /v1/operations for the codes"],
      [
        'operation=bad_code',
        'operation',
        'each value in operation must be a code (letters, digits and single hyphens)',
      ],
      ['sort=tier', 'sort', "unknown sort field 'tier'; allowed: publishedOn, publisher, url, figuresCount"],
    ])('refuses %s naming %s and the allowed values', async (query, name, reason) => {
      const res = await request(server).get(`/v1/sources?${query}`).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([{ name, reason }]);
    });

    it('refuses a publisher longer than 256 characters', async () => {
      const res = await request(server)
        .get(`/v1/sources?publisher=${'x'.repeat(257)}`)
        .expect(400);
      expect(res.body.errors.map((e: { name: string }) => e.name)).toEqual(['publisher']);
    });

    it('sorts by figuresCount, descending', async () => {
      const { data } = await list('sort=-figuresCount');
      // results.csv rows per URL; the three pages with 14 rows come in URL (= id) order.
      expect(data.slice(0, 5).map((s) => [s.publisher, s.figuresCount])).toEqual([
        ['defenceWeb', 17],
        ['Homeland Security Today (HSToday)', 16],
        ['Health Products Regulatory Authority (Ireland)', 14],
        ['JustForests (INTERPOL release copy)', 14],
        ['Omnitrans', 14],
      ]);
      expect(data.slice(-27).every((s) => s.figuresCount === 0)).toBe(true);
      expect(data[341 - 28].figuresCount).toBeGreaterThan(0);
    });

    it('sorts by publishedOn, undated pages last in both directions', async () => {
      const asc = await list('sort=publishedOn');
      // 114 of the 341 URLs have a source_date; the oldest (a release 2 page) and the newest.
      expect(asc.data.slice(0, 3).map((s) => s.publishedOn)).toEqual(['2007-10-29', '2008-05-30', '2008-11-13']);
      expect(asc.data[113].publishedOn).not.toBeNull();
      expect(asc.data[114].publishedOn).toBeNull();
      const desc = await list('sort=-publishedOn');
      expect(desc.data[0]).toMatchObject({
        publishedOn: '2026-01-26',
        url: 'https://www.brief.news/world-news/2026/01/26/interpol-rescuesthousands-in-global-trafficking-crackdown?categories=Science&source=%2F',
      });
      expect(desc.data[1]).toMatchObject({
        publishedOn: '2025-12-24',
        url: 'https://www.probablypwned.com/article/interpol-operation-sentinel-574-arrests-africa-cybercrime',
      });
      expect(desc.data[113].publishedOn).not.toBeNull();
      expect(desc.data[114].publishedOn).toBeNull();
    });

    it('sorts by publisher, then URL', async () => {
      // Publisher names sort in the database's collation (release 2 has names such as 'BDTV news …', 'iNews Cayman …'
      // and 'vuink.com …' whose place differs between byte order and a linguistic one), so the names checked here are
      // first or last in either order.
      const asc = await list('tier=official&sort=publisher');
      expect(asc.data.slice(0, 2).map((s) => s.publisher)).toEqual([
        'Agenparl (INTERPOL press release copy)',
        'AllAfrica (INTERPOL press release)',
      ]);
      // Three official pages published by Europol itself, in URL order.
      const europol = asc.data.filter((s) => s.publisher === 'Europol').map((s) => s.url);
      expect(europol).toHaveLength(3);
      expect(europol).toEqual([...europol].sort());
      expect((await list('tier=regulator&sort=-publisher')).data[0].publisher).toBe(
        'voguewellness.com (copy of GOV.UK release)',
      );
      const descending = await list('tier=official&sort=-publisher');
      expect(descending.data.map((s) => s.publisher)).toEqual([...asc.data.map((s) => s.publisher)].reverse());
      const everything = await list('sort=publisher');
      expect(everything.data.slice(-16).map((s) => s.publisher)).toEqual(Array(16).fill(null));
      expect(everything.data[341 - 17].publisher).not.toBeNull();
    });

    it('pages with a Link header', async () => {
      const res = await request(server).get('/v1/sources?tier=official&limit=10&offset=10').expect(200);
      expect(res.body.meta).toEqual({ total: 93, limit: 10, offset: 10 });
      expect(res.body.data.map((s: SourceItem) => s.url)).toEqual((await list('tier=official')).urls.slice(10, 20));
      expect(res.headers.link).toBe(
        '</v1/sources?tier=official&limit=10&offset=20>; rel="next", </v1/sources?tier=official&limit=10&offset=0>; rel="prev", ' +
          '</v1/sources?tier=official&limit=10&offset=0>; rel="first", </v1/sources?tier=official&limit=10&offset=90>; rel="last"',
      );
    });

    it('answers CSV with the same rows as the JSON', async () => {
      const res = await request(server).get('/v1/sources?format=csv').expect(200);
      expect(res.headers['content-disposition']).toBe('attachment; filename="sources.csv"');
      const records = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
      expect(records).toHaveLength(341);
      expect(records).toEqual(
        all.map((s) => ({
          id: String(s.id),
          url: s.url,
          publisher: cell(s.publisher),
          tier: cell(s.tier),
          published_on: cell(s.publishedOn),
          figures_count: String(s.figuresCount),
          operations_count: String(s.operationsCount),
          preferred_figures_count: String(s.preferredFiguresCount),
        })),
      );
      const filtered = await request(server)
        .get('/v1/sources?format=csv&operation=pangea-viii&sort=-figuresCount')
        .expect(200);
      expect(filtered.headers['content-disposition']).toBe(
        'attachment; filename="sources_operation-pangea-viii_sort--figuresCount.csv"',
      );
      const rows = parse(filtered.text, { bom: true, columns: true }) as Record<string, string>[];
      // Figures of the page across all operations: OCCRP's and SecuringIndustry's articles also report on Pangea VII and II.
      expect(rows.map((r) => r.figures_count)).toEqual(['9', '9', '7', '4', '3', '2', '2', '2', '1', '1', '0']);
    });

    it('refuses an unknown operation with a problem+json 400 before any CSV is written', async () => {
      const res = await request(server).get('/v1/sources?format=csv&operation=pangea-xii').expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { name: string }) => e.name)).toEqual(['operation']);
    });
  });

  describe('GET /v1/sources/{id}', () => {
    it('answers a source with the operations it is cited for', async () => {
      const { id } = byUrl(HPRA);
      const res = await request(server).get(`/v1/sources/${id}`).expect(200);
      expect(res.body).toEqual({
        ...byUrl(HPRA),
        operations: [
          {
            code: 'pangea-ix',
            name: 'Pangea IX',
            year: 2016,
            citedFor: ['figures'],
            figuresCount: 1,
            href: '/v1/operations/pangea-ix',
          },
          {
            code: 'pangea-x',
            name: 'Pangea X',
            year: 2017,
            citedFor: ['figures'],
            figuresCount: 13,
            href: '/v1/operations/pangea-x',
          },
        ],
      });
    });

    it('says what the page is cited for in each operation', async () => {
      const ens = await request(server)
        .get(`/v1/sources/${byUrl(ENS).id}`)
        .expect(200);
      expect(
        ens.body.operations.map((o: { code: string; citedFor: string[]; figuresCount: number }) => [
          o.code,
          o.citedFor,
          o.figuresCount,
        ]),
      ).toEqual([
        ['opson-ii', ['operation'], 0],
        ['opson-iii', ['operation', 'figures'], 7],
      ]);
      const participants = await request(server)
        .get(`/v1/sources/${byUrl(EL_NUEVO_SIGLO).id}`)
        .expect(200);
      expect(participants.body).toMatchObject({ publisher: null, tier: null, figuresCount: 0, operationsCount: 1 });
      expect(participants.body.operations).toEqual([
        {
          code: 'jupiter-vi',
          name: 'Jupiter VI',
          year: 2014,
          citedFor: ['participants'],
          figuresCount: 0,
          href: '/v1/operations/jupiter-vi',
        },
      ]);
    });

    it('answers an unknown id with 404 problem+json', async () => {
      const res = await request(server).get('/v1/sources/999999').expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        status: 404,
        type: '/problems/not-found',
        detail: 'No source has the id 999999. See /v1/sources for the ids.',
      });
    });

    it.each(['abc', '0', '1.5', '99999999999'])('refuses the id %s with 400 naming id', async (id) => {
      const res = await request(server).get(`/v1/sources/${id}`).expect(400);
      expect(res.body.errors.map((e: { name: string }) => e.name)).toContain('id');
    });
  });
});
