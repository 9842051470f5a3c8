import { DataSource, EntityManager } from 'typeorm';
import { ResolvedStatsFilters, summaryOperationWhere } from './stats.repository';

/**
 * How many countries took part in the selected operations, each number with what it rests on. The data holds three
 * different facts, never to be mixed into one count:
 * - a number of participating countries a source states (`operations.countries_count`);
 * - countries a source lists by name as participants (`operation_countries`), for a minority of operations;
 * - countries the operation has figures for (`figures.country_iso2`), often a few examples a press release gives.
 */
export interface Participation {
  /** Operations selected by the filters. */
  operations: number;
  /** Selected operations that list their participants by name: the coverage of `countriesListed` ("20 of 55"). */
  operationsWithParticipantList: number;
  /** Selected operations whose source states a number of participating countries: the coverage of `countriesStatedMax`. */
  operationsStatingCountries: number;
  /** Distinct countries listed as participants by a selected operation. */
  countriesListed: number;
  /** Distinct countries a selected operation has a live (not deleted) figure for, listed or not. */
  countriesWithFigures: number;
  /**
   * Distinct countries listed or with a figure: the summary's `participatingCountries` as it has always been
   * counted (the union of the two above, not their sum).
   */
  countriesListedOrWithFigures: number;
  /**
   * The largest number of participating countries a selected operation's source states; null when none states one,
   * and null with a country filter (a stated number counts all participants, not those countries). Stated numbers
   * are never added: editions of a series share most participants, so a sum would count countries many times, and
   * only the largest is a number of distinct countries the sources support. "More than N" is stored as N, so it is
   * a lower bound like the stated numbers it comes from.
   */
  countriesStatedMax: number | null;
}

interface ParticipationRow {
  operations: number;
  operations_with_participant_list: number;
  operations_stating_countries: number;
  countries_listed: number;
  countries_with_figures: number;
  countries_listed_or_with_figures: number;
  countries_stated_max: number | null;
}

/**
 * Participation in the operations the filters select, in one statement. Filters apply as in the summary's
 * `participatingCountries`: the region filter selects operations by their region (countries are not narrowed to
 * the region); a country filter selects the operations that list or have figures for one of the countries, and
 * only those countries are counted.
 */
export async function participation(
  db: DataSource | EntityManager,
  filters: ResolvedStatsFilters,
): Promise<Participation> {
  const { where, params } = summaryOperationWhere(filters);
  const onlyCountries = filters.countries ? `AND x.iso2 = ANY($${params.length + 1}::bpchar[])` : '';
  const values = filters.countries ? [...params, filters.countries] : params;
  const [row] = await db.query<ParticipationRow[]>(
    `WITH selected AS MATERIALIZED (SELECT o.id, o.countries_count FROM operations o WHERE ${where}),
     appearances AS (
       SELECT x.iso2, x.listed FROM (
         SELECT oc.country_iso2 AS iso2, true AS listed
         FROM operation_countries oc JOIN selected s ON s.id = oc.operation_id
         UNION ALL
         SELECT f.country_iso2, false
         FROM figures f JOIN selected s ON s.id = f.operation_id
         WHERE f.country_iso2 IS NOT NULL AND f.deleted_at IS NULL
       ) x
       WHERE true ${onlyCountries}
     )
     SELECT (SELECT count(*) FROM selected)::int AS operations,
            (SELECT count(*) FROM selected s WHERE EXISTS (SELECT 1 FROM operation_countries oc WHERE oc.operation_id = s.id))::int
              AS operations_with_participant_list,
            (SELECT count(countries_count) FROM selected)::int AS operations_stating_countries,
            (SELECT count(DISTINCT iso2) FILTER (WHERE listed) FROM appearances)::int AS countries_listed,
            (SELECT count(DISTINCT iso2) FILTER (WHERE NOT listed) FROM appearances)::int AS countries_with_figures,
            (SELECT count(DISTINCT iso2) FROM appearances)::int AS countries_listed_or_with_figures,
            ${filters.countries ? 'NULL::int' : '(SELECT max(countries_count) FROM selected)'} AS countries_stated_max`,
    values,
  );
  return {
    operations: row.operations,
    operationsWithParticipantList: row.operations_with_participant_list,
    operationsStatingCountries: row.operations_stating_countries,
    countriesListed: row.countries_listed,
    countriesWithFigures: row.countries_with_figures,
    countriesListedOrWithFigures: row.countries_listed_or_with_figures,
    countriesStatedMax: row.countries_stated_max,
  };
}
