import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R-DEAL-05 (revision 2026-12-01): a submission that names no known CRM opportunity is matched
 * against the open opportunities of the same customer — by CRM account ID, else normalized name or
 * e-mail domain — and waits in PENDING_OPS_REVIEW, linked to no opportunity yet, while Ecosystem Ops
 * links a candidate or confirms the opportunity is new. Customers a partner registers get a sector
 * (US public sector decides tender pricing, R-REN-03) and may come without a CRM account ID.
 *
 * The new enum values are compared as text here: PostgreSQL refuses a value added by ALTER TYPE in
 * the same transaction.
 */
export class DealOpsReviewAndCustomerMatching1795428455000 implements MigrationInterface {
  name = 'DealOpsReviewAndCustomerMatching1795428455000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // One normalization, used by the stored column and by every query that matches against it.
    await queryRunner.query(`CREATE FUNCTION "customer_match_name"(name text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
      SELECT btrim(regexp_replace(
        regexp_replace(
          regexp_replace(replace(lower(name), '&', ' and '), '[^[:alnum:]]+', ' ', 'g'),
          '(^| )(the|inc|incorporated|corp|corporation|co|company|ltd|limited|llc|llp|plc|gmbh|ag|sa|sas|sarl|srl|spa|bv|nv|oy|ab|as|kk|pty|pte)(?= |$)',
          ' ', 'g'),
        ' +', ' ', 'g'))
    $$`);
    await queryRunner.query(`ALTER TABLE "customer" ADD "normalized_name" text GENERATED ALWAYS AS ("customer_match_name"("name")) STORED`);
    await queryRunner.query(`CREATE INDEX "customer_normalized_name_idx" ON "customer" ("normalized_name")`);
    await queryRunner.query(`ALTER TABLE "customer" ADD "email_domain" character varying(253)`);
    await queryRunner.query(`CREATE INDEX "customer_email_domain_idx" ON "customer" ("email_domain") WHERE "email_domain" IS NOT NULL`);
    await queryRunner.query(`CREATE TYPE "public"."customer_sector" AS ENUM('PUBLIC_SECTOR', 'COMMERCIAL')`);
    await queryRunner.query(`ALTER TABLE "customer" ADD "sector" "public"."customer_sector"`);
    await queryRunner.query(`UPDATE "customer" SET "sector" = 'PUBLIC_SECTOR' WHERE "territory" = 'US_PUBSEC'`);

    await queryRunner.query(`ALTER TYPE "public"."deal_registration_status" ADD VALUE IF NOT EXISTS 'PENDING_OPS_REVIEW' BEFORE 'PENDING_ESM'`);
    await queryRunner.query(`ALTER TYPE "public"."deal_route" ADD VALUE IF NOT EXISTS 'OPS_REVIEW' BEFORE 'NO_OPPORTUNITY'`);
    await queryRunner.query(`ALTER TABLE "deal_registration" ALTER COLUMN "opportunity_id" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "deal_registration" ADD "candidate_opportunity_ids" uuid array NOT NULL DEFAULT '{}', ADD "submitted_opportunity" jsonb, ADD "esm_decided_by" character varying(200)`,
    );
    // Linked to no opportunity exactly while Ecosystem Ops has yet to link or confirm one.
    await queryRunner.query(
      `ALTER TABLE "deal_registration" ADD CONSTRAINT "deal_registration_opportunity_while_matching" CHECK (("opportunity_id" IS NULL) = ("route"::text = 'OPS_REVIEW'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "deal_registration" DROP CONSTRAINT "deal_registration_opportunity_while_matching"`);
    await queryRunner.query(
      `ALTER TABLE "deal_registration" DROP COLUMN "esm_decided_by", DROP COLUMN "submitted_opportunity", DROP COLUMN "candidate_opportunity_ids"`,
    );
    // Fails while a registration still waits for Ecosystem Ops, which is the point.
    await queryRunner.query(`ALTER TABLE "deal_registration" ALTER COLUMN "opportunity_id" SET NOT NULL`);
    // PostgreSQL cannot drop an enum value: rebuild both types without theirs.
    await queryRunner.query(`DROP INDEX "deal_registration_one_approved_per_opportunity"`);
    await queryRunner.query(`ALTER TYPE "public"."deal_registration_status" RENAME TO "deal_registration_status_old"`);
    await queryRunner.query(
      `CREATE TYPE "public"."deal_registration_status" AS ENUM('PENDING_ESM', 'PENDING_ASM', 'APPROVED', 'DENIED', 'EXPIRED', 'WITHDRAWN')`,
    );
    await queryRunner.query(
      `ALTER TABLE "deal_registration" ALTER COLUMN "status" TYPE "public"."deal_registration_status" USING "status"::text::"public"."deal_registration_status"`,
    );
    await queryRunner.query(`DROP TYPE "public"."deal_registration_status_old"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "deal_registration_one_approved_per_opportunity" ON "deal_registration" ("opportunity_id") WHERE status = 'APPROVED'`,
    );
    await queryRunner.query(`ALTER TYPE "public"."deal_route" RENAME TO "deal_route_old"`);
    await queryRunner.query(
      `CREATE TYPE "public"."deal_route" AS ENUM('NO_OPPORTUNITY', 'EARLY_STAGE', 'RENEWAL_WITH_SOURCED_GROWTH', 'LATE_STAGE', 'CLOSED')`,
    );
    await queryRunner.query(`ALTER TABLE "deal_registration" ALTER COLUMN "route" TYPE "public"."deal_route" USING "route"::text::"public"."deal_route"`);
    await queryRunner.query(`DROP TYPE "public"."deal_route_old"`);
    await queryRunner.query(`ALTER TABLE "customer" DROP COLUMN "sector"`);
    await queryRunner.query(`DROP TYPE "public"."customer_sector"`);
    await queryRunner.query(`DROP INDEX "customer_email_domain_idx"`);
    await queryRunner.query(`ALTER TABLE "customer" DROP COLUMN "email_domain"`);
    await queryRunner.query(`DROP INDEX "customer_normalized_name_idx"`);
    await queryRunner.query(`ALTER TABLE "customer" DROP COLUMN "normalized_name"`);
    await queryRunner.query(`DROP FUNCTION "customer_match_name"(text)`);
  }
}
