import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { Country } from '../../countries/entities/country.entity';
import { Source } from '../../sources/entities/source.entity';
import { Operation } from './operation.entity';

/** A country that took part in an operation, with the page that lists it. */
@Entity('operation_countries')
export class OperationCountry {
  @PrimaryColumn({ type: 'integer' })
  operationId: number;

  @Index('ix_operation_countries_country')
  @PrimaryColumn({ type: 'char', length: 2 })
  countryIso2: string;

  @ManyToOne(() => Operation, (operation) => operation.participations, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'operation_id', foreignKeyConstraintName: 'fk_operation_countries_operation' })
  operation: Relation<Operation>;

  @ManyToOne(() => Country, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'country_iso2',
    referencedColumnName: 'iso2',
    foreignKeyConstraintName: 'fk_operation_countries_country',
  })
  country: Relation<Country>;

  @ManyToOne(() => Source, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_id', foreignKeyConstraintName: 'fk_operation_countries_source' })
  source: Relation<Source>;

  @Column({ type: 'integer' })
  sourceId: number;
}
