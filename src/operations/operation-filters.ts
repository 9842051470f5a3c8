/**
 * "The operation took part with one of these countries", as SQL on operations `o`: a source lists the country as a
 * participant (`operation_countries`), or the operation has a live figure for it. The one definition of a country
 * filter on operations, used by the operation list and by the statistics summary's selection. `countries` is the
 * placeholder of an array of ISO 3166-1 alpha-2 codes, compared as `bpchar` like the columns (`char(2)`), so
 * that their indexes serve.
 */
export function countryTookPart(countries: string): string {
  return (
    `(EXISTS (SELECT 1 FROM operation_countries oc WHERE oc.operation_id = o.id AND oc.country_iso2 = ANY(${countries}::bpchar[]))` +
    ` OR EXISTS (SELECT 1 FROM figures f WHERE f.operation_id = o.id AND f.deleted_at IS NULL AND f.country_iso2 = ANY(${countries}::bpchar[])))`
  );
}
