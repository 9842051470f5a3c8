import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795298759232 implements MigrationInterface {
  name = 'InitialSchema1795298759232';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "regions" ("id" SERIAL NOT NULL, "code" character varying(64) NOT NULL, "name" character varying(128) NOT NULL, "kind" character varying(32) NOT NULL, "m49_code" character(3), "operational_label" character varying(64), "parent_id" integer, CONSTRAINT "chk_regions_m49" CHECK ((kind = 'operational') = (m49_code IS NULL)), CONSTRAINT "chk_regions_kind" CHECK (kind IN ('world', 'region', 'sub_region', 'intermediate_region', 'operational')), CONSTRAINT "PK_4fcd12ed6a046276e2deb08801c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_regions_code" ON "regions"  ("code") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_regions_m49_code" ON "regions"  ("m49_code") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_regions_operational_label" ON "regions"  ("operational_label") `);
    await queryRunner.query(
      `CREATE TABLE "countries" ("iso2" character(2) NOT NULL, "iso3" character(3) NOT NULL, "numeric_code" character(3) NOT NULL, "name" character varying(128) NOT NULL, "region_id" integer, "sub_region_id" integer, CONSTRAINT "chk_countries_codes" CHECK (iso2 ~ '^[A-Z]{2}$' AND iso3 ~ '^[A-Z]{3}$' AND numeric_code ~ '^[0-9]{3}$'), CONSTRAINT "PK_9706e3c52695ce44a202f24c26b" PRIMARY KEY ("iso2"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_countries_iso3" ON "countries"  ("iso3") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_countries_numeric_code" ON "countries"  ("numeric_code") `);
    await queryRunner.query(
      `CREATE TABLE "series" ("id" SERIAL NOT NULL, "code" character varying(64) NOT NULL, "name" character varying(128) NOT NULL, "crime_area" character varying(128) NOT NULL, "description" text NOT NULL, CONSTRAINT "PK_e725676647382eb54540d7128ba" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_series_code" ON "series"  ("code") `);
    await queryRunner.query(
      `CREATE TABLE "publishers" ("id" SERIAL NOT NULL, "name" character varying(256) NOT NULL, "tier" character varying(16) NOT NULL, CONSTRAINT "chk_publishers_tier" CHECK (tier IN ('official', 'regulator', 'media')), CONSTRAINT "PK_9d73f23749dca512efc3ccbea6a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_publishers_name" ON "publishers"  ("name") `);
    await queryRunner.query(
      `CREATE TABLE "sources" ("id" SERIAL NOT NULL, "url" text NOT NULL, "publisher_id" integer, "published_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_sources_url" CHECK (url ~ '^https?://'), CONSTRAINT "PK_85523beafe5a2a6b90b02096443" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sources_url" ON "sources"  ("url") `);
    await queryRunner.query(
      `CREATE TABLE "operation_countries" ("operation_id" integer NOT NULL, "country_iso2" character(2) NOT NULL, "source_id" integer NOT NULL, CONSTRAINT "PK_1b0ea416e66f588a5cd04990490" PRIMARY KEY ("operation_id", "country_iso2"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_operation_countries_country" ON "operation_countries"  ("country_iso2") `,
    );
    await queryRunner.query(
      `CREATE TABLE "operations" ("id" SERIAL NOT NULL, "code" character varying(64) NOT NULL, "name" character varying(128) NOT NULL, "series_id" integer NOT NULL, "edition" character varying(16), "year" smallint NOT NULL, "start_date" date, "end_date" date, "region_id" integer, "crime_area" character varying(128) NOT NULL, "countries_count" integer, "agencies_count" integer, "source_id" integer NOT NULL, "notes" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_operations_code" CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'), CONSTRAINT "chk_operations_counts" CHECK ((countries_count IS NULL OR countries_count >= 0) AND (agencies_count IS NULL OR agencies_count >= 0)), CONSTRAINT "chk_operations_dates" CHECK (start_date IS NULL OR end_date IS NULL OR end_date >= start_date), CONSTRAINT "chk_operations_year" CHECK (year BETWEEN 1990 AND 2100), CONSTRAINT "PK_7b62d84d6f9912b975987165856" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_operations_code" ON "operations"  ("code") `);
    await queryRunner.query(`CREATE INDEX "ix_operations_series_id" ON "operations"  ("series_id") `);
    await queryRunner.query(`CREATE INDEX "ix_operations_year" ON "operations"  ("year") `);
    await queryRunner.query(
      `CREATE TABLE "figures" ("id" SERIAL NOT NULL, "type" character varying(16) NOT NULL, "kind" character varying(32) NOT NULL, "operation_id" integer NOT NULL, "country_iso2" character(2), "category" character varying(128), "category_key" character varying(128), "qualifier" character varying(16) NOT NULL, "quantity" numeric NOT NULL, "unit" character varying(64) NOT NULL, "unit_class" character varying(16) NOT NULL, "normalized_quantity" numeric, "currency" character(3), "source_id" integer NOT NULL, "notes" text, "preferred_override" boolean, "group_key" character varying(512) NOT NULL, "preferred" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "chk_figures_kind_unit_class" CHECK ((kind <> 'value_seized' OR unit_class = 'money') AND (kind <> 'weight_seized' OR unit_class = 'mass') AND (kind <> 'volume_seized' OR unit_class = 'volume') AND (type <> 'arrest' OR unit_class = 'count')), CONSTRAINT "chk_figures_normalized" CHECK ((unit_class = 'money') = (normalized_quantity IS NULL)), CONSTRAINT "chk_figures_currency" CHECK ((unit_class = 'money') = (currency IS NOT NULL) AND (currency IS NULL OR currency ~ '^[A-Z]{3}$')), CONSTRAINT "chk_figures_quantity" CHECK (quantity >= 0 AND (normalized_quantity IS NULL OR normalized_quantity >= 0)), CONSTRAINT "chk_figures_unit_class" CHECK (unit_class IN ('count', 'mass', 'volume', 'money')), CONSTRAINT "chk_figures_qualifier" CHECK (qualifier IN ('exact', 'approximately', 'more_than', 'nearly', 'up_to')), CONSTRAINT "chk_figures_kind" CHECK ((type = 'seizure' AND kind IN ('items_seized', 'value_seized', 'weight_seized', 'volume_seized')) OR (type = 'arrest' AND kind IN ('arrests', 'persons_under_investigation')) OR (type = 'outcome' AND kind IN ('websites_shut_down', 'packages_inspected', 'packages_seized', 'investigations_opened', 'raids_or_checks', 'labs_dismantled', 'other'))), CONSTRAINT "chk_figures_type" CHECK (type IN ('seizure', 'arrest', 'outcome')), CONSTRAINT "PK_b745dde5e3ec7f4242b0111c18a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_figures_source" ON "figures"  ("source_id") `);
    await queryRunner.query(`CREATE INDEX "ix_figures_country" ON "figures"  ("country_iso2") `);
    await queryRunner.query(`CREATE INDEX "ix_figures_operation" ON "figures"  ("operation_id", "type") `);
    await queryRunner.query(`CREATE INDEX "ix_figures_group" ON "figures"  ("group_key") `);
    await queryRunner.query(
      `CREATE TABLE "fx_rates" ("year" smallint NOT NULL, "currency" character(3) NOT NULL, "units_per_usd" numeric NOT NULL, "source_url" text NOT NULL, "source_publisher" text NOT NULL, "notes" text, CONSTRAINT "chk_fx_rates_currency" CHECK (currency ~ '^[A-Z]{3}$'), CONSTRAINT "chk_fx_rates_rate" CHECK (units_per_usd > 0), CONSTRAINT "PK_d87a47886931a9370572bc1ef50" PRIMARY KEY ("year", "currency"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "region_countries" ("region_id" integer NOT NULL, "country_iso2" character(2) NOT NULL, CONSTRAINT "PK_701497ac4b4b68b234a16c8843a" PRIMARY KEY ("region_id", "country_iso2"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "regions" ADD CONSTRAINT "fk_regions_parent" FOREIGN KEY ("parent_id") REFERENCES "regions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "countries" ADD CONSTRAINT "fk_countries_region" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "countries" ADD CONSTRAINT "fk_countries_sub_region" FOREIGN KEY ("sub_region_id") REFERENCES "regions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "sources" ADD CONSTRAINT "fk_sources_publisher" FOREIGN KEY ("publisher_id") REFERENCES "publishers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "operation_countries" ADD CONSTRAINT "fk_operation_countries_operation" FOREIGN KEY ("operation_id") REFERENCES "operations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "operation_countries" ADD CONSTRAINT "fk_operation_countries_country" FOREIGN KEY ("country_iso2") REFERENCES "countries"("iso2") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "operation_countries" ADD CONSTRAINT "fk_operation_countries_source" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "operations" ADD CONSTRAINT "fk_operations_series" FOREIGN KEY ("series_id") REFERENCES "series"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "operations" ADD CONSTRAINT "fk_operations_region" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "operations" ADD CONSTRAINT "fk_operations_source" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "figures" ADD CONSTRAINT "fk_figures_operation" FOREIGN KEY ("operation_id") REFERENCES "operations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "figures" ADD CONSTRAINT "fk_figures_country" FOREIGN KEY ("country_iso2") REFERENCES "countries"("iso2") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "figures" ADD CONSTRAINT "fk_figures_source" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "region_countries" ADD CONSTRAINT "fk_region_countries_region" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "region_countries" ADD CONSTRAINT "fk_region_countries_country" FOREIGN KEY ("country_iso2") REFERENCES "countries"("iso2") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Written by hand (TypeORM cannot describe expression or partial indexes; the entity marks them synchronize: false).
    // One figure per (operation, kind, unit, category, country, source, quantity) among live figures.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_figures_natural_key" ON "figures" ("operation_id", "kind", "unit", (coalesce("category", '')), (coalesce("country_iso2", '')), "source_id", "quantity") WHERE "deleted_at" IS NULL`,
    );
    // At most one preferred figure per group of conflicting reports.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_figures_preferred_per_group" ON "figures" ("group_key") WHERE "preferred" AND "deleted_at" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_figures_preferred_per_group"`);
    await queryRunner.query(`DROP INDEX "public"."uq_figures_natural_key"`);
    await queryRunner.query(`ALTER TABLE "region_countries" DROP CONSTRAINT "fk_region_countries_country"`);
    await queryRunner.query(`ALTER TABLE "region_countries" DROP CONSTRAINT "fk_region_countries_region"`);
    await queryRunner.query(`ALTER TABLE "figures" DROP CONSTRAINT "fk_figures_source"`);
    await queryRunner.query(`ALTER TABLE "figures" DROP CONSTRAINT "fk_figures_country"`);
    await queryRunner.query(`ALTER TABLE "figures" DROP CONSTRAINT "fk_figures_operation"`);
    await queryRunner.query(`ALTER TABLE "operations" DROP CONSTRAINT "fk_operations_source"`);
    await queryRunner.query(`ALTER TABLE "operations" DROP CONSTRAINT "fk_operations_region"`);
    await queryRunner.query(`ALTER TABLE "operations" DROP CONSTRAINT "fk_operations_series"`);
    await queryRunner.query(`ALTER TABLE "operation_countries" DROP CONSTRAINT "fk_operation_countries_source"`);
    await queryRunner.query(`ALTER TABLE "operation_countries" DROP CONSTRAINT "fk_operation_countries_country"`);
    await queryRunner.query(`ALTER TABLE "operation_countries" DROP CONSTRAINT "fk_operation_countries_operation"`);
    await queryRunner.query(`ALTER TABLE "sources" DROP CONSTRAINT "fk_sources_publisher"`);
    await queryRunner.query(`ALTER TABLE "countries" DROP CONSTRAINT "fk_countries_sub_region"`);
    await queryRunner.query(`ALTER TABLE "countries" DROP CONSTRAINT "fk_countries_region"`);
    await queryRunner.query(`ALTER TABLE "regions" DROP CONSTRAINT "fk_regions_parent"`);
    await queryRunner.query(`DROP TABLE "region_countries"`);
    await queryRunner.query(`DROP TABLE "fx_rates"`);
    await queryRunner.query(`DROP INDEX "public"."ix_figures_group"`);
    await queryRunner.query(`DROP INDEX "public"."ix_figures_operation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_figures_country"`);
    await queryRunner.query(`DROP INDEX "public"."ix_figures_source"`);
    await queryRunner.query(`DROP TABLE "figures"`);
    await queryRunner.query(`DROP INDEX "public"."ix_operations_year"`);
    await queryRunner.query(`DROP INDEX "public"."ix_operations_series_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_operations_code"`);
    await queryRunner.query(`DROP TABLE "operations"`);
    await queryRunner.query(`DROP INDEX "public"."ix_operation_countries_country"`);
    await queryRunner.query(`DROP TABLE "operation_countries"`);
    await queryRunner.query(`DROP INDEX "public"."uq_sources_url"`);
    await queryRunner.query(`DROP TABLE "sources"`);
    await queryRunner.query(`DROP INDEX "public"."uq_publishers_name"`);
    await queryRunner.query(`DROP TABLE "publishers"`);
    await queryRunner.query(`DROP INDEX "public"."uq_series_code"`);
    await queryRunner.query(`DROP TABLE "series"`);
    await queryRunner.query(`DROP INDEX "public"."uq_countries_numeric_code"`);
    await queryRunner.query(`DROP INDEX "public"."uq_countries_iso3"`);
    await queryRunner.query(`DROP TABLE "countries"`);
    await queryRunner.query(`DROP INDEX "public"."uq_regions_operational_label"`);
    await queryRunner.query(`DROP INDEX "public"."uq_regions_m49_code"`);
    await queryRunner.query(`DROP INDEX "public"."uq_regions_code"`);
    await queryRunner.query(`DROP TABLE "regions"`);
  }
}
