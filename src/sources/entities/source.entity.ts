import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Publisher } from './publisher.entity';

/**
 * A published page cited for a figure, an operation or a participation.
 * The publisher is unknown only for pages cited for participations alone.
 */
@Entity('sources')
@Check('chk_sources_url', `url ~ '^https?://'`)
export class Source {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_sources_url', { unique: true })
  @Column({ type: 'text' })
  url: string;

  @ManyToOne(() => Publisher, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'publisher_id', foreignKeyConstraintName: 'fk_sources_publisher' })
  publisher: Relation<Publisher> | null;

  @Column({ type: 'integer', nullable: true })
  publisherId: number | null;

  /** Publication date as printed on the page; null when the page shows none. */
  @Column({ type: 'date', nullable: true })
  publishedOn: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
