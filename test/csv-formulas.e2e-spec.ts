import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { categoryKey } from '../src/figures/figure-rules';
import { contractValidator } from './utils/contract';
import { DatasetZip, getDatasetZip } from './utils/dataset-zip';
import {
  DANGEROUS_START,
  FORMULA_PAYLOADS,
  HOSTILE_OPERATION,
  HOSTILE_OPERATION_NAME,
  HOSTILE_PUBLISHER,
  HOSTILE_REASON,
  HostileFixture,
  NUMERIC_CELL,
  UNIT_PAYLOADS,
  writeHostileText,
} from './utils/hostile-text';
import { bearer, createSeededScratchApp, SeededScratchApp } from './utils/seeded-scratch';

/**
 * CSV injection (OWASP): text an editor stored that starts with =, +, -, @, a tab or a carriage return comes back
 * in every CSV the API writes (lists, revisions, the change feed, statistics, the dataset zip) with a single quote in
 * front, so that a spreadsheet shows it as text; numbers stay numbers; the JSON API returns the text as stored.
 * On a private copy of the real dataset, written through the API as an editor would.
 */

const ALL = Object.values(FORMULA_PAYLOADS);
/** Statistics group by category key: trimmed and lower-cased (the tab and carriage return payloads become one). */
const CATEGORY_KEYS = [...new Set(ALL.map((payload) => categoryKey(payload)!))];
/** The CSV routes of the OpenAPI document (the first test checks that none is missing). */
const CSV_PATHS = [
  '/v1/api-keys',
  '/v1/arrests',
  '/v1/arrests/{id}/revisions',
  '/v1/changes',
  '/v1/countries',
  '/v1/operations',
  '/v1/outcomes',
  '/v1/outcomes/{id}/revisions',
  '/v1/regions',
  '/v1/seizures',
  '/v1/seizures/{id}/revisions',
  '/v1/series',
  '/v1/sources',
  '/v1/stats/arrests',
  '/v1/stats/outcomes',
  '/v1/stats/seizures',
  '/v1/stats/summary',
  '/v1/stats/timeseries',
];
const quoted = (texts: string[]) => texts.map((text) => `'${text}`);

/** Every cell of a CSV body, the header row included. */
function cells(body: string | Buffer): string[] {
  return (parse(body, { bom: true, relax_quotes: false }) as string[][]).flat();
}

/** Cells a spreadsheet would evaluate: starting with a dangerous character, and not a plain number. */
function formulaCells(body: string | Buffer): string[] {
  return cells(body).filter((cell) => DANGEROUS_START.test(cell) && !NUMERIC_CELL.test(cell));
}

describe('CSV formula injection (e2e)', () => {
  let ctx: SeededScratchApp;
  let hostile: HostileFixture;
  let zipBefore: DatasetZip;

  /**
   * One request per CSV route of the OpenAPI document, and the text each must neutralise. A CSV route added
   * to the document without a line here fails the first test.
   */
  const routes = (): Record<string, { url: string; auth?: boolean; expect: string[] }> => {
    const [arrest] = hostile.ids.arrest;
    const [seizure] = hostile.ids.seizure;
    const [outcome] = hostile.ids.outcome;
    const op = `operation=${HOSTILE_OPERATION}`;
    return {
      '/v1/api-keys': { url: '/v1/api-keys?format=csv', auth: true, expect: [] },
      '/v1/arrests': { url: `/v1/arrests?${op}&format=csv`, expect: quoted(ALL) },
      '/v1/arrests/{id}/revisions': {
        url: `/v1/arrests/${arrest}/revisions?format=csv`,
        expect: quoted([HOSTILE_REASON, FORMULA_PAYLOADS['=']]),
      },
      '/v1/changes': { url: '/v1/changes?format=csv', expect: quoted([HOSTILE_REASON]) },
      '/v1/countries': { url: '/v1/countries?format=csv', expect: [] },
      '/v1/operations': {
        url: '/v1/operations?format=csv',
        expect: quoted([HOSTILE_OPERATION_NAME, FORMULA_PAYLOADS['='], HOSTILE_PUBLISHER]),
      },
      '/v1/outcomes': { url: `/v1/outcomes?${op}&format=csv`, expect: quoted(UNIT_PAYLOADS) },
      '/v1/outcomes/{id}/revisions': { url: `/v1/outcomes/${outcome}/revisions?format=csv`, expect: [] },
      '/v1/regions': { url: '/v1/regions?format=csv', expect: [] },
      '/v1/seizures': {
        url: `/v1/seizures?${op}&format=csv`,
        expect: quoted([UNIT_PAYLOADS[0], FORMULA_PAYLOADS['@'], FORMULA_PAYLOADS['-']]),
      },
      '/v1/seizures/{id}/revisions': { url: `/v1/seizures/${seizure}/revisions?format=csv`, expect: [] },
      '/v1/series': { url: '/v1/series?format=csv', expect: [] },
      '/v1/sources': { url: '/v1/sources?format=csv', expect: quoted([HOSTILE_PUBLISHER]) },
      '/v1/stats/arrests': {
        url: `/v1/stats/arrests?${op}&groupBy=category&format=csv`,
        expect: quoted(CATEGORY_KEYS),
      },
      '/v1/stats/outcomes': {
        url: `/v1/stats/outcomes?${op}&groupBy=operation&format=csv`,
        expect: quoted([HOSTILE_OPERATION_NAME, ...UNIT_PAYLOADS]),
      },
      '/v1/stats/seizures': {
        url: `/v1/stats/seizures?${op}&groupBy=category&format=csv`,
        expect: quoted([categoryKey(FORMULA_PAYLOADS['@'])!, UNIT_PAYLOADS[0]]),
      },
      '/v1/stats/summary': { url: `/v1/stats/summary?${op}&format=csv`, expect: [] },
      '/v1/stats/timeseries': {
        url: '/v1/stats/timeseries?metric=arrests&series=pangea&by=edition&format=csv',
        expect: quoted([HOSTILE_OPERATION_NAME]),
      },
    };
  };

  beforeAll(async () => {
    ctx = await createSeededScratchApp('csv_formulas');
    zipBefore = await getDatasetZip(ctx.server);
    hostile = await writeHostileText(ctx);
  }, 180_000);

  afterAll(async () => {
    await ctx?.close();
  });

  it('has a request for every CSV route of the OpenAPI document', () => {
    const csvRoutes = contractValidator()
      .operations.filter((op) => op.method === 'get' && op.responses['200']?.content?.['text/csv'])
      .map((op) => op.path)
      .sort();
    expect([...CSV_PATHS].sort()).toEqual(csvRoutes);
    expect(Object.keys(routes()).sort()).toEqual([...CSV_PATHS].sort());
  });

  it.each(ALL.map((payload) => [JSON.stringify(payload[0]), payload]))(
    'the JSON API returns text starting with %s as stored (notes and category of an arrest)',
    async (_first, payload) => {
      const res = await request(ctx.server).get(`/v1/arrests?operation=${HOSTILE_OPERATION}`).expect(200);
      const figure = (res.body.data as { category: string | null; notes: string | null }[]).find(
        (f) => f.category === payload,
      );
      expect(figure).toBeDefined();
      expect(figure!.notes).toBe(payload);
    },
  );

  it('the JSON API returns the operation, publisher, unit and reason as stored', async () => {
    const operation = await request(ctx.server).get(`/v1/operations/${HOSTILE_OPERATION}`).expect(200);
    expect(operation.body).toMatchObject({ name: HOSTILE_OPERATION_NAME, notes: FORMULA_PAYLOADS['='] });
    const outcomes = await request(ctx.server).get(`/v1/outcomes?operation=${HOSTILE_OPERATION}`).expect(200);
    expect((outcomes.body.data as { unit: string }[]).map((f) => f.unit).sort()).toEqual([...UNIT_PAYLOADS].sort());
    const sources = await request(ctx.server).get('/v1/sources?format=json&limit=1000').expect(200);
    expect((sources.body.data as { publisher: string | null }[]).map((s) => s.publisher)).toContain(HOSTILE_PUBLISHER);
    const changes = await request(ctx.server).get('/v1/changes').expect(200);
    expect((changes.body.data as { reason: string | null }[]).map((c) => c.reason)).toContain(HOSTILE_REASON);
    const stats = await request(ctx.server)
      .get(`/v1/stats/arrests?operation=${HOSTILE_OPERATION}&groupBy=category`)
      .expect(200);
    expect((stats.body.data as { labels: { category: string } }[]).map((row) => row.labels.category).sort()).toEqual(
      [...CATEGORY_KEYS].sort(),
    );
  });

  it.each(CSV_PATHS)('GET %s as CSV: no cell a spreadsheet would evaluate, the hostile text quoted', async (path) => {
    const route = routes()[path];
    const req = request(ctx.server).get(route.url);
    if (route.auth) void req.set(bearer(ctx.adminKey));
    const res = await req.expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(formulaCells(res.text)).toEqual([]);
    expect(cells(res.text)).toEqual(expect.arrayContaining(route.expect));
  });

  it('numbers stay numbers: the quantities of the hostile figures are plain numbers in CSV', async () => {
    const res = await request(ctx.server)
      .get(`/v1/arrests?operation=${HOSTILE_OPERATION}&format=csv&sort=quantity`)
      .expect(200);
    const [header, ...rows] = parse(res.text, { bom: true }) as string[][];
    expect(rows.map((row) => row[header.indexOf('quantity')])).toEqual(['99', '101', '102', '103', '104', '105']);
  });

  describe('the dataset zip', () => {
    let after: DatasetZip;

    beforeAll(async () => {
      after = await getDatasetZip(ctx.server);
    });

    it('was built again for the new data version: another ETag, with the new operation', () => {
      expect(after.res.headers.etag).not.toBe(zipBefore.res.headers.etag);
      expect(zipBefore.text('operations.csv')).not.toContain(HOSTILE_OPERATION);
      expect(after.text('operations.csv')).toContain(HOSTILE_OPERATION);
    });

    it('has no cell a spreadsheet would evaluate in any of its CSV files, and the hostile text quoted', () => {
      const csvNames = Object.keys(after.files).filter((name) => name.endsWith('.csv'));
      expect(csvNames.length).toBe(7);
      for (const name of csvNames)
        expect({ name, cells: formulaCells(after.files[name]) }).toEqual({ name, cells: [] });
      expect(cells(after.files['figures.csv'])).toEqual(
        expect.arrayContaining(quoted([...ALL, ...UNIT_PAYLOADS, HOSTILE_PUBLISHER])),
      );
      expect(cells(after.files['operations.csv'])).toEqual(
        expect.arrayContaining(quoted([HOSTILE_OPERATION_NAME, FORMULA_PAYLOADS['=']])),
      );
      expect(cells(after.files['publishers.csv'])).toEqual(expect.arrayContaining(quoted([HOSTILE_PUBLISHER])));
    });
  });
});
