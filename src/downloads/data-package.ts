import { DatasetTable } from './dataset-tables';
import { DataPackageDto, DataResourceDto } from './dto/data-package.dto';

export const DATASET_NAME = 'operation-results';
export const DATASET_TITLE =
  'Operation Results: the results of international law-enforcement operations against illicit goods and organised crime';
const DATASET_ABSTRACT =
  'Operations coordinated or supported by INTERPOL (Pangea, Opson, Jupiter, Wipeout and others), their seizures, arrests and other outcomes exactly as their sources reported them, every figure with the published page it was read in.';
/** The licence the project is published under (package.json); the data files are part of it. */
export const DATASET_LICENSE = { name: 'MIT', path: 'https://opensource.org/licenses/MIT', title: 'MIT License' };
export const DATASET_PUBLISHER = 'Operation Results API';
const KEYWORDS = [
  'INTERPOL',
  'law enforcement',
  'seizures',
  'arrests',
  'counterfeit medicines',
  'illicit goods',
  'organised crime',
];

/** How every CSV of the download is written (CSV_FORMAT): RFC 4180, CRLF, a header row. */
const DIALECT = { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true };

const READING_NOTES =
  'Only an empty cell is a missing value (`NA` is Namibia). A text cell that begins with =, +, -, @, a tab or a carriage return ' +
  'is written with a single quote in front so that spreadsheets show it as text: remove that one quote to get the text as stored. ' +
  'Totals must follow the counting rules (the API README): only preferred figures count, and a total is never added to its parts.';

export interface WrittenFile {
  table: DatasetTable;
  bytes: number;
  sha256: string;
}

const list = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

function resource({ table, bytes, sha256 }: WrittenFile): DataResourceDto {
  return {
    profile: 'tabular-data-resource',
    name: table.name,
    path: `${table.name}.csv`,
    title: table.title,
    description: table.description,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    bytes,
    hash: `sha256:${sha256}`,
    dialect: DIALECT,
    schema: {
      fields: table.fields.map(({ constraints, ...field }) => {
        if (!constraints) return field;
        const { enum: values, ...rest } = constraints;
        return { ...field, constraints: { ...rest, ...(values ? { enum: [...values] } : {}) } };
      }),
      primaryKey: list(table.primaryKey),
      ...(table.foreignKeys
        ? {
            foreignKeys: table.foreignKeys.map((key) => ({
              fields: list(key.fields),
              reference: { resource: key.reference.resource, fields: list(key.reference.fields) },
            })),
          }
        : {}),
      missingValues: [''],
    },
  };
}

/** The Frictionless Tabular Data Package descriptor of the download's CSV files. */
export function dataPackage(files: WrittenFile[], asOf: Date): DataPackageDto {
  return {
    profile: 'tabular-data-package',
    name: DATASET_NAME,
    title: DATASET_TITLE,
    description: `${DATASET_ABSTRACT} ${READING_NOTES}`,
    created: asOf.toISOString(),
    keywords: KEYWORDS,
    licenses: [DATASET_LICENSE],
    sources: [
      {
        title:
          'INTERPOL, WCO and Europol releases, national regulators and news reports: each figure, operation and participation cites its page',
        path: 'sources.csv',
      },
      { title: 'Annual average exchange rates, each with its publisher and page', path: 'exchange_rates.csv' },
    ],
    contributors: [{ title: DATASET_PUBLISHER, role: 'publisher' }],
    resources: files.map(resource),
  };
}

/** A YAML double-quoted scalar (JSON strings are valid ones). */
const quoted = (text: string) => JSON.stringify(text);

/** CITATION.cff (Citation File Format 1.2.0): how to cite the download. */
export function citationFile(asOf: Date): string {
  return [
    'cff-version: 1.2.0',
    `message: ${quoted('If you use these data, please cite them as below, and cite the published source of each figure you quote (source_url, source_publisher and source_date in figures.csv).')}`,
    'type: dataset',
    `title: ${quoted(DATASET_TITLE)}`,
    `abstract: ${quoted(DATASET_ABSTRACT)}`,
    'authors:',
    `  - name: ${quoted(DATASET_PUBLISHER)}`,
    `date-released: ${quoted(asOf.toISOString().slice(0, 10))}`,
    `license: ${DATASET_LICENSE.name}`,
    'keywords:',
    ...KEYWORDS.map((keyword) => `  - ${quoted(keyword)}`),
    '',
  ].join('\n');
}
