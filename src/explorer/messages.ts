import catalogue from '../i18n/messages/en.json';
import { Direction } from '../embed/render/format';

/** The explorer's strings of one language: flat keys, `{placeholder}` in the text. */
export type Messages = Readonly<Record<string, string>>;

/** Languages the explorer is written in; others fall back to English. */
const CATALOGUES: Record<string, Messages> = { en: catalogue.explorer };

export const DEFAULT_LOCALE = 'en';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** The catalogue of `locale`, or English. */
export function messagesFor(locale: string = DEFAULT_LOCALE): Messages {
  return CATALOGUES[locale] ?? CATALOGUES[DEFAULT_LOCALE];
}

/** `{name}` replaced by its value; an unknown key is an error (a test renders every page, so none ships). */
export function translator(locale: string = DEFAULT_LOCALE): Translate {
  const messages = messagesFor(locale);
  return (key, params = {}) => {
    const text = messages[key];
    if (text === undefined) throw new Error(`No explorer message "${key}"`);
    return text.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}

const ROUNDING: Record<Direction, 'floor' | 'ceil' | 'halfExpand'> = {
  down: 'floor',
  up: 'ceil',
  nearest: 'halfExpand',
};
const numberFormats = new Map<string, Intl.NumberFormat>();

/** Every digit, thousands grouped in the locale's way, at most two decimals rounded the way the qualifier allows. */
export function formatNumber(
  value: number | string,
  locale: string = DEFAULT_LOCALE,
  direction: Direction = 'nearest',
): string {
  const key = `${locale} ${direction}`;
  let format = numberFormats.get(key);
  if (!format) {
    const options = { maximumFractionDigits: 2, roundingMode: ROUNDING[direction] } as Intl.NumberFormatOptions;
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format.format(Number(value));
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** `21 November 2026` in English: a date (`2026-11-21`) or timestamp, in UTC. */
export function formatDate(iso: string, locale: string = DEFAULT_LOCALE): string {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    dateFormats.set(locale, format);
  }
  return format.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));
}

/** `9–16 June 2015`, or the year alone when the sources give no dates. */
export function formatDateRange(
  start: string | null,
  end: string | null,
  year: number,
  locale: string = DEFAULT_LOCALE,
): string {
  if (!start && !end) return String(year);
  if (!start || !end || start === end) return formatDate((start ?? end)!, locale);
  const format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return format.formatRange(new Date(`${start}T00:00:00Z`), new Date(`${end}T00:00:00Z`));
}
