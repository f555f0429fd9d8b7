import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R-CHAMP-03 (revised 2026-12-01) counts a champion's expected outputs from its activation: the
 * instant it became ACTIVE is kept on the nomination, taken for existing champions from the
 * decision history.
 */
export class ChampionActivation1795428470000 implements MigrationInterface {
  name = 'ChampionActivation1795428470000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "champion_nomination" ADD "activated_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "champion_nomination" n SET "activated_at" = a."at"
      FROM (SELECT "entity_id", min("occurred_at") AS "at" FROM "status_transition"
            WHERE "entity_type" = 'ChampionNomination' AND "to_status" = 'ACTIVE' GROUP BY "entity_id") a
      WHERE a."entity_id" = n."id"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "champion_nomination" DROP COLUMN "activated_at"`);
  }
}
