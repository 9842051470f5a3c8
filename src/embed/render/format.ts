/**
 * Numbers, qualifiers and dates as a reader sees them on a card. A rounded
 * figure never says more than its source: a lower bound is rounded down
 * ("more than 2.16 billion" for 2,169,044,492), an upper bound up.
 */

/** How a figure relates to the true number: exact, or as worded by the source (or by a sum of such figures). */
export type Qualifier = 'exact' | 'more_than' | 'about' | 'nearly' | 'up_to' | 'more_than_about' | 'up_to_about';

export interface QualifiedNumber {
  value: number;
  qualifier: Qualifier;
}

export const QUALIFIER_WORDS: Record<Qualifier, string> = {
  exact: '',
  more_than: 'more than',
  about: 'about',
  nearly: 'nearly',
  up_to: 'up to',
  more_than_about: 'more than about',
  up_to_about: 'up to about',
};

/** Short marks for chart labels, explained in the chart's legend. */
export const QUALIFIER_MARKS: Record<Qualifier, { prefix: string; suffix: string }> = {
  exact: { prefix: '', suffix: '' },
  more_than: { prefix: '', suffix: '+' },
  about: { prefix: '~', suffix: '' },
  nearly: { prefix: '~', suffix: '' },
  up_to: { prefix: '≤', suffix: '' },
  more_than_about: { prefix: '~', suffix: '+' },
  up_to_about: { prefix: '≤~', suffix: '' },
};

type Direction = 'down' | 'up' | 'nearest';

/** Which way a displayed figure may be rounded without overstating what the source says. */
export function roundingDirection(qualifier: Qualifier): Direction {
  if (qualifier === 'more_than' || qualifier === 'more_than_about') return 'down';
  if (qualifier === 'up_to' || qualifier === 'up_to_about' || qualifier === 'nearly') return 'up';
  return 'nearest';
}

/** The qualifier of a statistic (a sum of preferred figures) from its flags. */
export function sumQualifier(flags: { lowerBound: boolean; upperBound: boolean; approximate: boolean }): Qualifier {
  if (flags.lowerBound && flags.upperBound) return 'about'; // a "more than" plus an "up to" bounds nothing
  if (flags.lowerBound) return flags.approximate ? 'more_than_about' : 'more_than';
  if (flags.upperBound) return flags.approximate ? 'up_to_about' : 'up_to';
  return flags.approximate ? 'about' : 'exact';
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

const EPSILON = 1e-9;

function roundTo(value: number, decimals: number, direction: Direction): number {
  const factor = 10 ** decimals;
  const scaled = value * factor;
  const rounded =
    direction === 'down' ? Math.floor(scaled + EPSILON) : direction === 'up' ? Math.ceil(scaled - EPSILON) : Math.round(scaled);
  return rounded / factor;
}

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** `38,069`, `1.1`: every digit, thousands grouped. */
export function groupDigits(value: number): string {
  return GROUPED.format(value);
}

const SCALES = [
  { factor: 1e12, word: 'trillion', short: 'T' },
  { factor: 1e9, word: 'billion', short: 'B' },
  { factor: 1e6, word: 'million', short: 'M' },
];

/** `2.10` → `2.1`, `2.00` → `2`; an integer keeps its zeros (`100`). */
function trimmed(value: number, decimals: number): string {
  const fixed = value.toFixed(decimals);
  return decimals > 0 ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** Three significant digits in the scale's unit, rounded in the given direction (`2.16`, `421`, `81`). */
function threeDigits(scaled: number, direction: Direction): string {
  const decimals = scaled >= 100 ? 0 : scaled >= 10 ? 1 : 2;
  return trimmed(roundTo(scaled, decimals, direction), decimals);
}

/**
 * A number as a person reads it: every digit below a million (`38,069`),
 * then three significant digits and a word (`1.2 million`, `2.16 billion`).
 */
export function readableNumber(value: number, direction: Direction = 'nearest'): string {
  const magnitude = Math.abs(value);
  for (const [index, scale] of SCALES.entries()) {
    if (magnitude < scale.factor) continue;
    const text = threeDigits(magnitude / scale.factor, direction);
    // 999.9 million rounded up is a billion.
    if (Number(text) >= 1000 && index > 0) return `${value < 0 ? '-' : ''}1 ${SCALES[index - 1].word}`;
    return `${value < 0 ? '-' : ''}${text} ${scale.word}`;
  }
  return groupDigits(roundTo(value, magnitude >= 100 ? 0 : 1, direction));
}

/** At most four characters for a chart label: `859`, `2.4k`, `38k`, `421M`, `2.2B`. */
export function compactNumber(value: number, direction: Direction = 'nearest'): string {
  const magnitude = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  const units = [...SCALES, { factor: 1e3, word: 'thousand', short: 'k' }];
  for (const [index, unit] of units.entries()) {
    if (magnitude < unit.factor) continue;
    const scaled = magnitude / unit.factor;
    const decimals = scaled >= 10 ? 0 : 1;
    const rounded = roundTo(scaled, decimals, direction);
    if (rounded >= 1000 && index > 0) return `${sign}1${units[index - 1].short}`;
    return `${sign}${trimmed(rounded, decimals)}${unit.short}`;
  }
  return `${sign}${trimmed(roundTo(magnitude, magnitude >= 10 ? 0 : 1, direction), 1)}`;
}

/** "more than 2.16 billion", "about 80", "3,491". */
export function qualifiedReadable({ value, qualifier }: QualifiedNumber): string {
  const words = QUALIFIER_WORDS[qualifier];
  const number = readableNumber(value, roundingDirection(qualifier));
  return words ? `${words} ${number}` : number;
}

/**
 * Every digit, for text read aloud: "more than 2,169,044,492" (whole units
 * from a thousand up, rounded the way the qualifier allows; decimals below).
 */
export function qualifiedExact({ value, qualifier }: QualifiedNumber): string {
  const words = QUALIFIER_WORDS[qualifier];
  const number = groupDigits(Math.abs(value) >= 1000 ? roundTo(value, 0, roundingDirection(qualifier)) : value);
  return words ? `${words} ${number}` : number;
}

/** "2.2B+", "~80", "12". */
export function qualifiedCompact({ value, qualifier }: QualifiedNumber): string {
  const { prefix, suffix } = QUALIFIER_MARKS[qualifier];
  return `${prefix}${compactNumber(value, roundingDirection(qualifier))}${suffix}`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function parts(date: string): { day: number; month: string; year: number } {
  const [year, month, day] = date.slice(0, 10).split('-').map(Number);
  return { day, month: MONTHS[month - 1], year };
}

/** `21 November 2026` from an ISO date or timestamp (UTC). */
export function longDate(iso: string): string {
  const { day, month, year } = parts(new Date(iso).toISOString());
  return `${day} ${month} ${year}`;
}

/** `9–16 June 2015`, `30 May – 6 June 2015`, `28 December 2015 – 3 January 2016`, or the year alone. */
export function dateRange(start: string | null, end: string | null, year: number): string {
  if (!start && !end) return String(year);
  if (!start || !end || start === end) return longDate(start ?? end!);
  const a = parts(start);
  const b = parts(end);
  if (a.year !== b.year) return `${a.day} ${a.month} ${a.year} – ${b.day} ${b.month} ${b.year}`;
  if (a.month !== b.month) return `${a.day} ${a.month} – ${b.day} ${b.month} ${b.year}`;
  return `${a.day}–${b.day} ${b.month} ${b.year}`;
}

/** `Pangea`, `Pangea and Opson`, `Pangea, Opson and Jupiter`. */
export function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
