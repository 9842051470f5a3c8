import { TimeseriesMetric } from '../../stats/dto/stats-query.dto';
import { TimeseriesPointDto } from '../../stats/dto/stats-response.dto';
import { footer } from './card';
import { QualifiedNumber, compactNumber, groupDigits, longDate, qualifiedCompact, qualifiedExact, sumQualifier } from './format';
import { PALETTE, SOURCE_LINE, estimateTextWidth, fitText, line, rect, svgDocument, text } from './svg';

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 400;

const LEFT = 72;
const RIGHT = 24;
const TOP = 84;
const FOOTER_HEIGHT = 44;
const AXIS_TITLE_HEIGHT = 22;

/** Name and unit of each metric, for the title and the axis. */
export const METRIC_LABELS: Record<TimeseriesMetric, { name: string; unit: string }> = {
  arrests: { name: 'Arrests', unit: 'people' },
  personsUnderInvestigation: { name: 'Persons under investigation', unit: 'people' },
  seizureValueUsd: { name: 'Value of seizures', unit: 'US dollars' },
  seizureWeightKg: { name: 'Weight seized', unit: 'kg' },
  seizureVolumeLitres: { name: 'Volume seized', unit: 'litres' },
};

export interface TimeseriesChartData {
  metric: TimeseriesMetric;
  by: 'year' | 'edition';
  /** What was counted, in words: "Pangea operations". */
  scope: string;
  points: TimeseriesPointDto[];
  asOf: string;
}

function qualified(point: TimeseriesPointDto): QualifiedNumber | null {
  return point.value === null ? null : { value: point.value, qualifier: sumQualifier(point) };
}

function pointLabel(point: TimeseriesPointDto, by: 'year' | 'edition'): string {
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
  return `${METRIC_LABELS[data.metric].name} per ${data.by}: ${data.scope}`;
}

/** The chart in words: every point with its qualifier, gaps named as gaps. */
export function timeseriesDescription(data: TimeseriesChartData): string {
  const { name, unit } = METRIC_LABELS[data.metric];
  if (data.points.length === 0) return `${title(data)}: no operations match. ${SOURCE_LINE}. Data as of ${longDate(data.asOf)}.`;
  const points = data.points.map((p) => {
    const figure = qualified(p);
    const unconverted = p.unconverted ? ` (${p.unconverted} money figure${p.unconverted === 1 ? '' : 's'} without an exchange rate not included)` : '';
    return `${pointLabel(p, data.by)}: ${figure ? qualifiedExact(figure) : 'no figure reported'}${unconverted}`;
  });
  return `${name} per ${data.by} in ${unit}, ${data.scope}. ${points.join('; ')}. ${SOURCE_LINE}. Data as of ${longDate(data.asOf)}.`;
}

/**
 * A bar chart, one bar per year (or edition). A year without a figure is a
 * gap marked with a dash, never a bar of 0; a bar whose sum includes a
 * "more than" figure is labelled with "+", an approximate one with "~".
 */
export function renderTimeseriesChart(data: TimeseriesChartData): string {
  const { name, unit } = METRIC_LABELS[data.metric];
  const width = CHART_WIDTH;
  const height = CHART_HEIGHT;
  const plotWidth = width - LEFT - RIGHT;
  const body: string[] = [
    text(24, 36, fitText(title(data), width - 48, 17, true), { size: 17, weight: 'bold' }),
    text(24, 57, fitText('Bars: sum of preferred figures.  + more than   ~ about   – no figure reported', width - 48, 12), {
      size: 12,
      fill: PALETTE.muted,
    }),
  ];
  const points = data.points;
  const unconverted = points.reduce((n, p) => n + (p.unconverted ?? 0), 0);
  const notes = unconverted > 0 ? [`Not counting ${unconverted} money figure${unconverted === 1 ? '' : 's'} without an exchange rate.`] : [];

  const step = points.length > 0 ? plotWidth / points.length : plotWidth;
  const labels = points.map((p) => pointLabel(p, data.by));
  const widest = Math.max(0, ...labels.map((l) => estimateTextWidth(l, 11)));
  // Years thin out when they would touch (every other one, …); edition names are turned instead.
  const rotate = data.by === 'edition' && widest > step - 4;
  const labelSpace = rotate ? Math.min(widest, 110) * 0.71 + 14 : 18;
  const plotBottom = height - FOOTER_HEIGHT - (notes.length ? 14 : 0) - AXIS_TITLE_HEIGHT - labelSpace;
  const plotHeight = plotBottom - TOP;

  const values = points.map((p) => p.value ?? 0);
  const ticks = niceTicks(Math.max(0, ...values));
  const top = ticks[ticks.length - 1];
  const y = (v: number) => plotBottom - (v / top) * plotHeight;

  for (const tick of ticks) {
    body.push(line(LEFT, y(tick), width - RIGHT, y(tick), tick === 0 ? PALETTE.muted : PALETTE.grid));
    body.push(text(LEFT - 6, y(tick) + 4, tick < 1e5 ? groupDigits(tick) : compactNumber(tick), { size: 11, fill: PALETTE.muted, anchor: 'end' }));
  }
  body.push(text(18, TOP + plotHeight / 2, `${name} (${unit})`, { size: 12, fill: PALETTE.muted, anchor: 'middle', rotate: -90 }));
  body.push(text(LEFT + plotWidth / 2, plotBottom + labelSpace + 16, data.by === 'year' ? 'Year' : 'Edition', { size: 12, fill: PALETTE.muted, anchor: 'middle' }));

  if (points.length === 0) {
    body.push(text(LEFT + plotWidth / 2, TOP + plotHeight / 2, 'No operations match these filters', { size: 14, fill: PALETTE.muted, anchor: 'middle' }));
  }

  const barWidth = Math.min(40, step * 0.7);
  const valueLabels = points.map((p) => {
    const figure = qualified(p);
    return figure ? qualifiedCompact(figure) : '–';
  });
  const labelsFit = Math.max(0, ...valueLabels.map((l) => estimateTextWidth(l, 10))) <= step - 2;
  const every = rotate ? 1 : Math.max(1, Math.ceil((widest + 6) / step));

  points.forEach((point, i) => {
    const centre = LEFT + step * i + step / 2;
    const figure = qualified(point);
    if (figure) {
      const barTop = y(Math.max(0, figure.value));
      body.push(rect(centre - barWidth / 2, barTop, barWidth, Math.max(0, plotBottom - barTop), PALETTE.bar));
      const label = labelsFit ? valueLabels[i] : figure.qualifier === 'exact' ? '' : valueLabels[i].replace(/[^+~≤]/g, '');
      if (label) body.push(text(centre, barTop - 4, label, { size: 10, anchor: 'middle' }));
    } else {
      body.push(text(centre, plotBottom - 4, '–', { size: 12, fill: PALETTE.muted, anchor: 'middle' }));
    }
    if (rotate) {
      body.push(text(centre + 4, plotBottom + 12, fitText(labels[i], 110, 11), { size: 11, fill: PALETTE.muted, anchor: 'end', rotate: -45 }));
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
    body: [...body, ...footer(data.asOf, notes, width, height, 3)],
  });
}
