import { Language } from '../../i18n/languages';
import { crimeAreaName } from '../../i18n/format';
import { t } from '../../i18n/messages';
import { CARD_HEIGHT, CARD_WIDTH, Tile, footer, header, provenance, tile } from './card';
import {
  QualifiedNumber,
  Statistic,
  countIn,
  derivationInWords,
  groupDigits,
  isPartial,
  qualifiedExact,
  sumQualifier,
} from './format';
import { svgDocument } from './svg';

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
  /** The language of the card's words and numbers (English when absent). */
  language?: Language;
}

function qualified(value: Statistic): QualifiedNumber | null {
  return value.value === null ? null : { value: value.value, qualifier: sumQualifier(value) };
}

function years(first: number | null, last: number | null, language: Language): string {
  if (first === null || last === null) return t(language, 'card.noOperations');
  return first === last ? String(first) : t(language, 'card.yearSpan', { first, last });
}

function scopeWithYears(scope: string, first: number | null, last: number | null, language: Language): string {
  if (first === null || last === null) return scope;
  return first === last
    ? t(language, 'card.yearInWords', { scope, year: first })
    : t(language, 'card.yearsInWords', { scope, first, last });
}

/** The breadth of the selection: "48 series in 12 crime areas", "3 series (firearms trafficking)"; null for one series. */
function coverage(data: SummaryCardData, language: Language): string | null {
  const areas = data.crimeAreas ?? [];
  if (data.series === undefined || (data.series <= 1 && areas.length <= 1)) return null;
  const series = countIn(language, 'card.seriesCount', data.series);
  return areas.length === 1
    ? t(language, 'card.seriesInOneArea', { series, area: crimeAreaName(areas[0], language) })
    : t(language, 'card.seriesInAreas', { series, areas: countIn(language, 'card.crimeAreasCount', areas.length) });
}

/** Under the number of operations: their series and crime areas when there are several ("48 series, 12 crime areas"), else the years. */
function operationsNote(data: SummaryCardData, language: Language): string {
  const areas = data.crimeAreas?.length ?? 0;
  if (data.series === undefined || data.series <= 1) return years(data.firstYear, data.lastYear, language);
  const series = countIn(language, 'card.seriesCount', data.series);
  return areas > 1
    ? t(language, 'card.seriesAndAreas', { series, areas: countIn(language, 'card.crimeAreasCount', areas) })
    : t(language, 'card.seriesAndYears', { series, years: years(data.firstYear, data.lastYear, language) });
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
function countriesFigure(data: SummaryCardData, language: Language): CountriesFigure {
  const p = data.participation;
  if (p && p.countriesStatedMax !== null) {
    const one = data.operations === 1;
    return {
      figure: { value: p.countriesStatedMax, qualifier: 'at_least' },
      label: t(language, 'card.countriesTakingPart'),
      note: t(language, one ? 'card.statedBySource' : 'card.mostStated'),
    };
  }
  if (p && p.countriesListed > 0) {
    return {
      figure: { value: p.countriesListed, qualifier: 'exact' },
      label: t(language, 'card.countriesListed'),
      note: t(language, 'card.listsFrom', {
        n: groupDigits(p.operationsWithParticipantList, 'nearest', language),
        operations: countIn(language, 'card.operationsCount', data.operations),
      }),
    };
  }
  return {
    figure: { value: data.participatingCountries, qualifier: 'exact' },
    label: t(language, 'card.countriesNamed'),
    note: t(language, 'card.asParticipants'),
  };
}

/** Participation in words: every fact the answer has, each with what it rests on. */
function countriesInWords(data: SummaryCardData, language: Language): string[] {
  const p = data.participation;
  const named = t(language, 'card.namedInWords', {
    countries: countIn(language, 'card.countriesCount', data.participatingCountries),
  });
  if (!p) return [named];
  const parts: string[] = [];
  if (p.countriesStatedMax !== null) {
    const countries = countIn(language, 'card.countriesCount', p.countriesStatedMax);
    parts.push(
      data.operations === 1
        ? t(language, 'card.statedInWords', { countries })
        : t(language, 'card.statedMostInWords', {
            countries,
            n: groupDigits(p.operationsStatingCountries, 'nearest', language),
            total: groupDigits(data.operations, 'nearest', language),
          }),
    );
  }
  if (p.countriesListed > 0) {
    parts.push(
      t(language, 'card.listedInWords', {
        countries: countIn(language, 'card.countriesCount', p.countriesListed),
        n: groupDigits(p.operationsWithParticipantList, 'nearest', language),
        operations: countIn(language, 'card.operationsCount', data.operations),
      }),
    );
  }
  return [...parts, named];
}

/** The caveats of a sum in words: what a derived part was made from, money left unconverted. */
function caveats(value: Statistic, language: Language): string[] {
  const notes: string[] = [];
  const derivation = derivationInWords(value, language);
  if (derivation) notes.push(derivation);
  if (isPartial(value)) notes.push(countIn(language, 'derivation.unconverted', value.unconverted ?? 0));
  return notes;
}

function inWords(value: Statistic, what: string, none: string, language: Language): string {
  const figure = qualified(value);
  if (!figure) return t(language, none);
  const notes = caveats(value, language);
  const text = t(language, what, { number: qualifiedExact(figure, language) });
  return notes.length
    ? t(language, 'common.notes', { text, notes: notes.join(t(language, 'common.noteSeparator')) })
    : text;
}

/** The figures in words, for `<desc>` and `alt`: every qualifier, every digit, every caveat. */
export function summaryDescription(data: SummaryCardData): string {
  const language = data.language ?? 'en';
  const breadth = coverage(data, language);
  const parts = [
    countIn(language, 'card.operationsCount', data.operations),
    ...(breadth ? [breadth] : []),
    ...countriesInWords(data, language),
    inWords(data.arrests, 'card.arrestsInWords', 'card.noArrests', language),
    inWords(data.seizureValueUsd, 'card.seizuresWorthUsd', 'card.noSeizureValue', language),
  ];
  return t(language, 'card.description', {
    scope: scopeWithYears(data.scope, data.firstYear, data.lastYear, language),
    parts: parts.join(t(language, 'common.noteSeparator')),
    provenance: provenance(data.asOf, language),
  });
}

/** Under a sum's number: what a derived part was made from, short enough for a tile. */
function derivedNote(value: Statistic, language: Language): string | null {
  if (!value.derived) return null;
  const from = t(
    language,
    value.derivedFrom === 'countries'
      ? 'card.countryFigures'
      : value.derivedFrom === 'categories'
        ? 'card.categoryFigures'
        : 'card.parts',
  );
  const count = value.derivedFromCount ?? 0;
  const whole = count > 0 && value.figureCount !== undefined && count >= value.figureCount;
  return t(language, whole ? 'card.aSumOf' : 'card.partlyASumOf', { from });
}

/**
 * The summary stat card: four headline figures in a 2 × 2 grid, provenance
 * and as-of date. Each sum carries its qualifier ("at least", "about"); a sum
 * made from parts or leaving money out says so under its number.
 */
export function renderSummaryCard(data: SummaryCardData): string {
  const language = data.language ?? 'en';
  const money = data.seizureValueUsd;
  const unconverted = money.unconverted;
  const countries = countriesFigure(data, language);
  const tiles: Tile[] = [
    {
      label: t(language, 'card.operations'),
      figure: { value: data.operations, qualifier: 'exact' },
      note: operationsNote(data, language),
    },
    { label: countries.label, figure: countries.figure, note: countries.note },
    {
      label: t(language, 'card.arrests'),
      figure: qualified(data.arrests),
      note: derivedNote(data.arrests, language) ?? t(language, 'card.peopleArrested'),
    },
    {
      label: t(language, 'card.seizureValueUsd'),
      figure: qualified(money),
      note: isPartial(money)
        ? countIn(language, 'card.partialLeftOut', unconverted)
        : (derivedNote(money, language) ?? t(language, 'card.convertedAtAnnualRates')),
    },
  ];
  return svgDocument({
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    id: 'ora-summary',
    title: t(language, 'card.title', { name: data.scope }),
    description: summaryDescription(data),
    language,
    body: [
      ...header(
        data.scope,
        t(language, 'card.subtitle', { years: years(data.firstYear, data.lastYear, language) }),
        language,
      ),
      ...tiles.flatMap((tl, i) => tile(i, tl, language)),
      ...footer(data.asOf, [], CARD_WIDTH, CARD_HEIGHT, undefined, language),
    ],
  });
}
