import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FigureType } from '../figures/figure-kinds';
import { ChangeAction, ChangedEntity } from '../common/writes/change-kinds';
import { ChangeDto } from './dto/change-response.dto';

interface ChangeRow {
  id: number;
  at: Date;
  entity: ChangedEntity;
  entity_id: string;
  type: FigureType | null;
  action: ChangeAction;
  reason: string | null;
  actor: string;
  href: string;
}

export function toChangeResponse(row: ChangeRow): ChangeDto {
  return {
    id: row.id,
    at: row.at.toISOString(),
    entity: row.entity,
    entityId: row.entity_id,
    type: row.type,
    action: row.action,
    reason: row.reason,
    actor: row.actor,
    href: row.href,
  };
}

@Injectable()
export class ChangesService {
  constructor(private readonly dataSource: DataSource) {}

  /** Up to `limit` changes after the cursor (and at or after `since`), by id; `more` when others follow. */
  async list(
    since: Date | undefined,
    after: number | undefined,
    limit: number,
  ): Promise<{ items: ChangeDto[]; more: boolean }> {
    const rows = await this.dataSource.query<ChangeRow[]>(
      `SELECT id, at, entity, entity_id, type, action, reason, actor, href FROM changes
       WHERE ($1::timestamptz IS NULL OR at >= $1) AND ($2::int IS NULL OR id > $2)
       ORDER BY id LIMIT $3`,
      [since?.toISOString() ?? null, after ?? null, limit + 1],
    );
    return { items: rows.slice(0, limit).map(toChangeResponse), more: rows.length > limit };
  }
}
