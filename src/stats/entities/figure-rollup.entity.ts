import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Operation } from '../../operations/entities/operation.entity';

export const ROLLUP_SCOPES = ['operation', 'country', 'category'] as const;
export type RollupScope = (typeof ROLLUP_SCOPES)[number];

/**
 * The counting rules applied once, stored for fast statistics: one row per
 * operation (or operation and country, or operation and category), kind and
 * unit. Rebuilt for an operation whenever one of its figures changes; the
 * statistics endpoints only add these rows up.
 */
@Entity('figure_rollups')
@Check('chk_figure_rollups_scope', `scope IN ('operation', 'country', 'category')`)
@Check('chk_figure_rollups_country', `(scope = 'country') = (country_iso2 IS NOT NULL)`)
@Check(
  'chk_figure_rollups_derived_from',
  `(derived_from IS NULL) = (NOT derived) AND (derived_from IS NULL OR derived_from IN ('categories', 'countries'))`,
)
@Check('chk_figure_rollups_category', `scope = 'category' OR category_key IS NULL`)
@Index('ix_figure_rollups_scope_operation', ['scope', 'operationId'])
@Index('ix_figure_rollups_operation', ['operationId'])
// A GIN index on figure_ids, created in the migration (TypeORM cannot describe the method).
@Index('ix_figure_rollups_figure_ids', { synchronize: false })
export class FigureRollup {
  @PrimaryGeneratedColumn()
  id: number;

  @ManyToOne(() => Operation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'operation_id', foreignKeyConstraintName: 'fk_figure_rollups_operation' })
  operation: Relation<Operation>;

  @Column({ type: 'integer' })
  operationId: number;

  @Column({ type: 'varchar', length: 16 })
  scope: RollupScope;

  @Column({ type: 'char', length: 2, nullable: true })
  countryIso2: string | null;

  /** Category of a category row; null for "unspecified" (a total without category). */
  @Column({ type: 'varchar', length: 128, nullable: true })
  categoryKey: string | null;

  @Column({ type: 'varchar', length: 16 })
  type: string;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ type: 'varchar', length: 16 })
  unitClass: string;

  /** `kg`, `litres`, an ISO 4217 code, or the counted unit as reported. */
  @Column({ type: 'varchar', length: 64 })
  unit: string;

  /** Sum in `unit`. */
  @Column({ type: 'numeric' })
  value: string;

  /** Annual average rate used to convert a money value (units per USD); null when none is known. */
  @Column({ type: 'numeric', nullable: true })
  unitsPerUsd: string | null;

  @Column({ type: 'numeric', nullable: true })
  valueUsd: string | null;

  @Column({ type: 'boolean' })
  lowerBound: boolean;

  @Column({ type: 'boolean' })
  upperBound: boolean;

  @Column({ type: 'boolean' })
  approximate: boolean;

  /** True when no total was reported and this is the sum of the breakdowns (always a lower bound). */
  @Column({ type: 'boolean' })
  derived: boolean;

  /** What a derived row was summed from: `categories` (operation-wide or the country's category figures) or `countries`. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  derivedFrom: 'categories' | 'countries' | null;

  @Column({ type: 'integer' })
  figureCount: number;

  @Column({ type: 'integer', array: true })
  sourceIds: number[];

  /** The figures added up: what `?countedIn=` of the figure lists selects, so a statistic links to its figures. */
  @Column({ type: 'integer', array: true })
  figureIds: number[];
}
