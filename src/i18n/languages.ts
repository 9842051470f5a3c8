/** The languages of the cards, the chart, the embed script's alt texts and the pages: INTERPOL's four. */
export const LANGUAGES = ['en', 'fr', 'es', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

/** When neither `?lang=` nor `Accept-Language` names a supported language. */
export const DEFAULT_LANGUAGE: Language = 'en';

/** The locale each language's numbers and dates are formatted in (Node's ICU). English keeps the US number style. */
export const INTL_LOCALES: Record<Language, string> = { en: 'en-US', fr: 'fr', es: 'es', ar: 'ar' };

/** Languages written right to left. */
const RTL: ReadonlySet<Language> = new Set<Language>(['ar']);

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function isRightToLeft(language: Language): boolean {
  return RTL.has(language);
}

/** `rtl` or `ltr`, for `dir` attributes. */
export function directionOf(language: Language): 'rtl' | 'ltr' {
  return isRightToLeft(language) ? 'rtl' : 'ltr';
}
