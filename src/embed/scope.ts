import { crimeAreaName, listInWords } from '../i18n/format';
import { Language } from '../i18n/languages';
import { t } from '../i18n/messages';

/** The filters of a statistics request with their codes resolved to names. */
export interface NamedFilters {
  series?: string[];
  crimeAreas?: string[];
  operations?: string[];
  regions?: string[];
  countries?: string[];
  categories?: string[];
  years?: number[];
  yearFrom?: number;
  yearTo?: number;
}

/**
 * What a card counts, in words: "All operations", "Pangea operations",
 * "Pangea and Opson operations in Europe, 2015", "Pangea VIII",
 * "Operations against firearms trafficking"; in another language the same
 * pieces from its catalogue (`scope`), the names already in that language.
 */
export function scopeLabel(filters: NamedFilters, language: Language = 'en'): string {
  const list = (items: string[]) => listInWords(items, language);
  let scope = filters.operations?.length
    ? list(filters.operations)
    : filters.series?.length
      ? t(language, 'scope.series', { series: list(filters.series) })
      : t(language, filters.crimeAreas?.length ? 'scope.operations' : 'scope.all');
  if (filters.crimeAreas?.length)
    scope = t(language, 'scope.crimeAreas', {
      scope,
      areas: list(filters.crimeAreas.map((a) => crimeAreaName(a, language))),
    });
  if (filters.regions?.length) scope = t(language, 'scope.regions', { scope, regions: list(filters.regions) });
  if (filters.countries?.length) scope = t(language, 'scope.countries', { scope, countries: list(filters.countries) });
  if (filters.categories?.length)
    scope = t(language, 'scope.categories', { scope, categories: filters.categories.join(', ') });
  if (filters.years?.length)
    scope = t(language, 'scope.years', { scope, years: [...filters.years].sort((a, b) => a - b).join(', ') });
  if (filters.yearFrom !== undefined && filters.yearTo !== undefined)
    scope = t(language, 'scope.yearRange', { scope, from: filters.yearFrom, to: filters.yearTo });
  else if (filters.yearFrom !== undefined) scope = t(language, 'scope.yearFrom', { scope, from: filters.yearFrom });
  else if (filters.yearTo !== undefined) scope = t(language, 'scope.yearTo', { scope, to: filters.yearTo });
  return scope;
}
