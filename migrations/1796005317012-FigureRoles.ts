import { MigrationInterface, QueryRunner } from 'typeorm';
import { recomputePreferred } from '../src/figures/figure-preference';
import { refreshFigureRollups } from '../src/figures/figure-rollups';

/**
 * Figure roles (`total` / `part`, results.csv's `role` column), what a derived statistic was summed
 * from, and the figures behind each statistic. Checks and search warrants (`raids_or_checks`), and
 * criminal and administrative cases (`investigations_opened`), become different facts by unit, as
 * `other` already was: their preference groups gain the unit, so each group gets its preferred figure.
 * The rollups are derived data: emptied, then rebuilt with the counting rules of this release.
 */
export class FigureRoles1796005317012 implements MigrationInterface {
  name = 'FigureRoles1796005317012';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "figure_revisions" ADD "role" character varying(8)`);
    await queryRunner.query(`ALTER TABLE "figures" ADD "role" character varying(8)`);
    await queryRunner.query(`DELETE FROM "figure_rollups"`);
    await queryRunner.query(`ALTER TABLE "figure_rollups" ADD "derived_from" character varying(16)`);
    await queryRunner.query(`ALTER TABLE "figure_rollups" ADD "figure_ids" integer array NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "figures" ADD CONSTRAINT "chk_figures_role" CHECK (role IS NULL OR (role IN ('total', 'part') AND country_iso2 IS NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "figure_rollups" ADD CONSTRAINT "chk_figure_rollups_derived_from" CHECK ((derived_from IS NULL) = (NOT derived) AND (derived_from IS NULL OR derived_from IN ('categories', 'countries')))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_figure_rollups_figure_ids" ON "figure_rollups" USING gin ("figure_ids")`);
    await queryRunner.query(
      `UPDATE "figures" SET group_key = group_key || '|' || unit WHERE kind IN ('raids_or_checks', 'investigations_opened')`,
    );
    await recomputePreferred(queryRunner.manager);
    await refreshFigureRollups(queryRunner.manager);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "figures" SET group_key = left(group_key, length(group_key) - length(unit) - 1) WHERE kind IN ('raids_or_checks', 'investigations_opened')`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_figure_rollups_figure_ids"`);
    await queryRunner.query(`ALTER TABLE "figure_rollups" DROP CONSTRAINT "chk_figure_rollups_derived_from"`);
    await queryRunner.query(`ALTER TABLE "figures" DROP CONSTRAINT "chk_figures_role"`);
    await queryRunner.query(`DELETE FROM "figure_rollups"`);
    await queryRunner.query(`ALTER TABLE "figure_rollups" DROP COLUMN "figure_ids"`);
    await queryRunner.query(`ALTER TABLE "figure_rollups" DROP COLUMN "derived_from"`);
    await queryRunner.query(`ALTER TABLE "figures" DROP COLUMN "role"`);
    await queryRunner.query(`ALTER TABLE "figure_revisions" DROP COLUMN "role"`);
  }
}
