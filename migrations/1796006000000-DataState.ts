import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables whose rows are the published data: a change to any of them is a new data version. The rollups
 * are among them: rebuilt after a change, they move the version (again, unless in the same transaction), so
 * that no answer computed between the change and the rebuild outlives it.
 */
const DATA_TABLES = [
  'figures',
  'operations',
  'operation_countries',
  'sources',
  'publishers',
  'series',
  'fx_rates',
  'regions',
  'countries',
  'region_countries',
  'figure_rollups',
];

/**
 * One shared data version, decided in PostgreSQL (issue "One truth across processes"): `data_state` holds a
 * version and the time of the last change. A statement-level trigger on every data table moves it inside the
 * writing transaction (API writes, imports, the seed, migrations, a hand-written UPDATE alike), once per
 * transaction, and `pg_notify('data_changed', version)` tells every listening process when it commits.
 */
export class DataState1796006000000 implements MigrationInterface {
  name = 'DataState1796006000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "data_state" (
      "id" smallint PRIMARY KEY DEFAULT 1 CONSTRAINT "chk_data_state_one_row" CHECK (id = 1),
      "version" bigint NOT NULL,
      "changed_at" timestamptz NOT NULL,
      "last_txid" bigint
    )`);
    // A database that already holds data starts at the time of its last change.
    await queryRunner.query(`INSERT INTO "data_state" (id, version, changed_at)
      SELECT 1, 1, coalesce(greatest((SELECT max(updated_at) FROM figures), (SELECT max(deleted_at) FROM figures),
                                     (SELECT max(updated_at) FROM operations), (SELECT max(updated_at) FROM sources)), now())`);
    await queryRunner.query(`CREATE FUNCTION "bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE v bigint;
      BEGIN
        UPDATE data_state
           SET version = CASE WHEN last_txid = txid_current() THEN version ELSE version + 1 END,
               last_txid = txid_current(),
               changed_at = clock_timestamp()
         WHERE id = 1
        RETURNING version INTO v;
        -- Delivered at commit; identical notifications of one transaction are delivered once.
        PERFORM pg_notify('data_changed', v::text);
        RETURN NULL;
      END $$`);
    for (const table of DATA_TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER "trg_${table}_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}" ` +
          `FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of DATA_TABLES) await queryRunner.query(`DROP TRIGGER "trg_${table}_data_version" ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION "bump_data_version"()`);
    await queryRunner.query(`DROP TABLE "data_state"`);
  }
}
