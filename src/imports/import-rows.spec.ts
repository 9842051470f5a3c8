import { jsonRowsArray, rowsFromCsv, rowsFromJson } from './import-rows';

/** The header of results.csv since release 2 of the data: `role` after `preferred`. */
const HEADER =
  'operation_code,metric,quantity,unit,category,country,qualifier,source_url,source_publisher,source_date,notes,preferred,role';
/** The header of release 1, without `role`: such files still import. */
const RELEASE_1_HEADER = HEADER.replace(/,role$/, '');

describe('rowsFromCsv', () => {
  it('numbers rows by physical line, the header being line 1, past a quoted line break', () => {
    const text = `${HEADER}\na,arrests,1,people,,,exact,https://x.org,P,,,,\nb,arrests,2,people,,,exact,https://x.org,P,,"two\nlines",,\nc,arrests,3,people,,,exact,https://x.org,P,,,yes,total\n`;
    const { rows, problems, count } = rowsFromCsv(text);
    expect(rows.map((r) => [r.line, r.values.operation_code])).toEqual([
      [2, 'a'],
      [5, 'c'],
    ]);
    expect(rows[1].values.preferred).toBe('yes');
    expect(rows[1].values.role).toBe('total');
    expect(rows[0].values.role).toBe('');
    expect(problems).toEqual([{ line: 3, reason: 'a field contains a line break' }]);
    expect(count).toBe(3);
  });

  it('reads a file with the release 1 header (no role column), the role left empty', () => {
    const text = `${RELEASE_1_HEADER}\na,arrests,1,people,,,exact,https://x.org,P,,,yes\nb,b\n`;
    const { rows, problems, count } = rowsFromCsv(text);
    expect(rows.map((r) => [r.line, r.values.operation_code, r.values.preferred, r.values.role])).toEqual([
      [2, 'a', 'yes', ''],
    ]);
    // Rows are measured against the header the file has: 12 fields.
    expect(problems).toEqual([{ line: 3, reason: 'expected 12 fields, found 2' }]);
    expect(count).toBe(2);
  });

  it('refuses another header, counting no rows', () => {
    expect(rowsFromCsv('code,metric\nx,y\n')).toEqual({
      rows: [],
      problems: [
        { line: 1, reason: `header must be "${HEADER}" (the last 1 column(s) may be left out), found "code,metric"` },
      ],
      count: 0,
    });
  });

  it('reports a row with the wrong number of fields', () => {
    expect(rowsFromCsv(`${HEADER}\na,b\n`).problems).toEqual([{ line: 2, reason: 'expected 13 fields, found 2' }]);
  });
});

describe('rowsFromJson', () => {
  it('turns each row into CSV values: numbers and booleans where the CSV has text, null as empty', () => {
    const { rows, problems } = rowsFromJson([
      {
        operationCode: 'a',
        metric: 'arrests',
        quantity: 12,
        unit: 'people',
        qualifier: 'exact',
        sourceUrl: 'https://x.org',
        sourcePublisher: 'P',
        preferred: true,
        country: null,
      },
      {
        operationCode: 'b',
        metric: 'arrests',
        quantity: '3',
        unit: 'people',
        qualifier: 'exact',
        sourceUrl: 'https://x.org',
        sourcePublisher: 'P',
        role: 'total',
      },
    ]);
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({
      line: 1,
      values: {
        operation_code: 'a',
        quantity: '12',
        preferred: 'yes',
        country: '',
        notes: '',
        source_date: '',
        role: '',
      },
    });
    expect(rows[1]).toMatchObject({
      line: 2,
      values: { operation_code: 'b', quantity: '3', preferred: '', role: 'total' },
    });
  });

  it('numbers bad rows by index + 1 and names each problem', () => {
    const { rows, problems, count } = rowsFromJson([
      { operationCode: 'a' },
      7,
      { operationCode: ['a'], quantity: true, preferred: 'x', colour: 'red' },
    ]);
    expect(rows).toHaveLength(1);
    expect(count).toBe(3);
    expect(problems).toEqual([
      { line: 2, reason: 'a row must be an object with the fields operationCode, metric, quantity, …' },
      { line: 3, reason: 'unknown field "colour"' },
      { line: 3, reason: 'operationCode must be a string or null, found an array' },
      { line: 3, reason: 'quantity must be a string or a number, found boolean' },
    ]);
  });
});

describe('jsonRowsArray', () => {
  it('accepts { rows: [...] } and nothing else', () => {
    expect(jsonRowsArray({ rows: [1] })).toEqual([1]);
    for (const body of [null, [], 'rows', { rows: {} }, { rows: [], more: 1 }, {}])
      expect(jsonRowsArray(body)).toBeUndefined();
  });
});
