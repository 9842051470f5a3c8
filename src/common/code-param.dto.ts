import { ApiProperty } from '@nestjs/swagger';
import { Matches, MaxLength } from 'class-validator';

/** A stable slug in the path, e.g. `pangea` or `pangea-viii`. */
export class CodeParamDto {
  @ApiProperty({ example: 'pangea', pattern: '^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$' })
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/, { message: 'code must be letters, digits and single hyphens' })
  code: string;
}
