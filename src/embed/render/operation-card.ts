import { HeadlineFigureDto, OperationDetailDto } from '../../operations/dto/operation-response.dto';
import { CARD_HEIGHT, CARD_WIDTH, Tile, footer, header, tile } from './card';
import { QualifiedNumber, dateRange, figureQualifier, listInWords, longDate, qualifiedExact } from './format';
import { SOURCE_LINE, svgDocument } from './svg';

/** What the operation card shows: the operation and its headline figures (preferred operation-wide totals). */
export type OperationCardData = Pick<
  OperationDetailDto,
  'code' | 'name' | 'year' | 'startDate' | 'endDate' | 'region' | 'crimeArea' | 'source' | 'headlineFigures'
> & { asOf: string };

const TILES = 4;

/** Which totals a reader looks for first. */
const KIND_ORDER = [
  'arrests',
  'value_seized',
  'items_seized',
  'weight_seized',
  'volume_seized',
  'websites_shut_down',
  'persons_under_investigation',
  'packages_seized',
  'investigations_opened',
  'raids_or_checks',
  'labs_dismantled',
  'packages_inspected',
  'other',
];

const KIND_LABELS: Record<string, string> = {
  arrests: 'Arrests',
  persons_under_investigation: 'Persons under investigation',
  value_seized: 'Value of seizures',
  items_seized: 'Items seized',
  weight_seized: 'Weight seized',
  volume_seized: 'Volume seized',
  websites_shut_down: 'Websites shut down',
  packages_inspected: 'Packages inspected',
  packages_seized: 'Packages seized',
  investigations_opened: 'Investigations opened',
  raids_or_checks: 'Raids and checks',
  labs_dismantled: 'Labs dismantled',
};

/** Units that the label already says. */
const IMPLIED_UNITS: Record<string, string[]> = {
  arrests: ['people'],
  persons_under_investigation: ['people'],
  websites_shut_down: ['websites'],
  packages_inspected: ['packages'],
  packages_seized: ['packages'],
  investigations_opened: ['cases'],
};

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function labelOf(figure: HeadlineFigureDto): string {
  if (figure.kind === 'value_seized') return `Value of seizures (${figure.unit})`;
  return KIND_LABELS[figure.kind] ?? capitalised(figure.unit);
}

function noteOf(figure: HeadlineFigureDto): string | undefined {
  const unit =
    figure.kind === 'value_seized' || figure.kind === 'other' || IMPLIED_UNITS[figure.kind]?.includes(figure.unit) ? null : figure.unit;
  const parts = [unit, figure.category].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

function qualified(figure: HeadlineFigureDto): QualifiedNumber {
  return { value: Number(figure.quantity), qualifier: figureQualifier(figure.qualifier) };
}

/**
 * The figures for the tiles: one per kind, in the order readers look for
 * them; for money, US dollars first when reported.
 */
export function pickHeadlineFigures(figures: HeadlineFigureDto[], count = TILES): HeadlineFigureDto[] {
  const rank = (f: HeadlineFigureDto) => {
    const index = KIND_ORDER.indexOf(f.kind);
    return (index === -1 ? KIND_ORDER.length : index) * 2 + (f.kind === 'value_seized' && f.unit !== 'USD' ? 1 : 0);
  };
  const seen = new Set<string>();
  const picked: HeadlineFigureDto[] = [];
  for (const figure of [...figures].sort((a, b) => rank(a) - rank(b))) {
    const key = figure.kind === 'other' ? `other:${figure.unit}` : figure.kind;
    if (seen.has(key)) continue;
    seen.add(key);
    picked.push(figure);
    if (picked.length === count) break;
  }
  return picked;
}

function figureInWords(figure: HeadlineFigureDto): string {
  const number = qualifiedExact(qualified(figure));
  const category = figure.category ? ` (${figure.category})` : '';
  if (figure.kind === 'value_seized') return `seizures worth ${number} ${figure.unit}${category}`;
  const label = KIND_LABELS[figure.kind];
  return label ? `${label.toLowerCase()}: ${number} ${figure.unit}${category}` : `${number} ${figure.unit}${category}`;
}

function publishers(data: OperationCardData, shown: HeadlineFigureDto[]): string[] {
  const figures = [...new Set(shown.map((f) => f.source.publisher ?? 'an unnamed publisher'))];
  const lines: string[] = [];
  if (figures.length > 0) lines.push(`Figures as reported by ${listInWords(figures)}`);
  if (data.source.publisher) lines.push(`dates and region: ${data.source.publisher}`);
  return lines.length > 0 ? [`${lines.join('; ')}.`] : [];
}

function context(data: OperationCardData, separator = ' · '): string {
  return [dateRange(data.startDate, data.endDate, data.year), data.region?.name ?? 'region not stated', data.crimeArea].join(separator);
}

/** The operation in words, for `<desc>` and `alt`: every headline figure with its qualifier. */
export function operationDescription(data: OperationCardData): string {
  const figures = data.headlineFigures.map(figureInWords);
  const totals =
    figures.length > 0 ? `Operation-wide totals as reported: ${figures.join('; ')}.` : 'No operation-wide totals were reported.';
  const by = publishers(data, data.headlineFigures);
  return `${data.name}, ${context(data, ', ')}. ${totals} ${by.join(' ')} ${SOURCE_LINE}. Data as of ${longDate(data.asOf)}.`.replace(/\s+/g, ' ');
}

/** The operation card: name, dates, region, up to four headline figures, publishers, provenance, as-of date. */
export function renderOperationCard(data: OperationCardData): string {
  const shown = pickHeadlineFigures(data.headlineFigures);
  const tiles: Tile[] = shown.map((f) => ({ label: labelOf(f), figure: qualified(f), note: noteOf(f) }));
  const more = data.headlineFigures.length - shown.length;
  const extra = publishers(data, shown);
  if (more > 0) extra.push(`${more} more total${more === 1 ? '' : 's'} at /v1/operations/${data.code}.`);
  const body = [...header(data.name, context(data)), ...tiles.flatMap((t, i) => tile(i, t))];
  if (tiles.length === 0) {
    body.push(...tile(0, { label: 'Operation-wide totals', figure: null, note: `country figures: /v1/operations/${data.code}` }));
  }
  return svgDocument({
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    id: 'ora-operation',
    title: `Operation results: ${data.name}`,
    description: operationDescription(data),
    body: [...body, ...footer(data.asOf, extra)],
  });
}
