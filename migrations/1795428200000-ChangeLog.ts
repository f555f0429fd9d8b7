import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables the `changes` feed covers: GraphQL type, and how a row finds its partner (for scope). */
const TRACKED: Array<[table: string, type: string, partner: 'self' | 'column' | 'person' | 'none']> = [
  ['partner', 'Partner', 'self'],
  ['person', 'Person', 'column'],
  ['certification', 'Certification', 'person'],
  ['customer', 'Customer', 'none'],
  ['opportunity', 'Opportunity', 'none'],
  ['deal_registration', 'DealRegistration', 'column'],
  ['service_registration', 'ServiceRegistration', 'column'],
  ['nfr_license', 'NfrLicense', 'column'],
  ['psp_designation', 'PspDesignation', 'column'],
  ['champion_nomination', 'ChampionNomination', 'column'],
  ['compliance_review', 'ComplianceReview', 'column'],
];

/**
 * A change log for incremental sync, with tombstones: every insert, update and delete of a
 * tracked row is logged by a trigger with its transaction id. The feed serves only changes of
 * transactions older than the oldest one still running, ordered by (txid, id), so a change that
 * commits later always sorts after any cursor already handed out: a resumed sync misses nothing,
 * and writers are not serialized.
 */
export class ChangeLog1795428200000 implements MigrationInterface {
  name = 'ChangeLog1795428200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "change_log" (
      "id" bigserial PRIMARY KEY,
      "txid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
      "entity_type" varchar(40) NOT NULL,
      "entity_id" uuid NOT NULL,
      "partner_id" uuid,
      "operation" char(1) NOT NULL CHECK ("operation" IN ('I', 'U', 'D')),
      "changed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp())`);
    await queryRunner.query(`CREATE INDEX "change_log_order_idx" ON "change_log" ("txid", "id")`);
    await queryRunner.query(`CREATE INDEX "change_log_partner_idx" ON "change_log" ("partner_id", "txid", "id")`);
    await queryRunner.query(`CREATE FUNCTION "log_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE r record; owner uuid;
      BEGIN
        IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
        -- One statement per branch: plpgsql resolves r.partner_id only where the table has it.
        IF TG_ARGV[1] = 'self' THEN owner := r.id;
        ELSIF TG_ARGV[1] = 'column' THEN owner := r.partner_id;
        ELSIF TG_ARGV[1] = 'person' THEN SELECT p.partner_id INTO owner FROM person p WHERE p.id = r.person_id;
        END IF;
        INSERT INTO change_log (entity_type, entity_id, partner_id, operation) VALUES (TG_ARGV[0], r.id, owner, left(TG_OP, 1));
        RETURN NULL;
      END $$`);
    for (const [table, type, partner] of TRACKED) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_change_log" AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "log_change"('${type}', '${partner}')`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of TRACKED) await queryRunner.query(`DROP TRIGGER "${table}_change_log" ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION "log_change"()`);
    await queryRunner.query(`DROP TABLE "change_log"`);
  }
}
