import { QUALIFIER_WORDS, QualifiedNumber, longDate, readableNumber, roundingDirection } from './format';
import { PALETTE, SOURCE_LINE, fitFontSize, fitText, rect, text, wrapText } from './svg';

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
  return { x: MARGIN + (index % 2) * (TILE_WIDTH + TILE_GAP), y: TILES_TOP + Math.floor(index / 2) * (TILE_HEIGHT + 8) };
}

export function tile(index: number, { label, figure, note }: Tile): string[] {
  const { x, y } = tileOrigin(index);
  const inner = TILE_WIDTH - 32;
  const parts = [rect(x, y, TILE_WIDTH, TILE_HEIGHT, PALETTE.panel, 'rx="8"')];
  parts.push(text(x + 16, y + 21, fitText(label, inner, 13), { size: 13, fill: PALETTE.muted }));
  if (figure === null) {
    parts.push(text(x + 16, y + 60, 'Not reported', { size: 18, fill: PALETTE.muted }));
  } else {
    const words = QUALIFIER_WORDS[figure.qualifier];
    if (words) parts.push(text(x + 16, y + 38, words, { size: 12, fill: PALETTE.muted }));
    const number = readableNumber(figure.value, roundingDirection(figure.qualifier));
    const size = fitFontSize(number, inner, 30, 18, true);
    parts.push(text(x + 16, y + 67, number, { size, weight: 'bold', fill: PALETTE.accent }));
  }
  if (note) parts.push(text(x + 16, y + 85, fitText(note, inner, 11), { size: 11, fill: PALETTE.muted }));
  return parts;
}

/** The title (name of what is counted) and the line under it. */
export function header(title: string, subtitle: string): string[] {
  return [
    text(MARGIN, 38, fitText(title, CARD_WIDTH - 2 * MARGIN, 21, true), { size: 21, weight: 'bold' }),
    text(MARGIN, 60, fitText(subtitle, CARD_WIDTH - 2 * MARGIN, 13), { size: 13, fill: PALETTE.muted }),
  ];
}

/** Lines of small print that fit under the tiles. */
const FOOTER_LINES = 4;

/**
 * Provenance and as-of date at the foot of a card, after any extra lines
 * (publishers, a pointer to more figures) as far as they fit: the provenance
 * is never cut.
 */
export function footer(asOf: string, extra: string[] = [], width = CARD_WIDTH, height = CARD_HEIGHT, maxLines = FOOTER_LINES): string[] {
  const source = wrapText(`${SOURCE_LINE}. Data as of ${longDate(asOf)}.`, width - 2 * MARGIN, 11);
  const extras: string[] = [];
  for (const line of extra) {
    const wrapped = wrapText(line, width - 2 * MARGIN, 11);
    if (extras.length + wrapped.length + source.length > maxLines) break;
    extras.push(...wrapped);
  }
  const lines = [...extras, ...source];
  const bottom = height - 14;
  return lines.map((l, i) => text(MARGIN, bottom - (lines.length - 1 - i) * 14, l, { size: 11, fill: PALETTE.muted }));
}
