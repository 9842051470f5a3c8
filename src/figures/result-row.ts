import { RowCheck } from '../common/csv';
import {
  FIGURE_KINDS,
  FIGURE_ROLES,
  FigureKind,
  FigureRole,
  FigureType,
  Qualifier,
  QUALIFIERS,
  typeOfKind,
  UnitClass,
} from './figure-kinds';
import {
  deriveFigureColumns,
  FIGURE_FIELD_LIMITS,
  figureNaturalKey,
  quantityViolation,
  roleViolation,
  unitViolation,
} from './figure-rules';

/**
 * The rules of a results row: the columns of results.csv and of an import (the same), the checks of one row,
 * and a row's identity across data releases. The seed and the imports both use them.
 */

/** The columns of results.csv and of an import; `role` (the last) came with release 2 and may be left out. */
export const RESULT_COLUMNS = [
  'operation_code',
  'metric',
  'quantity',
  'unit',
  'category',
  'country',
  'qualifier',
  'source_url',
  'source_publisher',
  'source_date',
  'notes',
  'preferred',
  'role',
] as const;

/** A results row that passed its checks, with the columns derived from it, ready to write. */
export interface FigureRow {
  operationCode: string;
  type: FigureType;
  kind: FigureKind;
  quantity: string;
  unit: string;
  unitClass: UnitClass;
  normalizedQuantity: string | null;
  currency: string | null;
  category: string | null;
  categoryKey: string | null;
  countryIso2: string | null;
  qualifier: Qualifier;
  sourceUrl: string;
  notes: string | null;
  preferredOverride: boolean | null;
  role: FigureRole | null;
  /** The row's identity across releases (`datasetKey`); set by `loadSeedData`, empty for a row checked alone. */
  datasetKey: string;
}

/**
 * The stable identity of a results.csv row across releases: operation, metric, unit, category, country and
 * source URL (never the quantity, which a release may correct), plus `occurrence`, the row's number among the
 * rows with the same six values in file order (1 for the first). Written as the text of a JSON array, exactly
 * as PostgreSQL prints `jsonb_build_array(…)::text` (migration DatasetReleases backfills it that way), e.g.
 * `["pangea-iv", "arrests", "people", "", "", "http://…", 1]`.
 */
export function datasetKey(
  parts: {
    operationCode: string;
    kind: string;
    unit: string;
    category: string | null;
    countryIso2: string | null;
    sourceUrl: string;
  },
  occurrence: number,
): string {
  const text = [
    parts.operationCode,
    parts.kind,
    parts.unit,
    parts.category ?? '',
    parts.countryIso2 ?? '',
    parts.sourceUrl,
  ].map((v) => JSON.stringify(v));
  return `[${[...text, String(occurrence)].join(', ')}]`;
}

/** What a results row refers to, and where those are listed (for the messages). */
export interface ResultRowReferences {
  hasOperation(code: string): boolean;
  hasCountry(iso2: string): boolean;
  hasPublisher(name: string): boolean;
  /** Where operation codes are defined, e.g. `operations.csv`. */
  operationsIn: string;
  /** Where publishers are listed, e.g. `publishers.csv`. */
  publishersIn: string;
}

/** One results row, checked on its own. */
export interface CheckedResultRow {
  /** The figure to write; null when a check of the row failed. */
  figure: FigureRow | null;
  sourceUrl: string;
  publisherName: string;
  sourceDate: string | null;
  /** The natural key (operation, metric, unit, category, country, source, quantity), to find duplicates. */
  key: string;
}

/**
 * The checks of one row of results.csv (or of an import, which has the same
 * columns): references, metric, quantity, unit class, qualifier, URL, dates.
 * Problems go to `c`. What needs the other rows (duplicates, agreement of rows
 * citing the same page) is the caller's.
 */
export function checkResultRow(c: RowCheck, references: ResultRowReferences): CheckedResultRow {
  const operationCode = c.require('operation_code');
  if (operationCode && !references.hasOperation(operationCode)) {
    c.fail(`operation_code "${operationCode}" is not defined in ${references.operationsIn}`);
  }
  const kind = c.oneOf('metric', FIGURE_KINDS);
  const quantity = c.get('quantity');
  const badQuantity = quantityViolation(quantity);
  if (badQuantity) c.fail(badQuantity);
  const unit = c.require('unit', FIGURE_FIELD_LIMITS.unit);
  const badUnit = unit && FIGURE_KINDS.includes(kind) ? unitViolation(kind, unit) : null;
  if (badUnit) c.fail(badUnit);
  c.maxLength('category', FIGURE_FIELD_LIMITS.category);
  const category = c.optional('category');
  const countryIso2 = c.optional('country');
  if (countryIso2 && !references.hasCountry(countryIso2))
    c.fail(`country "${countryIso2}" is not an ISO 3166-1 alpha-2 country code`);
  const qualifier = c.oneOf('qualifier', QUALIFIERS);
  const sourceUrl = c.url('source_url');
  const publisherName = c.require('source_publisher');
  if (publisherName && !references.hasPublisher(publisherName)) {
    c.fail(`source_publisher "${publisherName}" is not listed in ${references.publishersIn}`);
  }
  const sourceDate = c.date('source_date');
  const preferred = c.oneOf('preferred', ['', 'yes', 'no'] as const);
  const role = c.oneOf('role', ['', ...FIGURE_ROLES] as const);
  const badRole = role ? roleViolation(role, countryIso2) : null;
  if (badRole) c.fail(badRole);
  const key = figureNaturalKey(operationCode, kind, unit, category, countryIso2, sourceUrl, quantity);
  if (!c.ok) return { figure: null, sourceUrl, publisherName, sourceDate, key };
  const derived = deriveFigureColumns({ operationId: 0, kind, quantity, unit, category, countryIso2 });
  const figure: FigureRow = {
    operationCode,
    type: typeOfKind(kind),
    kind,
    quantity,
    unit,
    unitClass: derived.unitClass,
    normalizedQuantity: derived.normalizedQuantity,
    currency: derived.currency,
    category,
    categoryKey: derived.categoryKey,
    countryIso2,
    qualifier,
    sourceUrl,
    notes: c.optional('notes'),
    preferredOverride: preferred === 'yes' ? true : preferred === 'no' ? false : null,
    role: role === '' ? null : role,
    datasetKey: '',
  };
  return { figure, sourceUrl, publisherName, sourceDate, key };
}
