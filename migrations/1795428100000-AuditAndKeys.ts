import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail of mutation calls. No foreign key to `api_key`: an entry outlives whatever
 * happens to its key. Entries are read newest first, overall or per key. Key management needs no
 * schema change: `api_key` already has `revoked_at` and `last_used_at`.
 */
export class AuditAndKeys1795428100000 implements MigrationInterface {
  name = 'AuditAndKeys1795428100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "api_key_id" uuid NOT NULL, "role" "public"."role" NOT NULL, "operation" character varying(100) NOT NULL, "input" jsonb NOT NULL, "outcome" character varying(20) NOT NULL, "error_codes" text array NOT NULL DEFAULT '{}', "entity_type" character varying(40), "entity_id" uuid, "request_id" character varying(100) NOT NULL, CONSTRAINT "PK_58a130a4b9da189f46ba2a01801" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "audit_entry_created_idx" ON "audit_entry" ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "audit_entry_api_key_idx" ON "audit_entry" ("api_key_id", "created_at", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."audit_entry_api_key_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_entry_created_idx"`);
    await queryRunner.query(`DROP TABLE "audit_entry"`);
  }
}
