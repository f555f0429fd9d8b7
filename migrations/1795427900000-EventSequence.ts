import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Event sequence numbers in commit order, without gaps (R-EVT-01). A transaction that records a
 * status change takes the next number from a single counter row; the row lock it holds until
 * commit makes sequence order equal commit order, and a rollback undoes the increment. A trigger
 * NOTIFYs every listener of each new event — PostgreSQL delivers it only if the insert commits.
 */
export class EventSequence1795427900000 implements MigrationInterface {
  name = 'EventSequence1795427900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "event_sequence" (
      "id" smallint PRIMARY KEY CHECK ("id" = 1),
      "last_value" bigint NOT NULL,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now())`);
    await queryRunner.query(`INSERT INTO "event_sequence" ("id", "last_value") SELECT 1, COALESCE(max("sequence"), 0) FROM "status_transition"`);
    await queryRunner.query(`ALTER TABLE "status_transition" ALTER COLUMN "sequence" DROP DEFAULT`);
    await queryRunner.query(`DROP SEQUENCE IF EXISTS "status_transition_sequence_seq"`);
    await queryRunner.query(`CREATE FUNCTION "notify_status_transition"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('prm_status_transition', NEW."sequence"::text); RETURN NEW; END $$`);
    await queryRunner.query(`CREATE TRIGGER "status_transition_notify" AFTER INSERT ON "status_transition"
      FOR EACH ROW EXECUTE FUNCTION "notify_status_transition"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "status_transition_notify" ON "status_transition"`);
    await queryRunner.query(`DROP FUNCTION "notify_status_transition"()`);
    await queryRunner.query(`CREATE SEQUENCE "status_transition_sequence_seq" OWNED BY "status_transition"."sequence"`);
    await queryRunner.query(`SELECT setval('status_transition_sequence_seq', (SELECT "last_value" FROM "event_sequence"))`);
    await queryRunner.query(`ALTER TABLE "status_transition" ALTER COLUMN "sequence" SET DEFAULT nextval('status_transition_sequence_seq')`);
    await queryRunner.query(`DROP TABLE "event_sequence"`);
  }
}
