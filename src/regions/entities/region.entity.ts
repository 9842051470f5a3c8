import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';

export const REGION_KINDS = ['world', 'region', 'sub_region', 'intermediate_region', 'operational'] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

/**
 * A UN M49 area (world, region, sub-region, intermediate region) or an
 * operational region label that M49 does not define (Middle East).
 */
@Entity('regions')
@Check('chk_regions_kind', `kind IN ('world', 'region', 'sub_region', 'intermediate_region', 'operational')`)
@Check('chk_regions_m49', `(kind = 'operational') = (m49_code IS NULL)`)
export class Region {
  @PrimaryGeneratedColumn()
  id: number;

  /** Stable slug, e.g. `eastern-africa`. */
  @Index('uq_regions_code', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  kind: RegionKind;

  /** Three-digit UN M49 code; null for operational regions. */
  @Index('uq_regions_m49_code', { unique: true })
  @Column({ type: 'char', length: 3, nullable: true })
  m49Code: string | null;

  /** The label the operations data uses for this region (`West Africa`), if any. */
  @Index('uq_regions_operational_label', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  operationalLabel: string | null;

  @ManyToOne(() => Region, (region) => region.children, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_regions_parent' })
  parent: Relation<Region> | null;

  @Column({ type: 'integer', nullable: true })
  parentId: number | null;

  @OneToMany(() => Region, (region) => region.parent)
  children: Region[];
}
