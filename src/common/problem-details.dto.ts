import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class InvalidParamDto {
  /** The query parameter, path parameter or body field (for an import: `line N`). */
  @ApiProperty({ example: 'limit', maxLength: 200 })
  name: string;

  @ApiProperty({ example: 'limit must not be greater than 1000', maxLength: 2000 })
  reason: string;

  /** For an import: the bad row's line (CSV: physical line, header = 1; JSON: index + 1). */
  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, example: 3 })
  line?: number;
}

/** 409 on deleting a source: what still cites it. */
export class SourceCitationsDto {
  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, example: 1 })
  operations: number;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, example: 12 })
  figures: number;

  /** Deleted figures, kept for their history, that cite it. */
  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, example: 0 })
  deletedFigures: number;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, example: 3 })
  participations: number;
}

/** 503 of /ready: the state of each dependency. */
export class HealthChecksDto {
  @ApiProperty({ enum: ['up', 'down'], example: 'down' })
  database: 'up' | 'down';
}

/**
 * RFC 9457 problem details: the body of every error response. Clients must
 * ignore members they do not know; the extension members this API sends are listed.
 */
export class ProblemDetailsDto {
  @ApiProperty({ example: '/problems/validation-error', maxLength: 200 })
  type: string;

  @ApiProperty({ example: 'Invalid request', maxLength: 200 })
  title: string;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 400, maximum: 599, example: 400 })
  status: number;

  @ApiProperty({ example: "Invalid value for 'limit': limit must not be greater than 1000.", maxLength: 10000 })
  detail: string;

  @ApiProperty({ example: '/v1/operations?limit=5000', maxLength: 10000 })
  instance: string;

  @ApiPropertyOptional({ example: '7b0e7f9e-3f0b-4a8e-9d51-1f0a5e3c2b11', maxLength: 128 })
  requestId?: string;

  /** 400: each invalid parameter or field (an import lists at most the first 1000 bad rows). */
  @ApiPropertyOptional({ type: [InvalidParamDto], maxItems: 1000 })
  errors?: InvalidParamDto[];

  /** 400 of an import: the number of errors, including any beyond those listed. */
  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 0, example: 2 })
  errorCount?: number;

  /** 409: the id of the record that already exists (figure, source, API key). */
  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, example: 812 })
  existingId?: number;

  /** 409: the address of the record that already exists. */
  @ApiPropertyOptional({ example: '/v1/seizures/812', maxLength: 200 })
  existingHref?: string;

  /** 409 on deleting an operation: its figures still live. */
  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, example: 14 })
  liveFigures?: number;

  /** 409 on deleting a source: what still cites it. */
  @ApiPropertyOptional({ type: SourceCitationsDto })
  citations?: SourceCitationsDto;

  /** 503 of /ready. */
  @ApiPropertyOptional({ type: HealthChecksDto })
  checks?: HealthChecksDto;
}
