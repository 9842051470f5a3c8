import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { Region } from '../../regions/entities/region.entity';

/** An ISO 3166-1 country with its UN M49 region and sub-region. */
@Entity('countries')
@Check('chk_countries_codes', `iso2 ~ '^[A-Z]{2}$' AND iso3 ~ '^[A-Z]{3}$' AND numeric_code ~ '^[0-9]{3}$'`)
export class Country {
  @PrimaryColumn({ type: 'char', length: 2 })
  iso2: string;

  @Index('uq_countries_iso3', { unique: true })
  @Column({ type: 'char', length: 3 })
  iso3: string;

  @Index('uq_countries_numeric_code', { unique: true })
  @Column({ type: 'char', length: 3 })
  numericCode: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @ManyToOne(() => Region, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id', foreignKeyConstraintName: 'fk_countries_region' })
  region: Relation<Region> | null;

  @Column({ type: 'integer', nullable: true })
  regionId: number | null;

  @ManyToOne(() => Region, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sub_region_id', foreignKeyConstraintName: 'fk_countries_sub_region' })
  subRegion: Relation<Region> | null;

  @Column({ type: 'integer', nullable: true })
  subRegionId: number | null;
}
