import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One token bucket per API key for the cost-based rate limit, shared by every server instance.
 * Each request refills and spends its bucket in a single INSERT … ON CONFLICT DO UPDATE … RETURNING,
 * so concurrent requests on any instance serialise on the row and never overspend.
 */
export class RateLimits1795428000000 implements MigrationInterface {
  name = 'RateLimits1795428000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "rate_limit_bucket" (
      "api_key_id" uuid PRIMARY KEY REFERENCES "api_key" ("id") ON DELETE CASCADE,
      "points" double precision NOT NULL,
      "refilled_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "last_granted" boolean NOT NULL)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limit_bucket"`);
  }
}
