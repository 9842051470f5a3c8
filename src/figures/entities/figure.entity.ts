import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Country } from '../../countries/entities/country.entity';
import { Operation } from '../../operations/entities/operation.entity';
import { Source } from '../../sources/entities/source.entity';
import { FigureKind, FigureRole, FigureType, Qualifier, UnitClass } from '../figure-kinds';
import { FIGURE_FIELD_LIMITS } from '../figure-rules';

/**
 * One reported figure: a seizure, an arrest count or another outcome, exactly
 * as its source printed it. Figures that report the same thing (same
 * `groupKey`) conflict; exactly one of each group is `preferred`.
 */
@Entity('figures')
@Check('chk_figures_type', `type IN ('seizure', 'arrest', 'outcome')`)
@Check(
  'chk_figures_kind',
  `(type = 'seizure' AND kind IN ('items_seized', 'value_seized', 'weight_seized', 'volume_seized'))` +
    ` OR (type = 'arrest' AND kind IN ('arrests', 'persons_under_investigation'))` +
    ` OR (type = 'outcome' AND kind IN ('websites_shut_down', 'packages_inspected', 'packages_seized', 'investigations_opened', 'raids_or_checks', 'labs_dismantled', 'other'))`,
)
@Check('chk_figures_qualifier', `qualifier IN ('exact', 'approximately', 'more_than', 'nearly', 'up_to')`)
@Check('chk_figures_role', `role IS NULL OR (role IN ('total', 'part') AND country_iso2 IS NULL)`)
@Check('chk_figures_unit_class', `unit_class IN ('count', 'mass', 'volume', 'money')`)
@Check('chk_figures_quantity', `quantity >= 0 AND (normalized_quantity IS NULL OR normalized_quantity >= 0)`)
@Check(
  'chk_figures_currency',
  `(unit_class = 'money') = (currency IS NOT NULL) AND (currency IS NULL OR currency ~ '^[A-Z]{3}$')`,
)
@Check('chk_figures_normalized', `(unit_class = 'money') = (normalized_quantity IS NULL)`)
@Check(
  'chk_figures_kind_unit_class',
  `(kind <> 'value_seized' OR unit_class = 'money') AND (kind <> 'weight_seized' OR unit_class = 'mass')` +
    ` AND (kind <> 'volume_seized' OR unit_class = 'volume') AND (type <> 'arrest' OR unit_class = 'count')`,
)
@Index('ix_figures_group', ['groupKey'])
@Index('ix_figures_operation', ['operationId', 'type'])
@Index('ix_figures_country', ['countryIso2'])
@Index('ix_figures_source', ['sourceId'])
// Created in the migration with expressions TypeORM cannot describe: one figure per
// (operation, kind, unit, category, country, source, quantity), and one preferred figure per group.
@Index('uq_figures_natural_key', { synchronize: false })
@Index('uq_figures_preferred_per_group', { synchronize: false })
// One figure per identity in the bundled dataset (partial: null for figures editors created).
@Index('uq_figures_dataset_key', { synchronize: false })
export class Figure {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 16 })
  type: FigureType;

  /** What was counted: `arrests`, `value_seized`, `websites_shut_down`, … */
  @Column({ type: 'varchar', length: 32 })
  kind: FigureKind;

  @ManyToOne(() => Operation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operation_id', foreignKeyConstraintName: 'fk_figures_operation' })
  operation: Relation<Operation>;

  @Column({ type: 'integer' })
  operationId: number;

  /** The country the figure is about; null for an operation-wide figure. */
  @ManyToOne(() => Country, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'country_iso2', referencedColumnName: 'iso2', foreignKeyConstraintName: 'fk_figures_country' })
  country: Relation<Country> | null;

  @Column({ type: 'char', length: 2, nullable: true })
  countryIso2: string | null;

  /** Goods category as reported; null or a generic label for totals. */
  @Column({ type: 'varchar', length: FIGURE_FIELD_LIMITS.category, nullable: true })
  category: string | null;

  /** Category used to group conflicting reports: null for totals (no or a generic category). */
  @Column({ type: 'varchar', length: 128, nullable: true })
  categoryKey: string | null;

  /**
   * Of an operation-wide figure: `total` (the operation's whole figure for its kind and unit class,
   * whatever its category label), `part` (included in another figure, never added to it) or null
   * (an independent figure). Country figures have none.
   */
  @Column({ type: 'varchar', length: 8, nullable: true })
  role: FigureRole | null;

  @Column({ type: 'varchar', length: 16 })
  qualifier: Qualifier;

  /** The number exactly as reported (a lower bound when the qualifier is `more_than`). */
  @Column({ type: 'numeric' })
  quantity: string;

  /** Unit as reported: `pills`, `tonnes`, `USD`, `websites`, … */
  @Column({ type: 'varchar', length: FIGURE_FIELD_LIMITS.unit })
  unit: string;

  @Column({ type: 'varchar', length: 16 })
  unitClass: UnitClass;

  /** Quantity in kg (mass), litres (volume) or the count itself; null for money. */
  @Column({ type: 'numeric', nullable: true })
  normalizedQuantity: string | null;

  /** ISO 4217 code of a money figure. */
  @Column({ type: 'char', length: 3, nullable: true })
  currency: string | null;

  @ManyToOne(() => Source, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_id', foreignKeyConstraintName: 'fk_figures_source' })
  source: Relation<Source>;

  @Column({ type: 'integer' })
  sourceId: number;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** Editor's ruling: true forces this figure to be preferred, false rules it out; null lets the rule decide. */
  @Column({ type: 'boolean', nullable: true })
  preferredOverride: boolean | null;

  /** Figures with the same key report the same thing. */
  @Column({ type: 'varchar', length: 512 })
  groupKey: string;

  /** Whether this figure is the one of its group that totals use. */
  @Column({ type: 'boolean', default: false })
  preferred: boolean;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  /**
   * The figure's row in the bundled dataset, stable across releases (operation, metric, unit, category,
   * country, source URL and occurrence; see `datasetKey` in the seed); null for a figure an editor created.
   */
  @Column({ type: 'text', nullable: true })
  datasetKey: string | null;
}
