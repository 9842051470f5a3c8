/**
 * The counting rules, as one SQL query over the raw figures. It yields rows
 * shaped like `figure_rollups` (see FigureRollup):
 *
 * - only preferred, live figures count (one per group of conflicting reports);
 * - a measure is (kind, unit class, unit): mass in kg, volume in litres, money
 *   in its currency, counts in their reported unit; `other` figures also by unit;
 * - scope `country`: a country's own total, else the sum of its category rows (derived);
 * - scope `operation`: the operation-wide total (no country, no category); else the
 *   sum of the country totals (derived); else the sum of the operation-wide category rows (derived);
 * - scope `category`: operation-wide category rows by category, and operation-wide
 *   totals without category as "unspecified" (category_key null);
 * - qualifiers propagate: `more_than` → lowerBound, `up_to` → upperBound,
 *   `approximately`/`nearly` → approximate;
 * - money is converted with the annual average rate of the operation's year
 *   (USD is 1); no rate → value_usd null.
 *
 * `$1` may restrict the operations (int[]); pass null for all.
 */
export const COUNTING_RULES_SQL = `
WITH pf AS (
  SELECT f.operation_id, f.type, f.kind, f.unit_class, f.country_iso2, f.category_key, f.qualifier, f.source_id,
         CASE f.unit_class WHEN 'mass' THEN 'kg' WHEN 'volume' THEN 'litres' WHEN 'money' THEN f.currency ELSE f.unit END AS unit,
         CASE WHEN f.unit_class = 'money' THEN f.quantity ELSE f.normalized_quantity END AS value,
         CASE WHEN f.kind = 'other' THEN f.unit ELSE '' END AS kind_unit
  FROM figures f
  WHERE f.preferred AND f.deleted_at IS NULL AND ($1::int[] IS NULL OR f.operation_id = ANY($1::int[]))
),
country_direct AS (
  SELECT operation_id, country_iso2, type, kind, kind_unit, unit_class, unit,
         sum(value) AS value, bool_or(qualifier = 'more_than') AS lower_bound, bool_or(qualifier = 'up_to') AS upper_bound,
         bool_or(qualifier IN ('approximately', 'nearly')) AS approximate, false AS derived,
         count(*)::int AS figure_count, array_agg(DISTINCT source_id ORDER BY source_id) AS source_ids
  FROM pf WHERE country_iso2 IS NOT NULL AND category_key IS NULL
  GROUP BY operation_id, country_iso2, type, kind, kind_unit, unit_class, unit
),
country_from_categories AS (
  SELECT c.operation_id, c.country_iso2, c.type, c.kind, c.kind_unit, c.unit_class, c.unit,
         sum(c.value) AS value, bool_or(c.qualifier = 'more_than') AS lower_bound, bool_or(c.qualifier = 'up_to') AS upper_bound,
         bool_or(c.qualifier IN ('approximately', 'nearly')) AS approximate, true AS derived,
         count(*)::int AS figure_count, array_agg(DISTINCT c.source_id ORDER BY c.source_id) AS source_ids
  FROM pf c
  WHERE c.country_iso2 IS NOT NULL AND c.category_key IS NOT NULL
    AND NOT EXISTS (
      SELECT 1 FROM country_direct d
      WHERE d.operation_id = c.operation_id AND d.country_iso2 = c.country_iso2
        AND d.kind = c.kind AND d.kind_unit = c.kind_unit AND d.unit_class = c.unit_class)
  GROUP BY c.operation_id, c.country_iso2, c.type, c.kind, c.kind_unit, c.unit_class, c.unit
),
country_totals AS (
  SELECT * FROM country_direct UNION ALL SELECT * FROM country_from_categories
),
operation_direct AS (
  SELECT operation_id, type, kind, kind_unit, unit_class, unit,
         sum(value) AS value, bool_or(qualifier = 'more_than') AS lower_bound, bool_or(qualifier = 'up_to') AS upper_bound,
         bool_or(qualifier IN ('approximately', 'nearly')) AS approximate, false AS derived,
         count(*)::int AS figure_count, array_agg(DISTINCT source_id ORDER BY source_id) AS source_ids
  FROM pf WHERE country_iso2 IS NULL AND category_key IS NULL
  GROUP BY operation_id, type, kind, kind_unit, unit_class, unit
),
operation_from_countries AS (
  SELECT c.operation_id, c.type, c.kind, c.kind_unit, c.unit_class, c.unit,
         sum(c.value) AS value, bool_or(c.lower_bound) AS lower_bound, bool_or(c.upper_bound) AS upper_bound,
         bool_or(c.approximate) AS approximate, true AS derived,
         sum(c.figure_count)::int AS figure_count,
         (SELECT array_agg(DISTINCT s ORDER BY s) FROM unnest(string_to_array(string_agg(array_to_string(c.source_ids, ','), ','), ',')::int[]) s) AS source_ids
  FROM country_totals c
  WHERE NOT EXISTS (
    SELECT 1 FROM operation_direct d
    WHERE d.operation_id = c.operation_id AND d.kind = c.kind AND d.kind_unit = c.kind_unit AND d.unit_class = c.unit_class)
  GROUP BY c.operation_id, c.type, c.kind, c.kind_unit, c.unit_class, c.unit
),
operation_from_categories AS (
  SELECT c.operation_id, c.type, c.kind, c.kind_unit, c.unit_class, c.unit,
         sum(c.value) AS value, bool_or(c.qualifier = 'more_than') AS lower_bound, bool_or(c.qualifier = 'up_to') AS upper_bound,
         bool_or(c.qualifier IN ('approximately', 'nearly')) AS approximate, true AS derived,
         count(*)::int AS figure_count, array_agg(DISTINCT c.source_id ORDER BY c.source_id) AS source_ids
  FROM pf c
  WHERE c.country_iso2 IS NULL AND c.category_key IS NOT NULL
    AND NOT EXISTS (
      SELECT 1 FROM operation_direct d
      WHERE d.operation_id = c.operation_id AND d.kind = c.kind AND d.kind_unit = c.kind_unit AND d.unit_class = c.unit_class)
    AND NOT EXISTS (
      SELECT 1 FROM country_totals t
      WHERE t.operation_id = c.operation_id AND t.kind = c.kind AND t.kind_unit = c.kind_unit AND t.unit_class = c.unit_class)
  GROUP BY c.operation_id, c.type, c.kind, c.kind_unit, c.unit_class, c.unit
),
category_rows AS (
  SELECT operation_id, category_key, type, kind, kind_unit, unit_class, unit,
         sum(value) AS value, bool_or(qualifier = 'more_than') AS lower_bound, bool_or(qualifier = 'up_to') AS upper_bound,
         bool_or(qualifier IN ('approximately', 'nearly')) AS approximate, false AS derived,
         count(*)::int AS figure_count, array_agg(DISTINCT source_id ORDER BY source_id) AS source_ids
  FROM pf WHERE country_iso2 IS NULL
  GROUP BY operation_id, category_key, type, kind, kind_unit, unit_class, unit
),
counted AS (
  SELECT 'operation' AS scope, NULL::char(2) AS country_iso2, NULL::varchar AS category_key, t.*
  FROM (SELECT * FROM operation_direct UNION ALL SELECT * FROM operation_from_countries UNION ALL SELECT * FROM operation_from_categories) t
  UNION ALL
  SELECT 'country', c.country_iso2, NULL, c.operation_id, c.type, c.kind, c.kind_unit, c.unit_class, c.unit, c.value,
         c.lower_bound, c.upper_bound, c.approximate, c.derived, c.figure_count, c.source_ids
  FROM country_totals c
  UNION ALL
  SELECT 'category', NULL, c.category_key, c.operation_id, c.type, c.kind, c.kind_unit, c.unit_class, c.unit, c.value,
         c.lower_bound, c.upper_bound, c.approximate, c.derived, c.figure_count, c.source_ids
  FROM category_rows c
)
SELECT c.operation_id, c.scope, c.country_iso2, c.category_key, c.type, c.kind, c.unit_class, c.unit, c.value,
       CASE WHEN c.unit_class <> 'money' THEN NULL WHEN c.unit = 'USD' THEN 1::numeric ELSE fx.units_per_usd END AS units_per_usd,
       CASE WHEN c.unit_class <> 'money' THEN NULL WHEN c.unit = 'USD' THEN c.value
            ELSE round(c.value / fx.units_per_usd, 2) END AS value_usd,
       c.lower_bound, c.upper_bound, c.approximate, c.derived, c.figure_count, c.source_ids
FROM counted c
JOIN operations o ON o.id = c.operation_id
LEFT JOIN fx_rates fx ON c.unit_class = 'money' AND fx.year = o.year AND fx.currency = c.unit
`;

export const ROLLUP_COLUMNS =
  'operation_id, scope, country_iso2, category_key, type, kind, unit_class, unit, value, units_per_usd, value_usd, ' +
  'lower_bound, upper_bound, approximate, derived, figure_count, source_ids';
