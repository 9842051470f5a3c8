import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ChangeAction, ChangedEntity } from '../../common/writes/change-kinds';

/**
 * One entry of the change feed: something an API key created, corrected or
 * deleted. Ids grow in commit order (writes are serialised, see `change-log.ts`),
 * so a mirror that remembers the last id it read misses nothing.
 * Entries are never updated or deleted.
 */
@Entity('changes')
@Check('chk_changes_entity', `entity IN ('figure', 'operation', 'source', 'participation')`)
@Check('chk_changes_action', `action IN ('created', 'corrected', 'deleted')`)
@Check(
  'chk_changes_type',
  `(entity = 'figure') = (type IS NOT NULL) AND (type IS NULL OR type IN ('seizure', 'arrest', 'outcome'))`,
)
@Index('ix_changes_at', ['at'])
export class Change {
  @PrimaryGeneratedColumn()
  id: number;

  /** When the change was committed (clock time at the write, in commit order). */
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at: Date;

  @Column({ type: 'varchar', length: 16 })
  entity: ChangedEntity;

  /** Figure or source id, operation code, or `<operation code>/<ISO2>` for a participation. */
  @Column({ type: 'varchar', length: 80 })
  entityId: string;

  /** seizure, arrest or outcome for a figure; null otherwise. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  type: string | null;

  @Column({ type: 'varchar', length: 16 })
  action: ChangeAction;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** Name of the API key that made the change. */
  @Column({ type: 'varchar', length: 128 })
  actor: string;

  /** Where the entity is read. */
  @Column({ type: 'text' })
  href: string;
}
