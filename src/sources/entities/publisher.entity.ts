import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const SOURCE_TIERS = ['official', 'regulator', 'media'] as const;
export type SourceTier = (typeof SOURCE_TIERS)[number];

/**
 * Who published a source, and how much weight its figures carry when reports
 * conflict: `official` (INTERPOL, WCO, Europol and verbatim copies),
 * `regulator` (national agencies), `media` (everything else).
 */
@Entity('publishers')
@Check('chk_publishers_tier', `tier IN ('official', 'regulator', 'media')`)
export class Publisher {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_publishers_name', { unique: true })
  @Column({ type: 'varchar', length: 256 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  tier: SourceTier;
}
