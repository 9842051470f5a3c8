import { MigrationInterface, QueryRunner } from 'typeorm';

export class FigureHistory1795300706935 implements MigrationInterface {
  name = 'FigureHistory1795300706935';

  async up(queryRunner: QueryRunner): Promise<void> {
    // No backfill of figure_revisions: on a new database the seed runs after the migrations, so a seeded figure
    // gets its version 1 (actor `seed`) just before its first change instead (src/figures/figure-revisions.ts).
    await queryRunner.query(
      `CREATE TABLE "changes" ("id" SERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "entity" character varying(16) NOT NULL, "entity_id" character varying(80) NOT NULL, "type" character varying(16), "action" character varying(16) NOT NULL, "reason" text, "actor" character varying(128) NOT NULL, "href" text NOT NULL, CONSTRAINT "chk_changes_type" CHECK ((entity = 'figure') = (type IS NOT NULL) AND (type IS NULL OR type IN ('seizure', 'arrest', 'outcome'))), CONSTRAINT "chk_changes_action" CHECK (action IN ('created', 'corrected', 'deleted')), CONSTRAINT "chk_changes_entity" CHECK (entity IN ('figure', 'operation', 'source', 'participation')), CONSTRAINT "PK_ee28fdddd557d6e0d4949a9741f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_changes_at" ON "changes"  ("at") `);
    await queryRunner.query(
      `CREATE TABLE "figure_revisions" ("id" SERIAL NOT NULL, "figure_id" integer NOT NULL, "type" character varying(16) NOT NULL, "version" integer NOT NULL, "action" character varying(16) NOT NULL, "reason" text, "actor" character varying(128) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "operation_code" character varying(64) NOT NULL, "kind" character varying(32) NOT NULL, "quantity" numeric NOT NULL, "unit" character varying(64) NOT NULL, "qualifier" character varying(16) NOT NULL, "category" character varying(128), "country_iso2" character(2), "source_id" integer NOT NULL, "source_url" text NOT NULL, "notes" text, "preferred_override" boolean, CONSTRAINT "chk_figure_revisions_reason" CHECK (action = 'created' OR reason IS NOT NULL), CONSTRAINT "chk_figure_revisions_version" CHECK (version >= 1), CONSTRAINT "chk_figure_revisions_action" CHECK (action IN ('created', 'corrected', 'deleted')), CONSTRAINT "PK_f2ea45fd3222bf25e741896d5f2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_figure_revisions_version" ON "figure_revisions"  ("figure_id", "version") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_figure_revisions_version"`);
    await queryRunner.query(`DROP TABLE "figure_revisions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_changes_at"`);
    await queryRunner.query(`DROP TABLE "changes"`);
  }
}
