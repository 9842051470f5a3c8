import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { DEFAULT_SEED_DATA_DIR, loadSeedData, SeedRejectedError } from './seed-data';
import { readCsv } from './seed-csv';

/** Copies the bundled data, applies `edits` to physical lines (index 0 = line 1), returns the errors of loading it. */
function errorsAfter(edits: Record<string, (lines: string[]) => void>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'seed-data-spec-'));
  try {
    cpSync(DEFAULT_SEED_DATA_DIR, dir, { recursive: true });
    for (const [file, edit] of Object.entries(edits)) {
      const lines = readFileSync(join(dir, file), 'utf8').split('\r\n');
      edit(lines);
      writeFileSync(join(dir, file), lines.join('\r\n'));
    }
    loadSeedData(dir);
    return [];
  } catch (error) {
    if (error instanceof SeedRejectedError) return error.errors;
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Replaces field `index` (0-based) of one CSV line, quoting as needed. */
function setField(line: string, index: number, value: string): string {
  const [fields] = parse(line) as string[][];
  fields[index] = value;
  return stringify([fields], { eof: false });
}

describe('loadSeedData (bundled data)', () => {
  const data = loadSeedData();

  it('accepts every row of every file', () => {
    // Release 2: data rows of each file (lines minus the header); sources = distinct source_url of operations.csv,
    // results.csv and participating_countries.csv together.
    expect(data.series).toHaveLength(48);
    expect(data.publishers).toHaveLength(230);
    expect(data.operations).toHaveLength(145);
    expect(data.participations).toHaveLength(772);
    expect(data.figures).toHaveLength(1273);
    expect(data.fxRates).toHaveLength(211);
    expect(data.sources).toHaveLength(341);
    expect(data.reference.countries).toHaveLength(249);
  });

  it('keeps quantities as text and maps empty fields to null', () => {
    const opsonV = data.figures.find(
      (f) => f.operationCode === 'opson-v' && f.kind === 'volume_seized' && f.quantity === '1449056.4',
    )!;
    // results.csv line 306: role `total` (the whole food and drink volume); line 567: empty role.
    expect(opsonV).toMatchObject({
      unit: 'litres',
      unitClass: 'volume',
      normalizedQuantity: '1449056.4',
      countryIso2: null,
      preferredOverride: null,
      role: 'total',
    });
    const typo = data.figures.find((f) => f.operationCode === 'first-light-2022' && f.quantity === '2999')!;
    expect(typo.preferredOverride).toBe(false);
    expect(typo.role).toBeNull();
    expect(data.operations.find((o) => o.code === 'opson-ii')).toMatchObject({
      regionLabel: null,
      startDate: null,
      edition: 'II',
    });
    expect(data.operations.find((o) => o.code === 'wipeout-2014')).toMatchObject({
      edition: null,
      regionLabel: 'Africa',
    });
  });

  it('gives pages cited only for participations no publisher', () => {
    // 16 source_url of participating_countries.csv that neither operations.csv nor results.csv cites.
    const orphans = data.sources.filter((s) => s.publisherName === null);
    expect(orphans).toHaveLength(16);
    expect(orphans.every((s) => s.publishedOn === null)).toBe(true);
  });

  it('keeps Namibia (NA) as a country, not a missing value', () => {
    // results.csv rows with country NA: 12 of release 1 and 1 of release 2.
    expect(data.figures.filter((f) => f.countryIso2 === 'NA').length).toBe(13);
  });
});

describe('loadSeedData (rejections)', () => {
  it('reports a bad quantity with file and physical line', () => {
    expect(errorsAfter({ 'results.csv': (l) => (l[9] = setField(l[9], 2, '1,000')) })).toEqual([
      'results.csv:10: quantity "1,000" is not a plain non-negative decimal (digits and one optional point)',
    ]);
  });

  it('reports every bad row of every file, not just the first', () => {
    const errors = errorsAfter({
      'results.csv': (l) => {
        l[1] = setField(l[1], 0, 'pangea-xii');
        l[2] = setField(l[2], 5, 'XX');
        l[3] = setField(l[3], 6, 'about');
        l[4] = setField(l[4], 1, 'seizures');
        l[5] = setField(l[5], 9, '2020-02-30');
        l[6] = setField(l[6], 8, 'Unknown Gazette');
        l[7] = setField(l[7], 11, 'maybe');
        l[8] = setField(l[8], 2, '-5');
      },
      'publishers.csv': (l) => (l[2] = setField(l[2], 1, 'blog')),
      'fx_annual.csv': (l) => (l[1] = setField(l[1], 1, 'XYZ')),
    });
    expect(errors).toEqual([
      'publishers.csv:3: tier "blog" is not one of official, regulator, media',
      'results.csv:2: operation_code "pangea-xii" is not defined in operations.csv',
      'results.csv:3: country "XX" is not an ISO 3166-1 alpha-2 country code',
      'results.csv:4: qualifier "about" is not one of exact, approximately, more_than, nearly, up_to',
      'results.csv:5: metric "seizures" is not one of items_seized, value_seized, weight_seized, volume_seized, arrests, persons_under_investigation, websites_shut_down, packages_inspected, packages_seized, investigations_opened, raids_or_checks, labs_dismantled, other',
      'results.csv:6: source_date "2020-02-30" is not a valid YYYY-MM-DD date',
      'results.csv:7: source_publisher "Unknown Gazette" is not listed in publishers.csv',
      'results.csv:8: preferred "maybe" is not one of (empty), yes, no',
      'results.csv:9: quantity "-5" is not a plain non-negative decimal (digits and one optional point)',
      'fx_annual.csv:2: currency "XYZ" is not an ISO 4217 code',
    ]);
  });

  it('checks that the unit fits the metric', () => {
    const line = (l: string[], metric: string) => l.findIndex((row) => row.split(',')[1] === metric);
    const errors = errorsAfter({
      'results.csv': (l) => {
        const value = line(l, 'value_seized');
        l[value] = setField(l[value], 3, 'kg');
        const weight = line(l, 'weight_seized');
        l[weight] = setField(l[weight], 3, 'litres');
        const arrests = line(l, 'arrests');
        l[arrests] = setField(l[arrests], 3, 'USD');
      },
    });
    expect(errors).toHaveLength(3);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^results\.csv:\d+: unit "kg" is mass, but value_seized needs a money unit$/),
        expect.stringMatching(/^results\.csv:\d+: unit "litres" is volume, but weight_seized needs a mass unit$/),
        expect.stringMatching(/^results\.csv:\d+: unit "USD" is money, but arrests needs a count unit$/),
      ]),
    );
  });

  it('refuses a duplicate figure and names the first line', () => {
    // A copy of line 10 appended after the 1,273 data rows (lines 2-1274) is line 1275.
    expect(errorsAfter({ 'results.csv': (l) => l.splice(l.length - 1, 0, l[9]) })).toEqual([
      'results.csv:1275: same figure (operation, metric, unit, category, country, source, quantity) as line 10',
    ]);
  });

  it('checks operations: region label, family, dates, counts', () => {
    const errors = errorsAfter({
      'operations.csv': (l) => {
        l[1] = setField(l[1], 7, 'Atlantis');
        l[2] = setField(l[2], 2, 'unknown-family');
        l[3] = setField(l[3], 6, '2010-10-01'); // pangea-iii ends before it starts (2010-10-05)
        l[4] = setField(l[4], 9, 'eighty');
      },
    });
    expect(errors).toEqual([
      // Release 2 added the labels Americas, Caribbean and Middle East and North Africa (RELEASE-2.md, "NEW LABELS").
      'operations.csv:2: region "Atlantis" is not one of Global, Africa, Eastern Africa, Southern Africa, West Africa, South America, Central America, South East Asia, Asia, Europe, Americas, Caribbean, Middle East, Middle East and North Africa',
      'operations.csv:3: family "unknown-family" is not defined in series.csv',
      'operations.csv:4: end_date 2010-10-01 is before start_date 2010-10-05',
      'operations.csv:5: countries_count "eighty" is not an integer between 0 and 1000',
    ]);
  });

  it('refuses a source cited with two different publishers', () => {
    // results.csv line 3 cites the PharmaTimes page of operations.csv line 3 (pangea-ii).
    const errors = errorsAfter({ 'results.csv': (l) => (l[2] = setField(l[2], 8, 'INTERPOL')) });
    expect(errors).toEqual([
      expect.stringMatching(
        /^results\.csv:3: source https:\/\/www\.pharmatimes\.com\/.* is given as "INTERPOL" \(no date\) but operations\.csv:3 gives "PharmaTimes" \(no date\)$/,
      ),
    ]);
  });

  it('reports a row with the wrong number of fields, a wrong header and an empty line', () => {
    const errors = errorsAfter({
      'participating_countries.csv': (l) => {
        l[4] = `${l[4]},extra`;
        l.splice(6, 0, '');
      },
      'series.csv': (l) => (l[0] = 'code,name,crime_area'),
    });
    expect(errors[0]).toBe(
      'series.csv:1: header must be "code,name,crime_area,description", found "code,name,crime_area"',
    );
    // With no series, every operation (145 rows of operations.csv) names an unknown family; family codes may hold digits (30-days-at-sea).
    expect(
      errors.filter((e) => /^operations\.csv:\d+: family "[a-z0-9-]+" is not defined in series\.csv$/.test(e)),
    ).toHaveLength(145);
    expect(errors).toContain('participating_countries.csv:5: expected 3 fields, found 4');
    expect(errors).toContain('participating_countries.csv:7: empty line');
  });

  it('reports broken quoting with its line', () => {
    const errors = errorsAfter({ 'fx_annual.csv': (l) => (l[3] = `2010,"EUR,0.7541,${l[3]}`) });
    expect(errors).toEqual([expect.stringMatching(/^fx_annual\.csv:\d+: not valid CSV: /)]);
  });
});

describe('readCsv', () => {
  it('numbers rows by physical line, counting line breaks inside quoted fields', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-csv-spec-'));
    try {
      writeFileSync(join(dir, 'x.csv'), 'a,b\r\n1,2\r\n3,"x\r\ny"\r\n5,6\r\n');
      const file = readCsv(dir, 'x.csv', ['a', 'b']);
      expect(file.rows.map((r) => [r.line, r.values.a])).toEqual([
        [2, '1'],
        [5, '5'],
      ]);
      expect(file.errors).toEqual(['x.csv:3: a field contains a line break']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a missing file', () => {
    expect(readCsv('/nonexistent', 'y.csv', ['a']).errors[0]).toMatch(/^y\.csv:0: cannot read the file/);
  });
});
