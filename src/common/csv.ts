import { CsvError, parse } from 'csv-parse/sync';
import { isHttpUrl, isValidDate } from './values';

/** One data row of a CSV file, with its physical line number (the header is line 1). */
export interface CsvRow {
  file: string;
  line: number;
  values: Record<string, string>;
  /** Optional columns the row did not give at all (read as empty in `values`): an import keeps their stored value. */
  absent?: readonly string[];
}

/** `<file>:<line>: <reason>`, the form every rejected row is reported in. */
export function rowError(file: string, line: number, reason: string): string {
  return `${file}:${line}: ${reason}`;
}

/** A problem found while reading CSV text, at a physical line (the header is line 1; 0 when unknown). */
export interface CsvProblem {
  line: number;
  reason: string;
}

export interface ParsedCsv {
  rows: CsvRow[];
  problems: CsvProblem[];
}

/**
 * Parses RFC 4180 text (csv-parse) and checks its header and the field count of every row. Rows are returned
 * with their physical line number; a row with the wrong number of fields, or a field holding a line break, is a
 * problem. `file` names the rows' origin (a bundled file, an uploaded import).
 * `optionalTrailing` columns may be left out of the header (as a whole, from the end): files
 * written before a column was added still load, and the missing fields read as empty.
 */
export function parseCsvText(text: string, file: string, header: readonly string[], optionalTrailing = 0): ParsedCsv {
  const problems: CsvProblem[] = [];
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][]; // eslint-disable-line @typescript-eslint/no-unnecessary-type-assertion -- without columns, csv-parse returns rows of strings; its overloads cannot say so
  } catch (error) {
    const line = error instanceof CsvError ? ((error as CsvError & { lines?: number }).lines ?? 0) : 0;
    return { rows: [], problems: [{ line, reason: `not valid CSV: ${(error as Error).message}` }] };
  }
  if (records.length === 0) return { rows: [], problems: [{ line: 1, reason: 'the file is empty (no header)' }] };

  const [first, ...data] = records;
  const width = first.length;
  if (
    width > header.length ||
    width < header.length - optionalTrailing ||
    first.some((name, i) => name !== header[i])
  ) {
    const shorter = optionalTrailing > 0 ? ` (the last ${optionalTrailing} column(s) may be left out)` : '';
    problems.push({ line: 1, reason: `header must be "${header.join(',')}"${shorter}, found "${first.join(',')}"` });
    return { rows: [], problems };
  }

  const rows: CsvRow[] = [];
  let line = 1 + lineBreaks(first);
  for (const record of data) {
    line += 1;
    const breaks = lineBreaks(record);
    if (record.length === 1 && record[0] === '') {
      problems.push({ line, reason: 'empty line' });
    } else if (record.length !== width) {
      problems.push({ line, reason: `expected ${width} fields, found ${record.length}` });
    } else if (breaks > 0) {
      problems.push({ line, reason: 'a field contains a line break' });
    } else {
      const values: Record<string, string> = {};
      header.forEach((name, i) => (values[name] = i < width ? record[i] : ''));
      rows.push(width < header.length ? { file, line, values, absent: header.slice(width) } : { file, line, values });
    }
    line += breaks;
  }
  return { rows, problems };
}

function lineBreaks(record: string[]): number {
  return record.reduce((sum, field) => sum + (field.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
}

const INTEGER = /^(0|[1-9][0-9]*)$/;

/** Collects the errors of one row; `ok` is false once any check failed. */
export class RowCheck {
  readonly reasons: string[] = [];
  constructor(private readonly row: CsvRow) {}

  get(column: string): string {
    return this.row.values[column];
  }

  /** Empty field → null. */
  optional(column: string): string | null {
    const value = this.get(column);
    return value === '' ? null : value;
  }

  fail(reason: string): void {
    this.reasons.push(reason);
  }

  require(column: string, maxLength?: number): string {
    const value = this.get(column);
    if (value.trim() === '') this.fail(`${column} is empty`);
    else if (value !== value.trim()) this.fail(`${column} "${value}" has leading or trailing spaces`);
    else if (maxLength !== undefined && value.length > maxLength)
      this.fail(`${column} is longer than ${maxLength} characters`);
    return value;
  }

  maxLength(column: string, max: number): void {
    if (this.get(column).length > max) this.fail(`${column} is longer than ${max} characters`);
  }

  date(column: string): string | null {
    const value = this.optional(column);
    if (value !== null && !isValidDate(value)) this.fail(`${column} "${value}" is not a valid YYYY-MM-DD date`);
    return value;
  }

  integer(column: string, min: number, max: number): number | null {
    const value = this.optional(column);
    if (value === null) return null;
    if (!INTEGER.test(value) || Number(value) < min || Number(value) > max) {
      this.fail(`${column} "${value}" is not an integer between ${min} and ${max}`);
      return null;
    }
    return Number(value);
  }

  url(column: string): string {
    const value = this.get(column);
    if (!isHttpUrl(value)) this.fail(`${column} "${value}" is not an http(s) URL`);
    return value;
  }

  oneOf<T extends string>(column: string, allowed: readonly T[]): T {
    const value = this.get(column);
    if (!(allowed as readonly string[]).includes(value)) {
      this.fail(`${column} "${value}" is not one of ${allowed.map((v) => (v === '' ? '(empty)' : v)).join(', ')}`);
    }
    return value as T;
  }

  get ok(): boolean {
    return this.reasons.length === 0;
  }

  errors(): string[] {
    return this.reasons.map((reason) => rowError(this.row.file, this.row.line, reason));
  }
}
