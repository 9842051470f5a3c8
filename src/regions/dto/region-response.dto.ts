import { ApiProperty } from '@nestjs/swagger';
import { ListMetaDto } from '../../common/list/list-response';
import { REGION_KINDS, RegionKind } from '../entities/region.entity';

/** A region named by its code, as other resources refer to it. */
export class RegionRefDto {
  @ApiProperty({ example: 'eastern-africa' })
  code: string;

  @ApiProperty({ example: 'Eastern Africa' })
  name: string;
}

/** A region directly below another one. */
export class SubRegionDto extends RegionRefDto {
  @ApiProperty({ enum: REGION_KINDS, enumName: 'RegionKind', example: 'sub_region' })
  kind: RegionKind;
}

export class RegionCountryDto {
  /** ISO 3166-1 alpha-2 code. */
  @ApiProperty({ example: 'KE' })
  iso2: string;

  @ApiProperty({ example: 'Kenya' })
  name: string;
}

export class RegionDto {
  /** Stable slug of the M49 name, or of the operational label. */
  @ApiProperty({ example: 'eastern-africa' })
  code: string;

  @ApiProperty({ example: 'Eastern Africa' })
  name: string;

  /** Level in the UN M49 hierarchy, or `operational` for a label M49 does not define. */
  @ApiProperty({ enum: REGION_KINDS, enumName: 'RegionKind', example: 'intermediate_region' })
  kind: RegionKind;

  /** Three-digit UN M49 code; null for operational regions. */
  @ApiProperty({ type: String, nullable: true, example: '014' })
  m49Code: string | null;

  /** The label the operations data uses for this region, if any. */
  @ApiProperty({ type: String, nullable: true, example: 'Eastern Africa' })
  operationalLabel: string | null;

  /** The region directly above; null for the world and for operational regions without one. */
  @ApiProperty({ type: RegionRefDto, nullable: true })
  parent: RegionRefDto | null;

  /** Countries in this region at any level below it. */
  @ApiProperty({ type: 'integer', example: 22 })
  countriesCount: number;

  /** Link to the region. */
  @ApiProperty({ example: '/v1/regions/eastern-africa' })
  href: string;
}

export class RegionDetailDto extends RegionDto {
  /** The regions directly below this one. */
  @ApiProperty({ type: [SubRegionDto] })
  subRegions: SubRegionDto[];

  /** Every country of the region, at any level below it, by name. */
  @ApiProperty({ type: [RegionCountryDto] })
  countries: RegionCountryDto[];
}

export class RegionListDto {
  @ApiProperty({ type: [RegionDto] })
  data: RegionDto[];

  meta: ListMetaDto;
}
