import { listInWords } from './render/format';

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
 * "Operations against firearms trafficking".
 */
export function scopeLabel(filters: NamedFilters): string {
  let label = filters.operations?.length
    ? listInWords(filters.operations)
    : filters.series?.length
      ? `${listInWords(filters.series)} operations`
      : filters.crimeAreas?.length
        ? 'Operations'
        : 'All operations';
  if (filters.crimeAreas?.length) label += ` against ${listInWords(filters.crimeAreas)}`;
  if (filters.regions?.length) label += ` in ${listInWords(filters.regions)}`;
  if (filters.countries?.length) label += ` involving ${listInWords(filters.countries)}`;
  if (filters.categories?.length) label += ` (${filters.categories.join(', ')})`;
  if (filters.years?.length) label += `, ${[...filters.years].sort((a, b) => a - b).join(', ')}`;
  if (filters.yearFrom !== undefined && filters.yearTo !== undefined) label += `, ${filters.yearFrom}–${filters.yearTo}`;
  else if (filters.yearFrom !== undefined) label += `, from ${filters.yearFrom}`;
  else if (filters.yearTo !== undefined) label += `, up to ${filters.yearTo}`;
  return label;
}
