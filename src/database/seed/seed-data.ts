import { join } from 'node:path';
import { CsvRow, RowCheck, rowError } from '../../common/csv';
import { isCurrencyCode, isPlainDecimal } from '../../figures/figure-rules';
import { checkResultRow, datasetKey, FigureRow, RESULT_COLUMNS, ResultRowReferences } from '../../figures/result-row';
import { ROMAN, SLUG } from '../../operations/operation-codes';
import { SOURCE_TIERS, SourceTier } from '../../sources/entities/publisher.entity';
import { OPERATIONAL_LABELS } from './operational-regions';
import { buildReferenceData, ReferenceData } from './reference-data';
import { CsvFile, readCsv } from './seed-csv';

/** The bundled dataset (copied next to the compiled code by nest-cli.json's assets). */
export const DEFAULT_SEED_DATA_DIR = join(__dirname, 'data');

export const SEED_FILES = {
  release: 'release.csv',
  series: 'series.csv',
  publishers: 'publishers.csv',
  operations: 'operations.csv',
  participations: 'participating_countries.csv',
  results: 'results.csv',
  fxRates: 'fx_annual.csv',
} as const;

export const SEED_HEADERS = {
  release: ['release'],
  series: ['code', 'name', 'crime_area', 'description'],
  publishers: ['publisher', 'tier'],
  operations: [
    'operation_code',
    'operation_name',
    'family',
    'edition',
    'year',
    'start_date',
    'end_date',
    'region',
    'crime_area',
    'countries_count',
    'agencies_count',
    'source_url',
    'source_publisher',
    'source_date',
    'notes',
  ],
  participations: ['operation_code', 'country_iso2', 'source_url'],
  results: RESULT_COLUMNS,
  fxRates: ['year', 'currency', 'units_per_usd', 'source_url', 'source_publisher', 'notes'],
} as const;

/** Trailing columns a file may leave out: `role` came with release 2, so release 1's results.csv loads too. */
const OPTIONAL_TRAILING: Partial<Record<keyof typeof SEED_FILES, number>> = { results: 1 };

export interface SeriesSeed {
  code: string;
  name: string;
  crimeArea: string;
  description: string;
}

export interface PublisherSeed {
  name: string;
  tier: SourceTier;
}

export interface SourceSeed {
  url: string;
  /** Null for pages cited only by participating_countries.csv. */
  publisherName: string | null;
  publishedOn: string | null;
}

export interface OperationSeed {
  code: string;
  name: string;
  seriesCode: string;
  edition: string | null;
  year: number;
  startDate: string | null;
  endDate: string | null;
  regionLabel: string | null;
  crimeArea: string;
  countriesCount: number | null;
  agenciesCount: number | null;
  sourceUrl: string;
  notes: string | null;
}

export interface ParticipationSeed {
  operationCode: string;
  iso2: string;
  sourceUrl: string;
}

export interface FxRateSeed {
  year: number;
  currency: string;
  unitsPerUsd: string;
  sourceUrl: string;
  sourcePublisher: string;
  notes: string | null;
}

/** The validated content of a data folder, ready to write. */
export interface SeedData {
  dir: string;
  /** The release the folder holds (`release.csv`): a full snapshot, applied by comparing it with the database's. */
  release: number;
  reference: ReferenceData;
  series: SeriesSeed[];
  publishers: PublisherSeed[];
  sources: SourceSeed[];
  operations: OperationSeed[];
  participations: ParticipationSeed[];
  figures: FigureRow[];
  fxRates: FxRateSeed[];
}

/** Thrown when any row is invalid; nothing is written. */
export class SeedRejectedError extends Error {
  constructor(readonly errors: string[]) {
    super(`seed refused: ${errors.length} row(s) rejected, nothing written\n${errors.map((e) => `  ${e}`).join('\n')}`);
    this.name = 'SeedRejectedError';
  }
}

/** Remembers where a natural key was first seen, to report duplicates. */
class KeySet {
  private readonly seen = new Map<string, number>();
  /** Returns the line of the first occurrence when `key` is a duplicate. */
  add(key: string, line: number): number | undefined {
    const first = this.seen.get(key);
    if (first === undefined) this.seen.set(key, line);
    return first;
  }

  has(key: string): boolean {
    return this.seen.has(key);
  }
}

/** Errors in the order the files are loaded, then by line. */
function sortByFileAndLine(errors: string[]): string[] {
  const order: string[] = Object.values(SEED_FILES);
  const position = (error: string) => {
    const [file, line] = error.split(':');
    return { file: order.indexOf(file), line: Number(line) };
  };
  return errors
    .map((error, index) => ({ error, index, ...position(error) }))
    .sort((a, b) => a.file - b.file || a.line - b.line || a.index - b.index)
    .map(({ error }) => error);
}

/** What a row says about its source page, to check that every row citing a URL agrees. */
interface SourceClaim {
  publisherName: string | null;
  publishedOn: string | null;
  file: string;
  line: number;
}

/**
 * Reads and validates every file of a data folder. Every row is checked
 * (references, codes, qualifiers, quantities, unit classes, dates, duplicates)
 * before anything is written; any bad row rejects the whole dataset with
 * `<file>:<line>: <reason>` lines. No row is skipped or altered.
 */
export function loadSeedData(dir: string = DEFAULT_SEED_DATA_DIR): SeedData {
  const reference = buildReferenceData();
  const countryCodes = new Set(reference.countries.map((c) => c.iso2));
  const errors: string[] = [];
  const read = (key: keyof typeof SEED_FILES): CsvFile => {
    const file = readCsv(dir, SEED_FILES[key], SEED_HEADERS[key], OPTIONAL_TRAILING[key] ?? 0);
    errors.push(...file.errors);
    return file;
  };
  const finish = (check: RowCheck): boolean => {
    errors.push(...check.errors());
    return check.ok;
  };

  // release.csv: one row, the release number.
  let release = 0;
  const releaseRows = read('release').rows;
  for (const row of releaseRows) {
    const c = new RowCheck(row);
    const value = c.get('release') === '' ? (c.fail('release is empty'), null) : c.integer('release', 1, 100000);
    if (releaseRows.length > 1) c.fail('the file must hold exactly one release number');
    if (finish(c) && value !== null) release = value;
  }
  if (releaseRows.length === 0) errors.push(rowError(SEED_FILES.release, 2, 'no release number'));

  // series.csv
  const series: SeriesSeed[] = [];
  const seriesByCode = new Map<string, SeriesSeed>();
  const seriesKeys = new KeySet();
  for (const row of read('series').rows) {
    const c = new RowCheck(row);
    const code = c.require('code', 64);
    if (code && !SLUG.test(code)) c.fail(`code "${code}" is not a lower-case slug`);
    const dup = seriesKeys.add(code, row.line);
    if (dup !== undefined) c.fail(`series "${code}" already defined on line ${dup}`);
    const item = {
      code,
      name: c.require('name', 128),
      crimeArea: c.require('crime_area', 128),
      description: c.require('description'),
    };
    // Rejected rows still count as defined, so that one bad row does not cascade into errors elsewhere.
    if (!seriesByCode.has(code)) seriesByCode.set(code, item);
    if (finish(c)) series.push(item);
  }

  // publishers.csv
  const publishers: PublisherSeed[] = [];
  const publisherNames = new Set<string>();
  const publisherKeys = new KeySet();
  for (const row of read('publishers').rows) {
    const c = new RowCheck(row);
    const name = c.require('publisher', 256);
    const dup = publisherKeys.add(name, row.line);
    if (dup !== undefined) c.fail(`publisher "${name}" already listed on line ${dup}`);
    const tier = c.oneOf('tier', SOURCE_TIERS);
    publisherNames.add(name);
    if (finish(c)) publishers.push({ name, tier });
  }

  // Every page cited, with what the rows citing it say about it.
  const claims = new Map<string, SourceClaim>();
  const claimSource = (
    c: RowCheck,
    row: CsvRow,
    url: string,
    publisherName: string | null,
    publishedOn: string | null,
  ) => {
    const claim = { publisherName, publishedOn, file: row.file, line: row.line };
    const earlier = claims.get(url);
    if (!earlier) {
      claims.set(url, claim);
      return;
    }
    // A page cited only by participations has no publisher; a later row naming it fills it in.
    if (earlier.publisherName === null && publisherName !== null && earlier.publishedOn === null) {
      claims.set(url, claim);
      return;
    }
    if (publisherName === null && publishedOn === null) return;
    if (earlier.publisherName !== publisherName || earlier.publishedOn !== publishedOn) {
      c.fail(
        `source ${url} is given as "${publisherName}" ${publishedOn ?? '(no date)'} but ${earlier.file}:${earlier.line} ` +
          `gives "${earlier.publisherName}" ${earlier.publishedOn ?? '(no date)'}`,
      );
    }
  };
  const checkPublisher = (c: RowCheck, column: string): string => {
    const name = c.require(column);
    if (name && !publisherNames.has(name)) c.fail(`${column} "${name}" is not listed in ${SEED_FILES.publishers}`);
    return name;
  };

  // operations.csv
  const operations: OperationSeed[] = [];
  const operationKeys = new KeySet();
  for (const row of read('operations').rows) {
    const c = new RowCheck(row);
    const code = c.require('operation_code', 64);
    if (code && !SLUG.test(code)) c.fail(`operation_code "${code}" is not a lower-case slug`);
    const dup = operationKeys.add(code, row.line);
    if (dup !== undefined) c.fail(`operation "${code}" already defined on line ${dup}`);
    const seriesCode = c.require('family');
    const family = seriesByCode.get(seriesCode);
    if (seriesCode && !family) c.fail(`family "${seriesCode}" is not defined in ${SEED_FILES.series}`);
    const edition = c.optional('edition');
    if (edition !== null && (!ROMAN.test(edition) || edition.length > 16))
      c.fail(`edition "${edition}" is not a roman numeral`);
    const year = c.get('year') === '' ? (c.fail('year is empty'), null) : c.integer('year', 1990, 2100);
    const startDate = c.date('start_date');
    const endDate = c.date('end_date');
    if (startDate && endDate && c.ok && endDate < startDate)
      c.fail(`end_date ${endDate} is before start_date ${startDate}`);
    const regionLabel = c.optional('region');
    if (regionLabel !== null && !OPERATIONAL_LABELS.includes(regionLabel)) {
      c.fail(`region "${regionLabel}" is not one of ${OPERATIONAL_LABELS.join(', ')}`);
    }
    const crimeArea = c.require('crime_area', 128);
    if (family && crimeArea && crimeArea !== family.crimeArea) {
      c.fail(`crime_area "${crimeArea}" differs from the series' "${family.crimeArea}" (${SEED_FILES.series})`);
    }
    const countriesCount = c.integer('countries_count', 0, 1000);
    const agenciesCount = c.integer('agencies_count', 0, 100000);
    const sourceUrl = c.url('source_url');
    const publisher = checkPublisher(c, 'source_publisher');
    const sourceDate = c.date('source_date');
    const item: OperationSeed = {
      code,
      name: c.require('operation_name', 128),
      seriesCode,
      edition,
      year: year ?? 0,
      startDate,
      endDate,
      regionLabel,
      crimeArea,
      countriesCount,
      agenciesCount,
      sourceUrl,
      notes: c.optional('notes'),
    };
    if (c.ok) claimSource(c, row, sourceUrl, publisher, sourceDate);
    if (finish(c)) operations.push(item);
  }
  const checkOperation = (c: RowCheck): string => {
    const code = c.require('operation_code');
    if (code && !operationKeys.has(code)) c.fail(`operation_code "${code}" is not defined in ${SEED_FILES.operations}`);
    return code;
  };
  const checkCountry = (c: RowCheck, column: string, required: boolean): string | null => {
    const value = required ? c.require(column) : c.optional(column);
    if (value && !countryCodes.has(value)) c.fail(`${column} "${value}" is not an ISO 3166-1 alpha-2 country code`);
    return value || null;
  };

  // participating_countries.csv
  const participations: ParticipationSeed[] = [];
  const participationKeys = new KeySet();
  for (const row of read('participations').rows) {
    const c = new RowCheck(row);
    const operationCode = checkOperation(c);
    const iso2 = checkCountry(c, 'country_iso2', true)!;
    const sourceUrl = c.url('source_url');
    const dup = participationKeys.add(`${operationCode}|${iso2}`, row.line);
    if (dup !== undefined) c.fail(`${operationCode} ${iso2} already listed on line ${dup}`);
    if (c.ok) claimSource(c, row, sourceUrl, null, null);
    if (finish(c)) participations.push({ operationCode, iso2, sourceUrl });
  }

  // results.csv
  const figures: FigureRow[] = [];
  const figureKeys = new KeySet();
  const references: ResultRowReferences = {
    hasOperation: (code) => operationKeys.has(code),
    hasCountry: (iso2) => countryCodes.has(iso2),
    hasPublisher: (name) => publisherNames.has(name),
    operationsIn: SEED_FILES.operations,
    publishersIn: SEED_FILES.publishers,
  };
  const occurrences = new Map<string, number>();
  for (const row of read('results').rows) {
    const c = new RowCheck(row);
    const checked = checkResultRow(c, references);
    const dup = figureKeys.add(checked.key, row.line);
    if (dup !== undefined)
      c.fail(`same figure (operation, metric, unit, category, country, source, quantity) as line ${dup}`);
    if (c.ok) claimSource(c, row, checked.sourceUrl, checked.publisherName, checked.sourceDate);
    if (finish(c) && checked.figure) {
      const identity = datasetKey(checked.figure, 0);
      const occurrence = (occurrences.get(identity) ?? 0) + 1;
      occurrences.set(identity, occurrence);
      figures.push({ ...checked.figure, datasetKey: datasetKey(checked.figure, occurrence) });
    }
  }

  // fx_annual.csv
  const fxRates: FxRateSeed[] = [];
  const fxKeys = new KeySet();
  for (const row of read('fxRates').rows) {
    const c = new RowCheck(row);
    const year = c.get('year') === '' ? (c.fail('year is empty'), null) : c.integer('year', 1990, 2100);
    const currency = c.get('currency');
    if (!isCurrencyCode(currency)) c.fail(`currency "${currency}" is not an ISO 4217 code`);
    const unitsPerUsd = c.get('units_per_usd');
    if (!isPlainDecimal(unitsPerUsd) || Number(unitsPerUsd) <= 0)
      c.fail(`units_per_usd "${unitsPerUsd}" is not a positive plain decimal`);
    const sourceUrl = c.url('source_url');
    const sourcePublisher = c.require('source_publisher');
    const dup = fxKeys.add(`${year}|${currency}`, row.line);
    if (dup !== undefined) c.fail(`${year} ${currency} already given on line ${dup}`);
    if (finish(c))
      fxRates.push({ year: year!, currency, unitsPerUsd, sourceUrl, sourcePublisher, notes: c.optional('notes') });
  }

  if (errors.length > 0) throw new SeedRejectedError(sortByFileAndLine(errors));
  const sources: SourceSeed[] = [...claims.entries()]
    .map(([url, claim]) => ({ url, publisherName: claim.publisherName, publishedOn: claim.publishedOn }))
    .sort((a, b) => a.url.localeCompare(b.url));
  return { dir, release, reference, series, publishers, sources, operations, participations, figures, fxRates };
}
