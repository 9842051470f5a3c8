import { ApiProperty } from '@nestjs/swagger';

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
  @ApiProperty({ example: 'pangea-xvi' })
  operationCode: string;

  @ApiProperty({ example: 'items_seized' })
  metric: string;

  /** Plain non-negative decimal, as a string (or a JSON number). */
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }], example: '1000' })
  quantity: string;

  @ApiProperty({ example: 'pills' })
  unit: string;

  @ApiProperty({ nullable: true, required: false, example: 'medicines' })
  category?: string | null;

  @ApiProperty({ nullable: true, required: false, example: 'GB' })
  country?: string | null;

  @ApiProperty({ example: 'exact' })
  qualifier: string;

  @ApiProperty({ example: 'https://www.interpol.int/News-and-Events/News/2023/example' })
  sourceUrl: string;

  @ApiProperty({ example: 'INTERPOL' })
  sourcePublisher: string;

  @ApiProperty({ nullable: true, required: false, example: '2023-10-12' })
  sourceDate?: string | null;

  @ApiProperty({ nullable: true, required: false })
  notes?: string | null;

  /** An editor's ruling: true forces the figure to be preferred in its group, false rules it out. */
  @ApiProperty({ nullable: true, required: false, oneOf: [{ type: 'boolean' }, { type: 'string', enum: ['yes', 'no', ''] }] })
  preferred?: boolean | string | null;
}

export class ImportJsonBodyDto {
  @ApiProperty({ type: [ImportRowDto] })
  rows: ImportRowDto[];
}
