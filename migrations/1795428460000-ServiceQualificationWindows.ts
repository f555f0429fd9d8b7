import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R-SAR-07 (revised 2026-12-01): a registration is reported in the quarter it first qualified for the
 * rebate, once (`first_qualified_at`, taken from the decision history), and a window of R-SAR-03/05
 * that closes with time requalifies it (`requalify_at`, read by the window timer). Every registration
 * still without a SOW is due at once, so the first sweep asks the revised rule about it.
 */
export class ServiceQualificationWindows1795428460000 implements MigrationInterface {
  name = 'ServiceQualificationWindows1795428460000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "service_registration" ADD "first_qualified_at" TIMESTAMP(3) WITH TIME ZONE, ADD "requalify_at" TIMESTAMP(3) WITH TIME ZONE`,
    );
    await queryRunner.query(`UPDATE "service_registration" r SET "first_qualified_at" = f."at"
      FROM (SELECT "entity_id", min("occurred_at") AS "at" FROM "status_transition"
            WHERE "entity_type" = 'ServiceRegistration' AND "to_status" = 'APPROVED_REBATE_AND_PSP' GROUP BY "entity_id") f
      WHERE f."entity_id" = r."id"`);
    await queryRunner.query(
      `UPDATE "service_registration" SET "first_qualified_at" = "qualified_at" WHERE "first_qualified_at" IS NULL AND "qualification" = 'APPROVED_REBATE_AND_PSP'`,
    );
    await queryRunner.query(
      `UPDATE "service_registration" r SET "requalify_at" = now() WHERE NOT EXISTS (SELECT 1 FROM "statement_of_work" s WHERE s."registration_id" = r."id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "service_registration_first_qualified_idx" ON "service_registration" ("first_qualified_at", "id") WHERE first_qualified_at IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "service_registration_requalify_idx" ON "service_registration" ("requalify_at") WHERE requalify_at IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "service_registration_requalify_idx"`);
    await queryRunner.query(`DROP INDEX "service_registration_first_qualified_idx"`);
    await queryRunner.query(`ALTER TABLE "service_registration" DROP COLUMN "requalify_at", DROP COLUMN "first_qualified_at"`);
  }
}
