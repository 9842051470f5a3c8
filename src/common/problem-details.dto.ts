import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class InvalidParamDto {
  /** The query parameter, path parameter or body field. */
  @ApiProperty({ example: 'limit' })
  name: string;

  @ApiProperty({ example: 'limit must not be greater than 1000' })
  reason: string;
}

/** RFC 9457 problem details: the body of every error response. */
export class ProblemDetailsDto {
  @ApiProperty({ example: '/problems/validation-error' })
  type: string;

  @ApiProperty({ example: 'Invalid request' })
  title: string;

  @ApiProperty({ type: 'integer', example: 400 })
  status: number;

  @ApiProperty({ example: "Invalid value for 'limit': limit must not be greater than 1000." })
  detail: string;

  @ApiProperty({ example: '/v1/operations?limit=5000' })
  instance: string;

  @ApiPropertyOptional({ example: '7b0e7f9e-3f0b-4a8e-9d51-1f0a5e3c2b11' })
  requestId?: string;

  @ApiPropertyOptional({ type: [InvalidParamDto] })
  errors?: InvalidParamDto[];
}
