import { HeadlineFigureDto, OperationDetailDto } from '../../operations/dto/operation-response.dto';
import { crimeAreaName, regionName, unitName } from '../../i18n/format';
import { Language } from '../../i18n/languages';
import { lookup, t } from '../../i18n/messages';
import { CARD_HEIGHT, CARD_WIDTH, Tile, footer, header, provenance, tile } from './card';
import { QualifiedNumber, countIn, dateRange, figureQualifier, listInWords, qualifiedExact } from './format';
import { svgDocument } from './svg';

/** What the operation card shows: the operation and its headline figures (preferred operation-wide totals). */
export type OperationCardData = Pick<
  OperationDetailDto,
  'code' | 'name' | 'year' | 'startDate' | 'endDate' | 'region' | 'crimeArea' | 'source' | 'headlineFigures'
> & { asOf: string; language?: Language };

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

/** The label of a kind of figure in the language (`operation.kind.*` of the catalogue); undefined for `other`. */
function kindLabel(kind: string, language: Language): string | undefined {
  return lookup('en', `operation.kind.${kind}`) === undefined ? undefined : t(language, `operation.kind.${kind}`);
}

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

function labelOf(figure: HeadlineFigureDto, language: Language): string {
  if (figure.kind === 'value_seized') return t(language, 'operation.valueSeized', { unit: figure.unit });
  return kindLabel(figure.kind, language) ?? capitalised(unitName(figure.unit, language));
}

function noteOf(figure: HeadlineFigureDto, language: Language): string | undefined {
  const unit =
    figure.kind === 'value_seized' || figure.kind === 'other' || IMPLIED_UNITS[figure.kind]?.includes(figure.unit)
      ? null
      : unitName(figure.unit, language);
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

function figureInWords(figure: HeadlineFigureDto, language: Language): string {
  const number = qualifiedExact(qualified(figure), language);
  const label = kindLabel(figure.kind, language);
  const text =
    figure.kind === 'value_seized'
      ? t(language, 'operation.seizuresWorth', { number, unit: figure.unit })
      : label
        ? t(language, 'operation.figureWithLabel', {
            label: language === 'en' ? label.toLowerCase() : label,
            number,
            unit: unitName(figure.unit, language),
          })
        : t(language, 'operation.figure', { number, unit: unitName(figure.unit, language) });
  return figure.category ? t(language, 'operation.withCategory', { text, category: figure.category }) : text;
}

function publishers(data: OperationCardData, shown: HeadlineFigureDto[], language: Language): string[] {
  const figures = [...new Set(shown.map((f) => f.source.publisher ?? t(language, 'operation.unnamedPublisher')))];
  const lines: string[] = [];
  if (figures.length > 0)
    lines.push(t(language, 'operation.reportedBy', { publishers: listInWords(figures, language) }));
  if (data.source.publisher) lines.push(t(language, 'operation.datesAndRegion', { publisher: data.source.publisher }));
  return lines.length > 0
    ? [t(language, 'operation.publishersLine', { lines: lines.join(t(language, 'common.noteSeparator')) })]
    : [];
}

function context(data: OperationCardData, language: Language, separator = ' · '): string {
  const region = data.region
    ? regionName(data.region.code, data.region.name, language)
    : t(language, 'operation.regionNotStated');
  return [
    dateRange(data.startDate, data.endDate, data.year, language),
    region,
    crimeAreaName(data.crimeArea, language),
  ].join(separator);
}

/** The operation in words, for `<desc>` and `alt`: every headline figure with its qualifier. */
export function operationDescription(data: OperationCardData): string {
  const language = data.language ?? 'en';
  const figures = data.headlineFigures.map((f) => figureInWords(f, language));
  const totals =
    figures.length > 0
      ? t(language, 'operation.totalsAsReported', { figures: figures.join(t(language, 'common.noteSeparator')) })
      : t(language, 'operation.noTotals');
  const by = publishers(data, data.headlineFigures, language);
  return t(language, 'operation.description', {
    name: data.name,
    context: context(data, language, t(language, 'common.comma')),
    totals,
    by: by.join(' '),
    provenance: provenance(data.asOf, language),
  }).replace(/\s+/g, ' ');
}

/** The operation card: name, dates, region, up to four headline figures, publishers, provenance, as-of date. */
export function renderOperationCard(data: OperationCardData): string {
  const language = data.language ?? 'en';
  const shown = pickHeadlineFigures(data.headlineFigures);
  const tiles: Tile[] = shown.map((f) => ({
    label: labelOf(f, language),
    figure: qualified(f),
    note: noteOf(f, language),
  }));
  const more = data.headlineFigures.length - shown.length;
  const extra = publishers(data, shown, language);
  const path = `/v1/operations/${data.code}`;
  if (more > 0) extra.push(countIn(language, 'operation.moreTotals', more, { path }));
  const body = [
    ...header(data.name, context(data, language), language),
    ...tiles.flatMap((tl, i) => tile(i, tl, language)),
  ];
  if (tiles.length === 0) {
    body.push(
      ...tile(
        0,
        {
          label: t(language, 'operation.totals'),
          figure: null,
          note: t(language, 'operation.countryFiguresAt', { path }),
        },
        language,
      ),
    );
  }
  return svgDocument({
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    id: 'ora-operation',
    title: t(language, 'card.title', { name: data.name }),
    description: operationDescription(data),
    language,
    body: [...body, ...footer(data.asOf, extra, CARD_WIDTH, CARD_HEIGHT, undefined, language)],
  });
}
