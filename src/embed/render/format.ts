/**
 * Numbers, qualifiers and dates as a reader sees them on a card. Numbers go
 * through Intl.NumberFormat. An exact or approximate figure is rounded to the
 * nearest (2,169,044,492 → "2.17 billion"); a bound is rounded the way that
 * keeps its words true: a lower bound down ("at least 2.16 billion"), an upper
 * bound up ("up to 1.21 million"). Other languages: the same rules through
 * Intl in their locale and the words of their catalogue (src/i18n).
 */
import { dateRange, listInWords, longDate, numberFormat, NumberFormatOptions, RoundingMode } from '../../i18n/format';
import { Language } from '../../i18n/languages';
import { MessageParams, t } from '../../i18n/messages';

/**
 * How a number relates to the true number. `more_than`, `nearly` and `up_to`
 * are the words of one reported figure; `at_least` is what a sum says when it
 * is a lower bound (a "more than" figure in it, a sum of parts, or money left
 * unconverted).
 */
export type Qualifier = 'exact' | 'at_least' | 'more_than' | 'about' | 'nearly' | 'up_to';

export interface QualifiedNumber {
  value: number;
  qualifier: Qualifier;
}

export const QUALIFIER_WORDS: Record<Qualifier, string> = {
  exact: '',
  at_least: 'at least',
  more_than: 'more than',
  about: 'about',
  nearly: 'nearly',
  up_to: 'up to',
};

/** Short marks for chart labels, explained in the chart's legend. */
export const QUALIFIER_MARKS: Record<Qualifier, { prefix: string; suffix: string }> = {
  exact: { prefix: '', suffix: '' },
  at_least: { prefix: '', suffix: '+' },
  more_than: { prefix: '', suffix: '+' },
  about: { prefix: '~', suffix: '' },
  nearly: { prefix: '~', suffix: '' },
  up_to: { prefix: '≤', suffix: '' },
};

export type Direction = 'down' | 'up' | 'nearest';

/** Which way a displayed figure may be rounded without overstating what it says. */
export function roundingDirection(qualifier: Qualifier): Direction {
  if (qualifier === 'more_than' || qualifier === 'at_least') return 'down';
  if (qualifier === 'up_to' || qualifier === 'nearly') return 'up';
  return 'nearest';
}

/** What a statistic (a sum of preferred figures) says of itself: the flags of the statistics JSON. */
export interface SumFlags {
  lowerBound: boolean;
  upperBound: boolean;
  approximate: boolean;
  /** Made from parts (category or country figures) because no total was reported: a lower bound. */
  derived?: boolean;
  /** Money: some values had no exchange rate and are left out, so the sum is a lower bound. */
  partial?: boolean;
  /** Money figures left out (older answers say this without `partial`). */
  unconverted?: number;
}

/** Money left out of a sum: `partial`, or for answers without it, `unconverted > 0`. */
export function isPartial(flags: Pick<SumFlags, 'partial' | 'unconverted'>): boolean {
  return flags.partial ?? (flags.unconverted ?? 0) > 0;
}

/**
 * The one qualifier a sum is written with, as a careful writer would: never
 * two stacked ("more than about", "at least about").
 * - A lower bound (a "more than" figure, a sum of parts, money left
 *   unconverted) reads "at least N", rounded down. The bound wins over
 *   "about": what the reader must not miss is that the true number may be
 *   higher, and that is what the number is then used for ("at least 3,490
 *   arrests"); the approximate parts stay in the JSON's `approximate`.
 * - An upper bound reads "up to N", rounded up, for the same reason.
 * - A lower and an upper bound together bound nothing: "about N".
 * - Approximate figures alone: "about N"; otherwise the number by itself.
 */
export function sumQualifier(flags: SumFlags): Qualifier {
  const lower = flags.lowerBound || Boolean(flags.derived) || isPartial(flags);
  if (lower && flags.upperBound) return 'about';
  if (lower) return 'at_least';
  if (flags.upperBound) return 'up_to';
  return flags.approximate ? 'about' : 'exact';
}

/** What a derived total was added up from: operation-wide category figures, country figures, or both (several operations). */
export type DerivedFrom = 'categories' | 'countries' | 'mixed';

/** How a statistic was made, as the statistics JSON says (`derivedFrom` and `derivedFromCount` are absent from older answers). */
export interface Derivation {
  derived?: boolean;
  derivedFrom?: DerivedFrom | null;
  /** Figures added up in the derived part. */
  derivedFromCount?: number;
  /** Figures added up in all. */
  figureCount?: number;
}

/**
 * A statistic as the cards read it from the statistics JSON (StatValueDto, a timeseries point): the value and
 * its flags. Fields that older answers lack are optional, so that the cards render either.
 */
export interface Statistic extends SumFlags, Derivation {
  /** null: nothing was reported. */
  value: number | null;
}

/**
 * What a derived total was made from, in words, for footnotes and
 * descriptions: "sum of 1 country's figures", "sum of 3 category figures",
 * "partly a sum of 2 country figures" (when totals are in it too),
 * "sum of parts" (answers that do not say from what); null when the total
 * is not derived.
 */
export function derivationInWords(d: Derivation, language: Language = 'en'): string | null {
  const parts = derivationParts(d, language);
  return parts && t(language, parts.whole ? 'derivation.sum' : 'derivation.partlySum', { figures: parts.figures });
}

/** What a derived total was summed from ("1 country's figures") and whether wholly; null when not derived. */
export function derivationParts(d: Derivation, language: Language = 'en'): { figures: string; whole: boolean } | null {
  if (!d.derived) return null;
  // Unknown in older answers (absent, or 0 beside `derived`).
  const n = d.derivedFromCount || undefined;
  const key =
    d.derivedFrom === 'countries' || d.derivedFrom === 'categories' || d.derivedFrom === 'mixed'
      ? d.derivedFrom
      : undefined;
  const figures = !key
    ? t(language, 'derivation.parts')
    : n === undefined
      ? t(language, `derivation.${key}Unknown`)
      : t(language, `derivation.${key}`, { count: n, n: groupDigits(n, 'nearest', language) });
  // With totals of other operations in it too, only partly (how many operations were summed is not said).
  const whole = n === undefined || d.figureCount === undefined || n >= d.figureCount;
  return { figures, whole };
}

/** A counted thing in the language: `countIn('en', 'card.operationsCount', 2169)` is "2,169 operations". */
export function countIn(language: Language, key: string, n: number, params: MessageParams = {}): string {
  return t(language, key, { ...params, count: n, n: groupDigits(n, 'nearest', language) });
}

/** The qualifier of one reported figure (the API's `qualifier` field). */
export function figureQualifier(qualifier: string): Qualifier {
  switch (qualifier) {
    case 'more_than':
      return 'more_than';
    case 'approximately':
      return 'about';
    case 'nearly':
      return 'nearly';
    case 'up_to':
      return 'up_to';
    default:
      return 'exact';
  }
}

const ROUNDING_MODES: Record<Direction, RoundingMode> = { down: 'floor', up: 'ceil', nearest: 'halfExpand' };

/** `38,069`, `1.1`: every digit, thousands grouped (at most two decimals, rounded in the given direction). */
export function groupDigits(value: number, direction: Direction = 'nearest', language: Language = 'en'): string {
  return numberFormat(language, { maximumFractionDigits: 2, roundingMode: ROUNDING_MODES[direction] }).format(value);
}

/**
 * A number as a person reads it: every digit below a million (`38,069`,
 * `1.1`), then three significant digits and a word (`1.2 million`,
 * `2.17 billion`), rounded in the given direction: 999,950,000 rounded up is
 * `1 billion`, 999,999.6 to the nearest `1 million`.
 */
export function readableNumber(value: number, direction: Direction = 'nearest', language: Language = 'en'): string {
  const roundingMode = ROUNDING_MODES[direction];
  const words = numberFormat(language, {
    notation: 'compact',
    compactDisplay: 'long',
    maximumSignificantDigits: 3,
    roundingMode,
  });
  if (Math.abs(value) >= 1e6) return words.format(value);
  const options: NumberFormatOptions = { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 1, roundingMode };
  // Rounded up to a million (read in English digits, whatever the language writes): then in words too.
  const rounded = Number(numberFormat('en', { ...options, useGrouping: false }).format(value));
  return Math.abs(rounded) >= 1e6 ? words.format(value) : numberFormat(language, options).format(value);
}

/**
 * At most four characters for a chart label (Intl's short compact notation:
 * whole numbers from 100 up, else two significant digits): `859`, `2.4K`,
 * `38K`, `421M`, `2.2B`.
 */
export function compactNumber(value: number, direction: Direction = 'nearest', language: Language = 'en'): string {
  return numberFormat(language, {
    notation: 'compact',
    compactDisplay: 'short',
    roundingMode: ROUNDING_MODES[direction],
  }).format(value);
}

/** The words of a qualifier in the language ("at least", "plus de", "حوالي"); empty for an exact number. */
export function qualifierWords(qualifier: Qualifier, language: Language = 'en'): string {
  return qualifier === 'exact' ? '' : t(language, `qualifier.${qualifier}`);
}

/** "at least 2.16 billion", "about 80", "2.17 billion"; "au moins 2,16 milliards", "حوالي 80". */
export function qualifiedReadable({ value, qualifier }: QualifiedNumber, language: Language = 'en'): string {
  return t(language, `qualified.${qualifier}`, {
    number: readableNumber(value, roundingDirection(qualifier), language),
  });
}

/**
 * Every digit, for text read aloud: "at least 2,169,044,492" (whole units
 * from a thousand up, decimals below, rounded the way the qualifier allows).
 */
export function qualifiedExact({ value, qualifier }: QualifiedNumber, language: Language = 'en'): string {
  const direction = roundingDirection(qualifier);
  const number =
    Math.abs(value) >= 1000
      ? numberFormat(language, { maximumFractionDigits: 0, roundingMode: ROUNDING_MODES[direction] }).format(value)
      : groupDigits(value, direction, language);
  return t(language, `qualified.${qualifier}`, { number });
}

/** "2.1B+", "~80", "12". */
export function qualifiedCompact({ value, qualifier }: QualifiedNumber, language: Language = 'en'): string {
  const { prefix, suffix } = QUALIFIER_MARKS[qualifier];
  return `${prefix}${compactNumber(value, roundingDirection(qualifier), language)}${suffix}`;
}

export { dateRange, listInWords, longDate };
