import { ApiProperty } from '@nestjs/swagger';
import { FIGURE_TYPES, FigureType } from '../../figures/figure-kinds';
import { CHANGE_ACTIONS, CHANGED_ENTITIES, ChangeAction, ChangedEntity } from '../../common/writes/change-kinds';

/** One change: what was created, corrected or deleted, by whom, when and why. */
export class ChangeDto {
  /** Grows with every change, in commit order: read on with `after=<id>`. */
  @ApiProperty({ type: 'integer', example: 121 })
  id: number;

  @ApiProperty({ format: 'date-time', example: '2025-06-01T09:30:12.345Z' })
  at: string;

  @ApiProperty({ enum: CHANGED_ENTITIES, enumName: 'ChangedEntity', example: 'figure' })
  entity: ChangedEntity;

  /** Figure or source id, operation code, or `<operation code>/<ISO2>` for a participation. */
  @ApiProperty({ example: '74' })
  entityId: string;

  /** For a figure: seizure, arrest or outcome; null otherwise. */
  @ApiProperty({ enum: FIGURE_TYPES, enumName: 'FigureType', nullable: true, example: 'arrest' })
  type: FigureType | null;

  @ApiProperty({ enum: CHANGE_ACTIONS, enumName: 'ChangeAction', example: 'corrected' })
  action: ChangeAction;

  @ApiProperty({ type: String, nullable: true, example: 'the final report gives 257 arrests' })
  reason: string | null;

  /** Name of the API key that made the change. */
  @ApiProperty({ example: 'Jane Doe (data desk)' })
  actor: string;

  /** Where to read the entity now (a deleted one answers 404; a figure's history stays at `<href>/revisions`). */
  @ApiProperty({ example: '/v1/arrests/74' })
  href: string;
}

export class ChangesMetaDto {
  @ApiProperty({ type: 'integer', example: 100 })
  limit: number;

  @ApiProperty({ type: String, nullable: true, format: 'date-time', example: null })
  since: string | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 120 })
  after: number | null;

  /** The `after` of the next page; null when this page holds the last changes so far. */
  @ApiProperty({ type: 'integer', nullable: true, example: 220 })
  next: number | null;
}

export class ChangeListDto {
  @ApiProperty({ type: [ChangeDto] })
  data: ChangeDto[];

  @ApiProperty({ type: ChangesMetaDto })
  meta: ChangesMetaDto;
}
