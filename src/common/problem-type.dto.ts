import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

/** A problem type: what its URI names, and what to do about it. */
export class ProblemTypeDto {
  /** The type URI, as problems carry it in `type`. */
  @ApiProperty({ example: '/problems/validation-error', maxLength: 200, format: 'uri-reference' })
  type: string;

  /** The title problems of this type carry. */
  @ApiProperty({ example: 'Invalid request', maxLength: 200 })
  title: string;

  /** The HTTP statuses a problem of this type is sent with. */
  @ApiProperty({ type: 'integer', isArray: true, minimum: 400, maximum: 599, maxItems: 10, example: [400, 422] })
  statuses: number[];

  /** What the problem means and what a client can do about it. */
  @ApiProperty({ example: 'A query parameter, path parameter or body field is invalid.', maxLength: 2000 })
  description: string;
}

/** Every problem type the API sends. */
export class ProblemTypeListDto {
  /** The problem types, each once. */
  @ApiProperty({ type: [ProblemTypeDto], maxItems: 100 })
  data: ProblemTypeDto[];
}

export class ProblemTypeParamDto {
  /** The last segment of a problem type URI, e.g. `validation-error`. */
  @ApiProperty({ example: 'validation-error', maxLength: 64, pattern: '^[a-z]+(-[a-z]+)*$' })
  @IsString()
  @MaxLength(64)
  @Matches(/^[a-z]+(-[a-z]+)*$/, { message: 'name must be a problem type name, e.g. validation-error' })
  name: string;
}

/** The problem type pages take no query parameter: any is a 400 naming it, as on every other route. */
export class ProblemTypeQueryDto {}
