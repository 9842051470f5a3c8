import { ApiProperty } from '@nestjs/swagger';
import { ListMetaDto } from '../../common/list/list-response';
import { FIGURE_KINDS, FIGURE_ROLES, FigureKind, FigureRole, QUALIFIERS, Qualifier } from '../figure-kinds';
import { REVISION_ACTIONS, RevisionAction } from '../entities/figure-revision.entity';

/** A figure's reported values at one version. */
export class FigureRevisionValuesDto {
  /** Operation code. */
  @ApiProperty({ example: 'pangea-vii' })
  operation: string;

  @ApiProperty({ enum: FIGURE_KINDS, enumName: 'FigureKind', example: 'arrests' })
  kind: FigureKind;

  @ApiProperty({ example: '237' })
  quantity: string;

  @ApiProperty({ example: 'people' })
  unit: string;

  @ApiProperty({ enum: QUALIFIERS, enumName: 'Qualifier', example: 'exact' })
  qualifier: Qualifier;

  @ApiProperty({ type: String, nullable: true, example: null })
  category: string | null;

  /** ISO 3166-1 alpha-2 code; null for an operation-wide figure. */
  @ApiProperty({ type: String, nullable: true, example: null })
  country: string | null;

  @ApiProperty({ type: 'integer', example: 17 })
  sourceId: number;

  /** The source's URL as it was at this version. */
  @ApiProperty({ example: 'https://www.interpol.int/News-and-Events/News/2014/example' })
  sourceUrl: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  notes: string | null;

  @ApiProperty({ type: Boolean, nullable: true, example: null })
  preferredOverride: boolean | null;

  /** The figure's role at this version (`total`, `part` or null); see the figure's `role`. */
  @ApiProperty({ enum: FIGURE_ROLES, enumName: 'FigureRole', nullable: true, example: null })
  role: FigureRole | null;
}

/** One version of a figure. */
export class FigureRevisionDto {
  /** 1 for the figure as first recorded, then one more per correction and for the deletion. */
  @ApiProperty({ type: 'integer', example: 2 })
  version: number;

  @ApiProperty({ enum: REVISION_ACTIONS, enumName: 'RevisionAction', example: 'corrected' })
  action: RevisionAction;

  /** Why it was corrected or deleted; null for a creation. */
  @ApiProperty({ type: String, nullable: true, example: 'the final report gives 257 arrests' })
  reason: string | null;

  /** Name of the API key that made the change, or `seed` for the bundled dataset. */
  @ApiProperty({ example: 'seed' })
  actor: string;

  @ApiProperty({ format: 'date-time', example: '2025-06-01T09:30:12.345Z' })
  at: string;

  @ApiProperty({ type: FigureRevisionValuesDto })
  values: FigureRevisionValuesDto;
}

export class FigureRevisionListDto {
  @ApiProperty({ type: [FigureRevisionDto] })
  data: FigureRevisionDto[];

  meta: ListMetaDto;
}
