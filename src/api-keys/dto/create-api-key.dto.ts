import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { KEY_ROLES, KeyRole } from '../roles';

/** Printable, no surrounding spaces, and not `seed` (the actor of the seeded data). */
// Control characters are what this pattern refuses, so it must name them.
// eslint-disable-next-line no-control-regex
export const KEY_NAME = /^(?!seed$)[^\s\x00-\x1f\x7f](?:[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f])?$/i;
export const KEY_NAME_MESSAGE = 'name must be printable text without surrounding spaces, and not "seed"';

export class CreateApiKeyDto {
  /** Who will hold the key: recorded as the actor of every change made with it. Unique among active keys. */
  @ApiProperty({ example: 'Jane Doe (data desk)', maxLength: 128 })
  @IsString()
  @MaxLength(128)
  @Matches(KEY_NAME, { message: KEY_NAME_MESSAGE })
  name: string;

  /** `editor` writes operations, figures and sources; `admin` also manages keys. */
  @ApiProperty({ enum: KEY_ROLES, enumName: 'KeyRole', example: 'editor' })
  @IsIn(KEY_ROLES, { message: `role must be one of: ${KEY_ROLES.join(', ')}` })
  role: KeyRole;
}
