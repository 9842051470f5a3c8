import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** Annual average exchange rate: `unitsPerUsd` units of `currency` buy one US dollar. */
@Entity('fx_rates')
@Check('chk_fx_rates_rate', `units_per_usd > 0`)
@Check('chk_fx_rates_currency', `currency ~ '^[A-Z]{3}$'`)
export class FxRate {
  @PrimaryColumn({ type: 'smallint' })
  year: number;

  @PrimaryColumn({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'numeric' })
  unitsPerUsd: string;

  @Column({ type: 'text' })
  sourceUrl: string;

  @Column({ type: 'text' })
  sourcePublisher: string;

  @Column({ type: 'text', nullable: true })
  notes: string | null;
}
