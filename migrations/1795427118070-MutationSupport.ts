import { MigrationInterface, QueryRunner } from 'typeorm';

export class MutationSupport1795427118070 implements MigrationInterface {
  name = 'MutationSupport1795427118070';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "api_key_id" uuid NOT NULL, "key" character varying(200) NOT NULL, "operation" character varying(100) NOT NULL, "request_hash" character(64) NOT NULL, "result_type" character varying(40) NOT NULL, "result_id" uuid, CONSTRAINT "PK_0dc165e218120167e4a55dcc8d4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "idempotency_record_key" ON "idempotency_record"  ("api_key_id", "key") `);
    await queryRunner.query(
      `ALTER TABLE "idempotency_record" ADD CONSTRAINT "idempotency_record_api_key_fk" FOREIGN KEY ("api_key_id") REFERENCES "api_key"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."deal_route" AS ENUM('NO_OPPORTUNITY', 'EARLY_STAGE', 'RENEWAL_WITH_SOURCED_GROWTH', 'LATE_STAGE', 'CLOSED')`,
    );
    // Existing registrations get the route R-DEAL-05 would have taken, before the column is required.
    await queryRunner.query(`ALTER TABLE "deal_registration" ADD "route" "public"."deal_route"`);
    await queryRunner.query(`UPDATE "deal_registration" d SET "route" = (CASE
            WHEN d.stage_at_submission IS NULL THEN 'NO_OPPORTUNITY'
            WHEN d.stage_at_submission IN ('CLOSED_WON', 'CLOSED_LOST') THEN 'CLOSED'
            WHEN d.stage_at_submission IN ('STAGE_0', 'STAGE_1', 'STAGE_2') THEN 'EARLY_STAGE'
            WHEN o.kind = 'RENEWAL_WITH_SOURCED_GROWTH' THEN 'RENEWAL_WITH_SOURCED_GROWTH'
            ELSE 'LATE_STAGE' END)::deal_route
          FROM "opportunity" o WHERE o.id = d.opportunity_id`);
    await queryRunner.query(`ALTER TABLE "deal_registration" ALTER COLUMN "route" SET NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "deal_registration" DROP COLUMN "route"`);
    await queryRunner.query(`DROP TYPE "public"."deal_route"`);
    await queryRunner.query(`ALTER TABLE "idempotency_record" DROP CONSTRAINT "idempotency_record_api_key_fk"`);
    await queryRunner.query(`DROP INDEX "public"."idempotency_record_key"`);
    await queryRunner.query(`DROP TABLE "idempotency_record"`);
  }
}
