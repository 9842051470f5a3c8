import { CARD_HEIGHT, CARD_WIDTH, Tile, footer, header, tile } from './card';
import { QualifiedNumber, Statistic, counted, derivationInWords, groupDigits, isPartial, longDate, qualifiedExact, sumQualifier } from './format';
import { SOURCE_LINE, svgDocument } from './svg';

/** A sum of money in US dollars (MoneyValueDto): figures without a rate are left out of it. */
export type MoneyStatistic = Statistic & { unconverted: number };

/**
 * Participation in the selected operations, three facts kept apart (SummaryParticipationDto; absent from
 * older answers).
 */
export interface ParticipationFacts {
  /** Distinct countries a source lists by name as participants. */
  countriesListed: number;
  /** The largest number of participating countries one operation's source states; null when none states one. */
  countriesStatedMax: number | null;
  /** Operations whose sources list participants: the coverage of `countriesListed`. */
  operationsWithParticipantList: number;
  /** Operations whose source states a number of countries: the coverage of `countriesStatedMax`. */
  operationsStatingCountries: number;
}

/** What the summary card shows: the headline figures of StatsService.summary for some filters. */
export interface SummaryCardData {
  /** What was counted, in words: "All operations", "Pangea operations". */
  scope: string;
  operations: number;
  /** Series and crime areas of those operations (absent from older answers). */
  series?: number;
  crimeAreas?: string[];
  /** Distinct countries listed as participants or with figures of their own. */
  participatingCountries: number;
  participation?: ParticipationFacts;
  arrests: Statistic;
  seizureValueUsd: MoneyStatistic;
  firstYear: number | null;
  lastYear: number | null;
  asOf: string;
}

function qualified(value: Statistic): QualifiedNumber | null {
  return value.value === null ? null : { value: value.value, qualifier: sumQualifier(value) };
}

function years(first: number | null, last: number | null): string {
  if (first === null || last === null) return 'no operations';
  return first === last ? String(first) : `${first}–${last}`;
}

function yearsInWords(first: number | null, last: number | null): string {
  if (first === null || last === null) return '';
  return first === last ? `, ${first}` : `, ${first} to ${last}`;
}

/** The breadth of the selection: "48 series in 12 crime areas", "3 series (firearms trafficking)"; null for one series. */
function coverage(data: SummaryCardData): string | null {
  const areas = data.crimeAreas ?? [];
  if (data.series === undefined || (data.series <= 1 && areas.length <= 1)) return null;
  const series = counted(data.series, 'series', 'series');
  return areas.length === 1 ? `${series} (${areas[0]})` : `${series} in ${counted(areas.length, 'crime area', 'crime areas')}`;
}

/** Under the number of operations: their series and crime areas when there are several ("48 series, 12 crime areas"), else the years. */
function operationsNote(data: SummaryCardData): string {
  const areas = data.crimeAreas?.length ?? 0;
  if (data.series === undefined || data.series <= 1) return years(data.firstYear, data.lastYear);
  const series = counted(data.series, 'series', 'series');
  return areas > 1 ? `${series}, ${counted(areas, 'crime area', 'crime areas')}` : `${series}, ${years(data.firstYear, data.lastYear)}`;
}

/** The countries tile: a figure, its label and what it counts. */
interface CountriesFigure {
  figure: QualifiedNumber;
  label: string;
  note: string;
}

/**
 * The countries tile says what it counts, one fact of three (never a mix):
 * - the number of participating countries a source states, the largest of the selected operations: "at least"
 *   that many took part (stated numbers are not added, editions share most participants, and a source's
 *   "more than N" is stored as N);
 * - else the countries listed by name as participants, with how many operations list theirs;
 * - else the countries named in the sources as participants or with a figure of their own (a figure alone can
 *   be one of a few examples in a press release, so these are not called participants).
 */
function countriesFigure(data: SummaryCardData): CountriesFigure {
  const p = data.participation;
  if (p && p.countriesStatedMax !== null) {
    const one = data.operations === 1;
    return {
      figure: { value: p.countriesStatedMax, qualifier: 'at_least' },
      label: 'Countries taking part',
      note: one ? 'as stated by its source' : 'the most stated for one operation',
    };
  }
  if (p && p.countriesListed > 0) {
    return {
      figure: { value: p.countriesListed, qualifier: 'exact' },
      label: 'Countries listed as taking part',
      note: `lists from ${groupDigits(p.operationsWithParticipantList)} of ${counted(data.operations, 'operation', 'operations')}`,
    };
  }
  return {
    figure: { value: data.participatingCountries, qualifier: 'exact' },
    label: 'Countries named in reports',
    note: 'as participants or with figures',
  };
}

/** Participation in words: every fact the answer has, each with what it rests on. */
function countriesInWords(data: SummaryCardData): string[] {
  const p = data.participation;
  const named = `${counted(data.participatingCountries, 'country', 'countries')} named as participants or with figures of their own`;
  if (!p) return [named];
  const parts: string[] = [];
  if (p.countriesStatedMax !== null) {
    const stated = `at least ${counted(p.countriesStatedMax, 'country', 'countries')} taking part`;
    parts.push(
      data.operations === 1
        ? `${stated} as stated by its source`
        : `${stated} (the most one operation's source states; ${groupDigits(p.operationsStatingCountries)} of ${groupDigits(data.operations)} state a number)`,
    );
  }
  if (p.countriesListed > 0) {
    parts.push(
      `${counted(p.countriesListed, 'country', 'countries')} listed by name as taking part (lists from ${groupDigits(p.operationsWithParticipantList)} of ${counted(data.operations, 'operation', 'operations')})`,
    );
  }
  return [...parts, named];
}

/** The caveats of a sum in words: what a derived part was made from, money left unconverted. */
function caveats(value: Statistic): string[] {
  const notes: string[] = [];
  const derivation = derivationInWords(value);
  if (derivation) notes.push(derivation);
  if (isPartial(value)) {
    notes.push(`partial: ${counted(value.unconverted ?? 0, 'money figure', 'money figures')} without an exchange rate not included`);
  }
  return notes;
}

function inWords(value: Statistic, what: (number: string) => string, none: string): string {
  const figure = qualified(value);
  if (!figure) return none;
  const notes = caveats(value);
  return `${what(qualifiedExact(figure))}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

/** The figures in words, for `<desc>` and `alt`: every qualifier, every digit, every caveat. */
export function summaryDescription(data: SummaryCardData): string {
  const breadth = coverage(data);
  const parts = [
    counted(data.operations, 'operation', 'operations'),
    ...(breadth ? [breadth] : []),
    ...countriesInWords(data),
    inWords(data.arrests, (n) => `${n} arrests`, 'no arrests reported'),
    inWords(data.seizureValueUsd, (n) => `seizures worth ${n} US dollars`, 'no seizure value reported'),
  ];
  return `${data.scope}${yearsInWords(data.firstYear, data.lastYear)}: ${parts.join('; ')}. ${SOURCE_LINE}. Data as of ${longDate(data.asOf)}.`;
}

/** Under a sum's number: what a derived part was made from, short enough for a tile. */
function derivedNote(value: Statistic): string | null {
  if (!value.derived) return null;
  const from = value.derivedFrom === 'countries' ? 'country figures' : value.derivedFrom === 'categories' ? 'category figures' : 'parts';
  const count = value.derivedFromCount ?? 0;
  const whole = count > 0 && value.figureCount !== undefined && count >= value.figureCount;
  return whole ? `a sum of ${from}` : `partly a sum of ${from}`;
}

/**
 * The summary stat card: four headline figures in a 2 × 2 grid, provenance
 * and as-of date. Each sum carries its qualifier ("at least", "about"); a sum
 * made from parts or leaving money out says so under its number.
 */
export function renderSummaryCard(data: SummaryCardData): string {
  const money = data.seizureValueUsd;
  const unconverted = money.unconverted;
  const countries = countriesFigure(data);
  const tiles: Tile[] = [
    {
      label: 'Operations',
      figure: { value: data.operations, qualifier: 'exact' },
      note: operationsNote(data),
    },
    { label: countries.label, figure: countries.figure, note: countries.note },
    { label: 'Arrests', figure: qualified(data.arrests), note: derivedNote(data.arrests) ?? 'people arrested' },
    {
      label: 'Value of seizures (US dollars)',
      figure: qualified(money),
      note: isPartial(money)
        ? `partial: ${counted(unconverted, 'figure', 'figures')} left out (no rate)`
        : (derivedNote(money) ?? 'converted at annual average rates'),
    },
  ];
  return svgDocument({
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    id: 'ora-summary',
    title: `Operation results: ${data.scope}`,
    description: summaryDescription(data),
    body: [
      ...header(data.scope, `Headline figures, ${years(data.firstYear, data.lastYear)}: preferred figures, never double-counted`),
      ...tiles.flatMap((t, i) => tile(i, t)),
      ...footer(data.asOf),
    ],
  });
}
