import { ApiProperty } from '@nestjs/swagger';
import { ListMetaDto } from '../../common/list/list-response';
import { KEY_ROLES, KeyRole } from '../roles';

/** A key as listed: never its secret, only the first characters to recognise it. */
export class ApiKeyDto {
  @ApiProperty({ type: 'integer', example: 3 })
  id: number;

  @ApiProperty({ example: 'Jane Doe (data desk)' })
  name: string;

  @ApiProperty({ enum: KEY_ROLES, enumName: 'KeyRole', example: 'editor' })
  role: KeyRole;

  /** The first 12 characters of the key. */
  @ApiProperty({ example: 'ora_Xy3kP0aB' })
  prefix: string;

  /** The admin key that created it, or `cli`. */
  @ApiProperty({ example: 'cli' })
  createdBy: string;

  @ApiProperty({ format: 'date-time', example: '2025-06-01T09:30:00.000Z' })
  createdAt: string;

  /** Last request made with the key, to the minute; null when never used. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  lastUsedAt: string | null;

  /** When it was revoked; a revoked key is refused with 401. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  revokedAt: string | null;

  @ApiProperty({ example: '/v1/api-keys/3' })
  href: string;
}

/** A new key with its secret: shown in this response only, never again. */
export class ApiKeyCreatedDto extends ApiKeyDto {
  /** The key to send as `Authorization: Bearer <key>`. Store it now: only its hash is kept. */
  @ApiProperty({ example: 'ora_Xy3kP0aBqW8mN2vL5tR9cD1fG6hJ4kS7zX0bV3nM8pQ' })
  key: string;
}

export class ApiKeyListDto {
  @ApiProperty({ type: [ApiKeyDto] })
  data: ApiKeyDto[];

  meta: ListMetaDto;
}
