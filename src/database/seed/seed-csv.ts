import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';

/** One data row of a CSV file, with its physical line number (the header is line 1). */
export interface CsvRow {
  file: string;
  line: number;
  values: Record<string, string>;
  /** Optional columns the row did not give at all (read as empty in `values`): an import keeps their stored value. */
  absent?: readonly string[];
}

export interface CsvFile {
  file: string;
  rows: CsvRow[];
  errors: string[];
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
 * Reads an RFC 4180 file (csv-parse) and checks its header and the field count
 * of every row. Rows are returned with their physical line number; a row with
 * the wrong number of fields, or a field holding a line break, is an error.
 * `optionalTrailing`: as for `parseCsvText` (files of an older release without a later column).
 */
export function readCsv(dir: string, file: string, header: readonly string[], optionalTrailing = 0): CsvFile {
  let text: string;
  try {
    text = readFileSync(join(dir, file), 'utf8');
  } catch (error) {
    return { file, rows: [], errors: [rowError(file, 0, `cannot read the file (${(error as Error).message})`)] };
  }
  const { rows, problems } = parseCsvText(text, file, header, optionalTrailing);
  return { file, rows, errors: problems.map((p) => rowError(file, p.line, p.reason)) };
}

/**
 * `readCsv` on text already in memory (an uploaded import); `file` names the rows' origin.
 * `optionalTrailing` columns may be left out of the header (as a whole, from the end): files
 * written before a column was added still load, and the missing fields read as empty.
 */
export function parseCsvText(text: string, file: string, header: readonly string[], optionalTrailing = 0): ParsedCsv {
  const problems: CsvProblem[] = [];
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    const line = error instanceof CsvError ? ((error as CsvError & { lines?: number }).lines ?? 0) : 0;
    return { rows: [], problems: [{ line, reason: `not valid CSV: ${(error as Error).message}` }] };
  }
  if (records.length === 0) return { rows: [], problems: [{ line: 1, reason: 'the file is empty (no header)' }] };

  const [first, ...data] = records;
  const width = first.length;
  if (width > header.length || width < header.length - optionalTrailing || first.some((name, i) => name !== header[i])) {
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
