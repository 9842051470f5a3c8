import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stable identity of a seeded figure (`datasetKey` in src/database/seed/seed-data.ts), computed from the
 * values the seed loaded: version 1 by `seed` when the figure has a history (an editor may have corrected it
 * since), else the figure as it is. Operation, metric, unit, category, country and source URL, plus the
 * figure's number among the figures with the same six values in id order (the seed inserted results.csv in
 * file order). Figures created through the API or an import (a `created` version by another actor) get none.
 */
export const BACKFILL_DATASET_KEYS = `
  WITH seeded AS (
    SELECT f.id,
           coalesce(r.operation_code, o.code) AS code,
           coalesce(r.kind, f.kind) AS kind,
           coalesce(r.unit, f.unit) AS unit,
           coalesce(CASE WHEN r.id IS NULL THEN f.category ELSE r.category END, '') AS category,
           coalesce(CASE WHEN r.id IS NULL THEN f.country_iso2 ELSE r.country_iso2 END, '') AS country,
           coalesce(r.source_url, s.url) AS url
    FROM figures f
    JOIN operations o ON o.id = f.operation_id
    JOIN sources s ON s.id = f.source_id
    LEFT JOIN figure_revisions r ON r.figure_id = f.id AND r.version = 1
    WHERE r.id IS NULL OR (r.action = 'created' AND r.actor = 'seed')
  ),
  keyed AS (
    SELECT id, jsonb_build_array(code, kind, unit, category, country, url,
                                 row_number() OVER (PARTITION BY code, kind, unit, category, country, url ORDER BY id))::text AS key
    FROM seeded
  )
  UPDATE figures f SET dataset_key = k.key FROM keyed k WHERE f.id = k.id`;

/**
 * Data releases (issue 13): the bundled dataset says which release it is (`release.csv`), the database which
 * one it holds (`dataset_releases`, one row each time a release changed something, with its report), and each
 * seeded figure carries its identity across releases (`figures.dataset_key`, unique; null for figures that
 * editors created). A database seeded before this migration holds release 1: it is recorded as such, and its
 * figures get their keys here.
 */
export class DatasetReleases1796007000000 implements MigrationInterface {
  name = 'DatasetReleases1796007000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "figures" ADD "dataset_key" text`);
    await queryRunner.query(BACKFILL_DATASET_KEYS);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_figures_dataset_key" ON "figures" ("dataset_key") WHERE dataset_key IS NOT NULL`,
    );
    await queryRunner.query(`CREATE TABLE "dataset_releases" (
      "id" SERIAL NOT NULL CONSTRAINT "pk_dataset_releases" PRIMARY KEY,
      "release" integer NOT NULL CONSTRAINT "chk_dataset_releases_release" CHECK (release >= 1),
      "applied_at" timestamptz NOT NULL DEFAULT now(),
      "report" jsonb NOT NULL
    )`);
    await queryRunner.query(`INSERT INTO "dataset_releases" (release, applied_at, report)
      SELECT 1, coalesce((SELECT min(created_at) FROM figures), now()),
             '{"release": 1, "note": "seeded before releases were recorded (migration DatasetReleases)"}'::jsonb
      WHERE EXISTS (SELECT 1 FROM operations)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "dataset_releases"`);
    await queryRunner.query(`DROP INDEX "public"."uq_figures_dataset_key"`);
    await queryRunner.query(`ALTER TABLE "figures" DROP COLUMN "dataset_key"`);
  }
}
