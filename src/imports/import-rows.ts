import { CsvRow, parseCsvText } from '../common/csv';
import { RESULT_COLUMNS } from '../figures/result-row';

/** The columns of an import: those of the bundled results.csv. */
export const IMPORT_COLUMNS = RESULT_COLUMNS;
type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** The JSON field of each column. */
export const JSON_FIELDS: Readonly<Record<ImportColumn, string>> = {
  operation_code: 'operationCode',
  metric: 'metric',
  quantity: 'quantity',
  unit: 'unit',
  category: 'category',
  country: 'country',
  qualifier: 'qualifier',
  source_url: 'sourceUrl',
  source_publisher: 'sourcePublisher',
  source_date: 'sourceDate',
  notes: 'notes',
  preferred: 'preferred',
  role: 'role',
};
/** Columns an import may leave out; for a figure already stored, leaving one out keeps its value. */
const OPTIONAL_COLUMNS: ImportColumn[] = ['role'];
const COLUMN_OF_FIELD = new Map(Object.entries(JSON_FIELDS).map(([column, field]) => [field, column as ImportColumn]));

/** A bad row: its line (CSV: physical line, the header is 1; JSON: index + 1) and what is wrong. */
export interface RowProblem {
  line: number;
  reason: string;
}

export interface ImportRows {
  /** Rows whose shape is right, as CSV values, each with its line. */
  rows: CsvRow[];
  /** Rows refused for their shape (field count, types, unknown fields). */
  problems: RowProblem[];
  /** Data rows in the body, good and bad: what the row limit counts. */
  count: number;
}

const ORIGIN = 'import';

/** Rows of a CSV body with the header of results.csv. */
export function rowsFromCsv(text: string): ImportRows {
  // `role` (added with release 2 of the data) may be left out: files in the earlier columns still import.
  const { rows, problems } = parseCsvText(text, ORIGIN, IMPORT_COLUMNS, 1);
  const header = problems.some((p) => p.line <= 1);
  return { rows, problems, count: header ? 0 : rows.length + problems.length };
}

/** A JSON value as the text a CSV field would hold, or an error message. */
function fieldText(column: ImportColumn, field: string, value: unknown): { text: string } | { error: string } {
  if (value === undefined || value === null) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (column === 'quantity' && typeof value === 'number' && Number.isFinite(value)) return { text: String(value) };
  if (column === 'preferred' && typeof value === 'boolean') return { text: value ? 'yes' : 'no' };
  const expected =
    column === 'quantity'
      ? 'a string or a number'
      : column === 'preferred'
        ? 'true, false, null or "yes"/"no"'
        : 'a string or null';
  return { error: `${field} must be ${expected}, found ${Array.isArray(value) ? 'an array' : typeof value}` };
}

/** `undefined` when the body is not `{ "rows": [ … ] }`: the caller refuses it as a whole. */
export function jsonRowsArray(body: unknown): unknown[] | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'rows') return undefined;
  const rows = (body as { rows: unknown }).rows;
  return Array.isArray(rows) ? rows : undefined;
}

/** Rows of a JSON body `{ "rows": [ {operationCode, metric, …} ] }`; a row's line is its index + 1. */
export function rowsFromJson(items: unknown[]): ImportRows {
  const rows: CsvRow[] = [];
  const problems: RowProblem[] = [];
  items.forEach((item, index) => {
    const line = index + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push({ line, reason: 'a row must be an object with the fields operationCode, metric, quantity, …' });
      return;
    }
    const reasons: string[] = [];
    for (const field of Object.keys(item)) {
      if (!COLUMN_OF_FIELD.has(field)) reasons.push(`unknown field "${field.slice(0, 64)}"`);
    }
    const values = {} as Record<string, string>;
    for (const column of IMPORT_COLUMNS) {
      const field = JSON_FIELDS[column];
      const value = fieldText(column, field, (item as Record<string, unknown>)[field]);
      if ('error' in value) reasons.push(value.error);
      else values[column] = value.text;
    }
    // `role` left out of a row (rather than given as null) keeps a stored figure's role, as in a CSV without the column.
    const absent = OPTIONAL_COLUMNS.filter((column) => !(JSON_FIELDS[column] in (item as Record<string, unknown>)));
    if (reasons.length > 0) problems.push(...reasons.map((reason) => ({ line, reason })));
    else rows.push(absent.length > 0 ? { file: ORIGIN, line, values, absent } : { file: ORIGIN, line, values });
  });
  return { rows, problems, count: items.length };
}
