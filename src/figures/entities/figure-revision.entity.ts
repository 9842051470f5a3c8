import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { FigureKind, FigureType, Qualifier } from '../figure-kinds';

export const REVISION_ACTIONS = ['created', 'corrected', 'deleted'] as const;
export type RevisionAction = (typeof REVISION_ACTIONS)[number];

/**
 * One version of a figure: its reported values after a creation, a correction
 * or a deletion, who made it, when and why. Written when a figure changes; a
 * seeded figure gets its version 1 (actor `seed`) written just before its first
 * change. No foreign key to `figures`: the history outlives a figure whose
 * operation is deleted, and it records the source URL as it was then.
 */
@Entity('figure_revisions')
@Check('chk_figure_revisions_action', `action IN ('created', 'corrected', 'deleted')`)
@Check('chk_figure_revisions_version', `version >= 1`)
@Check('chk_figure_revisions_reason', `action = 'created' OR reason IS NOT NULL`)
@Index('uq_figure_revisions_version', ['figureId', 'version'], { unique: true })
export class FigureRevision {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  figureId: number;

  @Column({ type: 'varchar', length: 16 })
  type: FigureType;

  /** 1 for the figure as first recorded, then one more for each correction and the deletion. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 16 })
  action: RevisionAction;

  /** Why it was corrected or deleted (required then). */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** Name of the API key, or `seed` for the bundled dataset. */
  @Column({ type: 'varchar', length: 128 })
  actor: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'varchar', length: 64 })
  operationCode: string;

  @Column({ type: 'varchar', length: 32 })
  kind: FigureKind;

  @Column({ type: 'numeric' })
  quantity: string;

  @Column({ type: 'varchar', length: 64 })
  unit: string;

  @Column({ type: 'varchar', length: 16 })
  qualifier: Qualifier;

  @Column({ type: 'varchar', length: 128, nullable: true })
  category: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  countryIso2: string | null;

  @Column({ type: 'integer' })
  sourceId: number;

  @Column({ type: 'text' })
  sourceUrl: string;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'boolean', nullable: true })
  preferredOverride: boolean | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  role: string | null;
}
