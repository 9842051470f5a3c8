import { ValidationProblem } from '../common/problem';
import { acceptedLanguages, languageKey, negotiateLanguage } from './negotiate';

describe('language negotiation', () => {
  it('reads Accept-Language by q-value, then order, by primary subtag, skipping q=0 and unsupported languages', () => {
    expect(acceptedLanguages('fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5')).toEqual(['fr', 'en']);
    expect(acceptedLanguages('de, es;q=0.2, ar;q=0.6')).toEqual(['ar', 'es']);
    expect(acceptedLanguages('ar;q=0, fr;q=0.1')).toEqual(['fr']);
    expect(acceptedLanguages('es-419')).toEqual(['es']);
    expect(acceptedLanguages('*')).toEqual(['en']);
    expect(acceptedLanguages('')).toEqual([]);
    expect(acceptedLanguages(undefined)).toEqual([]);
    expect(acceptedLanguages('garbage;;q=x,,')).toEqual([]);
  });

  it('?lang= wins; then the header; else English; an unsupported ?lang= is a 400 naming the four', () => {
    expect(negotiateLanguage('ar', 'fr')).toEqual({ language: 'ar', source: 'query' });
    expect(negotiateLanguage(undefined, 'de, es;q=0.5')).toEqual({ language: 'es', source: 'header' });
    expect(negotiateLanguage(undefined, 'de')).toEqual({ language: 'en', source: 'default' });
    expect(() => negotiateLanguage('de', 'fr')).toThrow(ValidationProblem);
    expect(() => negotiateLanguage(['fr', 'es'], undefined)).toThrow(ValidationProblem);
  });

  it('keys the cache by the header’s language only where the answer has one and the URL does not say it', () => {
    expect(languageKey('/v1/embed/summary.svg?series=pangea', 'fr')).toBe('lang:fr ');
    expect(languageKey('/v1/embed/operations/pangea-viii.svg', undefined)).toBe('lang:en ');
    expect(languageKey('/', 'ar')).toBe('lang:ar ');
    expect(languageKey('/?utm_source=x', 'es')).toBe('lang:es ');
    expect(languageKey('/v1/embed/summary.svg?lang=es', 'fr')).toBe('');
    expect(languageKey('/v1/stats/summary', 'fr')).toBe('');
    expect(languageKey('/embed.js', 'fr')).toBe('');
  });

  it('keys the explorer’s pages by the header’s language too, but not its stylesheet', () => {
    expect(languageKey('/explore?kind=arrests&series=pangea', 'fr')).toBe('lang:fr ');
    expect(languageKey('/explore', 'ar')).toBe('lang:ar ');
    expect(languageKey('/operations/pangea-vii', 'es')).toBe('lang:es ');
    expect(languageKey('/series/pangea', undefined)).toBe('lang:en ');
    expect(languageKey('/countries/GB?x=1', 'fr')).toBe('lang:fr ');
    expect(languageKey('/explore?kind=arrests&lang=fr', 'es')).toBe('');
    expect(languageKey('/explore/explorer.css', 'fr')).toBe('');
    expect(languageKey('/v1/operations/pangea-vii', 'fr')).toBe('');
  });
});
