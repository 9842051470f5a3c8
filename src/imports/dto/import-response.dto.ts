import { ApiProperty } from '@nestjs/swagger';
import { FIGURE_KINDS, QUALIFIERS } from '../../figures/figure-kinds';

export class ImportRowErrorDto {
  /** CSV: the physical line (the header is line 1). JSON: the row's index + 1. */
  @ApiProperty({ type: 'integer', example: 3 })
  line: number;

  @ApiProperty({ example: 'quantity "12,000" is not a plain non-negative decimal (digits and one optional point)' })
  reason: string;
}

/** What an import did, or in a dry run would do. */
export class ImportReportDto {
  dryRun: boolean;

  /** Whether every row passed; a real import is only ever answered when it did. */
  valid: boolean;

  /** Data rows read. */
  @ApiProperty({ type: 'integer', example: 595 })
  rows: number;

  /** New figures. */
  @ApiProperty({ type: 'integer', example: 12 })
  created: number;

  /** Figures found by their natural key whose qualifier, notes or preferred ruling changed (each keeps a revision). */
  @ApiProperty({ type: 'integer', example: 1 })
  updated: number;

  /** Rows equal to a stored figure. */
  @ApiProperty({ type: 'integer', example: 582 })
  unchanged: number;

  /** Rows equal to a figure an editor deleted: it stays deleted. */
  @ApiProperty({ type: 'integer', example: 0 })
  keptDeleted: number;

  /** Source pages cited for the first time, added. */
  @ApiProperty({ type: 'integer', example: 1 })
  sourcesCreated: number;

  /** Every bad row with its line, first 1000 (dry run; a real import with bad rows is refused with 400). */
  @ApiProperty({ type: [ImportRowErrorDto] })
  errors: ImportRowErrorDto[];

  /** Number of errors, including any beyond the first 1000 listed. */
  @ApiProperty({ type: 'integer', example: 0 })
  errorCount: number;
}

/** One row of a JSON import: the columns of results.csv in camelCase. */
export class ImportRowDto {
  @ApiProperty({ example: 'pangea-xvi', pattern: '^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$', maxLength: 64 })
  operationCode: string;

  @ApiProperty({ enum: FIGURE_KINDS, enumName: 'FigureKind', example: 'items_seized' })
  metric: string;

  /** Plain non-negative decimal, as a string (or a JSON number). */
  @ApiProperty({
    oneOf: [
      { type: 'string', pattern: '^\\d+(\\.\\d+)?$', maxLength: 40 },
      { type: 'number', minimum: 0 },
    ],
    example: '1000',
  })
  quantity: string;

  @ApiProperty({ example: 'pills', pattern: '\\S', maxLength: 64 })
  unit: string;

  @ApiProperty({ type: String, nullable: true, required: false, pattern: '\\S', maxLength: 128, example: 'medicines' })
  category?: string | null;

  @ApiProperty({ type: String, nullable: true, required: false, pattern: '^[A-Za-z]{2}$', maxLength: 2, example: 'GB' })
  country?: string | null;

  @ApiProperty({ enum: QUALIFIERS, enumName: 'Qualifier', example: 'exact' })
  qualifier: string;

  @ApiProperty({
    format: 'uri',
    maxLength: 2048,
    example: 'https://www.interpol.int/News-and-Events/News/2023/example',
  })
  sourceUrl: string;

  @ApiProperty({ pattern: '\\S', maxLength: 256, example: 'INTERPOL' })
  sourcePublisher: string;

  @ApiProperty({ type: String, format: 'date', maxLength: 10, nullable: true, required: false, example: '2023-10-12' })
  sourceDate?: string | null;

  @ApiProperty({ type: String, nullable: true, required: false, pattern: '\\S', maxLength: 4000 })
  notes?: string | null;

  /** An editor's ruling: true forces the figure to be preferred in its group, false rules it out. */
  @ApiProperty({
    nullable: true,
    required: false,
    oneOf: [{ type: 'boolean' }, { type: 'string', enum: ['yes', 'no', ''] }],
  })
  preferred?: boolean | string | null;
}

export class ImportJsonBodyDto {
  /** At most `IMPORT_MAX_ROWS` rows (50,000 unless the server sets another limit): more is a 413. */
  @ApiProperty({ type: [ImportRowDto], maxItems: 50000 })
  rows: ImportRowDto[];
}
