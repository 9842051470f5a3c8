import { Language } from '../../i18n/languages';
import { t } from '../../i18n/messages';
import { TimeseriesMetric } from '../../stats/dto/stats-query.dto';
import { MARGIN, footer, provenance } from './card';
import {
  QualifiedNumber,
  Statistic,
  compactNumber,
  countIn,
  derivationInWords,
  derivationParts,
  groupDigits,
  isPartial,
  listInWords,
  qualifiedCompact,
  qualifiedExact,
  sumQualifier,
} from './format';
import { Canvas, PALETTE, estimateTextWidth, fitText, svgDocument, titled, wrapText } from './svg';

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 400;

const LEFT = 72;
const RIGHT = 24;
const TOP = 84;
const LINE_HEIGHT = 14;
const AXIS_TITLE_HEIGHT = 22;
/** Lines of footnotes at most, above the provenance. */
const MAX_NOTE_LINES = 3;
const HATCH_ID = 'ora-timeseries-hatch';

/** A point of /v1/stats/timeseries (TimeseriesPointDto) as the chart reads it. */
export interface ChartPoint extends Statistic {
  year: number;
  /** The operation (by=edition). */
  operation?: string;
  name?: string;
}

export interface TimeseriesChartData {
  metric: TimeseriesMetric;
  by: 'year' | 'edition';
  /** What was counted, in words: "Pangea operations". */
  scope: string;
  points: ChartPoint[];
  asOf: string;
  /** The language of the chart's words and numbers (English when absent). */
  language?: Language;
}

function metricName(data: TimeseriesChartData): { name: string; unit: string } {
  const language = data.language ?? 'en';
  return { name: t(language, `chart.metric.${data.metric}`), unit: t(language, `chart.unit.${data.metric}`) };
}

function qualified(point: ChartPoint): QualifiedNumber | null {
  return point.value === null ? null : { value: point.value, qualifier: sumQualifier(point) };
}

function pointLabel(point: ChartPoint, by: 'year' | 'edition'): string {
  return by === 'edition' ? (point.name ?? point.operation ?? String(point.year)) : String(point.year);
}

/** Round tick values from 0 to at least `max`: steps of 1, 2, 2.5 or 5 times a power of ten, about five ticks. */
export function niceTicks(max: number, target = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / target;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  const ticks: number[] = [];
  for (let v = 0; v < max + step - 1e-9 * step; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function title(data: TimeseriesChartData): string {
  const language = data.language ?? 'en';
  return t(language, data.by === 'year' ? 'chart.titleByYear' : 'chart.titleByEdition', {
    metric: metricName(data).name,
    scope: data.scope,
  });
}

/** What is known about how a point was made: what a derived part was summed from, money left out. */
function caveats(point: ChartPoint, language: Language): string[] {
  const notes: string[] = [];
  const derivation = derivationInWords(point, language);
  if (derivation) notes.push(derivation);
  if (isPartial(point)) notes.push(countIn(language, 'derivation.unconverted', point.unconverted ?? 0));
  return notes;
}

/** A point in words: "2022: at least 2 (sum of 1 country's figures)". */
function pointInWords(point: ChartPoint, by: 'year' | 'edition', language: Language): string {
  const figure = qualified(point);
  const label = pointLabel(point, by);
  if (!figure) return t(language, 'chart.pointNone', { label });
  const notes = caveats(point, language);
  const text = t(language, 'chart.point', { label, figure: qualifiedExact(figure, language) });
  return notes.length
    ? t(language, 'common.notes', { text, notes: notes.join(t(language, 'common.noteSeparator')) })
    : text;
}

/** The chart in words: every point with its qualifier and caveats, gaps named as gaps. */
export function timeseriesDescription(data: TimeseriesChartData): string {
  const language = data.language ?? 'en';
  const { name, unit } = metricName(data);
  const source = provenance(data.asOf, language);
  if (data.points.length === 0)
    return t(language, 'chart.noMatchDescription', { title: title(data), provenance: source });
  const points = data.points.map((p) => pointInWords(p, data.by, language));
  return t(language, data.by === 'year' ? 'chart.descriptionByYear' : 'chart.descriptionByEdition', {
    metric: name,
    unit,
    scope: data.scope,
    points: points.join(t(language, 'common.noteSeparator')),
    provenance: source,
  });
}

/** The mark after the value label of a derived bar, explained in the legend and the footnote. */
export const DERIVED_MARK = '*';

/** The legend: what the bars are and the marks that this chart uses, as far as the width allows. */
function legend(data: TimeseriesChartData, width: number): string {
  const language = data.language ?? 'en';
  const qualifiers = new Set(data.points.map((p) => qualified(p)?.qualifier));
  const marks = [
    qualifiers.has('at_least') ? t(language, 'chart.legendAtLeast') : null,
    qualifiers.has('about') ? t(language, 'chart.legendAbout') : null,
    qualifiers.has('up_to') ? t(language, 'chart.legendUpTo') : null,
    data.points.some((p) => p.value !== null && p.derived)
      ? t(language, 'chart.legendDerived', { mark: DERIVED_MARK })
      : null,
    data.points.some((p) => p.value === null) ? t(language, 'chart.legendNoFigure') : null,
  ].filter((m): m is string => m !== null);
  // Spaces collapse in SVG text: the marks are set apart with middle dots.
  const full = [t(language, 'chart.legendBars'), ...marks].join(' · ');
  return estimateTextWidth(full, 12) <= width ? full : fitText(marks.join(' · '), width, 12);
}

/**
 * Footnotes under the chart: which bars are sums of parts and what of
 * ("* No total reported: 2022 is a sum of 1 country's figures."), which money
 * sums are partial.
 * Each note is wrapped to the width; a derived note too long for two lines
 * names the bars only (the description has every detail).
 */
export function chartNotes(data: TimeseriesChartData, width: number): string[][] {
  const language = data.language ?? 'en';
  const notes: string[][] = [];
  const derived = data.points.filter((p) => p.value !== null && p.derived);
  if (derived.length > 0) {
    const each = derived.map((p) => {
      const { figures, whole } = derivationParts(p, language)!;
      return t(language, whole ? 'chart.isSum' : 'chart.isPartlySum', { label: pointLabel(p, data.by), figures });
    });
    const full = wrapText(
      t(language, 'chart.noTotal', { mark: DERIVED_MARK, points: each.join(t(language, 'common.noteSeparator')) }),
      width,
      11,
    );
    const labels = listInWords(
      derived.map((p) => pointLabel(p, data.by)),
      language,
    );
    const short = wrapText(
      t(language, 'chart.noTotalShort', { mark: DERIVED_MARK, labels, count: derived.length }),
      width,
      11,
    );
    notes.push(full.length <= 2 ? full : short.slice(0, 2));
  }
  const partial = data.points.filter((p) => p.value !== null && isPartial(p));
  if (partial.length > 0) {
    const unconverted = partial.reduce((n, p) => n + (p.unconverted ?? 0), 0);
    const labels = listInWords(
      partial.map((p) => pointLabel(p, data.by)),
      language,
    );
    notes.push(wrapText(countIn(language, 'chart.partialSums', unconverted, { labels }), width, 11).slice(0, 1));
  }
  return notes;
}

/**
 * A bar chart, one bar per year (or edition). A year without a figure is a
 * gap marked with a dash, never a bar of 0. Value labels carry the sum's
 * qualifier ("+" at least, "~" about, "≤" up to); a bar made from parts
 * because no total was reported is hatched, outlined and marked "*", and a
 * footnote says what it was summed from. Each bar's `<title>` gives its
 * figure in words.
 */
export function renderTimeseriesChart(data: TimeseriesChartData): string {
  const language = data.language ?? 'en';
  const { name, unit } = metricName(data);
  const width = CHART_WIDTH;
  const height = CHART_HEIGHT;
  const plotWidth = width - LEFT - RIGHT;
  // Drawn as for a left-to-right language; the canvas mirrors it for a right-to-left one (first year at the right).
  const c = new Canvas(width, language);
  const { text, rect, line } = { text: c.text.bind(c), rect: c.rect.bind(c), line: c.line.bind(c) };
  const body: string[] = [
    text(24, 36, fitText(title(data), width - 48, 17, true), { size: 17, weight: 'bold' }),
    text(24, 57, legend(data, width - 48), { size: 12, fill: PALETTE.muted }),
  ];
  const points = data.points;
  const notes = chartNotes(data, width - 2 * MARGIN);
  const noteLines = notes.flat().slice(0, MAX_NOTE_LINES);
  const sourceLines = wrapText(provenance(data.asOf, language), width - 2 * MARGIN, 11).length;

  const step = points.length > 0 ? plotWidth / points.length : plotWidth;
  const labels = points.map((p) => pointLabel(p, data.by));
  const widest = Math.max(0, ...labels.map((l) => estimateTextWidth(l, 11)));
  // Years thin out when they would touch (every other one, …); edition names are turned instead.
  const rotate = data.by === 'edition' && widest > step - 4;
  const labelSpace = rotate ? Math.min(widest, 110) * 0.71 + 14 : 18;
  const footerHeight = (sourceLines + noteLines.length) * LINE_HEIGHT + 16;
  const plotBottom = height - footerHeight - AXIS_TITLE_HEIGHT - labelSpace;
  const plotHeight = plotBottom - TOP;

  const values = points.map((p) => p.value ?? 0);
  const ticks = niceTicks(Math.max(0, ...values));
  const top = ticks[ticks.length - 1];
  const y = (v: number) => plotBottom - (v / top) * plotHeight;

  for (const tick of ticks) {
    body.push(line(LEFT, y(tick), width - RIGHT, y(tick), tick === 0 ? PALETTE.muted : PALETTE.grid));
    body.push(
      text(
        LEFT - 6,
        y(tick) + 4,
        tick < 1e5 ? groupDigits(tick, 'nearest', language) : compactNumber(tick, 'nearest', language),
        { size: 11, fill: PALETTE.muted, anchor: 'end' },
      ),
    );
  }
  body.push(
    text(18, TOP + plotHeight / 2, t(language, 'chart.axis', { metric: name, unit }), {
      size: 12,
      fill: PALETTE.muted,
      anchor: 'middle',
      rotate: -90,
    }),
  );
  body.push(
    text(
      LEFT + plotWidth / 2,
      plotBottom + labelSpace + 16,
      t(language, data.by === 'year' ? 'chart.year' : 'chart.edition'),
      { size: 12, fill: PALETTE.muted, anchor: 'middle' },
    ),
  );

  if (points.length === 0) {
    body.push(
      text(LEFT + plotWidth / 2, TOP + plotHeight / 2, t(language, 'chart.noMatch'), {
        size: 14,
        fill: PALETTE.muted,
        anchor: 'middle',
      }),
    );
  }
  if (points.some((p) => p.value !== null && p.derived)) {
    // Diagonal stripes of the bar colour: a derived bar differs by its pattern and its mark, not by colour alone.
    body.push(
      `<defs><pattern id="${HATCH_ID}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
        `<rect width="6" height="6" fill="${PALETTE.background}"/><line x1="1.5" y1="0" x2="1.5" y2="6" stroke="${PALETTE.bar}" stroke-width="3"/></pattern></defs>`,
    );
  }

  const barWidth = Math.min(40, step * 0.7);
  const valueLabels = points.map((p) => {
    const figure = qualified(p);
    return figure ? `${qualifiedCompact(figure, language)}${p.derived ? DERIVED_MARK : ''}` : '–';
  });
  const labelsFit = Math.max(0, ...valueLabels.map((l) => estimateTextWidth(l, 10))) <= step - 2;
  const every = rotate ? 1 : Math.max(1, Math.ceil((widest + 6) / step));

  points.forEach((point, i) => {
    const centre = LEFT + step * i + step / 2;
    const figure = qualified(point);
    if (figure) {
      const barTop = y(Math.max(0, figure.value));
      const barHeight = Math.max(0, plotBottom - barTop);
      const bar = point.derived
        ? rect(
            centre - barWidth / 2,
            barTop,
            barWidth,
            barHeight,
            `url(#${HATCH_ID})`,
            `class="bar bar-derived" stroke="${PALETTE.bar}" stroke-width="1.5"`,
          )
        : rect(centre - barWidth / 2, barTop, barWidth, barHeight, PALETTE.bar, 'class="bar"');
      body.push(titled(bar, pointInWords(point, data.by, language)));
      const label = labelsFit
        ? valueLabels[i]
        : figure.qualifier === 'exact' && !point.derived
          ? ''
          : valueLabels[i].replace(/[^+~≤*]/g, '');
      if (label) body.push(text(centre, barTop - 4, label, { size: 10, anchor: 'middle' }));
    } else {
      body.push(text(centre, plotBottom - 4, '–', { size: 12, fill: PALETTE.muted, anchor: 'middle' }));
    }
    if (rotate) {
      body.push(
        text(centre + 4, plotBottom + 12, fitText(labels[i], 110, 11), {
          size: 11,
          fill: PALETTE.muted,
          anchor: 'end',
          rotate: -45,
        }),
      );
    } else if (i % every === 0) {
      body.push(text(centre, plotBottom + 15, labels[i], { size: 11, fill: PALETTE.muted, anchor: 'middle' }));
    }
  });

  return svgDocument({
    width,
    height,
    id: 'ora-timeseries',
    title: title(data),
    description: timeseriesDescription(data),
    language,
    body: [...body, ...footer(data.asOf, noteLines, width, height, sourceLines + noteLines.length, language)],
  });
}
