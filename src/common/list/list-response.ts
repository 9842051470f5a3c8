import { StreamableFile } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { stringify } from 'csv-stringify';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { appendLink } from '../deprecation';
import { DEFAULT_LIMIT, ListQueryDto } from './list-query.dto';
import { withoutIgnoredParameters } from '../validation';

export class ListMetaDto {
  /** Rows matching the filters, all pages together. */
  @ApiProperty({ type: 'integer', example: 55 })
  total: number;

  @ApiProperty({ type: 'integer', example: 50 })
  limit: number;

  @ApiProperty({ type: 'integer', example: 0 })
  offset: number;
}

export interface ListBody<T> {
  data: T[];
  meta: ListMetaDto;
}

/** One CSV column: its header and how to read it from a response item. */
export interface CsvColumn<T> {
  header: string;
  value: (item: T) => string | number | boolean | null | undefined;
}

/** One page of response items (already mapped to the public shape) and the total. */
export type PageFetch<T> = (limit: number, offset: number) => Promise<{ items: T[]; total: number }>;

export interface ListSource<T> {
  /** Short name used in the CSV filename, e.g. `seizures`. */
  name: string;
  fetch: PageFetch<T>;
  csvColumns: CsvColumn<T>[];
}

const CSV_BATCH = 1000;

export function wantsCsv(request: FastifyRequest, query: ListQueryDto | { format?: string }): boolean {
  if (query.format) return query.format === 'csv';
  const accept = request.headers.accept ?? '';
  return /\btext\/csv\b/i.test(accept) && !/\bapplication\/json\b/i.test(accept);
}

/** `seizures_operation-pangea-vii_kind-arrests.csv`: the path and the query, safe for a filename. */
export function csvFilename(name: string, request: FastifyRequest): string {
  const params = new URL(request.url, 'http://localhost').searchParams;
  const parts = [name];
  for (const key of [...new Set(params.keys())].sort()) {
    if (key === 'format') continue;
    parts.push(`${key}-${params.getAll(key).join('+')}`);
  }
  const base = parts
    .join('_')
    .replace(/[^A-Za-z0-9._+-]+/g, '-')
    .slice(0, 150);
  return `${base}.csv`;
}

export function linkHeader(request: FastifyRequest, limit: number, offset: number, total: number): string | undefined {
  const url = new URL(withoutIgnoredParameters(request.url), 'http://localhost');
  const link = (rel: string, at: number) => {
    url.searchParams.set('offset', String(at));
    url.searchParams.set('limit', String(limit));
    return `<${url.pathname}${url.search}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (offset + limit < total) links.push(link('next', offset + limit));
  if (offset > 0) links.push(link('prev', Math.max(0, offset - limit)));
  links.push(link('first', 0));
  if (total > 0) links.push(link('last', Math.floor((total - 1) / limit) * limit));
  return links.join(', ');
}

/**
 * Every row for a CSV download, fetched in batches. The first batch is read
 * before the response starts, so a bad filter still becomes a 400 instead of
 * a broken stream after a 200.
 */
async function csvRows<T>(source: ListSource<T>, limit: number | undefined, offset: number): Promise<AsyncIterable<T>> {
  const wanted = limit ?? Number.POSITIVE_INFINITY;
  const batch = async (at: number, remaining: number) => (await source.fetch(Math.min(CSV_BATCH, remaining), at)).items;
  const first = await batch(offset, wanted);
  return (async function* () {
    let items = first;
    let position = offset;
    let remaining = wanted;
    for (;;) {
      yield* items;
      position += items.length;
      remaining -= items.length;
      if (items.length < CSV_BATCH || remaining <= 0) return;
      items = await batch(position, remaining);
    }
  })();
}

/**
 * The CSV every download uses (lists, statistics, the dataset): a UTF-8 BOM for spreadsheets, CRLF line ends,
 * booleans as true/false, line breaks inside a cell quoted, and no cell that a spreadsheet would evaluate. A text cell that begins with `=`, `+`,
 * `-`, `@`, a tab or a carriage return (or the full-width `＝＋－＠`) is written with a single quote in front
 * (OWASP "CSV Injection"), by csv-stringify's `escape_formulas`; numbers, negative ones included, are written as
 * they are, and so are decimal strings, which never start with a sign. The JSON API returns the stored text.
 */
export const CSV_FORMAT = {
  bom: true,
  record_delimiter: 'windows',
  // csv-stringify quotes only the whole "\r\n" once a record delimiter is set: a lone line feed or carriage
  // return in a note would otherwise end the row for every reader.
  quote_record_delimiter: true,
  escape_formulas: true,
  cast: { boolean: (value: boolean) => (value ? 'true' : 'false') },
} as const;

export function csvStream<T>(rows: AsyncIterable<T>, columns: CsvColumn<T>[]): Readable {
  const records = Readable.from(
    (async function* () {
      for await (const row of rows) yield columns.map((c) => c.value(row) ?? '');
    })(),
  );
  const stringifier = stringify({ header: true, columns: columns.map((c) => c.header), ...CSV_FORMAT });
  records.on('error', (error) => stringifier.destroy(error));
  return records.pipe(stringifier);
}

/**
 * Answers a list request: JSON `{ data, meta }` with a `Link` header, or a
 * streamed CSV with a header row and a filename that names the query. Routes
 * use it through `@ListOf()` (list.decorator.ts).
 */
export async function respondWithList<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  query: ListQueryDto,
  source: ListSource<T>,
): Promise<ListBody<T> | StreamableFile> {
  const offset = query.offset ?? 0;
  if (wantsCsv(request, query)) {
    void reply.header('Vary', 'Accept');
    return new StreamableFile(csvStream(await csvRows(source, query.limit, offset), source.csvColumns), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${csvFilename(source.name, request)}"`,
    });
  }
  const limit = query.limit ?? DEFAULT_LIMIT;
  const { items, total } = await source.fetch(limit, offset);
  const link = linkHeader(request, limit, offset, total);
  void reply.header('Vary', 'Accept');
  if (link) appendLink(reply, link);
  return { data: items, meta: { total, limit, offset } };
}
