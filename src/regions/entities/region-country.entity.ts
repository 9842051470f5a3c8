import { Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { Country } from '../../countries/entities/country.entity';
import { Region } from './region.entity';

/** Every country of a region, at every level (a country is in its sub-region, region and the world). */
@Entity('region_countries')
export class RegionCountry {
  @PrimaryColumn({ type: 'integer' })
  regionId: number;

  @PrimaryColumn({ type: 'char', length: 2 })
  countryIso2: string;

  @ManyToOne(() => Region, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'region_id', foreignKeyConstraintName: 'fk_region_countries_region' })
  region: Relation<Region>;

  @ManyToOne(() => Country, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'country_iso2',
    referencedColumnName: 'iso2',
    foreignKeyConstraintName: 'fk_region_countries_country',
  })
  country: Relation<Country>;
}
