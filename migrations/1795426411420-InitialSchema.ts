import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795426411420 implements MigrationInterface {
  name = 'InitialSchema1795426411420';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."partner_category" AS ENUM('CHANNEL', 'ALLIANCE', 'DISTRIBUTOR')`);
    await queryRunner.query(`CREATE TYPE "public"."alliance_type" AS ENUM('CLOUD', 'PLATFORM', 'TECHNOLOGY_ISV')`);
    await queryRunner.query(`CREATE TYPE "public"."partner_track" AS ENUM('OPEN', 'SELECT')`);
    await queryRunner.query(`CREATE TYPE "public"."partner_lifecycle_status" AS ENUM('APPLIED', 'ACTIVE', 'SUSPENDED', 'TERMINATED')`);
    await queryRunner.query(`CREATE TYPE "public"."territory" AS ENUM('NORTH_AMERICA', 'EMEA', 'JAPAN', 'APAC', 'INDIA', 'THAILAND', 'US_PUBSEC', 'LATAM')`);
    await queryRunner.query(`CREATE TYPE "public"."agreement_kind" AS ENUM('CHANNEL_PARTNER', 'TECHNOLOGY_PARTNER')`);
    await queryRunner.query(
      `CREATE TABLE "partner" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "name" character varying(200) NOT NULL, "portal_external_id" character varying(100), "crm_account_id" character varying(100), "category" "public"."partner_category" NOT NULL, "alliance_type" "public"."alliance_type", "track" "public"."partner_track", "status" "public"."partner_lifecycle_status" NOT NULL DEFAULT 'APPLIED', "territory" "public"."territory" NOT NULL, "country" character(2) NOT NULL, "website" character varying(2048), "agreement_kind" "public"."agreement_kind", "agreement_signed_at" TIMESTAMP(3) WITH TIME ZONE, "select_invited_at" TIMESTAMP(3) WITH TIME ZONE, "joint_business_plan_sponsor" character varying(200), "committed_revenue_amount" numeric(14,2), "committed_revenue_currency" character(3) NOT NULL DEFAULT 'USD', "channel_account_manager_name" character varying(200), "channel_account_manager_email" character varying(320), "catalog_namespace_url" character varying(2048), "aws_dev_ops_competency" boolean NOT NULL DEFAULT false, CONSTRAINT "partner_committed_revenue_non_negative" CHECK (committed_revenue_amount IS NULL OR committed_revenue_amount >= 0), CONSTRAINT "partner_namespace_only_for_alliance" CHECK (catalog_namespace_url IS NULL OR category = 'ALLIANCE'), CONSTRAINT "partner_agreement_complete" CHECK ((agreement_kind IS NULL) = (agreement_signed_at IS NULL)), CONSTRAINT "partner_alliance_type_only_for_alliance" CHECK ((category = 'ALLIANCE') = (alliance_type IS NOT NULL)), CONSTRAINT "partner_track_only_for_channel" CHECK ((category = 'CHANNEL') = (track IS NOT NULL)), CONSTRAINT "PK_8f34ff11ddd5459eacbfacd48ca" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "partner_portal_external_id_key" ON "partner"  ("portal_external_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "partner_crm_account_id_key" ON "partner"  ("crm_account_id") `);
    await queryRunner.query(`CREATE INDEX "partner_territory_idx" ON "partner"  ("territory") `);
    await queryRunner.query(`CREATE INDEX "partner_created_idx" ON "partner"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "partner_updated_idx" ON "partner"  ("updated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "partner_status_idx" ON "partner"  ("status", "created_at", "id") `);
    await queryRunner.query(`CREATE TYPE "public"."distributor_kind" AS ENUM('DISTRIBUTOR', 'MARKETPLACE')`);
    await queryRunner.query(
      `CREATE TABLE "distributor" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "name" character varying(200) NOT NULL, "kind" "public"."distributor_kind" NOT NULL, "territories" "public"."territory" array NOT NULL DEFAULT '{}', "alternative" boolean NOT NULL DEFAULT false, "active" boolean NOT NULL DEFAULT true, "contact_email" character varying(320), "website" character varying(2048), "partner_id" uuid, CONSTRAINT "REL_58498d27763918c08f2466d7a8" UNIQUE ("partner_id"), CONSTRAINT "PK_949c7e62bf60d4e6488f6f29b8d" PRIMARY KEY ("id")); COMMENT ON COLUMN "distributor"."partner_id" IS 'The partner record (category DISTRIBUTOR) of this distributor'`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "distributor_partner_key" ON "distributor"  ("partner_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "distributor_name_key" ON "distributor"  ("name") `);
    await queryRunner.query(
      `CREATE TYPE "public"."role" AS ENUM('PARTNER_USER', 'DISTRIBUTOR', 'PORTAL_SYNC', 'CRM_SYNC', 'ECOSYSTEM_OPS', 'ESM', 'ASM', 'CHANNEL_ACCOUNT_MANAGER', 'CHAMPIONS_PROGRAM_MANAGER', 'PARTNER_SUPPORT', 'ADMIN')`,
    );
    await queryRunner.query(
      `CREATE TABLE "api_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "name" character varying(200) NOT NULL, "role" "public"."role" NOT NULL, "partner_id" uuid, "distributor_id" uuid, "key_hash" character(64) NOT NULL, "prefix" character varying(16) NOT NULL, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "last_used_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "api_key_distributor_scope" CHECK ((role = 'DISTRIBUTOR') = (distributor_id IS NOT NULL)), CONSTRAINT "api_key_partner_scope" CHECK ((role = 'PARTNER_USER') = (partner_id IS NOT NULL)), CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "api_key_hash_key" ON "api_key"  ("key_hash") `);
    await queryRunner.query(
      `CREATE TABLE "person" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "partner_id" uuid NOT NULL, "portal_external_id" character varying(100), "first_name" character varying(100) NOT NULL, "last_name" character varying(100) NOT NULL, "email" character varying(320) NOT NULL, "job_title" character varying(200), "is_leadership" boolean NOT NULL DEFAULT false, "employment_ended_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_5fdaf670315c4b7e70cce85daa3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "person_portal_external_id_key" ON "person"  ("portal_external_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "person_partner_email_key" ON "person"  ("partner_id", "email") `);
    await queryRunner.query(`CREATE INDEX "person_created_idx" ON "person"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "person_updated_idx" ON "person"  ("updated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "person_partner_idx" ON "person"  ("partner_id", "created_at", "id") `);
    await queryRunner.query(
      `CREATE TYPE "public"."champion_nomination_status" AS ENUM('NOMINATED', 'UNDER_REVIEW', 'APPROVED', 'DECLINED', 'ONBOARDING', 'ACTIVE', 'ALUMNI')`,
    );
    await queryRunner.query(
      `CREATE TABLE "champion_nomination" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "partner_id" uuid NOT NULL, "person_id" uuid NOT NULL, "status" "public"."champion_nomination_status" NOT NULL DEFAULT 'NOMINATED', "endorsed_by" character varying(200) NOT NULL, "endorsement_note" character varying(2000), "nominated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "support_case_reference" character varying(100), "sponsor_name" character varying(200), "sponsor_email" character varying(320), "decided_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_230eea8c0ceecc02d02da25a7f6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "champion_nomination_created_idx" ON "champion_nomination"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "champion_nomination_updated_idx" ON "champion_nomination"  ("updated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "champion_nomination_partner_idx" ON "champion_nomination"  ("partner_id", "created_at", "id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "champion_nomination_one_open_per_person" ON "champion_nomination"  ("person_id") WHERE status NOT IN ('DECLINED', 'ALUMNI')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."champion_activity_kind" AS ENUM('ENABLEMENT_SESSION', 'BLOG', 'VIDEO', 'WHITEPAPER')`);
    await queryRunner.query(
      `CREATE TABLE "champion_activity" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "nomination_id" uuid NOT NULL, "kind" "public"."champion_activity_kind" NOT NULL, "title" character varying(300) NOT NULL, "occurred_on" date NOT NULL, "url" character varying(2048), CONSTRAINT "PK_9d8febb8e42ea6625d066a9a5ff" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "champion_activity_nomination_idx" ON "champion_activity"  ("nomination_id", "occurred_on") `);
    await queryRunner.query(`CREATE TYPE "public"."onboarding_task_kind" AS ENUM('GROUP_INVITATION', 'ONBOARDING_ISSUE', 'SPONSOR_TASKS', 'CHAMPION_TASKS')`);
    await queryRunner.query(
      `CREATE TABLE "onboarding_task" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "nomination_id" uuid NOT NULL, "kind" "public"."onboarding_task_kind" NOT NULL, "completed_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_a5795042fda2504333936f265a1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "onboarding_task_nomination_kind_key" ON "onboarding_task"  ("nomination_id", "kind") `);
    await queryRunner.query(`CREATE TYPE "public"."compliance_review_kind" AS ENUM('TRACK', 'PSP_BADGE', 'NFR_AUDIT')`);
    await queryRunner.query(`CREATE TYPE "public"."compliance_review_status" AS ENUM('OPEN', 'COMPLIANT', 'NON_COMPLIANT', 'REMEDIATED', 'REVOKED')`);
    await queryRunner.query(`CREATE TABLE "compliance_review" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "partner_id" uuid NOT NULL, "kind" "public"."compliance_review_kind" NOT NULL, "status" "public"."compliance_review_status" NOT NULL DEFAULT 'OPEN', "due_on" date NOT NULL, "evidence_requested_on" date, "remediation_due_on" date, "closed_at" TIMESTAMP(3) WITH TIME ZONE, "kpi_infrastructure_ready" smallint, "kpi_first_value" smallint, "kpi_outcome_achieved" smallint, "certification_count" integer, CONSTRAINT "compliance_review_evidence_before_due" CHECK (evidence_requested_on IS NULL OR evidence_requested_on <= due_on), CONSTRAINT "compliance_review_kpi_range" CHECK ((kpi_infrastructure_ready IS NULL OR kpi_infrastructure_ready BETWEEN 1 AND 5)
  AND (kpi_first_value IS NULL OR kpi_first_value BETWEEN 1 AND 5)
  AND (kpi_outcome_achieved IS NULL OR kpi_outcome_achieved BETWEEN 1 AND 5)), CONSTRAINT "compliance_review_non_compliant_has_deadline" CHECK (status <> 'NON_COMPLIANT' OR remediation_due_on IS NOT NULL), CONSTRAINT "PK_6abd72b5bfeb9a77aa411ca2f2b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "compliance_review_created_idx" ON "compliance_review"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "compliance_review_updated_idx" ON "compliance_review"  ("updated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "compliance_review_due_idx" ON "compliance_review"  ("status", "due_on") `);
    await queryRunner.query(`CREATE INDEX "compliance_review_partner_idx" ON "compliance_review"  ("partner_id", "created_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "compliance_finding" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "review_id" uuid NOT NULL, "rule_id" character varying(20) NOT NULL, "code" character varying(60) NOT NULL, "message" character varying(1000) NOT NULL, "required" integer, "actual" integer, CONSTRAINT "PK_00b1d05a1945f6900ae707bf699" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "compliance_finding_review_idx" ON "compliance_finding"  ("review_id") `);
    await queryRunner.query(
      `CREATE TABLE "customer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "name" character varying(200) NOT NULL, "crm_account_id" character varying(100) NOT NULL, "country" character(2) NOT NULL, "territory" "public"."territory" NOT NULL, "incumbent_partner_id" uuid, "incumbency_since" TIMESTAMP(3) WITH TIME ZONE, "incumbency_communication_reference" character varying(500), CONSTRAINT "PK_a7a13f4cacb744524e44dfdad32" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "customer_crm_account_id_key" ON "customer"  ("crm_account_id") `);
    await queryRunner.query(`CREATE INDEX "customer_incumbent_partner_idx" ON "customer"  ("incumbent_partner_id") `);
    await queryRunner.query(`CREATE INDEX "customer_created_idx" ON "customer"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "customer_updated_idx" ON "customer"  ("updated_at", "id") `);
    await queryRunner.query(
      `CREATE TYPE "public"."opportunity_stage" AS ENUM('STAGE_0', 'STAGE_1', 'STAGE_2', 'STAGE_3', 'STAGE_4', 'STAGE_5', 'STAGE_6', 'CLOSED_WON', 'CLOSED_LOST')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."opportunity_kind" AS ENUM('NEW_CUSTOMER', 'NEW_BUSINESS_EXISTING_CUSTOMER', 'ADD_ON', 'RENEWAL', 'RENEWAL_WITH_SOURCED_GROWTH')`,
    );
    await queryRunner.query(
      `CREATE TABLE "opportunity" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "external_id" character varying(100) NOT NULL, "customer_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "stage" "public"."opportunity_stage" NOT NULL, "kind" "public"."opportunity_kind" NOT NULL, "last_sales_activity_at" TIMESTAMP(3) WITH TIME ZONE, "amount" numeric(14,2), "net_arr" numeric(14,2), "currency" character(3) NOT NULL DEFAULT 'USD', "close_date" date, "closed_at" TIMESTAMP(3) WITH TIME ZONE, "reseller_partner_id" uuid, CONSTRAINT "opportunity_closed_has_date" CHECK ((stage IN ('CLOSED_WON', 'CLOSED_LOST')) = (closed_at IS NOT NULL)), CONSTRAINT "opportunity_amount_non_negative" CHECK (amount IS NULL OR amount >= 0), CONSTRAINT "PK_085fd6d6f4765325e6c16163568" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "opportunity_external_id_key" ON "opportunity"  ("external_id") `);
    await queryRunner.query(`CREATE INDEX "opportunity_stage_idx" ON "opportunity"  ("stage") `);
    await queryRunner.query(`CREATE INDEX "opportunity_created_idx" ON "opportunity"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "opportunity_updated_idx" ON "opportunity"  ("updated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "opportunity_reseller_idx" ON "opportunity"  ("reseller_partner_id") `);
    await queryRunner.query(`CREATE INDEX "opportunity_customer_idx" ON "opportunity"  ("customer_id") `);
    await queryRunner.query(`CREATE TYPE "public"."deal_program_type" AS ENUM('REFERRAL', 'RESALE', 'MSP')`);
    await queryRunner.query(
      `CREATE TYPE "public"."deal_registration_status" AS ENUM('PENDING_ESM', 'PENDING_ASM', 'APPROVED', 'DENIED', 'EXPIRED', 'WITHDRAWN')`,
    );
    await queryRunner.query(
      `CREATE TABLE "deal_registration" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "portal_external_id" character varying(100), "partner_id" uuid NOT NULL, "opportunity_id" uuid NOT NULL, "program_type" "public"."deal_program_type" NOT NULL, "status" "public"."deal_registration_status" NOT NULL, "received_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "stage_at_submission" "public"."opportunity_stage", "routed_to_esm_at" TIMESTAMP(3) WITH TIME ZONE, "routed_to_asm_at" TIMESTAMP(3) WITH TIME ZONE, "approved_at" TIMESTAMP(3) WITH TIME ZONE, "expires_at" TIMESTAMP(3) WITH TIME ZONE, "notes" character varying(2000), CONSTRAINT "PK_dcd1b93bfe7eecd3f1efde49a81" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "deal_registration_portal_external_id_key" ON "deal_registration"  ("portal_external_id") `);
    await queryRunner.query(`CREATE INDEX "deal_registration_created_idx" ON "deal_registration"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "deal_registration_updated_idx" ON "deal_registration"  ("updated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "deal_registration_status_idx" ON "deal_registration"  ("status", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "deal_registration_partner_idx" ON "deal_registration"  ("partner_id", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "deal_registration_opportunity_idx" ON "deal_registration"  ("opportunity_id", "received_at") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "deal_registration_one_approved_per_opportunity" ON "deal_registration"  ("opportunity_id") WHERE status = 'APPROVED'`,
    );
    await queryRunner.query(
      `CREATE TABLE "partner_distributor" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "partner_id" uuid NOT NULL, "distributor_id" uuid NOT NULL, CONSTRAINT "PK_e547ec5c01ea189964e95d15e3f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "partner_distributor_distributor_idx" ON "partner_distributor"  ("distributor_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "partner_distributor_key" ON "partner_distributor"  ("partner_id", "distributor_id") `);
    await queryRunner.query(
      `CREATE TABLE "status_transition" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "sequence" BIGSERIAL NOT NULL, "entity_type" character varying(40) NOT NULL, "entity_id" uuid NOT NULL, "partner_id" uuid, "from_status" character varying(40), "to_status" character varying(40) NOT NULL, "actor_role" character varying(40) NOT NULL, "actor_id" character varying(100), "rule_ids" text array NOT NULL DEFAULT '{}', "reason" text NOT NULL, "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_1bd3066cabe126a8004d0c5e6bf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "status_transition_sequence_key" ON "status_transition"  ("sequence") `);
    await queryRunner.query(`CREATE INDEX "status_transition_partner_idx" ON "status_transition"  ("partner_id", "sequence") `);
    await queryRunner.query(`CREATE INDEX "status_transition_entity_idx" ON "status_transition"  ("entity_type", "entity_id", "sequence") `);
    await queryRunner.query(`CREATE TYPE "public"."nfr_product" AS ENUM('ULTIMATE_SELF_MANAGED', 'ULTIMATE_SAAS', 'DUO', 'DUO_WITH_AMAZON_Q')`);
    await queryRunner.query(
      `CREATE TYPE "public"."nfr_use" AS ENUM('INTERNAL_TRAINING', 'INTEGRATION_TESTING', 'PARTNER_DEMOS', 'CUSTOMER_PRODUCTION', 'INTERNAL_DEVELOPMENT_PRODUCTION', 'MANAGED_SERVICES')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."nfr_license_status" AS ENUM('PENDING_APPROVAL', 'APPROVED', 'DENIED', 'REVOKED', 'EXPIRED')`);
    await queryRunner.query(
      `CREATE TABLE "nfr_license" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "portal_external_id" character varying(100), "partner_id" uuid NOT NULL, "product" "public"."nfr_product" NOT NULL, "seats" integer NOT NULL, "uses" "public"."nfr_use" array NOT NULL, "business_justification" character varying(2000), "status" "public"."nfr_license_status" NOT NULL, "requested_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "approved_at" TIMESTAMP(3) WITH TIME ZONE, "provisioning_due_on" date, "starts_on" date, "ends_on" date, CONSTRAINT "nfr_license_term_order" CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on > starts_on), CONSTRAINT "nfr_license_seats_positive" CHECK (seats > 0), CONSTRAINT "PK_6ec5bd276b8b51679b2b67e6a1f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "nfr_license_portal_external_id_key" ON "nfr_license"  ("portal_external_id") `);
    await queryRunner.query(`CREATE INDEX "nfr_license_ends_idx" ON "nfr_license"  ("ends_on") `);
    await queryRunner.query(`CREATE INDEX "nfr_license_created_idx" ON "nfr_license"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "nfr_license_updated_idx" ON "nfr_license"  ("updated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "nfr_license_partner_product_idx" ON "nfr_license"  ("partner_id", "product", "status") `);
    await queryRunner.query(`CREATE INDEX "nfr_license_partner_idx" ON "nfr_license"  ("partner_id", "created_at", "id") `);
    await queryRunner.query(
      `CREATE TYPE "public"."certification_kind" AS ENUM('FOUNDATIONS', 'SALES_ACCREDITED', 'SOLUTIONS_ARCHITECT', 'PARTNER_TECHNICAL_ENGINEER', 'PROFESSIONAL_SERVICES_ENGINEER')`,
    );
    await queryRunner.query(
      `CREATE TABLE "certification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "person_id" uuid NOT NULL, "kind" "public"."certification_kind" NOT NULL, "earned_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "certification_expires_after_earned" CHECK (expires_at IS NULL OR expires_at > earned_at), CONSTRAINT "PK_a7364bd3e4a407f67d8165b820c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "certification_person_kind_earned_key" ON "certification"  ("person_id", "kind", "earned_at") `);
    await queryRunner.query(`CREATE INDEX "certification_person_idx" ON "certification"  ("person_id", "kind") `);
    await queryRunner.query(`CREATE TYPE "public"."psp_designation_status" AS ENUM('COMPLIANT', 'AT_RISK', 'REVOKED')`);
    await queryRunner.query(
      `CREATE TYPE "public"."psp_service_offering" AS ENUM('ASSESSMENT', 'MIGRATION', 'INTEGRATION', 'IMPLEMENTATION', 'OPTIMIZATION', 'SECURITY_COMPLIANCE')`,
    );
    await queryRunner.query(
      `CREATE TABLE "psp_designation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "partner_id" uuid NOT NULL, "status" "public"."psp_designation_status" NOT NULL DEFAULT 'COMPLIANT', "offerings" "public"."psp_service_offering" array NOT NULL DEFAULT '{}', "granted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "review_month" smallint NOT NULL, "next_review_due_on" date NOT NULL, "remediation_due_on" date, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "REL_4ffb9cbfd187ad26999a20e03d" UNIQUE ("partner_id"), CONSTRAINT "psp_at_risk_has_deadline" CHECK (status <> 'AT_RISK' OR remediation_due_on IS NOT NULL), CONSTRAINT "psp_review_month_range" CHECK (review_month BETWEEN 1 AND 12), CONSTRAINT "PK_36f7b49941d4ab2aa7eadc2824f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "psp_designation_partner_key" ON "psp_designation"  ("partner_id") `);
    await queryRunner.query(`CREATE INDEX "psp_designation_created_idx" ON "psp_designation"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "psp_designation_updated_idx" ON "psp_designation"  ("updated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "psp_designation_next_review_idx" ON "psp_designation"  ("next_review_due_on") `);
    await queryRunner.query(
      `CREATE TABLE "multi_phase_exception" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "sow_reference" character varying(200) NOT NULL, "reason" character varying(2000) NOT NULL, "granted_by" character varying(100) NOT NULL, "granted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a09411d1280ff1fe569a0fb5c45" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "multi_phase_exception_reference_idx" ON "multi_phase_exception"  ("sow_reference") `);
    await queryRunner.query(`CREATE TYPE "public"."service_qualification" AS ENUM('PENDING', 'APPROVED_REBATE_AND_PSP', 'ACCEPTED_PSP_ONLY', 'UNQUALIFIED')`);
    await queryRunner.query(
      `CREATE TABLE "service_registration" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "portal_external_id" character varying(100), "partner_id" uuid NOT NULL, "opportunity_id" uuid, "submitted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "qualification" "public"."service_qualification" NOT NULL DEFAULT 'PENDING', "qualification_rule_ids" text array NOT NULL DEFAULT '{}', "qualification_reasons" text array NOT NULL DEFAULT '{}', "qualified_at" TIMESTAMP(3) WITH TIME ZONE, "regulated_industry" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_5877a1959e5a59b7612b23a3b29" PRIMARY KEY ("id")); COMMENT ON COLUMN "service_registration"."opportunity_id" IS 'Null: no related license opportunity (R-SAR-06)'`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "service_registration_portal_external_id_key" ON "service_registration"  ("portal_external_id") `);
    await queryRunner.query(`CREATE INDEX "service_registration_created_idx" ON "service_registration"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "service_registration_updated_idx" ON "service_registration"  ("updated_at", "id") `);
    await queryRunner.query(`CREATE INDEX "service_registration_partner_idx" ON "service_registration"  ("partner_id", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "service_registration_opportunity_idx" ON "service_registration"  ("opportunity_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "service_registration_one_qualifying_per_opportunity" ON "service_registration"  ("opportunity_id") WHERE qualification IN ('APPROVED_REBATE_AND_PSP', 'ACCEPTED_PSP_ONLY')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."service_line_kind" AS ENUM('IMPLEMENTATION', 'INTEGRATION', 'OPTIMIZATION', 'MIGRATION', 'MANAGED_HOSTED', 'SECURITY_COMPLIANCE', 'ADOPTION', 'ASSESSMENT', 'TRANSFORMATION', 'APPLICATION_DEVELOPMENT', 'DEVSECOPS_AI', 'SUPPORT', 'SUCCESS_SERVICES', 'EDUCATION_TRAINING', 'GITLAB_PS_SUBCONTRACTING', 'NON_GITLAB', 'GITLAB_CE_WITHOUT_UPGRADE')`,
    );
    await queryRunner.query(
      `CREATE TABLE "service_line" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "registration_id" uuid NOT NULL, "kind" "public"."service_line_kind" NOT NULL, "description" character varying(1000), "free_of_charge" boolean NOT NULL DEFAULT false, "subcontracted" boolean NOT NULL DEFAULT false, "software_owned_by_partner" boolean NOT NULL DEFAULT false, "proof_of_execution" boolean NOT NULL DEFAULT false, "amount" numeric(14,2), "currency" character(3) NOT NULL DEFAULT 'USD', CONSTRAINT "PK_33963e88ff5a2bf335e5086c681" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "service_line_registration_idx" ON "service_line"  ("registration_id") `);
    await queryRunner.query(
      `CREATE TABLE "statement_of_work" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', "registration_id" uuid NOT NULL, "reference" character varying(200) NOT NULL, "customer_signed_on" date, "submitted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "fully_executed" boolean NOT NULL DEFAULT false, "customer_acknowledgement" boolean NOT NULL DEFAULT false, "paid" boolean NOT NULL DEFAULT true, "amount" numeric(14,2), "currency" character(3) NOT NULL DEFAULT 'USD', "multi_phase_exception_id" uuid, CONSTRAINT "REL_35852cf439b921237a6efdfe4f" UNIQUE ("registration_id"), CONSTRAINT "sow_amount_non_negative" CHECK (amount IS NULL OR amount >= 0), CONSTRAINT "PK_ff4e4c5d0acfcb2b7005c5033c5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "statement_of_work_registration_key" ON "statement_of_work"  ("registration_id") `);
    await queryRunner.query(`CREATE INDEX "statement_of_work_reference_idx" ON "statement_of_work"  ("reference") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "statement_of_work_reference_unique" ON "statement_of_work"  ("reference") WHERE multi_phase_exception_id IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "distributor" ADD CONSTRAINT "FK_58498d27763918c08f2466d7a8f" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "FK_466c829059540fb7567ddff9a8b" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "FK_070cc25e905389447710fd4a884" FOREIGN KEY ("distributor_id") REFERENCES "distributor"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "FK_a31896b1f319179f4bdd9f64e15" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "champion_nomination" ADD CONSTRAINT "FK_d76a8c903b3523c4c19674e3645" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "champion_nomination" ADD CONSTRAINT "FK_c70e43833a83a6fb08f918bf0d0" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "champion_activity" ADD CONSTRAINT "FK_f816f1611d6780977a4c9464811" FOREIGN KEY ("nomination_id") REFERENCES "champion_nomination"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "onboarding_task" ADD CONSTRAINT "FK_d8cbcd0e33d32686fcb7e76c69f" FOREIGN KEY ("nomination_id") REFERENCES "champion_nomination"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "compliance_review" ADD CONSTRAINT "FK_7ce6c6cec6ede51216554210074" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "compliance_finding" ADD CONSTRAINT "FK_814e196d043a4820ad42f45bde2" FOREIGN KEY ("review_id") REFERENCES "compliance_review"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer" ADD CONSTRAINT "FK_dc6b618078737298537da7251b0" FOREIGN KEY ("incumbent_partner_id") REFERENCES "partner"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "opportunity" ADD CONSTRAINT "FK_88f4c500e4361c525e88960666c" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "opportunity" ADD CONSTRAINT "FK_957d9d873217c84985adcf49062" FOREIGN KEY ("reseller_partner_id") REFERENCES "partner"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deal_registration" ADD CONSTRAINT "FK_70e197c80e076078ac9911328f6" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deal_registration" ADD CONSTRAINT "FK_c89c4f7beb4c56b26e32a6426c2" FOREIGN KEY ("opportunity_id") REFERENCES "opportunity"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "partner_distributor" ADD CONSTRAINT "FK_7cd37e595215ff83bdfa80144a7" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "partner_distributor" ADD CONSTRAINT "FK_ec8d40c9ef50e415fc33ffb33ac" FOREIGN KEY ("distributor_id") REFERENCES "distributor"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "nfr_license" ADD CONSTRAINT "FK_1a7ccce1df437eb751a5d7021ab" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "certification" ADD CONSTRAINT "FK_6c3b4552dc2209793e4e580612d" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "psp_designation" ADD CONSTRAINT "FK_4ffb9cbfd187ad26999a20e03da" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_registration" ADD CONSTRAINT "FK_88392cfd3be70781ce900ebd1c5" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_registration" ADD CONSTRAINT "FK_b3f002c1031534c4f71b8190e75" FOREIGN KEY ("opportunity_id") REFERENCES "opportunity"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_line" ADD CONSTRAINT "FK_db820b32766587610c956e338a0" FOREIGN KEY ("registration_id") REFERENCES "service_registration"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "statement_of_work" ADD CONSTRAINT "FK_35852cf439b921237a6efdfe4fd" FOREIGN KEY ("registration_id") REFERENCES "service_registration"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "statement_of_work" DROP CONSTRAINT "FK_35852cf439b921237a6efdfe4fd"`);
    await queryRunner.query(`ALTER TABLE "service_line" DROP CONSTRAINT "FK_db820b32766587610c956e338a0"`);
    await queryRunner.query(`ALTER TABLE "service_registration" DROP CONSTRAINT "FK_b3f002c1031534c4f71b8190e75"`);
    await queryRunner.query(`ALTER TABLE "service_registration" DROP CONSTRAINT "FK_88392cfd3be70781ce900ebd1c5"`);
    await queryRunner.query(`ALTER TABLE "psp_designation" DROP CONSTRAINT "FK_4ffb9cbfd187ad26999a20e03da"`);
    await queryRunner.query(`ALTER TABLE "certification" DROP CONSTRAINT "FK_6c3b4552dc2209793e4e580612d"`);
    await queryRunner.query(`ALTER TABLE "nfr_license" DROP CONSTRAINT "FK_1a7ccce1df437eb751a5d7021ab"`);
    await queryRunner.query(`ALTER TABLE "partner_distributor" DROP CONSTRAINT "FK_ec8d40c9ef50e415fc33ffb33ac"`);
    await queryRunner.query(`ALTER TABLE "partner_distributor" DROP CONSTRAINT "FK_7cd37e595215ff83bdfa80144a7"`);
    await queryRunner.query(`ALTER TABLE "deal_registration" DROP CONSTRAINT "FK_c89c4f7beb4c56b26e32a6426c2"`);
    await queryRunner.query(`ALTER TABLE "deal_registration" DROP CONSTRAINT "FK_70e197c80e076078ac9911328f6"`);
    await queryRunner.query(`ALTER TABLE "opportunity" DROP CONSTRAINT "FK_957d9d873217c84985adcf49062"`);
    await queryRunner.query(`ALTER TABLE "opportunity" DROP CONSTRAINT "FK_88f4c500e4361c525e88960666c"`);
    await queryRunner.query(`ALTER TABLE "customer" DROP CONSTRAINT "FK_dc6b618078737298537da7251b0"`);
    await queryRunner.query(`ALTER TABLE "compliance_finding" DROP CONSTRAINT "FK_814e196d043a4820ad42f45bde2"`);
    await queryRunner.query(`ALTER TABLE "compliance_review" DROP CONSTRAINT "FK_7ce6c6cec6ede51216554210074"`);
    await queryRunner.query(`ALTER TABLE "onboarding_task" DROP CONSTRAINT "FK_d8cbcd0e33d32686fcb7e76c69f"`);
    await queryRunner.query(`ALTER TABLE "champion_activity" DROP CONSTRAINT "FK_f816f1611d6780977a4c9464811"`);
    await queryRunner.query(`ALTER TABLE "champion_nomination" DROP CONSTRAINT "FK_c70e43833a83a6fb08f918bf0d0"`);
    await queryRunner.query(`ALTER TABLE "champion_nomination" DROP CONSTRAINT "FK_d76a8c903b3523c4c19674e3645"`);
    await queryRunner.query(`ALTER TABLE "person" DROP CONSTRAINT "FK_a31896b1f319179f4bdd9f64e15"`);
    await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "FK_070cc25e905389447710fd4a884"`);
    await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "FK_466c829059540fb7567ddff9a8b"`);
    await queryRunner.query(`ALTER TABLE "distributor" DROP CONSTRAINT "FK_58498d27763918c08f2466d7a8f"`);
    await queryRunner.query(`DROP INDEX "public"."statement_of_work_reference_unique"`);
    await queryRunner.query(`DROP INDEX "public"."statement_of_work_reference_idx"`);
    await queryRunner.query(`DROP INDEX "public"."statement_of_work_registration_key"`);
    await queryRunner.query(`DROP TABLE "statement_of_work"`);
    await queryRunner.query(`DROP INDEX "public"."service_line_registration_idx"`);
    await queryRunner.query(`DROP TABLE "service_line"`);
    await queryRunner.query(`DROP TYPE "public"."service_line_kind"`);
    await queryRunner.query(`DROP INDEX "public"."service_registration_one_qualifying_per_opportunity"`);
    await queryRunner.query(`DROP INDEX "public"."service_registration_opportunity_idx"`);
    await queryRunner.query(`DROP INDEX "public"."service_registration_partner_idx"`);
    await queryRunner.query(`DROP INDEX "public"."service_registration_updated_idx"`);
    await queryRunner.query(`DROP INDEX "public"."service_registration_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."service_registration_portal_external_id_key"`);
    await queryRunner.query(`DROP TABLE "service_registration"`);
    await queryRunner.query(`DROP TYPE "public"."service_qualification"`);
    await queryRunner.query(`DROP INDEX "public"."multi_phase_exception_reference_idx"`);
    await queryRunner.query(`DROP TABLE "multi_phase_exception"`);
    await queryRunner.query(`DROP INDEX "public"."psp_designation_next_review_idx"`);
    await queryRunner.query(`DROP INDEX "public"."psp_designation_updated_idx"`);
    await queryRunner.query(`DROP INDEX "public"."psp_designation_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."psp_designation_partner_key"`);
    await queryRunner.query(`DROP TABLE "psp_designation"`);
    await queryRunner.query(`DROP TYPE "public"."psp_service_offering"`);
    await queryRunner.query(`DROP TYPE "public"."psp_designation_status"`);
    await queryRunner.query(`DROP INDEX "public"."certification_person_idx"`);
    await queryRunner.query(`DROP INDEX "public"."certification_person_kind_earned_key"`);
    await queryRunner.query(`DROP TABLE "certification"`);
    await queryRunner.query(`DROP TYPE "public"."certification_kind"`);
    await queryRunner.query(`DROP INDEX "public"."nfr_license_partner_idx"`);
    await queryRunner.query(`DROP INDEX "public"."nfr_license_partner_product_idx"`);
    await queryRunner.query(`DROP INDEX "public"."nfr_license_updated_idx"`);
    await queryRunner.query(`DROP INDEX "public"."nfr_license_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."nfr_license_ends_idx"`);
    await queryRunner.query(`DROP INDEX "public"."nfr_license_portal_external_id_key"`);
    await queryRunner.query(`DROP TABLE "nfr_license"`);
    await queryRunner.query(`DROP TYPE "public"."nfr_license_status"`);
    await queryRunner.query(`DROP TYPE "public"."nfr_use"`);
    await queryRunner.query(`DROP TYPE "public"."nfr_product"`);
    await queryRunner.query(`DROP INDEX "public"."status_transition_entity_idx"`);
    await queryRunner.query(`DROP INDEX "public"."status_transition_partner_idx"`);
    await queryRunner.query(`DROP INDEX "public"."status_transition_sequence_key"`);
    await queryRunner.query(`DROP TABLE "status_transition"`);
    await queryRunner.query(`DROP INDEX "public"."partner_distributor_key"`);
    await queryRunner.query(`DROP INDEX "public"."partner_distributor_distributor_idx"`);
    await queryRunner.query(`DROP TABLE "partner_distributor"`);
    await queryRunner.query(`DROP INDEX "public"."deal_registration_one_approved_per_opportunity"`);
    await queryRunner.query(`DROP INDEX "public"."deal_registration_opportunity_idx"`);
    await queryRunner.query(`DROP INDEX "public"."deal_registration_partner_idx"`);
    await queryRunner.query(`DROP INDEX "public"."deal_registration_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."deal_registration_updated_idx"`);
    await queryRunner.query(`DROP INDEX "public"."deal_registration_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."deal_registration_portal_external_id_key"`);
    await queryRunner.query(`DROP TABLE "deal_registration"`);
    await queryRunner.query(`DROP TYPE "public"."deal_registration_status"`);
    await queryRunner.query(`DROP TYPE "public"."deal_program_type"`);
    await queryRunner.query(`DROP INDEX "public"."opportunity_customer_idx"`);
    await queryRunner.query(`DROP INDEX "public"."opportunity_reseller_idx"`);
    await queryRunner.query(`DROP INDEX "public"."opportunity_updated_idx"`);
    await queryRunner.query(`DROP INDEX "public"."opportunity_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."opportunity_stage_idx"`);
    await queryRunner.query(`DROP INDEX "public"."opportunity_external_id_key"`);
    await queryRunner.query(`DROP TABLE "opportunity"`);
    await queryRunner.query(`DROP TYPE "public"."opportunity_kind"`);
    await queryRunner.query(`DROP TYPE "public"."opportunity_stage"`);
    await queryRunner.query(`DROP INDEX "public"."customer_updated_idx"`);
    await queryRunner.query(`DROP INDEX "public"."customer_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."customer_incumbent_partner_idx"`);
    await queryRunner.query(`DROP INDEX "public"."customer_crm_account_id_key"`);
    await queryRunner.query(`DROP TABLE "customer"`);
    await queryRunner.query(`DROP INDEX "public"."compliance_finding_review_idx"`);
    await queryRunner.query(`DROP TABLE "compliance_finding"`);
    await queryRunner.query(`DROP INDEX "public"."compliance_review_partner_idx"`);
    await queryRunner.query(`DROP INDEX "public"."compliance_review_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."compliance_review_updated_idx"`);
    await queryRunner.query(`DROP INDEX "public"."compliance_review_created_idx"`);
    await queryRunner.query(`DROP TABLE "compliance_review"`);
    await queryRunner.query(`DROP TYPE "public"."compliance_review_status"`);
    await queryRunner.query(`DROP TYPE "public"."compliance_review_kind"`);
    await queryRunner.query(`DROP INDEX "public"."onboarding_task_nomination_kind_key"`);
    await queryRunner.query(`DROP TABLE "onboarding_task"`);
    await queryRunner.query(`DROP TYPE "public"."onboarding_task_kind"`);
    await queryRunner.query(`DROP INDEX "public"."champion_activity_nomination_idx"`);
    await queryRunner.query(`DROP TABLE "champion_activity"`);
    await queryRunner.query(`DROP TYPE "public"."champion_activity_kind"`);
    await queryRunner.query(`DROP INDEX "public"."champion_nomination_one_open_per_person"`);
    await queryRunner.query(`DROP INDEX "public"."champion_nomination_partner_idx"`);
    await queryRunner.query(`DROP INDEX "public"."champion_nomination_updated_idx"`);
    await queryRunner.query(`DROP INDEX "public"."champion_nomination_created_idx"`);
    await queryRunner.query(`DROP TABLE "champion_nomination"`);
    await queryRunner.query(`DROP TYPE "public"."champion_nomination_status"`);
    await queryRunner.query(`DROP INDEX "public"."person_partner_idx"`);
    await queryRunner.query(`DROP INDEX "public"."person_updated_idx"`);
    await queryRunner.query(`DROP INDEX "public"."person_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."person_partner_email_key"`);
    await queryRunner.query(`DROP INDEX "public"."person_portal_external_id_key"`);
    await queryRunner.query(`DROP TABLE "person"`);
    await queryRunner.query(`DROP INDEX "public"."api_key_hash_key"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
    await queryRunner.query(`DROP TYPE "public"."role"`);
    await queryRunner.query(`DROP INDEX "public"."distributor_name_key"`);
    await queryRunner.query(`DROP INDEX "public"."distributor_partner_key"`);
    await queryRunner.query(`DROP TABLE "distributor"`);
    await queryRunner.query(`DROP TYPE "public"."distributor_kind"`);
    await queryRunner.query(`DROP INDEX "public"."partner_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."partner_updated_idx"`);
    await queryRunner.query(`DROP INDEX "public"."partner_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."partner_territory_idx"`);
    await queryRunner.query(`DROP INDEX "public"."partner_crm_account_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."partner_portal_external_id_key"`);
    await queryRunner.query(`DROP TABLE "partner"`);
    await queryRunner.query(`DROP TYPE "public"."agreement_kind"`);
    await queryRunner.query(`DROP TYPE "public"."territory"`);
    await queryRunner.query(`DROP TYPE "public"."partner_lifecycle_status"`);
    await queryRunner.query(`DROP TYPE "public"."partner_track"`);
    await queryRunner.query(`DROP TYPE "public"."alliance_type"`);
    await queryRunner.query(`DROP TYPE "public"."partner_category"`);
  }
}
