import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { parse as parseYaml } from 'yaml';
import type { components } from '../clients/typescript/src/schema';
import { DownloadsService } from '../src/downloads/downloads.service';
import { openTestApp, TestApp, TestServer } from './utils/setup';
import { DatasetZip, getDatasetZip } from './utils/dataset-zip';

type DataPackage = components['schemas']['DataPackageDto'];
type DataResource = components['schemas']['DataResourceDto'];
type TableField = components['schemas']['TableFieldDto'];

/**
 * The whole-dataset download on the bundled data (release 2): the Frictionless descriptor validates against the
 * Tabular Data Package profile (JSON Schema draft-04, vendored in test/schemas from the `datapackage` npm package),
 * every file is described and every row obeys its Table Schema (types, constraints, primary and foreign keys), row
 * counts are the API's totals, `NA` is Namibia once the descriptor's missing values are applied, and the zip is built
 * once per data version.
 */

const FILES = [
  'CITATION.cff',
  'datapackage.json',
  'exchange_rates.csv',
  'figures.csv',
  'operations.csv',
  'participations.csv',
  'publishers.csv',
  'series.csv',
  'sources.csv',
];

/** Rows as objects keyed by the header, with the descriptor's missing values applied (a missing cell is null). */
function rowsOf(csv: Buffer, missingValues: string[]): { header: string[]; rows: Record<string, string | null>[] } {
  const [header, ...records] = parse(csv, { bom: true }) as string[][];
  return {
    header,
    rows: records.map((record) =>
      Object.fromEntries(header.map((name, i) => [name, missingValues.includes(record[i]) ? null : record[i]])),
    ),
  };
}

/** Why a cell breaks its Table Schema field, or undefined. */
function violation(field: TableField, value: string | null): string | undefined {
  const constraints = field.constraints ?? {};
  if (value === null) return constraints.required ? 'required' : undefined;
  const typed: Record<TableField['type'], RegExp> = {
    string: /^[\s\S]*$/,
    integer: /^-?\d+$/,
    number: /^-?\d+(\.\d+)?$/,
    boolean: /^(true|false)$/,
    date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  };
  if (!typed[field.type].test(value)) return `not a ${field.type}`;
  if (field.format === 'uri' && !/^https?:\/\/\S+$/.test(value)) return 'not a URL';
  if (constraints.enum && !constraints.enum.includes(value)) return `not one of ${constraints.enum.join(', ')}`;
  if (constraints.pattern && !new RegExp(`^(?:${constraints.pattern})$`).test(value))
    return `does not match ${constraints.pattern}`;
  if (constraints.minimum !== undefined && Number(value) < constraints.minimum) return `below ${constraints.minimum}`;
  return undefined;
}

describe('Whole-dataset download (e2e)', () => {
  let ctx: TestApp;
  let app: NestFastifyApplication;
  let server: TestServer;
  let zip: DatasetZip;
  let descriptor: DataPackage;
  const resource = (name: string) => descriptor.resources.find((r) => r.name === name)!;
  const table = (name: string) => rowsOf(zip.files[`${name}.csv`], resource(name).schema.missingValues);
  const total = async (path: string) => (await request(server).get(path).expect(200)).body.meta.total as number;

  beforeAll(async () => {
    ctx = await openTestApp();
    ({ app, server } = ctx);
    zip = await getDatasetZip(server);
    descriptor = JSON.parse(zip.text('datapackage.json')) as DataPackage;
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('is a zip attachment named after the date of the data, with one CSV per resource, the descriptor and the citation', () => {
    expect(zip.res.headers['content-type']).toBe('application/zip');
    expect(zip.res.headers['content-disposition']).toMatch(
      /^attachment; filename="operation-results-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    expect(Number(zip.res.headers['content-length'])).toBe(zip.body.length);
    expect(Object.keys(zip.files).sort()).toEqual(FILES);
  });

  it('reaches a client that accepts gzip as the same zip', async () => {
    const gzip = await getDatasetZip(server, { 'Accept-Encoding': 'gzip' });
    expect(gzip.body.equals(zip.body)).toBe(true);
  });

  it('has a descriptor that validates against the Tabular Data Package profile', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, 'schemas', 'tabular-data-package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(descriptor) ? [] : validate.errors).toEqual([]);
    expect(descriptor).toMatchObject({
      profile: 'tabular-data-package',
      name: 'operation-results',
      licenses: [{ name: 'MIT' }],
    });
    expect(descriptor.sources.map((s) => s.path)).toEqual(['sources.csv', 'exchange_rates.csv']);
  });

  it('describes every CSV file in it, with its size and SHA-256, and no file it lacks', () => {
    const csvFiles = Object.keys(zip.files)
      .filter((name) => name.endsWith('.csv'))
      .sort();
    expect(descriptor.resources.map((r) => r.path).sort()).toEqual(csvFiles);
    for (const r of descriptor.resources) {
      const file = zip.files[r.path];
      expect({ path: r.path, bytes: r.bytes, hash: r.hash }).toEqual({
        path: r.path,
        bytes: file.length,
        hash: `sha256:${createHash('sha256').update(file).digest('hex')}`,
      });
      expect(r).toMatchObject({
        profile: 'tabular-data-resource',
        format: 'csv',
        encoding: 'utf-8',
        dialect: { delimiter: ',', lineTerminator: '\r\n', header: true },
      });
      expect(r.schema.missingValues).toEqual(['']);
    }
  });

  it('gives every column a type and a description, in the order of the header', () => {
    for (const r of descriptor.resources) {
      const { header } = table(r.name);
      expect({ file: r.path, header }).toEqual({ file: r.path, header: r.schema.fields.map((f) => f.name) });
      for (const field of r.schema.fields)
        expect({ field: `${r.name}.${field.name}`, described: field.description.length >= 15 }).toEqual({
          field: `${r.name}.${field.name}`,
          described: true,
        });
    }
  });

  it('has every cell of the type and constraints of its field', () => {
    const problems: string[] = [];
    for (const r of descriptor.resources) {
      const { rows } = table(r.name);
      for (const [index, row] of rows.entries()) {
        for (const field of r.schema.fields) {
          const why = violation(field, row[field.name]);
          if (why) problems.push(`${r.path} row ${index + 2} ${field.name}=${JSON.stringify(row[field.name])}: ${why}`);
        }
      }
      for (const field of r.schema.fields.filter((f) => f.constraints?.unique)) {
        const values = rows.map((row) => row[field.name]);
        if (new Set(values).size !== values.length) problems.push(`${r.path} ${field.name}: not unique`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('has unique primary keys and foreign keys that all resolve', () => {
    const key = (row: Record<string, string | null>, fields: string[]) => JSON.stringify(fields.map((f) => row[f]));
    const problems: string[] = [];
    for (const r of descriptor.resources) {
      const { rows } = table(r.name);
      const keys = rows.map((row) => key(row, r.schema.primaryKey));
      if (new Set(keys).size !== keys.length)
        problems.push(`${r.path}: primary key ${r.schema.primaryKey.join('+')} repeats`);
      for (const fk of r.schema.foreignKeys ?? []) {
        const target = resource(fk.reference.resource) as DataResource | undefined;
        if (!target) {
          problems.push(`${r.path}: foreign key to a missing resource ${fk.reference.resource}`);
          continue;
        }
        const known = new Set(table(target.name).rows.map((row) => key(row, fk.reference.fields)));
        const dangling = rows.filter(
          (row) => fk.fields.every((f) => row[f] !== null) && !known.has(key(row, fk.fields)),
        );
        if (dangling.length > 0)
          problems.push(`${r.path}: ${dangling.length} rows whose ${fk.fields.join('+')} is not in ${target.path}`);
      }
    }
    expect(problems).toEqual([]);
    expect(
      descriptor.resources
        .flatMap((r) => (r.schema.foreignKeys ?? []).map((fk) => `${r.name}.${fk.fields.join('+')}`))
        .sort(),
    ).toEqual([
      'figures.operation',
      'figures.source_id',
      'operations.series',
      'operations.source_id',
      'participations.operation',
      'participations.source_id',
      'sources.publisher_id',
    ]);
  });

  it("has as many rows as the API's totals", async () => {
    const operations = await request(server).get('/v1/operations?limit=1000').expect(200);
    const counts = Object.fromEntries(descriptor.resources.map((r) => [r.name, table(r.name).rows.length]));
    const dataSource = app.get(DataSource);
    const [{ publishers, rates }] = await dataSource.query<{ publishers: number; rates: number }[]>(
      'SELECT (SELECT count(*) FROM publishers)::int AS publishers, (SELECT count(*) FROM fx_rates)::int AS rates',
    );
    expect(counts).toEqual({
      series: await total('/v1/series'),
      operations: operations.body.meta.total,
      figures: (await total('/v1/seizures')) + (await total('/v1/arrests')) + (await total('/v1/outcomes')),
      participations: (operations.body.data as { countriesListedCount: number }[]).reduce(
        (sum, o) => sum + o.countriesListedCount,
        0,
      ),
      sources: await total('/v1/sources'),
      publishers,
      exchange_rates: rates,
    });
    // Release 2 of the bundled data.
    expect(counts).toMatchObject({ operations: 145, series: 48, figures: 1273, participations: 772 });
  });

  it("keeps NA as Namibia when the descriptor's missing values are applied", async () => {
    const figures = table('figures').rows.filter((row) => row.country === 'NA');
    const participations = table('participations').rows.filter((row) => row.country === 'NA');
    const apiFigures =
      (await total('/v1/seizures?country=NA')) +
      (await total('/v1/arrests?country=NA')) +
      (await total('/v1/outcomes?country=NA'));
    expect(figures.length).toBe(apiFigures);
    expect(figures.length + participations.length).toBeGreaterThan(0);
    expect(new Set([...figures, ...participations].map((row) => row.country_name))).toEqual(new Set(['Namibia']));
    // What the descriptor prevents: a reader that also took "NA" as missing would lose these rows' country.
    expect(rowsOf(zip.files['participations.csv'], ['', 'NA']).rows.filter((row) => row.country === null).length).toBe(
      participations.length,
    );
  });

  it('has a CITATION.cff that names the data, its date, its authors and its licence', () => {
    const citation = parseYaml(zip.text('CITATION.cff')) as Record<string, unknown>;
    const date = /filename="operation-results-(\d{4}-\d{2}-\d{2})\.zip"/.exec(
      zip.res.headers['content-disposition'],
    )![1];
    expect(citation).toMatchObject({
      'cff-version': '1.2.0',
      type: 'dataset',
      title: descriptor.title,
      authors: [{ name: 'Operation Results API' }],
      'date-released': date,
      license: 'MIT',
    });
    expect(citation.message).toContain('cite');
    expect(descriptor.created.slice(0, 10)).toBe(date);
  });

  it('serves the same descriptor at /v1/datapackage.json', async () => {
    const res = await request(server).get('/v1/datapackage.json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual(descriptor);
  });

  it('is built once per data version: repeated requests get the same bytes and ETag, and a 304 for it', async () => {
    const downloads = app.get(DownloadsService);
    expect(await downloads.dataset()).toBe(await downloads.dataset());
    const again = await getDatasetZip(server);
    expect(again.body.equals(zip.body)).toBe(true);
    expect(again.res.headers.etag).toBe(zip.res.headers.etag);
    await request(server).get('/v1/downloads/dataset.zip').set('If-None-Match', zip.res.headers.etag).expect(304);
    const descriptorTag = (await request(server).get('/v1/datapackage.json').expect(200)).headers.etag;
    await request(server).get('/v1/datapackage.json').set('If-None-Match', descriptorTag).expect(304);
  });

  it('is linked from the landing page, with its descriptor', async () => {
    const res = await request(server).get('/').expect(200);
    expect(res.text).toContain('href="/v1/downloads/dataset.zip"');
    expect(res.text).toContain('href="/v1/datapackage.json"');
  });

  it.each(['/v1/downloads/dataset.zip?format=csv', '/v1/datapackage.json?limit=1'])(
    'refuses a parameter: %s is a 400 naming it',
    async (url) => {
      const res = await request(server).get(url).expect(400);
      expect(res.body.errors.map((e: { name: string }) => e.name)).toEqual([url.split('?')[1].split('=')[0]]);
    },
  );
});
