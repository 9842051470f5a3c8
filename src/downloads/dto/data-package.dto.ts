import { ApiProperty } from '@nestjs/swagger';

/** Table Schema field constraints (only those this dataset uses). */
export class TableFieldConstraintsDto {
  /** The cell may not be empty. */
  required?: boolean;

  /** No two rows share the value. */
  unique?: boolean;

  /** The allowed values. */
  enum?: string[];

  /** A regular expression the value matches. */
  pattern?: string;

  @ApiProperty({ required: false, type: 'integer', example: 0 })
  minimum?: number;
}

/** One column of a CSV file. */
export class TableFieldDto {
  /** The column header. */
  @ApiProperty({ example: 'country' })
  name: string;

  /** Table Schema type. */
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';

  @ApiProperty({ example: 'ISO 3166-1 alpha-2 code of the country the figure is about (`NA` is Namibia).' })
  description: string;

  /** `uri` for URLs. */
  @ApiProperty({ required: false, enum: ['uri'] })
  format?: 'uri';

  constraints?: TableFieldConstraintsDto;
}

export class ForeignKeyReferenceDto {
  /** Name of the referenced resource. */
  @ApiProperty({ example: 'sources' })
  resource: string;

  fields: string[];
}

export class ForeignKeyDto {
  @ApiProperty({ example: ['source_id'] })
  fields: string[];

  reference: ForeignKeyReferenceDto;
}

/** Table Schema of one CSV file. */
export class TableSchemaDto {
  fields: TableFieldDto[];

  @ApiProperty({ example: ['id'] })
  primaryKey: string[];

  foreignKeys?: ForeignKeyDto[];

  /** Only an empty cell is missing: `NA` is Namibia, not "not available". */
  @ApiProperty({ example: [''] })
  missingValues: string[];
}

/** How the CSV files are written. */
export class CsvDialectDto {
  @ApiProperty({ example: ',' })
  delimiter: string;

  @ApiProperty({ example: '\r\n' })
  lineTerminator: string;

  @ApiProperty({ example: '"' })
  quoteChar: string;

  doubleQuote: boolean;

  header: boolean;
}

/** One CSV file of the download. */
export class DataResourceDto {
  @ApiProperty({ enum: ['tabular-data-resource'] })
  profile: 'tabular-data-resource';

  @ApiProperty({ example: 'figures' })
  name: string;

  /** Path of the file in the zip. */
  @ApiProperty({ example: 'figures.csv' })
  path: string;

  title: string;

  description: string;

  @ApiProperty({ enum: ['csv'] })
  format: 'csv';

  @ApiProperty({ enum: ['text/csv'] })
  mediatype: 'text/csv';

  /** UTF-8, written with a byte order mark for spreadsheets. */
  @ApiProperty({ enum: ['utf-8'] })
  encoding: 'utf-8';

  /** Size of the file in bytes. */
  @ApiProperty({ type: 'integer', example: 402113 })
  bytes: number;

  /** `sha256:` and the hex SHA-256 of the file. */
  @ApiProperty({ example: 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  hash: string;

  dialect: CsvDialectDto;

  schema: TableSchemaDto;
}

export class DataLicenseDto {
  @ApiProperty({ example: 'MIT' })
  name: string;

  @ApiProperty({ example: 'https://opensource.org/licenses/MIT' })
  path: string;

  title: string;
}

export class DataSourceDto {
  title: string;

  /** The file or page that lists them. */
  path?: string;
}

export class DataContributorDto {
  title: string;

  @ApiProperty({ enum: ['publisher'] })
  role: 'publisher';
}

/**
 * Frictionless Tabular Data Package (v1) describing the files of /v1/downloads/dataset.zip: every column with its
 * type and description, primary and foreign keys, licence and sources. Resource paths are relative to the zip's root.
 */
export class DataPackageDto {
  @ApiProperty({ enum: ['tabular-data-package'] })
  profile: 'tabular-data-package';

  @ApiProperty({ example: 'operation-results' })
  name: string;

  title: string;

  description: string;

  /** When the data last changed: the files describe the data as of then. */
  @ApiProperty({ format: 'date-time', example: '2026-11-30T12:00:00.000Z' })
  created: string;

  keywords: string[];

  licenses: DataLicenseDto[];

  sources: DataSourceDto[];

  contributors: DataContributorDto[];

  resources: DataResourceDto[];
}
