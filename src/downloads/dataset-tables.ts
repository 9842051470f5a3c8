import { FIGURE_KINDS, FIGURE_ROLES, FIGURE_TYPES, QUALIFIERS, UNIT_CLASSES } from '../figures/figure-kinds';
import { SOURCE_TIERS } from '../sources/entities/publisher.entity';

/** A Table Schema field: https://specs.frictionlessdata.io/table-schema/ (v1). */
export interface TableField {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  description: string;
  format?: 'uri';
  constraints?: { required?: boolean; unique?: boolean; enum?: readonly string[]; pattern?: string; minimum?: number };
}

export interface TableForeignKey {
  fields: string | string[];
  reference: { resource: string; fields: string | string[] };
}

/**
 * One CSV file of the dataset: what the descriptor says of it, and the read-only SQL that selects its rows, one
 * column per field in the same order. The header, the descriptor and the rows come from this one definition.
 */
export interface DatasetTable {
  name: string;
  title: string;
  description: string;
  fields: TableField[];
  primaryKey: string | string[];
  foreignKeys?: TableForeignKey[];
  sql: string;
}

const required = { required: true } as const;
const ISO2 = '^[A-Z]{2}$';

const sourceFields = (about: string): TableField[] => [
  { name: 'source_id', type: 'integer', description: `The page ${about} cites (sources.csv).`, constraints: required },
];

export const DATASET_TABLES: DatasetTable[] = [
  {
    name: 'series',
    title: 'Operation series',
    description: 'Recurring operations (Pangea, Opson, …) whose editions are the operations.',
    primaryKey: 'code',
    fields: [
      {
        name: 'code',
        type: 'string',
        description: 'Stable slug, e.g. `pangea`.',
        constraints: { required: true, unique: true },
      },
      { name: 'name', type: 'string', description: 'Name, e.g. Pangea.', constraints: required },
      { name: 'crime_area', type: 'string', description: 'INTERPOL crime area of the series.', constraints: required },
      {
        name: 'description',
        type: 'string',
        description: 'One line on what the series targets.',
        constraints: required,
      },
    ],
    sql: `SELECT code, name, crime_area, description FROM series ORDER BY code`,
  },
  {
    name: 'operations',
    title: 'Operations',
    description:
      'One row per edition of a series (e.g. `pangea-viii`), with its dates, region and the page that reports it.',
    primaryKey: 'code',
    foreignKeys: [
      { fields: 'series', reference: { resource: 'series', fields: 'code' } },
      { fields: 'source_id', reference: { resource: 'sources', fields: 'id' } },
    ],
    fields: [
      {
        name: 'code',
        type: 'string',
        description: 'Stable key, e.g. `pangea-viii`.',
        constraints: { required: true, unique: true },
      },
      { name: 'name', type: 'string', description: 'Name as published, e.g. Pangea VIII.', constraints: required },
      { name: 'series', type: 'string', description: 'Code of its series (series.csv).', constraints: required },
      {
        name: 'edition',
        type: 'string',
        description: 'Roman numeral of the edition; empty when the sources give none.',
      },
      {
        name: 'year',
        type: 'integer',
        description: 'The year the operation ran (or ended, or was reported).',
        constraints: required,
      },
      { name: 'start_date', type: 'date', description: 'First day, when the source gives exact days.' },
      { name: 'end_date', type: 'date', description: 'Last day, when the source gives exact days.' },
      {
        name: 'region',
        type: 'string',
        description:
          'UN M49 or operational region code, e.g. `western-africa`; empty when the sources do not settle it.',
      },
      { name: 'region_name', type: 'string', description: 'Name of that region.' },
      { name: 'crime_area', type: 'string', description: 'Crime area of the operation.', constraints: required },
      {
        name: 'countries_count',
        type: 'integer',
        description: 'Participating countries as stated by the source (the wording, e.g. "more than", is in notes).',
        constraints: { minimum: 0 },
      },
      {
        name: 'agencies_count',
        type: 'integer',
        description: 'Participating agencies as stated by the source.',
        constraints: { minimum: 0 },
      },
      ...sourceFields('that reports the operation'),
      { name: 'notes', type: 'string', description: 'Editorial notes: conflicting counts or dates, qualifiers.' },
    ],
    sql: `SELECT o.code, o.name, se.code AS series, o.edition, o.year, o.start_date::text AS start_date, o.end_date::text AS end_date,
                 r.code AS region, r.name AS region_name, o.crime_area, o.countries_count, o.agencies_count, o.source_id, o.notes
          FROM operations o
          JOIN series se ON se.id = o.series_id
          LEFT JOIN regions r ON r.id = o.region_id
          ORDER BY o.year, o.code`,
  },
  {
    name: 'figures',
    title: 'Figures with their sources',
    description:
      'Every reported seizure, arrest and other outcome exactly as its source printed it, with the page it was read in. ' +
      'Reports of the same thing share a `conflict_group`; only `preferred` figures count in totals (README "Counting rules").',
    primaryKey: 'id',
    foreignKeys: [
      { fields: 'operation', reference: { resource: 'operations', fields: 'code' } },
      { fields: 'source_id', reference: { resource: 'sources', fields: 'id' } },
    ],
    fields: [
      {
        name: 'id',
        type: 'integer',
        description: 'Figure id, as in /v1/seizures/{id}, /v1/arrests/{id} and /v1/outcomes/{id}.',
        constraints: { required: true, unique: true },
      },
      {
        name: 'type',
        type: 'string',
        description: 'seizure, arrest or outcome.',
        constraints: { required: true, enum: FIGURE_TYPES },
      },
      {
        name: 'kind',
        type: 'string',
        description: 'What was counted, e.g. `arrests`, `value_seized`, `websites_shut_down`.',
        constraints: { required: true, enum: FIGURE_KINDS },
      },
      {
        name: 'operation',
        type: 'string',
        description: 'Code of the operation (operations.csv).',
        constraints: required,
      },
      {
        name: 'country',
        type: 'string',
        description:
          'ISO 3166-1 alpha-2 code of the country the figure is about (`NA` is Namibia); empty for an operation-wide figure.',
        constraints: { pattern: ISO2 },
      },
      { name: 'country_name', type: 'string', description: 'Name of that country.' },
      { name: 'category', type: 'string', description: 'Goods category as reported; empty for a total.' },
      {
        name: 'role',
        type: 'string',
        description:
          'Of an operation-wide figure: `total` (the whole), `part` (included in another figure) or empty (independent).',
        constraints: { enum: FIGURE_ROLES },
      },
      {
        name: 'qualifier',
        type: 'string',
        description: "The source's wording: exact, approximately, more_than, nearly, up_to.",
        constraints: { required: true, enum: QUALIFIERS },
      },
      {
        name: 'quantity',
        type: 'number',
        description: 'The number exactly as reported (a lower bound when the qualifier is more_than).',
        constraints: { required: true, minimum: 0 },
      },
      {
        name: 'unit',
        type: 'string',
        description: 'Unit as reported: pills, tonnes, EUR, websites, …',
        constraints: required,
      },
      {
        name: 'unit_class',
        type: 'string',
        description: 'count, mass, volume or money.',
        constraints: { required: true, enum: UNIT_CLASSES },
      },
      {
        name: 'normalized_quantity',
        type: 'number',
        description: 'The quantity in kg (mass), litres (volume) or the count itself; empty for money.',
        constraints: { minimum: 0 },
      },
      { name: 'normalized_unit', type: 'string', description: 'kg, litres or the counted unit; empty for money.' },
      {
        name: 'currency',
        type: 'string',
        description: 'ISO 4217 code of a money figure.',
        constraints: { pattern: '^[A-Z]{3}$' },
      },
      {
        name: 'preferred',
        type: 'boolean',
        description: 'Whether this is the report of its conflict group that totals use.',
        constraints: required,
      },
      {
        name: 'preferred_override',
        type: 'boolean',
        description:
          "Editor's ruling: true forces this report to be preferred, false rules it out; empty lets the rule decide.",
      },
      {
        name: 'conflict_group',
        type: 'integer',
        description:
          'Figures reporting the same thing (operation, kind, unit class, category and country) share this number: the lowest id among them.',
        constraints: required,
      },
      ...sourceFields('the figure was read in'),
      { name: 'source_url', type: 'string', format: 'uri', description: 'URL of that page.', constraints: required },
      { name: 'source_publisher', type: 'string', description: 'Publisher of that page.' },
      { name: 'source_date', type: 'date', description: 'Its publication date, when the page shows one.' },
      {
        name: 'source_tier',
        type: 'string',
        description: "The publisher's tier: official, regulator or media.",
        constraints: { enum: SOURCE_TIERS },
      },
      { name: 'notes', type: 'string', description: 'Notes: what the figure covers, conflicts with other reports.' },
    ],
    sql: `SELECT f.id, f.type, f.kind, o.code AS operation, f.country_iso2 AS country, c.name AS country_name, NULLIF(f.category, '') AS category,
                 f.role, f.qualifier, f.quantity::text AS quantity, f.unit, f.unit_class, f.normalized_quantity::text AS normalized_quantity,
                 CASE f.unit_class WHEN 'mass' THEN 'kg' WHEN 'volume' THEN 'litres' WHEN 'count' THEN f.unit END AS normalized_unit,
                 f.currency, f.preferred, f.preferred_override, min(f.id) OVER (PARTITION BY f.group_key) AS conflict_group,
                 f.source_id, s.url AS source_url, p.name AS source_publisher, s.published_on::text AS source_date, p.tier AS source_tier, f.notes
          FROM figures f
          JOIN operations o ON o.id = f.operation_id
          JOIN sources s ON s.id = f.source_id
          LEFT JOIN publishers p ON p.id = s.publisher_id
          LEFT JOIN countries c ON c.iso2 = f.country_iso2
          WHERE f.deleted_at IS NULL
          ORDER BY f.id`,
  },
  {
    name: 'participations',
    title: 'Participating countries',
    description: 'Countries listed by name as taking part in an operation, each with the page that lists it.',
    primaryKey: ['operation', 'country'],
    foreignKeys: [
      { fields: 'operation', reference: { resource: 'operations', fields: 'code' } },
      { fields: 'source_id', reference: { resource: 'sources', fields: 'id' } },
    ],
    fields: [
      {
        name: 'operation',
        type: 'string',
        description: 'Code of the operation (operations.csv).',
        constraints: required,
      },
      {
        name: 'country',
        type: 'string',
        description: 'ISO 3166-1 alpha-2 code (`NA` is Namibia).',
        constraints: { required: true, pattern: ISO2 },
      },
      { name: 'country_name', type: 'string', description: 'Name of that country.', constraints: required },
      ...sourceFields('that lists the country'),
    ],
    sql: `SELECT o.code AS operation, oc.country_iso2 AS country, c.name AS country_name, oc.source_id
          FROM operation_countries oc
          JOIN operations o ON o.id = oc.operation_id
          JOIN countries c ON c.iso2 = oc.country_iso2
          ORDER BY o.code, oc.country_iso2`,
  },
  {
    name: 'sources',
    title: 'Sources',
    description: 'The published pages that figures, operations and participations cite.',
    primaryKey: 'id',
    foreignKeys: [{ fields: 'publisher_id', reference: { resource: 'publishers', fields: 'id' } }],
    fields: [
      {
        name: 'id',
        type: 'integer',
        description: 'Source id, as in /v1/sources/{id}.',
        constraints: { required: true, unique: true },
      },
      {
        name: 'url',
        type: 'string',
        format: 'uri',
        description: 'URL of the page.',
        constraints: { required: true, unique: true },
      },
      {
        name: 'publisher_id',
        type: 'integer',
        description: 'Its publisher (publishers.csv); empty for pages cited for participations alone.',
      },
      { name: 'publisher', type: 'string', description: "The publisher's name." },
      {
        name: 'tier',
        type: 'string',
        description: "The publisher's tier: official, regulator or media.",
        constraints: { enum: SOURCE_TIERS },
      },
      {
        name: 'published_on',
        type: 'date',
        description: 'Publication date as printed on the page; empty when the page shows none.',
      },
    ],
    sql: `SELECT s.id, s.url, s.publisher_id, p.name AS publisher, p.tier, s.published_on::text AS published_on
          FROM sources s
          LEFT JOIN publishers p ON p.id = s.publisher_id
          ORDER BY s.id`,
  },
  {
    name: 'publishers',
    title: 'Publishers',
    description:
      'Who published the sources, and how much weight their figures carry when reports conflict: official (INTERPOL, WCO, Europol and ' +
      'verbatim copies), regulator (national agencies) or media (everything else).',
    primaryKey: 'id',
    fields: [
      {
        name: 'id',
        type: 'integer',
        description: 'Publisher id (sources.csv publisher_id).',
        constraints: { required: true, unique: true },
      },
      {
        name: 'name',
        type: 'string',
        description: 'Name of the publisher, as cited.',
        constraints: { required: true, unique: true },
      },
      {
        name: 'tier',
        type: 'string',
        description: 'official, regulator or media.',
        constraints: { required: true, enum: SOURCE_TIERS },
      },
    ],
    sql: `SELECT id, name, tier FROM publishers ORDER BY id`,
  },
  {
    name: 'exchange_rates',
    title: 'Exchange rates',
    description: 'Annual average exchange rates that convert seizure values to US dollars, each with its source.',
    primaryKey: ['year', 'currency'],
    fields: [
      { name: 'year', type: 'integer', description: 'Year of the average.', constraints: required },
      {
        name: 'currency',
        type: 'string',
        description: 'ISO 4217 code of the currency.',
        constraints: { required: true, pattern: '^[A-Z]{3}$' },
      },
      {
        name: 'units_per_usd',
        type: 'number',
        description: 'Units of the currency that buy one US dollar.',
        constraints: { required: true, minimum: 0 },
      },
      {
        name: 'source_url',
        type: 'string',
        format: 'uri',
        description: 'Where the rate was read.',
        constraints: required,
      },
      { name: 'source_publisher', type: 'string', description: 'Who published it.', constraints: required },
      { name: 'notes', type: 'string', description: 'How the rate was read or derived.' },
    ],
    sql: `SELECT year, currency, units_per_usd::text AS units_per_usd, source_url, source_publisher, notes FROM fx_rates ORDER BY currency, year`,
  },
];
