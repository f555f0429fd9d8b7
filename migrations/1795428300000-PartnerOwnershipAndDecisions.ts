import { MigrationInterface, QueryRunner } from 'typeorm';

/** Child tables that belong to a partner through their parent: [table, parent table, parent key column]. */
const OWNED_CHILDREN: Array<[string, string, string]> = [
  ['certification', 'person', 'person_id'],
  ['statement_of_work', 'service_registration', 'registration_id'],
  ['service_line', 'service_registration', 'registration_id'],
  ['onboarding_task', 'champion_nomination', 'nomination_id'],
  ['champion_activity', 'champion_nomination', 'nomination_id'],
  ['compliance_finding', 'compliance_review', 'review_id'],
];

/**
 * Every partner-owned row carries its partner, so the access policy decides who may read it from
 * the row itself (no walk up the parents, no query per row) and lists scope by one indexed column.
 * A BEFORE INSERT trigger copies it from the parent, so no writer can get it wrong. The decision
 * history also records the unmet conditions and, for relayed decisions, who decided (R-DEAL-06).
 */
export class PartnerOwnershipAndDecisions1795428300000 implements MigrationInterface {
  name = 'PartnerOwnershipAndDecisions1795428300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, parent, parentKey] of OWNED_CHILDREN) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "partner_id" uuid`);
      await queryRunner.query(`UPDATE "${table}" t SET "partner_id" = p."partner_id" FROM "${parent}" p WHERE p."id" = t."${parentKey}"`);
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "partner_id" SET NOT NULL`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${table}_partner_fk" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE RESTRICT`,
      );
      await queryRunner.query(`CREATE INDEX "${table}_partner_idx" ON "${table}" ("partner_id", "created_at", "id")`);
      await queryRunner.query(`CREATE FUNCTION "${table}_partner_from_parent"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          SELECT p."partner_id" INTO NEW."partner_id" FROM "${parent}" p WHERE p."id" = NEW."${parentKey}";
          RETURN NEW;
        END $$`);
      await queryRunner.query(
        `CREATE TRIGGER "${table}_partner_from_parent" BEFORE INSERT OR UPDATE OF "${parentKey}" ON "${table}" FOR EACH ROW EXECUTE FUNCTION "${table}_partner_from_parent"()`,
      );
    }
    await queryRunner.query(`ALTER TABLE "status_transition" ADD "decided_by_id" character varying(200), ADD "decided_by_role" character varying(40)`);
    await queryRunner.query(`ALTER TABLE "status_transition" ADD "unmet" jsonb NOT NULL DEFAULT '[]'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "status_transition" DROP COLUMN "unmet", DROP COLUMN "decided_by_role", DROP COLUMN "decided_by_id"`);
    for (const [table] of [...OWNED_CHILDREN].reverse()) {
      await queryRunner.query(`DROP TRIGGER "${table}_partner_from_parent" ON "${table}"`);
      await queryRunner.query(`DROP FUNCTION "${table}_partner_from_parent"()`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "partner_id"`);
    }
  }
}
