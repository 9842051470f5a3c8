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
import { Region } from '../../regions/entities/region.entity';
import { Series } from '../../series/entities/series.entity';
import { Source } from '../../sources/entities/source.entity';
import { OperationCountry } from './operation-country.entity';

/** One edition of a series, e.g. `pangea-viii`. */
@Entity('operations')
@Check('chk_operations_year', `year BETWEEN 1990 AND 2100`)
@Check('chk_operations_dates', `start_date IS NULL OR end_date IS NULL OR end_date >= start_date`)
@Check(
  'chk_operations_counts',
  `(countries_count IS NULL OR countries_count >= 0) AND (agencies_count IS NULL OR agencies_count >= 0)`,
)
@Check('chk_operations_code', `code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
export class Operation {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_operations_code', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @ManyToOne(() => Series, (series) => series.operations, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'series_id', foreignKeyConstraintName: 'fk_operations_series' })
  series: Relation<Series>;

  @Index('ix_operations_series_id')
  @Column({ type: 'integer' })
  seriesId: number;

  /** Roman numeral of the edition; null when the sources give none. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  edition: string | null;

  /** The year the operation ran (or ended, or was reported). */
  @Index('ix_operations_year')
  @Column({ type: 'smallint' })
  year: number;

  @Column({ type: 'date', nullable: true })
  startDate: string | null;

  @Column({ type: 'date', nullable: true })
  endDate: string | null;

  @ManyToOne(() => Region, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id', foreignKeyConstraintName: 'fk_operations_region' })
  region: Relation<Region> | null;

  @Column({ type: 'integer', nullable: true })
  regionId: number | null;

  @Column({ type: 'varchar', length: 128 })
  crimeArea: string;

  /** Participating countries as stated by the operation's source. */
  @Column({ type: 'integer', nullable: true })
  countriesCount: number | null;

  @Column({ type: 'integer', nullable: true })
  agenciesCount: number | null;

  @ManyToOne(() => Source, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_id', foreignKeyConstraintName: 'fk_operations_source' })
  source: Relation<Source>;

  @Column({ type: 'integer' })
  sourceId: number;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @OneToMany(() => OperationCountry, (participation) => participation.operation)
  participations: OperationCountry[];

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
