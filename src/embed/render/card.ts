import { Language } from '../../i18n/languages';
import { t } from '../../i18n/messages';
import { QualifiedNumber, longDate, qualifierWords, readableNumber, roundingDirection } from './format';
import { Canvas, PALETTE, fitFontSize, fitText, wrapText } from './svg';

/** Both stat cards have one size, so that pages can reserve their space. */
export const CARD_WIDTH = 600;
export const CARD_HEIGHT = 360;
export const MARGIN = 24;

const TILE_GAP = 12;
export const TILE_WIDTH = (CARD_WIDTH - 2 * MARGIN - TILE_GAP) / 2;
const TILE_HEIGHT = 96;
const TILES_TOP = 78;

/** One headline figure: its label, the number with its qualifier, and what it counts. */
export interface Tile {
  label: string;
  /** null: nothing was reported. */
  figure: QualifiedNumber | null;
  /** Under the number: the unit or category ("items · medicines"), or a caveat. */
  note?: string;
}

/** Top-left corner of tile `index` (0 to 3) in the 2 × 2 grid. */
function tileOrigin(index: number): { x: number; y: number } {
  return {
    x: MARGIN + (index % 2) * (TILE_WIDTH + TILE_GAP),
    y: TILES_TOP + Math.floor(index / 2) * (TILE_HEIGHT + 8),
  };
}

/** One tile, at the left of its row first (at the right in a right-to-left language: the canvas mirrors it). */
export function tile(index: number, { label, figure, note }: Tile, language: Language = 'en'): string[] {
  const c = new Canvas(CARD_WIDTH, language);
  const { x, y } = tileOrigin(index);
  const inner = TILE_WIDTH - 32;
  const parts = [c.rect(x, y, TILE_WIDTH, TILE_HEIGHT, PALETTE.panel, 'rx="8"')];
  parts.push(c.text(x + 16, y + 21, fitText(label, inner, 13), { size: 13, fill: PALETTE.muted }));
  if (figure === null) {
    parts.push(c.text(x + 16, y + 60, t(language, 'card.notReported'), { size: 18, fill: PALETTE.muted }));
  } else {
    const words = qualifierWords(figure.qualifier, language);
    if (words) parts.push(c.text(x + 16, y + 38, fitText(words, inner, 12), { size: 12, fill: PALETTE.muted }));
    const number = readableNumber(figure.value, roundingDirection(figure.qualifier), language);
    const size = fitFontSize(number, inner, 30, 18, true);
    parts.push(c.text(x + 16, y + 67, number, { size, weight: 'bold', fill: PALETTE.accent }));
  }
  // Two pixels below where English alone would need it: Arabic line boxes (marks above the letters) are taller.
  if (note) parts.push(c.text(x + 16, y + 87, fitText(note, inner, 11), { size: 11, fill: PALETTE.muted }));
  return parts;
}

/** The title (name of what is counted) and the line under it. */
export function header(title: string, subtitle: string, language: Language = 'en'): string[] {
  const c = new Canvas(CARD_WIDTH, language);
  return [
    c.text(MARGIN, 38, fitText(title, CARD_WIDTH - 2 * MARGIN, 21, true), { size: 21, weight: 'bold' }),
    c.text(MARGIN, 60, fitText(subtitle, CARD_WIDTH - 2 * MARGIN, 13), { size: 13, fill: PALETTE.muted }),
  ];
}

/** "Source: …. Data as of 21 November 2026." in the language. */
export function provenance(asOf: string, language: Language = 'en'): string {
  return t(language, 'common.provenance', { date: longDate(asOf, language) });
}

/** Lines of small print that fit under the tiles. */
const FOOTER_LINES = 4;

/**
 * Provenance and as-of date at the foot of a card, after any extra lines
 * (publishers, a pointer to more figures) as far as they fit: the provenance
 * is never cut.
 */
export function footer(
  asOf: string,
  extra: string[] = [],
  width = CARD_WIDTH,
  height = CARD_HEIGHT,
  maxLines = FOOTER_LINES,
  language: Language = 'en',
): string[] {
  const c = new Canvas(width, language);
  const source = wrapText(provenance(asOf, language), width - 2 * MARGIN, 11);
  const extras: string[] = [];
  for (const line of extra) {
    const wrapped = wrapText(line, width - 2 * MARGIN, 11);
    if (extras.length + wrapped.length + source.length > maxLines) break;
    extras.push(...wrapped);
  }
  const lines = [...extras, ...source];
  const bottom = height - 14;
  return lines.map((l, i) =>
    c.text(MARGIN, bottom - (lines.length - 1 - i) * 14, l, { size: 11, fill: PALETTE.muted }),
  );
}
