import { MoneyValueDto, StatValueDto } from '../../stats/dto/stats-response.dto';
import { CARD_HEIGHT, CARD_WIDTH, Tile, footer, header, tile } from './card';
import { QualifiedNumber, groupDigits, longDate, qualifiedExact, sumQualifier } from './format';
import { SOURCE_LINE, svgDocument } from './svg';

/** What the summary card shows: the headline figures of StatsService.summary for some filters. */
export interface SummaryCardData {
  /** What was counted, in words: "All operations", "Pangea operations". */
  scope: string;
  operations: number;
  participatingCountries: number;
  arrests: StatValueDto;
  seizureValueUsd: MoneyValueDto | (StatValueDto & { unconverted: number });
  firstYear: number | null;
  lastYear: number | null;
  asOf: string;
}

function qualified(value: StatValueDto): QualifiedNumber | null {
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

/** The figures in words, for `<desc>` and `alt`: every qualifier and every digit. */
export function summaryDescription(data: SummaryCardData): string {
  const arrests = qualified(data.arrests);
  const value = qualified(data.seizureValueUsd);
  const unconverted = data.seizureValueUsd.unconverted;
  const parts = [
    `${groupDigits(data.operations)} operation${data.operations === 1 ? '' : 's'}`,
    `${groupDigits(data.participatingCountries)} participating countr${data.participatingCountries === 1 ? 'y' : 'ies'}`,
    arrests ? `${qualifiedExact(arrests)} arrests` : 'no arrests reported',
    value ? `seizures worth ${qualifiedExact(value)} US dollars` : 'no seizure value reported',
  ];
  const caveat = unconverted > 0 ? ` (${unconverted} money figure${unconverted === 1 ? '' : 's'} without an exchange rate not included)` : '';
  return (
    `${data.scope}${yearsInWords(data.firstYear, data.lastYear)}: ${parts.join('; ')}${caveat}. ` +
    `${SOURCE_LINE}. Data as of ${longDate(data.asOf)}.`
  );
}

/** The summary stat card: four headline figures in a 2 × 2 grid, provenance and as-of date. */
export function renderSummaryCard(data: SummaryCardData): string {
  const unconverted = data.seizureValueUsd.unconverted;
  const tiles: Tile[] = [
    { label: 'Operations', figure: { value: data.operations, qualifier: 'exact' }, note: years(data.firstYear, data.lastYear) },
    { label: 'Participating countries', figure: { value: data.participatingCountries, qualifier: 'exact' }, note: 'listed by a source or with figures' },
    { label: 'Arrests', figure: qualified(data.arrests), note: 'people arrested' },
    {
      label: 'Value of seizures (US dollars)',
      figure: qualified(data.seizureValueUsd),
      note: unconverted > 0 ? `${unconverted} figure${unconverted === 1 ? '' : 's'} without a rate left out` : 'converted at annual average rates',
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
