import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { KeyRole } from '../roles';

/**
 * A key that lets a client write. Only a hash of the secret is stored; the
 * `prefix` (the first characters of the key) tells keys apart in lists and
 * logs without revealing them. A revoked key stays listed, with `revokedAt`.
 */
@Entity('api_keys')
@Check('chk_api_keys_role', `role IN ('editor', 'admin')`)
@Check('chk_api_keys_hash', `key_hash ~ '^[0-9a-f]{64}$'`)
// Two active keys may not share a name: the name is the actor recorded in the history.
@Index('uq_api_keys_active_name', ['name'], { unique: true, where: 'revoked_at IS NULL' })
export class ApiKey {
  @PrimaryGeneratedColumn()
  id: number;

  /** Who holds the key (a person or a system), recorded as the actor of every change made with it. */
  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  role: KeyRole;

  /** The first characters of the key (`ora_` and 8 more), not secret. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  /** SHA-256 of the whole key, hex. */
  @Index('uq_api_keys_key_hash', { unique: true })
  @Column({ type: 'char', length: 64 })
  keyHash: string;

  /** Name of the admin key that created it, or `cli`. */
  @Column({ type: 'varchar', length: 128 })
  createdBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  /** Last request made with the key (updated at most once a minute). */
  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
