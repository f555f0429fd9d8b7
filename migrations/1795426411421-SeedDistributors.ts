import { MigrationInterface, QueryRunner } from 'typeorm';

/** R-DIST-01: the program's distributors and marketplaces exist in every database from the start. */
const DISTRIBUTORS: Array<[name: string, kind: string, territories: string[], alternative: boolean, email: string | null]> = [
  ['Climb CS', 'DISTRIBUTOR', ['NORTH_AMERICA'], false, 'sales@climbcs.com'],
  ['Amazic', 'DISTRIBUTOR', ['EMEA'], false, 'gitlab@amazic.com'],
  ['Networld', 'DISTRIBUTOR', ['JAPAN'], false, 'gitlab-info@networld.co.jp'],
  ['SB C&S', 'DISTRIBUTOR', ['JAPAN'], false, null],
  ['TD Synnex', 'DISTRIBUTOR', ['APAC'], false, 'GitLab.APJ@techdata.com'],
  ['Redington', 'DISTRIBUTOR', ['INDIA'], true, 'gitlab@redington.co.in'],
  ['Get On Technology', 'DISTRIBUTOR', ['THAILAND'], true, 'gitlab@got.co.th'],
  ['Carahsoft', 'DISTRIBUTOR', ['US_PUBSEC'], false, 'gitlab@carahsoft.com'],
  ['AWS Marketplace (CPPO)', 'MARKETPLACE', [], false, null],
  ['Google Cloud Marketplace (MCPO)', 'MARKETPLACE', [], false, null],
];

export class SeedDistributors1795426411421 implements MigrationInterface {
  name = 'SeedDistributors1795426411421';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, kind, territories, alternative, email] of DISTRIBUTORS) {
      await queryRunner.query(
        `INSERT INTO "distributor" ("name", "kind", "territories", "alternative", "active", "contact_email")
         VALUES ($1, $2, $3::territory[], $4, true, $5) ON CONFLICT ("name") DO NOTHING`,
        [name, kind, territories, alternative, email],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "distributor" WHERE "name" = ANY($1)`, [DISTRIBUTORS.map(([name]) => name)]);
  }
}
