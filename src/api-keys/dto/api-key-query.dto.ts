import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { ToInteger } from '../../common/list/query-transforms';

export const API_KEY_SORT_FIELDS = ['id', 'name', 'createdAt', 'lastUsedAt'] as const;

/** A key id in the path. */
export class ApiKeyIdParamDto {
  @ApiProperty({ type: 'integer', minimum: 1, example: 3 })
  @ToInteger()
  @IsInt({ message: 'id must be an integer' })
  @Min(1)
  @Max(2_147_483_647)
  id: number;
}
