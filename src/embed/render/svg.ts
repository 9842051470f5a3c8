/**
 * Building blocks of the embeddable SVGs: escaping, the palette, text that
 * fits, the mirrored drawing of right-to-left languages, and the accessible
 * document shell. Pure functions, no I/O.
 */
import { Language, isRightToLeft } from '../../i18n/languages';

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

/** The system's own UI font, then common sans-serif fallbacks; no web font is loaded. */
export const FONT_STACK =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";

/** Every colour of the cards. Text colours pass WCAG AA (4.5:1) on both backgrounds; bars pass 3:1. */
export const PALETTE = {
  background: '#ffffff',
  panel: '#f3f6f9',
  border: '#c9d1d9',
  text: '#1b1f24',
  muted: '#4f5b66',
  accent: '#0a58a8',
  bar: '#1f6fbf',
  grid: '#dde3e9',
} as const;

/** The pairs the cards draw: [foreground, background, minimum ratio]. Tested in svg.spec.ts. */
export const CONTRAST_PAIRS: [keyof typeof PALETTE, keyof typeof PALETTE, number][] = [
  ['text', 'background', 4.5],
  ['text', 'panel', 4.5],
  ['muted', 'background', 4.5],
  ['muted', 'panel', 4.5],
  ['accent', 'background', 4.5],
  ['accent', 'panel', 4.5],
  ['bar', 'background', 3],
];

/**
 * A generous estimate of the width of a line of text (per character, in em),
 * wide enough for DejaVu Sans, the widest of the usual fallbacks, so that
 * text kept within it fits whatever font the reader's system picks.
 */
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const c of text) {
    if (c === ' ') em += 0.32;
    else if (/[0-9]/.test(c)) em += 0.64;
    else if (/[ilj.,:;'|!·]/.test(c)) em += 0.3;
    else if (/[MWmw@%]/.test(c)) em += 0.95;
    else if (/[A-Z]/.test(c)) em += 0.73;
    else em += 0.62;
  }
  return em * fontSize * (bold ? 1.12 : 1);
}

/** The text, cut with an ellipsis when it would be wider than `maxWidth`. */
export function fitText(text: string, maxWidth: number, fontSize: number, bold = false): string {
  if (estimateTextWidth(text, fontSize, bold) <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && estimateTextWidth(`${cut}…`, fontSize, bold) > maxWidth) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** Words broken into lines no wider than `maxWidth` (a word longer than a line is cut). */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const lines: string[] = [];
  let current = '';
  // Only ordinary spaces break a line: Intl's no-break spaces ("2 160", "21 de noviembre") hold a number or date together.
  for (const word of text.split(/[ \t\r\n]+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && estimateTextWidth(candidate, fontSize, bold) > maxWidth) {
      lines.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  if (current) lines.push(current);
  return lines.map((l) => fitText(l, maxWidth, fontSize, bold));
}

/** The largest font size from `preferred` down to `minimum` at which the text fits `maxWidth`. */
export function fitFontSize(text: string, maxWidth: number, preferred: number, minimum: number, bold = false): number {
  let size = preferred;
  while (size > minimum && estimateTextWidth(text, size, bold) > maxWidth) size -= 1;
  return size;
}

export interface TextOptions {
  size: number;
  fill?: string;
  weight?: 'normal' | 'bold';
  anchor?: 'start' | 'middle' | 'end';
  /** Rotation in degrees around the text's own anchor point. */
  rotate?: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** One `<text>` element; the content is escaped. */
export function text(x: number, y: number, content: string, options: TextOptions): string {
  const attributes = [
    `x="${round(x)}"`,
    `y="${round(y)}"`,
    `font-size="${options.size}"`,
    `fill="${options.fill ?? PALETTE.text}"`,
  ];
  if (options.weight === 'bold') attributes.push('font-weight="700"');
  if (options.anchor && options.anchor !== 'start') attributes.push(`text-anchor="${options.anchor}"`);
  if (options.rotate) attributes.push(`transform="rotate(${options.rotate} ${round(x)} ${round(y)})"`);
  return `<text ${attributes.join(' ')}>${escapeXml(content)}</text>`;
}

export function rect(x: number, y: number, width: number, height: number, fill: string, extra = ''): string {
  return `<rect x="${round(x)}" y="${round(y)}" width="${round(width)}" height="${round(height)}" fill="${fill}"${extra ? ` ${extra}` : ''}/>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, extra = ''): string {
  return `<line x1="${round(x1)}" y1="${round(y1)}" x2="${round(x2)}" y2="${round(y2)}" stroke="${stroke}"${extra ? ` ${extra}` : ''}/>`;
}

/** An empty element (`<rect …/>`) given a `<title>` child: its tooltip, and its name where the element is read by itself. */
export function titled(element: string, title: string): string {
  const name = /^<([A-Za-z]+)/.exec(element)![1];
  return `${element.replace(/\s*\/>$/, '')}><title>${escapeXml(title)}</title></${name}>`;
}

/**
 * Draws in a card's coordinates, as for a left-to-right language: for a right-to-left one every shape is
 * mirrored about the card's vertical axis (x becomes width − x, rotations turn the other way). Text anchors
 * need no change: the document's `direction="rtl"` makes `start` the right end of a line.
 */
export class Canvas {
  readonly rtl: boolean;

  constructor(
    readonly width: number,
    readonly language: Language = 'en',
  ) {
    this.rtl = isRightToLeft(language);
  }

  text(x: number, y: number, content: string, options: TextOptions): string {
    if (!this.rtl) return text(x, y, content, options);
    return text(this.width - x, y, content, { ...options, rotate: options.rotate ? -options.rotate : undefined });
  }

  rect(x: number, y: number, width: number, height: number, fill: string, extra = ''): string {
    return rect(this.rtl ? this.width - x - width : x, y, width, height, fill, extra);
  }

  line(x1: number, y1: number, x2: number, y2: number, stroke: string, extra = ''): string {
    return this.rtl
      ? line(this.width - x1, y1, this.width - x2, y2, stroke, extra)
      : line(x1, y1, x2, y2, stroke, extra);
  }
}

export interface SvgDocument {
  width: number;
  height: number;
  /** Prefix of the ids of `<title>` and `<desc>`, unique per kind of card. */
  id: string;
  /** Short name of the image, read first by screen readers. */
  title: string;
  /** Every figure of the image in words. */
  description: string;
  body: string[];
  /** The language of its text: `lang` on the root, and `direction="rtl"` for a right-to-left one. */
  language?: Language;
}

/**
 * The complete SVG: fixed size and viewBox, `role="img"`, a `<title>` and a
 * `<desc>` referenced by `aria-labelledby`, a white card with a thin border.
 */
export function svgDocument({ width, height, id, title, description, body, language = 'en' }: SvgDocument): string {
  const direction = isRightToLeft(language) ? ' direction="rtl"' : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" lang="${language}" xml:lang="${language}"${direction} font-family="${escapeXml(FONT_STACK)}">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(description)}</desc>`,
    rect(0.5, 0.5, width - 1, height - 1, PALETTE.background, `rx="10" stroke="${PALETTE.border}"`),
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** The provenance line every card carries (in English; other languages: `common.source` of the catalogue). */
export const SOURCE_LINE =
  'Source: Operation Results API, compiled from INTERPOL, WCO, Europol and other published reports';
