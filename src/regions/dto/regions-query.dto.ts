import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsOptional } from 'class-validator';
import { ListQueryDto } from '../../common/list/list-query.dto';
import { CommaSeparated } from '../../common/list/query-transforms';
import { REGION_KINDS, RegionKind } from '../entities/region.entity';

export const REGION_SORT_FIELDS = ['code', 'name', 'kind'] as const;

export class RegionsQueryDto extends ListQueryDto {
  /** Kinds of region, comma-separated: `world`, `region`, `sub_region`, `intermediate_region`, `operational`. */
  @ApiPropertyOptional({
    enum: REGION_KINDS,
    enumName: 'RegionKind',
    isArray: true,
    maxItems: REGION_KINDS.length,
    example: ['sub_region'],
  })
  @IsOptional()
  @CommaSeparated()
  @ArrayMaxSize(REGION_KINDS.length)
  @IsIn(REGION_KINDS, { each: true })
  kind?: RegionKind[];
}
