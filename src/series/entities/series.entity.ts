import { Column, Entity, Index, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Operation } from '../../operations/entities/operation.entity';

/** A recurring operation (Pangea, Opson, …) whose editions are operations. */
@Entity('series')
export class Series {
  @PrimaryGeneratedColumn()
  id: number;

  /** Stable slug, e.g. `pangea`, `first-light`. */
  @Index('uq_series_code', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ type: 'varchar', length: 128 })
  crimeArea: string;

  @Column({ type: 'text' })
  description: string;

  @OneToMany(() => Operation, (operation) => operation.series)
  operations: Operation[];
}
