import type { DataSource } from 'typeorm';

/** Row count of every table: compare before and after a refused mutation to prove nothing stayed (but its audit entry, which must, and the key's rate-limit bucket). */
export async function rowCounts(ds: DataSource): Promise<Record<string, number>> {
  const tables: Array<{ table_name: string }> = await ds.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('schema_migrations', 'api_key', 'audit_entry', 'rate_limit_bucket') ORDER BY table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM "${table_name}"`);
    counts[table_name] = count;
  }
  return counts;
}
