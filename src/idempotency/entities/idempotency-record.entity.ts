import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { ApiKey } from '../../api-keys/entities/api-key.entity';

/**
 * The first answer to a POST sent with an `Idempotency-Key` header, kept so
 * that a retry with the same key gets the same answer instead of writing twice.
 * `status` is null while the first request is still running.
 */
@Entity('idempotency_keys')
@Index('uq_idempotency_keys_key', ['apiKeyId', 'key'], { unique: true })
@Index('ix_idempotency_keys_created_at', ['createdAt'])
export class IdempotencyRecord {
  @PrimaryGeneratedColumn()
  id: number;

  /** The client's `Idempotency-Key`; keys are scoped to the API key that sent them. */
  @Column({ type: 'varchar', length: 255 })
  key: string;

  @ManyToOne(() => ApiKey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'api_key_id', foreignKeyConstraintName: 'fk_idempotency_keys_api_key' })
  apiKey: Relation<ApiKey>;

  @Column({ type: 'integer' })
  apiKeyId: number;

  @Column({ type: 'varchar', length: 8 })
  method: string;

  /** Path and query of the first request. */
  @Column({ type: 'text' })
  path: string;

  /** SHA-256 (hex) of the first request's JSON body with its keys sorted. */
  @Column({ type: 'char', length: 64 })
  requestHash: string;

  /** HTTP status of the first answer; null while it is being produced. */
  @Column({ type: 'smallint', nullable: true })
  status: number | null;

  /** The first answer's JSON body, exactly as sent. */
  @Column({ type: 'text', nullable: true })
  responseBody: string | null;

  /** The first answer's `Location` header. */
  @Column({ type: 'text', nullable: true })
  location: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
