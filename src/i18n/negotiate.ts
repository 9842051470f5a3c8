import { EXPLORER_PAGES, LANDING_PAGE } from '../common/page-paths';
import { ValidationProblem } from '../common/problem';
import { withoutIgnoredParameters } from '../common/validation';
import { DEFAULT_LANGUAGE, LANGUAGES, Language, isLanguage } from './languages';

/** What chose the language of an answer: the URL's `?lang=`, the `Accept-Language` header, or neither (English). */
export type LanguageSource = 'query' | 'header' | 'default';

export interface NegotiatedLanguage {
  language: Language;
  source: LanguageSource;
}

/**
 * The languages of an `Accept-Language` header (RFC 9110 §12.5.4) best first: by q-value, then in the order
 * written; `q=0` means "not this one". Each range is matched by its primary subtag (`fr-CA` is French); `*`
 * stands for any language, which is English here.
 */
export function acceptedLanguages(header: string | string[] | undefined): Language[] {
  const text = Array.isArray(header) ? header.join(',') : header;
  if (!text) return [];
  const ranges = text
    .split(',')
    .map((part, index) => {
      const [range, ...parameters] = part.trim().split(';');
      const q = parameters.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)).find(Boolean);
      const weight = q ? Number(q[1]) : 1;
      return { tag: range.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.tag && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  const refused = new Set(
    text
      .split(',')
      .filter((part) => /;\s*q\s*=\s*0(\.0*)?\s*$/i.test(part))
      .map((part) => part.split(';')[0].trim().toLowerCase()),
  );
  const languages: Language[] = [];
  for (const { tag } of ranges) {
    const primary = tag === '*' ? DEFAULT_LANGUAGE : tag.split('-')[0];
    if (isLanguage(primary) && !languages.includes(primary) && !refused.has(primary)) languages.push(primary);
  }
  return languages;
}

/** The 400 for an unsupported `?lang=`, naming the supported values. */
export function unsupportedLanguage(_value: unknown): ValidationProblem {
  return new ValidationProblem([{ name: 'lang', reason: `lang must be one of: ${LANGUAGES.join(', ')}` }]);
}

/**
 * The language of an answer: `?lang=` wins (an unsupported value is a 400 problem, never a silent English),
 * then the best supported language of `Accept-Language`, else English.
 */
export function negotiateLanguage(
  queryLang: unknown,
  acceptLanguage: string | string[] | undefined,
): NegotiatedLanguage {
  if (queryLang !== undefined) {
    if (!isLanguage(queryLang)) throw unsupportedLanguage(queryLang);
    return { language: queryLang, source: 'query' };
  }
  const [best] = acceptedLanguages(acceptLanguage);
  return best ? { language: best, source: 'header' } : { language: DEFAULT_LANGUAGE, source: 'default' };
}

/**
 * Paths whose answers are in a language: the landing page, the SVG cards and chart, and the explorer's pages
 * (`/explore`, `/operations/{code}`, `/series/{code}`, `/countries/{iso2}`; not its stylesheet).
 */
function isLocalised(path: string): boolean {
  return LANDING_PAGE.test(path) || EMBED_IMAGES.test(path) || EXPLORER_PAGES.test(path);
}
const EMBED_IMAGES = /^\/v1\/embed\/[^?]*\.svg(\?|$)/;

/**
 * For the response cache key: the language an `Accept-Language` header chooses for a localised path without
 * `?lang=` (`lang:fr `), else nothing (the URL already says it, or the answer has no language). An answer
 * chosen by the header is thus never served to a request whose header chooses another language.
 */
export function languageKey(url: string, acceptLanguage: string | string[] | undefined): string {
  const path = withoutIgnoredParameters(url);
  if (!isLocalised(path)) return '';
  const at = path.indexOf('?');
  if (at >= 0 && new URLSearchParams(path.slice(at + 1)).has('lang')) return '';
  return `lang:${acceptedLanguages(acceptLanguage)[0] ?? DEFAULT_LANGUAGE} `;
}
