import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MAX_REASON_LENGTH } from '../../common/writes/reason.dto';
import { ToBoolean } from '../../common/list/query-transforms';

export class ImportQueryDto {
  /** `true`: check every row and report what the import would do, writing nothing. */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  dryRun?: boolean;

  /** Why figures are corrected: kept in their history and in the change feed (default `import`). */
  @ApiPropertyOptional({ example: 'figures from the 2024 annual report', maxLength: MAX_REASON_LENGTH })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(MAX_REASON_LENGTH)
  reason?: string;
}
