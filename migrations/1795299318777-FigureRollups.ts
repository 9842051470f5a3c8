import { MigrationInterface, QueryRunner } from 'typeorm';

export class FigureRollups1795299318777 implements MigrationInterface {
  name = 'FigureRollups1795299318777';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "figure_rollups" ("id" SERIAL NOT NULL, "operation_id" integer NOT NULL, "scope" character varying(16) NOT NULL, "country_iso2" character(2), "category_key" character varying(128), "type" character varying(16) NOT NULL, "kind" character varying(32) NOT NULL, "unit_class" character varying(16) NOT NULL, "unit" character varying(64) NOT NULL, "value" numeric NOT NULL, "units_per_usd" numeric, "value_usd" numeric, "lower_bound" boolean NOT NULL, "upper_bound" boolean NOT NULL, "approximate" boolean NOT NULL, "derived" boolean NOT NULL, "figure_count" integer NOT NULL, "source_ids" integer array NOT NULL, CONSTRAINT "chk_figure_rollups_category" CHECK (scope = 'category' OR category_key IS NULL), CONSTRAINT "chk_figure_rollups_country" CHECK ((scope = 'country') = (country_iso2 IS NOT NULL)), CONSTRAINT "chk_figure_rollups_scope" CHECK (scope IN ('operation', 'country', 'category')), CONSTRAINT "PK_ff7ac1178dd7caf39beacf7c6a7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_figure_rollups_operation" ON "figure_rollups"  ("operation_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_figure_rollups_scope_operation" ON "figure_rollups"  ("scope", "operation_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "figure_rollups" ADD CONSTRAINT "fk_figure_rollups_operation" FOREIGN KEY ("operation_id") REFERENCES "operations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "figure_rollups" DROP CONSTRAINT "fk_figure_rollups_operation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_figure_rollups_scope_operation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_figure_rollups_operation"`);
    await queryRunner.query(`DROP TABLE "figure_rollups"`);
  }
}
