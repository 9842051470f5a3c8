import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvRow, parseCsvText, rowError } from '../../common/csv';

export interface CsvFile {
  file: string;
  rows: CsvRow[];
  errors: string[];
}

/**
 * Reads an RFC 4180 file (csv-parse) and checks its header and the field count
 * of every row. Rows are returned with their physical line number; a row with
 * the wrong number of fields, or a field holding a line break, is an error.
 * `optionalTrailing`: as for `parseCsvText` (common/csv.ts) (files of an older release without a later column).
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
