/**
 * The counting rules, as one SQL query over the raw figures. It yields rows
 * shaped like `figure_rollups` (see FigureRollup). README "Counting rules" says
 * the same for readers; stats-equivalence and stats-rules tests hold both to it.
 *
 * - only preferred, live figures count (one per group of conflicting reports);
 * - a measure is (kind, unit class, unit): mass in kg, volume in litres, money
 *   in its currency, counts in their reported unit; kinds whose unit names what
 *   was counted (`other`, `raids_or_checks`, `investigations_opened`) by unit too;
 * - scope `operation`, per operation, kind and unit class (counts also per unit),
 *   the "measure group":
 *   (a) the total: the operation-wide figure reported without a category,
 *       else the one whose `role` is `total` (whatever its category label),
 *       else the only operation-wide figure of the group (unless it is a `part`);
 *   (b) else the sum of the operation-wide figures that are not `part`
 *       (derived from `categories`); when all are parts, the largest part;
 *   (c) else the sum of the country totals (derived from `countries`);
 *   (b) and (c) are lower bounds: nobody can know that the parts are all the parts;
 * - scope `country`, per country, kind and unit class (counts also per unit): the
 *   country's own figure (no category or a generic label), else the sum of its
 *   category figures (derived from `categories`, a lower bound);
 * - scope `category`: operation-wide figures by category, and those without
 *   category as "unspecified" (category_key null);
 * - qualifiers propagate: `more_than` → lowerBound, `up_to` → upperBound,
 *   `approximately`/`nearly` → approximate;
 * - money is converted with the annual average rate of the operation's year
 *   (USD is 1); no rate → value_usd null.
 *
 * `$1` may restrict the operations (int[]); pass null for all.
 */
export const COUNTING_RULES_SQL = `
WITH pf AS (
  SELECT f.id, f.operation_id, f.type, f.kind, f.unit_class, f.country_iso2, f.category_key, f.qualifier, f.source_id, f.role,
         -- Reported without any category label: an operation's total by definition (a generic label such as
         -- "food and drink" is a category here; the role column says when it is the total).
         coalesce(f.category, '') = '' AS uncategorised,
         CASE f.unit_class WHEN 'mass' THEN 'kg' WHEN 'volume' THEN 'litres' WHEN 'money' THEN f.currency ELSE f.unit END AS unit,
         CASE WHEN f.unit_class = 'money' THEN f.quantity ELSE f.normalized_quantity END AS value,
         CASE WHEN f.kind IN ('other', 'raids_or_checks', 'investigations_opened') THEN f.unit ELSE '' END AS kind_unit,
         -- The measure group of the operation rule: counts of different units are different things.
         CASE WHEN f.unit_class = 'count' THEN f.unit ELSE '' END AS count_unit
  FROM figures f
  WHERE f.preferred AND f.deleted_at IS NULL AND ($1::int[] IS NULL OR f.operation_id = ANY($1::int[]))
),
country_direct AS (
  SELECT operation_id, country_iso2, type, kind, kind_unit, unit_class, unit,
         sum(value) AS value, bool_or(qualifier = 'more_than') AS lower_bound, bool_or(qualifier = 'up_to') AS upper_bound,
         bool_or(qualifier IN ('approximately', 'nearly')) AS approximate, false AS derived, NULL::varchar AS derived_from,
         count(*)::int AS figure_count, array_agg(DISTINCT source_id ORDER BY source_id) AS source_ids, array_agg(id ORDER BY id) AS figure_ids
  FROM pf WHERE country_iso2 IS NOT NULL AND category_key IS NULL
  GROUP BY operation_id, country_iso2, type, kind, kind_unit, unit_class, unit
),
country_from_categories AS (
  SELECT c.operation_id, c.country_iso2, c.type, c.kind, c.kind_unit, c.unit_class, c.unit,
         sum(c.value) AS value, true AS lower_bound, bool_or(c.qualifier = 'up_to') AS upper_bound,
         bool_or(c.qualifier IN ('approximately', 'nearly')) AS approximate, true AS derived, 'categories'::varchar AS derived_from,
         count(*)::int AS figure_count, array_agg(DISTINCT c.source_id ORDER BY c.source_id) AS source_ids, array_agg(c.id ORDER BY c.id) AS figure_ids
  FROM pf c
  WHERE c.country_iso2 IS NOT NULL AND c.category_key IS NOT NULL
    AND NOT EXISTS (
      SELECT 1 FROM country_direct d
      WHERE d.operation_id = c.operation_id AND d.country_iso2 = c.country_iso2
        AND d.kind = c.kind AND d.kind_unit = c.kind_unit AND d.unit_class = c.unit_class
        AND (c.unit_class <> 'count' OR d.unit = c.unit))
  GROUP BY c.operation_id, c.country_iso2, c.type, c.kind, c.kind_unit, c.unit_class, c.unit
),
country_totals AS (
  SELECT * FROM country_direct UNION ALL SELECT * FROM country_from_categories
),
-- Operation-wide figures with what the rule needs to know about their measure group.
wide AS (
  SELECT p.*,
         count(*) OVER g AS group_size,
         bool_or(p.uncategorised) OVER g AS group_has_uncategorised,
         bool_or(p.role IS NOT DISTINCT FROM 'total') OVER g AS group_has_total_role,
         bool_or(p.role IS DISTINCT FROM 'part') OVER g AS group_has_non_part,
         row_number() OVER (PARTITION BY p.operation_id, p.kind, p.kind_unit, p.unit_class, p.count_unit ORDER BY p.value DESC, p.id) AS size_rank
  FROM pf p
  WHERE p.country_iso2 IS NULL
  WINDOW g AS (PARTITION BY p.operation_id, p.kind, p.kind_unit, p.unit_class, p.count_unit)
),
-- (a): one figure per measure group. An uncategorised figure wins over a role 'total' (both say the
-- same thing; there is one preferred uncategorised figure per group of conflicting reports).
operation_total_figures AS (
  SELECT w.*, false AS derived FROM wide w
  WHERE w.uncategorised
     OR (w.role IS NOT DISTINCT FROM 'total' AND NOT w.group_has_uncategorised)
     OR (w.group_size = 1 AND w.role IS DISTINCT FROM 'part')
),
-- (b): the figures that are not parts, or the largest part when all are parts.
operation_category_figures AS (
  SELECT w.*, true AS derived FROM wide w
  WHERE NOT w.group_has_uncategorised AND NOT w.group_has_total_role AND NOT (w.group_size = 1 AND w.role IS DISTINCT FROM 'part')
    AND (w.role IS DISTINCT FROM 'part' OR (NOT w.group_has_non_part AND w.size_rank = 1))
),
operation_direct AS (
  SELECT operation_id, type, kind, kind_unit, unit_class, unit,
         sum(value) AS value, bool_or(qualifier = 'more_than') OR bool_or(derived) AS lower_bound, bool_or(qualifier = 'up_to') AS upper_bound,
         bool_or(qualifier IN ('approximately', 'nearly')) AS approximate, bool_or(derived) AS derived,
         CASE WHEN bool_or(derived) THEN 'categories' END::varchar AS derived_from,
         count(*)::int AS figure_count, array_agg(DISTINCT source_id ORDER BY source_id) AS source_ids, array_agg(id ORDER BY id) AS figure_ids
  FROM (SELECT * FROM operation_total_figures UNION ALL SELECT * FROM operation_category_figures) t
  GROUP BY operation_id, type, kind, kind_unit, unit_class, unit
),
-- (c): no operation-wide figure in the measure group at all.
operation_from_countries AS (
  SELECT c.operation_id, c.type, c.kind, c.kind_unit, c.unit_class, c.unit,
         sum(c.value) AS value, true AS lower_bound, bool_or(c.upper_bound) AS upper_bound,
         bool_or(c.approximate) AS approximate, true AS derived, 'countries'::varchar AS derived_from,
         sum(c.figure_count)::int AS figure_count,
         (SELECT array_agg(DISTINCT s ORDER BY s) FROM unnest(string_to_array(string_agg(array_to_string(c.source_ids, ','), ','), ',')::int[]) s) AS source_ids,
         (SELECT array_agg(i ORDER BY i) FROM unnest(string_to_array(string_agg(array_to_string(c.figure_ids, ','), ','), ',')::int[]) i) AS figure_ids
  FROM country_totals c
  WHERE NOT EXISTS (
    SELECT 1 FROM wide w
    WHERE w.operation_id = c.operation_id AND w.kind = c.kind AND w.kind_unit = c.kind_unit AND w.unit_class = c.unit_class
      AND w.count_unit = CASE WHEN c.unit_class = 'count' THEN c.unit ELSE '' END)
  GROUP BY c.operation_id, c.type, c.kind, c.kind_unit, c.unit_class, c.unit
),
category_rows AS (
  SELECT operation_id, category_key, type, kind, kind_unit, unit_class, unit,
         sum(value) AS value, bool_or(qualifier = 'more_than') AS lower_bound, bool_or(qualifier = 'up_to') AS upper_bound,
         bool_or(qualifier IN ('approximately', 'nearly')) AS approximate, false AS derived, NULL::varchar AS derived_from,
         count(*)::int AS figure_count, array_agg(DISTINCT source_id ORDER BY source_id) AS source_ids, array_agg(id ORDER BY id) AS figure_ids
  FROM pf WHERE country_iso2 IS NULL
  GROUP BY operation_id, category_key, type, kind, kind_unit, unit_class, unit
),
counted AS (
  SELECT 'operation' AS scope, NULL::char(2) AS country_iso2, NULL::varchar AS category_key, t.*
  FROM (SELECT * FROM operation_direct UNION ALL SELECT * FROM operation_from_countries) t
  UNION ALL
  SELECT 'country', c.country_iso2, NULL, c.operation_id, c.type, c.kind, c.kind_unit, c.unit_class, c.unit, c.value,
         c.lower_bound, c.upper_bound, c.approximate, c.derived, c.derived_from, c.figure_count, c.source_ids, c.figure_ids
  FROM country_totals c
  UNION ALL
  SELECT 'category', NULL, c.category_key, c.operation_id, c.type, c.kind, c.kind_unit, c.unit_class, c.unit, c.value,
         c.lower_bound, c.upper_bound, c.approximate, c.derived, c.derived_from, c.figure_count, c.source_ids, c.figure_ids
  FROM category_rows c
)
SELECT c.operation_id, c.scope, c.country_iso2, c.category_key, c.type, c.kind, c.unit_class, c.unit, c.value,
       CASE WHEN c.unit_class <> 'money' THEN NULL WHEN c.unit = 'USD' THEN 1::numeric ELSE fx.units_per_usd END AS units_per_usd,
       CASE WHEN c.unit_class <> 'money' THEN NULL WHEN c.unit = 'USD' THEN c.value
            ELSE round(c.value / fx.units_per_usd, 2) END AS value_usd,
       c.lower_bound, c.upper_bound, c.approximate, c.derived, c.derived_from, c.figure_count, c.source_ids, c.figure_ids
FROM counted c
JOIN operations o ON o.id = c.operation_id
LEFT JOIN fx_rates fx ON c.unit_class = 'money' AND fx.year = o.year AND fx.currency = c.unit
`;

export const ROLLUP_COLUMNS =
  'operation_id, scope, country_iso2, category_key, type, kind, unit_class, unit, value, units_per_usd, value_usd, ' +
  'lower_bound, upper_bound, approximate, derived, derived_from, figure_count, source_ids, figure_ids';
