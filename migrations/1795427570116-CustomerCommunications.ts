import { MigrationInterface, QueryRunner } from 'typeorm';

export class CustomerCommunications1795427570116 implements MigrationInterface {
  name = 'CustomerCommunications1795427570116';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "customer_communication" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "customer_id" uuid NOT NULL, "partner_id" uuid NOT NULL, "formal_written" boolean NOT NULL, "reference" character varying(500) NOT NULL, "recorded_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_560c77e46d00b6127cf8ea75093" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "customer_communication_customer_idx" ON "customer_communication"  ("customer_id", "recorded_at") `);
    await queryRunner.query(
      `ALTER TABLE "customer_communication" ADD CONSTRAINT "FK_cabba1006ed6901ae7f132722cf" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_communication" ADD CONSTRAINT "FK_cf1269047f425d7a6fc4b762771" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "customer_communication" DROP CONSTRAINT "FK_cf1269047f425d7a6fc4b762771"`);
    await queryRunner.query(`ALTER TABLE "customer_communication" DROP CONSTRAINT "FK_cabba1006ed6901ae7f132722cf"`);
    await queryRunner.query(`DROP INDEX "public"."customer_communication_customer_idx"`);
    await queryRunner.query(`DROP TABLE "customer_communication"`);
  }
}
