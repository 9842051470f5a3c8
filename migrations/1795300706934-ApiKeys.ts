import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiKeys1795300706934 implements MigrationInterface {
  name = 'ApiKeys1795300706934';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("id" SERIAL NOT NULL, "name" character varying(128) NOT NULL, "role" character varying(16) NOT NULL, "prefix" character varying(16) NOT NULL, "key_hash" character(64) NOT NULL, "created_by" character varying(128) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "chk_api_keys_hash" CHECK (key_hash ~ '^[0-9a-f]{64}$'), CONSTRAINT "chk_api_keys_role" CHECK (role IN ('editor', 'admin')), CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_keys_key_hash" ON "api_keys"  ("key_hash") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_api_keys_active_name" ON "api_keys"  ("name") WHERE revoked_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("id" SERIAL NOT NULL, "key" character varying(255) NOT NULL, "api_key_id" integer NOT NULL, "method" character varying(8) NOT NULL, "path" text NOT NULL, "request_hash" character(64) NOT NULL, "status" smallint, "response_body" text, "location" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8ad20779ad0411107a56e53d0f6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_idempotency_keys_created_at" ON "idempotency_keys"  ("created_at") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_idempotency_keys_key" ON "idempotency_keys"  ("api_key_id", "key") `,
    );
    await queryRunner.query(
      `ALTER TABLE "idempotency_keys" ADD CONSTRAINT "fk_idempotency_keys_api_key" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP CONSTRAINT "fk_idempotency_keys_api_key"`);
    await queryRunner.query(`DROP INDEX "public"."uq_idempotency_keys_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_idempotency_keys_created_at"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    await queryRunner.query(`DROP INDEX "public"."uq_api_keys_active_name"`);
    await queryRunner.query(`DROP INDEX "public"."uq_api_keys_key_hash"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
  }
}
