import { CsvColumn } from '../common/list/list-response';
import { SourceTier } from '../sources/entities/publisher.entity';
import { FigureKind, FigureRole, FigureType, Qualifier, UnitClass } from './figure-kinds';
import { FigureDto } from './dto/figure-response.dto';

/** The public path of each figure type. */
export const RESOURCE_OF_TYPE: Readonly<Record<FigureType, string>> = {
  seizure: 'seizures',
  arrest: 'arrests',
  outcome: 'outcomes',
};

/** One row of `SELECT_FIGURES`. */
export interface FigureRow {
  id: number;
  type: FigureType;
  kind: FigureKind;
  quantity: string;
  unit: string;
  unit_class: UnitClass;
  normalized_quantity: string | null;
  currency: string | null;
  qualifier: Qualifier;
  category: string | null;
  notes: string | null;
  preferred: boolean;
  preferred_override: boolean | null;
  role: FigureRole | null;
  group_key: string;
  country_iso2: string | null;
  country_name: string | null;
  operation_code: string;
  operation_name: string;
  operation_year: number;
  series_code: string;
  source_url: string;
  source_published_on: string | null;
  publisher_name: string | null;
  publisher_tier: SourceTier | null;
  alternative_ids: number[];
}

/**
 * Every column a figure response needs. `f` and `o` are the aliases that
 * `buildFigureFilters` writes its WHERE clause for.
 */
export const SELECT_FIGURES = `
  SELECT f.id, f.type, f.kind, f.quantity::text AS quantity, f.unit, f.unit_class,
         f.normalized_quantity::text AS normalized_quantity, f.currency, f.qualifier, f.category, f.notes,
         f.preferred, f.preferred_override, f.role, f.group_key,
         f.country_iso2, c.name AS country_name,
         o.code AS operation_code, o.name AS operation_name, o.year AS operation_year, se.code AS series_code,
         s.url AS source_url, s.published_on::text AS source_published_on, p.name AS publisher_name, p.tier AS publisher_tier,
         ARRAY(SELECT a.id FROM figures a
               WHERE a.group_key = f.group_key AND a.id <> f.id AND a.deleted_at IS NULL
               ORDER BY a.preferred DESC, a.id) AS alternative_ids
  FROM figures f
  JOIN operations o ON o.id = f.operation_id
  JOIN series se ON se.id = o.series_id
  JOIN sources s ON s.id = f.source_id
  LEFT JOIN publishers p ON p.id = s.publisher_id
  LEFT JOIN countries c ON c.iso2 = f.country_iso2`;

export function figureHref(type: FigureType, id: number): string {
  return `/v1/${RESOURCE_OF_TYPE[type]}/${id}`;
}

/** The unit `normalizedQuantity` is in: kg, litres, the counted unit itself, or none for money. */
export function normalizedUnit(unitClass: UnitClass, unit: string): string | null {
  switch (unitClass) {
    case 'mass':
      return 'kg';
    case 'volume':
      return 'litres';
    case 'count':
      return unit;
    default:
      return null;
  }
}

export function toFigureResponse(row: FigureRow): FigureDto {
  return {
    id: row.id,
    type: row.type,
    kind: row.kind,
    quantity: row.quantity,
    unit: row.unit,
    unitClass: row.unit_class,
    normalizedQuantity: row.normalized_quantity,
    normalizedUnit: normalizedUnit(row.unit_class, row.unit),
    currency: row.currency,
    qualifier: row.qualifier,
    category: row.category === '' ? null : row.category,
    country: row.country_iso2 ? { iso2: row.country_iso2, name: row.country_name ?? row.country_iso2 } : null,
    operation: {
      code: row.operation_code,
      name: row.operation_name,
      year: row.operation_year,
      series: row.series_code,
    },
    source: {
      url: row.source_url,
      publisher: row.publisher_name,
      publishedOn: row.source_published_on,
      tier: row.publisher_tier,
    },
    notes: row.notes,
    preferred: row.preferred,
    preferredOverride: row.preferred_override,
    role: row.role,
    alternatives: row.alternative_ids.map((id) => ({ id, href: figureHref(row.type, id) })),
    href: figureHref(row.type, row.id),
  };
}

/** Flat columns: every row carries its operation and its source, so it can be cited on its own. */
export const FIGURE_CSV_COLUMNS: CsvColumn<FigureDto>[] = [
  { header: 'id', value: (f) => f.id },
  { header: 'operation_code', value: (f) => f.operation.code },
  { header: 'operation_name', value: (f) => f.operation.name },
  { header: 'year', value: (f) => f.operation.year },
  { header: 'kind', value: (f) => f.kind },
  { header: 'quantity', value: (f) => f.quantity },
  { header: 'unit', value: (f) => f.unit },
  { header: 'unit_class', value: (f) => f.unitClass },
  { header: 'normalized_quantity', value: (f) => f.normalizedQuantity },
  { header: 'currency', value: (f) => f.currency },
  { header: 'qualifier', value: (f) => f.qualifier },
  { header: 'category', value: (f) => f.category },
  { header: 'country', value: (f) => f.country?.iso2 },
  { header: 'source_url', value: (f) => f.source.url },
  { header: 'source_publisher', value: (f) => f.source.publisher },
  { header: 'source_date', value: (f) => f.source.publishedOn },
  { header: 'source_tier', value: (f) => f.source.tier },
  { header: 'preferred', value: (f) => f.preferred },
  { header: 'role', value: (f) => f.role },
  { header: 'notes', value: (f) => f.notes },
];
