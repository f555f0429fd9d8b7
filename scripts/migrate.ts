import 'reflect-metadata';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/config/logger';
import { createRegistry } from '../src/modules';
import { createDataSource } from '../src/db/data-source';

/** Applies pending migrations to DATABASE_URL (the server also does so at start-up unless MIGRATE_ON_START=false). */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new Error('Set DATABASE_URL');
  const dataSource = createDataSource({ entities: createRegistry().entities, url: config.DATABASE_URL, poolSize: 1, logger: createLogger(config) });
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  console.log(applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}` : 'no pending migrations');
  await dataSource.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
