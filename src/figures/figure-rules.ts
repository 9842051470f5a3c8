import { FigureKind, UnitClass } from './figure-kinds';

/**
 * Rules that derive the stored columns of a figure from what the source
 * reported (unit class, normalised quantity, grouping key). Pure functions:
 * the seed and the write API both use them, so the two cannot disagree.
 */

/**
 * The longest unit and category a figure may carry: the write API, the seed and the imports check them, and
 * they are the lengths of the `figures` columns (figure.entity.ts).
 */
export const FIGURE_FIELD_LIMITS = { unit: 64, category: 128 } as const;

/** A plain non-negative decimal as written in the data: no sign, exponent, separators or leading zeros. */
export const PLAIN_DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;

export function isPlainDecimal(value: string): boolean {
  return PLAIN_DECIMAL.test(value);
}

/** Units of mass and volume, with the factor that converts one unit to the base unit (kg, litres). */
const MASS_UNITS: Readonly<Record<string, string>> = { kg: '1', tonnes: '1000', lb: '0.45359237' };
const VOLUME_UNITS: Readonly<Record<string, string>> = { litres: '1' };

let currencies: ReadonlySet<string> | undefined;

/** ISO 4217 codes known to the runtime's ICU data (`Intl.supportedValuesOf('currency')`). */
export function isCurrencyCode(unit: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return /^[A-Z]{3}$/.test(unit) && currencies.has(unit);
}

export interface UnitClassification {
  unitClass: UnitClass;
  /** ISO 4217 code for money, else null. */
  currency: string | null;
  /** Multiplier to the base unit (kg for mass, litres for volume, 1 for counts); null for money. */
  factor: string | null;
}

/**
 * What a reported unit measures: kg, tonnes and lb are mass (normalised to kg),
 * litres volume, an ISO 4217 code money (never converted here), anything else a count.
 */
export function classifyUnit(unit: string): UnitClassification {
  if (unit in MASS_UNITS) return { unitClass: 'mass', currency: null, factor: MASS_UNITS[unit] };
  if (unit in VOLUME_UNITS) return { unitClass: 'volume', currency: null, factor: VOLUME_UNITS[unit] };
  if (isCurrencyCode(unit)) return { unitClass: 'money', currency: unit, factor: null };
  return { unitClass: 'count', currency: null, factor: '1' };
}

/** The unit class a kind requires, or null when any class is acceptable. */
export function requiredUnitClass(kind: FigureKind): UnitClass | null {
  switch (kind) {
    case 'value_seized':
      return 'money';
    case 'weight_seized':
      return 'mass';
    case 'volume_seized':
      return 'volume';
    case 'other':
      return null;
    default:
      // Every other kind counts things (people, items, websites, packages, cases, raids, labs).
      return 'count';
  }
}

/**
 * What is wrong with a reported quantity, in the words the seed and the write API
 * both use, or null when it is a plain non-negative decimal.
 */
export function quantityViolation(quantity: string): string | null {
  return isPlainDecimal(quantity)
    ? null
    : `quantity "${quantity}" is not a plain non-negative decimal (digits and one optional point)`;
}

/**
 * What is wrong with a unit for a kind (weights need a mass unit, values an
 * ISO 4217 currency, counts a count unit), or null when the unit fits.
 */
export function unitViolation(kind: FigureKind, unit: string): string | null {
  const { unitClass } = classifyUnit(unit);
  const required = requiredUnitClass(kind);
  if (!required || unitClass === required) return null;
  if (required === 'money' && /^[A-Za-z]{3}$/.test(unit)) {
    return `unit "${unit}" is not an ISO 4217 currency code, but ${kind} needs a money unit`;
  }
  return `unit "${unit}" is ${unitClass}, but ${kind} needs a ${required} unit`;
}

/** What is wrong with a figure's role, or null: a role says how an operation-wide figure counts, so a country figure has none. */
export function roleViolation(role: string, countryIso2: string | null): string | null {
  if (countryIso2 !== null)
    return `role "${role}" applies to operation-wide figures only; a country figure has no role`;
  return null;
}

function toScaled(value: string): { digits: bigint; scale: number } {
  const [whole, fraction = ''] = value.split('.');
  return { digits: BigInt(whole + fraction), scale: fraction.length };
}

/** Exact product of two plain decimals, written without trailing fractional zeros. */
export function multiplyDecimal(a: string, b: string): string {
  if (!isPlainDecimal(a) || !isPlainDecimal(b)) throw new Error(`not a plain decimal: ${isPlainDecimal(a) ? b : a}`);
  const x = toScaled(a);
  const y = toScaled(b);
  const scale = x.scale + y.scale;
  const digits = (x.digits * y.digits).toString().padStart(scale + 1, '0');
  if (scale === 0) return digits;
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/**
 * The quantity in the base unit of its class (exact decimal arithmetic, no
 * rounding: 1.1 tonnes is 1100 kg, 1 lb is 0.45359237 kg); null for money.
 */
export function normalizeQuantity(quantity: string, unit: string): string | null {
  const { factor } = classifyUnit(unit);
  return factor === null ? null : multiplyDecimal(quantity, factor);
}

/**
 * Category labels that name a whole haul rather than one category of goods. They are used only to
 * group conflicting reports of one figure, as EDITORIAL.md defines the groups ("generic labels count
 * as none": pangea-viii reports one value under "medicines" and "medicines and medical devices"),
 * and to list such figures under "unspecified" when grouping by category. Which figure is an
 * operation's total is decided by the figure's `role`, never by this list (figures/counting-rules.sql.ts).
 */
export const GENERIC_CATEGORIES: readonly string[] = [
  'medicines',
  'medicines and medical devices',
  'medicines and medical products',
  'food and drink',
  'counterfeit goods',
  'counterfeit and illicit goods',
  'counterfeit and pirated goods',
];

/** The category a figure is grouped under: null for none or a generic total label, else lower-cased and trimmed. */
export function categoryKey(category: string | null | undefined): string | null {
  const key = (category ?? '').trim().toLowerCase();
  if (key === '' || GENERIC_CATEGORIES.includes(key)) return null;
  return key;
}

export interface GroupKeyInput {
  operationId: number;
  kind: FigureKind;
  unitClass: UnitClass;
  categoryKey: string | null;
  countryIso2: string | null;
  unit: string;
}

/**
 * Kinds whose unit names what was counted, so that figures in different units are different facts:
 * `other` (`warning letters`, `bank accounts frozen`), checks against search warrants, criminal
 * against administrative cases. They are grouped, and counted, by unit.
 */
export const KINDS_COUNTED_BY_UNIT: readonly FigureKind[] = ['other', 'raids_or_checks', 'investigations_opened'];

/**
 * Figures with the same key report the same thing (and conflict when they
 * differ): same operation, kind, unit class, category key and country. For
 * the kinds of KINDS_COUNTED_BY_UNIT the unit is part of the key.
 */
export function groupKey(figure: GroupKeyInput): string {
  const key = `${figure.operationId}|${figure.kind}|${figure.unitClass}|${figure.categoryKey ?? ''}|${figure.countryIso2 ?? ''}`;
  return KINDS_COUNTED_BY_UNIT.includes(figure.kind) ? `${key}|${figure.unit}` : key;
}

export interface FigureInput {
  operationId: number;
  kind: FigureKind;
  quantity: string;
  unit: string;
  category: string | null;
  countryIso2: string | null;
}

export interface DerivedFigureColumns {
  unitClass: UnitClass;
  normalizedQuantity: string | null;
  currency: string | null;
  categoryKey: string | null;
  groupKey: string;
}

/** All columns derived from a reported figure. */
export function deriveFigureColumns(figure: FigureInput): DerivedFigureColumns {
  const { unitClass, currency } = classifyUnit(figure.unit);
  const key = categoryKey(figure.category);
  return {
    unitClass,
    currency,
    normalizedQuantity: normalizeQuantity(figure.quantity, figure.unit),
    categoryKey: key,
    groupKey: groupKey({ ...figure, unitClass, categoryKey: key }),
  };
}

/** A decimal written without trailing fractional zeros, so `1.10` and `1.1` compare equal (as in PostgreSQL). */
export function canonicalDecimal(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

/**
 * The natural key of a figure: operation, kind, unit, category, country, source and quantity (as a canonical
 * decimal). The seed, the import, the release upgrade and the write API find a stored figure by it; the database's unique
 * index `uq_figures_natural_key` (and `NATURAL_KEY_MATCH` in figure-store.ts) mirror it. `operation` and `source` are codes and URLs in files, ids in the database.
 */
export function figureNaturalKey(
  operation: string | number,
  kind: string,
  unit: string,
  category: string | null,
  country: string | null,
  source: string | number,
  quantity: string,
): string {
  return [operation, kind, unit, category ?? '', country ?? '', source, canonicalDecimal(quantity)].join('\u0000');
}
